/**
 * Reads the partition offset an overlay installer declares in its Go source:
 * `overlay.PartitionOptions{ Offset: 2048 * 10 }` in `GetOptions` (the overlay installer
 * interface, siderolabs/talos pkg/machinery/overlay/overlay.go @ v1.10.6:
 * `PartitionOptions struct { Offset uint64 }`, in LBAs).
 *
 * The expression may use integer literals (decimal, hex, `_` separators), `+ - * / <<`,
 * parentheses and constants declared in the same package (`const x = …`, `const ( … )`,
 * with or without a type). Anything else is reported, not guessed.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, posix } from 'path';

/** The offset found in the installer source, or why it could not be read. */
export interface InstallerOffset {
  /** Repository-relative posix path of the Go file. */
  readonly file: string;
  readonly line: number;
  readonly expression: string;
  /** The value in LBAs, when the expression could be evaluated. */
  readonly value?: number;
  /** Why it could not be evaluated. */
  readonly error?: string;
}

/** Finds `PartitionOptions{ … Offset: … }` in the non-test Go files under `dir`. */
export function findInstallerOffset(root: string, dir: string): InstallerOffset | undefined {
  const files = goFiles(root, dir);
  const constants = new Map<string, string>();
  for (const file of files) {
    collectConstants(readFileSync(join(root, file), 'utf8'), constants);
  }
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    const match = /PartitionOptions\s*\{[^}]*?\bOffset\s*:\s*([^,\n}]+)/.exec(text);
    if (!match) {
      continue;
    }
    const expression = match[1].replace(/\/\/.*$/, '').trim();
    const line = text.slice(0, match.index + match[0].length).split('\n').length;
    try {
      return { file, line, expression, value: evaluate(expression, constants, new Set()) };
    } catch (e) {
      return { file, line, expression, error: (e as Error).message };
    }
  }
  return undefined;
}

function goFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(root, rel)).sort()) {
      const child = posix.join(rel, entry);
      if (statSync(join(root, child)).isDirectory()) {
        if (!entry.startsWith('.') && entry !== 'vendor') {
          walk(child);
        }
      } else if (entry.endsWith('.go') && !entry.endsWith('_test.go')) {
        out.push(child);
      }
    }
  };
  walk(dir);
  return out;
}

function collectConstants(text: string, into: Map<string, string>): void {
  const strip = (s: string) => s.replace(/\/\/.*$/, '').trim();
  for (const block of text.matchAll(/\bconst\s*\(([\s\S]*?)\)/g)) {
    for (const raw of block[1].split('\n')) {
      const m = /^\s*([A-Za-z_]\w*)(?:\s+[A-Za-z_][\w.]*)?\s*=\s*(.+)$/.exec(strip(raw));
      if (m) {
        into.set(m[1], m[2].trim());
      }
    }
  }
  for (const m of text.matchAll(/^\s*const\s+([A-Za-z_]\w*)(?:\s+[A-Za-z_][\w.]*)?\s*=\s*(.+)$/gm)) {
    into.set(m[1], strip(m[2]));
  }
}

/** Evaluates a constant integer expression (BigInt-free: results must be safe integers). */
function evaluate(expression: string, constants: Map<string, string>, seen: Set<string>): number {
  const tokens = expression.match(/0[xX][0-9a-fA-F_]+|\d[\d_]*|[A-Za-z_][\w.]*|<<|[-+*/()]|\S/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const primary = (): number => {
    const t = next();
    if (t === undefined) {
      throw new Error(`"${expression}" ends early`);
    }
    if (t === '(') {
      const v = sum();
      if (next() !== ')') {
        throw new Error(`"${expression}" has an unclosed "("`);
      }
      return v;
    }
    if (t === '-') {
      return -primary();
    }
    if (/^0[xX]/.test(t)) {
      return parseInt(t.slice(2).replace(/_/g, ''), 16);
    }
    if (/^\d/.test(t)) {
      return parseInt(t.replace(/_/g, ''), 10);
    }
    if (/^[A-Za-z_]/.test(t)) {
      // a conversion such as uint64(…) keeps the value
      if (peek() === '(' && /^u?int(8|16|32|64)?$/.test(t)) {
        next();
        const v = sum();
        if (next() !== ')') {
          throw new Error(`"${expression}" has an unclosed "("`);
        }
        return v;
      }
      const value = constants.get(t);
      if (value === undefined || seen.has(t)) {
        throw new Error(`"${t}" is not an integer constant of the installer package`);
      }
      return evaluate(value, constants, new Set([...seen, t]));
    }
    throw new Error(`"${t}" is not supported in "${expression}"`);
  };
  const product = (): number => {
    let v = primary();
    while (peek() === '*' || peek() === '/' || peek() === '<<') {
      const op = next();
      const r = primary();
      v = op === '*' ? v * r : op === '/' ? Math.trunc(v / r) : v * 2 ** r;
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (peek() === '+' || peek() === '-') {
      const op = next();
      const r = product();
      v = op === '+' ? v + r : v - r;
    }
    return v;
  };
  const value = sum();
  if (i < tokens.length) {
    throw new Error(`"${tokens[i]}" is not supported in "${expression}"`);
  }
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`"${expression}" is not a whole number of LBAs`);
  }
  return value;
}

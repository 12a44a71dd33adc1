/**
 * A renderer for the subset of Go `text/template` that bldr applies to `pkg.yaml` and
 * `vars.yaml` before it parses them as YAML (siderolabs/bldr
 * internal/pkg/types/v1alpha2/pkg.go `NewPkg` and internal/pkg/types/vars.go @ v0.3.0:
 * `template.New(...).Funcs(sprig.HermeticTxtFuncMap()).Parse(...)`, executed over a
 * `map[string]string`).
 *
 * Supported (everything the siderolabs overlays and jhuynh08/nanopi-m6 use):
 * - `{{ .NAME }}`: the variable's value. A variable that is not set renders as
 *   `<no value>`, as Go's template does for a missing map key (missingkey=default), and is
 *   reported as a missing read.
 * - `{{ "text" }}`: a string literal.
 * - `{{ if C }}`, `{{ else if C }}`, `{{ else }}`, `{{ end }}`, where C is `.NAME`,
 *   `not .NAME`, `eq A B` or `ne A B` (A, B: `.NAME` or a string literal). A missing
 *   variable is false in `if`; `eq` with a missing variable is false and `ne` true
 *   (Go text/template funcs.go `eq`: a zero Value compares unequal without error, go1.19+).
 *   Reads inside a condition are never missing reads: a condition is how a template makes
 *   a build arg optional.
 * - `{{ default "x" .NAME }}` and `{{ .NAME | default "x" }}` (sprig `default`): the
 *   value, or "x" when it is empty or missing.
 * - Comments `{{/* ... *\/}}` and the trim markers `{{- ` and ` -}}`.
 *
 * Anything else (`range`, `with`, `define`, `template`, `block`, variables `$x`, other
 * functions, parentheses) is reported as unsupported with its line, rendered as nothing
 * (a block's body is rendered once), and never counted as a pass.
 */

/** A variable read that rendered `<no value>`. */
export interface MissingRead {
  readonly name: string;
  /** 1-based source line. */
  readonly line: number;
}

/** An action outside the supported subset. */
export interface UnsupportedAction {
  readonly action: string;
  readonly line: number;
}

/** A template that Go's parser would reject (bldr then fails to load the file). */
export interface TemplateSyntaxError {
  readonly message: string;
  readonly line: number;
}

/** The rendered text with a map back to source lines, and what was found on the way. */
export interface RenderedTemplate {
  readonly text: string;
  /** `sourceLines[i]` is the 1-based source line of rendered line `i` (0-based). */
  readonly sourceLines: number[];
  readonly missing: MissingRead[];
  readonly unsupported: UnsupportedAction[];
  readonly syntaxErrors: TemplateSyntaxError[];
  /** Every variable name the template reads anywhere (any branch, conditions included). */
  readonly reads: Set<string>;
}

type Node =
  | { kind: 'text'; text: string; offset: number }
  | { kind: 'action'; expr: string; offset: number; line: number }
  | { kind: 'if'; branches: Array<{ cond?: string; line: number; body: Node[] }> }
  | { kind: 'block'; body: Node[] };

const IDENT = /^\.([A-Za-z_][A-Za-z0-9_]*)$/;
const STRING = /^"(?:[^"\\]|\\.)*"$/;
const BLOCK_KEYWORDS = ['range', 'with', 'define', 'block'];

/** Renders `source` over `context` (variable name → value). */
export function renderTemplate(source: string, context: ReadonlyMap<string, string>): RenderedTemplate {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\n') {
      lineStarts.push(i + 1);
    }
  }
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi + 1) / 2);
      if (lineStarts[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo + 1;
  };

  const syntaxErrors: TemplateSyntaxError[] = [];
  const unsupported: UnsupportedAction[] = [];
  const reads = new Set<string>();

  // 1. Lex into text and actions, applying trim markers.
  const flat: Array<{ kind: 'text'; text: string; offset: number } | { kind: 'action'; expr: string; offset: number; line: number }> = [];
  let pos = 0;
  let trimNext = false;
  while (pos <= source.length) {
    const open = source.indexOf('{{', pos);
    let text = source.slice(pos, open < 0 ? source.length : open);
    let textOffset = pos;
    if (trimNext) {
      const trimmed = text.replace(/^\s+/, '');
      textOffset += text.length - trimmed.length;
      text = trimmed;
    }
    if (open < 0) {
      flat.push({ kind: 'text', text, offset: textOffset });
      break;
    }
    let innerStart = open + 2;
    if (source.startsWith('- ', innerStart) || source.startsWith('-\t', innerStart) || source.startsWith('-\n', innerStart)) {
      text = text.replace(/\s+$/, '');
      innerStart += 1;
    }
    flat.push({ kind: 'text', text, offset: textOffset });
    const isComment = source.slice(innerStart).trimStart().startsWith('/*');
    const close = isComment ? source.indexOf('*/', innerStart) : source.indexOf('}}', innerStart);
    const closeAt = isComment && close >= 0 ? source.indexOf('}}', close) : close;
    if (closeAt < 0) {
      syntaxErrors.push({ message: 'unclosed action ("{{" without "}}")', line: lineOf(open) });
      break;
    }
    let inner = source.slice(innerStart, closeAt);
    trimNext = /\s-$/.test(inner);
    if (trimNext) {
      inner = inner.slice(0, -1);
    }
    const expr = inner.trim();
    if (!expr.startsWith('/*')) {
      flat.push({ kind: 'action', expr, offset: open, line: lineOf(open) });
    }
    pos = closeAt + 2;
  }

  // 2. Build the if/else/end tree.
  const root: Node[] = [];
  const stack: Array<{ body: Node[]; node?: Extract<Node, { kind: 'if' }> | Extract<Node, { kind: 'block' }>; line: number }> = [{ body: root, line: 0 }];
  for (const item of flat) {
    const top = stack[stack.length - 1];
    if (item.kind === 'text') {
      top.body.push(item);
      continue;
    }
    const [keyword] = item.expr.split(/\s+/, 1);
    if (!isSupported(item.expr)) {
      unsupported.push({ action: item.expr, line: item.line });
    }
    if (keyword === 'if') {
      const node: Extract<Node, { kind: 'if' }> = { kind: 'if', branches: [{ cond: item.expr.slice(2).trim(), line: item.line, body: [] }] };
      top.body.push(node);
      stack.push({ body: node.branches[0].body, node, line: item.line });
    } else if (keyword === 'else') {
      if (!top.node) {
        syntaxErrors.push({ message: 'unexpected {{ else }}', line: item.line });
        continue;
      }
      if (top.node.kind !== 'if') {
        // else of range/with: render nothing for it (unsupported already reported)
        const sink: Node[] = [];
        top.body = sink;
        continue;
      }
      const rest = item.expr.slice(4).trim();
      const cond = rest.startsWith('if ') ? rest.slice(3).trim() : rest.length === 0 ? undefined : rest;
      const branch = { cond, line: item.line, body: [] as Node[] };
      top.node.branches.push(branch);
      top.body = branch.body;
    } else if (keyword === 'end') {
      if (!top.node) {
        syntaxErrors.push({ message: 'unexpected {{ end }}', line: item.line });
        continue;
      }
      stack.pop();
    } else if (BLOCK_KEYWORDS.includes(keyword)) {
      const node: Extract<Node, { kind: 'block' }> = { kind: 'block', body: [] };
      top.body.push(node);
      stack.push({ body: node.body, node, line: item.line });
    } else {
      top.body.push(item);
    }
  }
  for (const open of stack.slice(1)) {
    syntaxErrors.push({ message: 'unclosed action block (no matching {{ end }})', line: open.line });
  }

  // 3. Render.
  let out = '';
  const sourceLines = [1];
  const missing: MissingRead[] = [];
  const emitSource = (text: string, offset: number) => {
    let line = lineOf(offset);
    if (sourceLines.length === 1 && out.length === 0) {
      sourceLines[0] = line;
    }
    for (const ch of text) {
      out += ch;
      if (ch === '\n') {
        line++;
        sourceLines.push(line);
      }
    }
  };
  const emitValue = (text: string, line: number) => {
    if (out.length === 0) {
      sourceLines[0] = line;
    }
    for (const ch of text) {
      out += ch;
      if (ch === '\n') {
        sourceLines.push(line);
      }
    }
  };
  const lookup = (name: string): string | undefined => (context.has(name) ? context.get(name) : undefined);
  const operand = (token: string): { value: string | undefined; ok: boolean } => {
    const ident = IDENT.exec(token);
    if (ident) {
      reads.add(ident[1]);
      return { value: lookup(ident[1]), ok: true };
    }
    if (STRING.test(token)) {
      return { value: JSON.parse(token), ok: true };
    }
    return { value: undefined, ok: false };
  };
  const condition = (cond: string): boolean => {
    const tokens = tokenize(cond);
    if (tokens.length === 1) {
      const v = operand(tokens[0]);
      return v.value !== undefined && v.value !== '';
    }
    if (tokens.length === 2 && tokens[0] === 'not') {
      const v = operand(tokens[1]);
      return !(v.value !== undefined && v.value !== '');
    }
    if (tokens.length === 3 && (tokens[0] === 'eq' || tokens[0] === 'ne')) {
      const a = operand(tokens[1]);
      const b = operand(tokens[2]);
      const equal = a.value !== undefined && b.value !== undefined && a.value === b.value;
      return tokens[0] === 'eq' ? equal : !equal;
    }
    return false;
  };
  const evaluate = (expr: string, line: number): string => {
    const tokens = tokenize(expr);
    const ident = tokens.length === 1 ? IDENT.exec(tokens[0]) : null;
    if (ident) {
      reads.add(ident[1]);
      const value = lookup(ident[1]);
      if (value === undefined) {
        missing.push({ name: ident[1], line });
        return '<no value>';
      }
      return value;
    }
    if (tokens.length === 1 && STRING.test(tokens[0])) {
      return JSON.parse(tokens[0]);
    }
    // default "x" .NAME  |  .NAME | default "x"
    let fallback: string | undefined;
    let name: string | undefined;
    if (tokens.length === 3 && tokens[0] === 'default' && STRING.test(tokens[1]) && IDENT.test(tokens[2])) {
      fallback = JSON.parse(tokens[1]);
      name = IDENT.exec(tokens[2])![1];
    } else if (tokens.length === 4 && IDENT.test(tokens[0]) && tokens[1] === '|' && tokens[2] === 'default' && STRING.test(tokens[3])) {
      fallback = JSON.parse(tokens[3]);
      name = IDENT.exec(tokens[0])![1];
    }
    if (name !== undefined && fallback !== undefined) {
      reads.add(name);
      const value = lookup(name);
      return value === undefined || value === '' ? fallback : value;
    }
    for (const token of tokens) {
      const m = /\.([A-Za-z_][A-Za-z0-9_]*)/.exec(token);
      if (m) {
        reads.add(m[1]);
      }
    }
    return '';
  };
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      if (node.kind === 'text') {
        emitSource(node.text, node.offset);
      } else if (node.kind === 'action') {
        emitValue(evaluate(node.expr, node.line), node.line);
      } else if (node.kind === 'block') {
        walk(node.body);
      } else {
        const taken = node.branches.find((b) => b.cond === undefined || condition(b.cond));
        if (taken) {
          walk(taken.body);
        }
        // record the names read in branches not taken (conditions and bodies), for "passed but never read"
        for (const b of node.branches) {
          if (b !== taken) {
            collectReads(b.body, reads);
            if (b.cond) {
              for (const m of b.cond.matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)/g)) {
                reads.add(m[1]);
              }
            }
          }
        }
      }
    }
  };
  walk(root);
  return { text: out, sourceLines, missing, unsupported, syntaxErrors, reads };
}

/** Whether an action is in the supported subset (see the module doc). */
function isSupported(expr: string): boolean {
  const tokens = tokenize(expr);
  const operandOk = (t: string | undefined) => t !== undefined && (IDENT.test(t) || STRING.test(t));
  const conditionOk = (c: string[]) => (c.length === 1 && IDENT.test(c[0]))
    || (c.length === 2 && c[0] === 'not' && IDENT.test(c[1]))
    || (c.length === 3 && (c[0] === 'eq' || c[0] === 'ne') && operandOk(c[1]) && operandOk(c[2]));
  if (tokens[0] === 'if') {
    return conditionOk(tokens.slice(1));
  }
  if (tokens[0] === 'else') {
    return tokens.length === 1 || (tokens[1] === 'if' && conditionOk(tokens.slice(2)));
  }
  if (tokens[0] === 'end') {
    return tokens.length === 1;
  }
  return (tokens.length === 1 && operandOk(tokens[0]))
    || (tokens.length === 3 && tokens[0] === 'default' && STRING.test(tokens[1]) && IDENT.test(tokens[2]))
    || (tokens.length === 4 && IDENT.test(tokens[0]) && tokens[1] === '|' && tokens[2] === 'default' && STRING.test(tokens[3]));
}

/** Splits an action into tokens: string literals, `|`, and words. */
function tokenize(expr: string): string[] {
  return expr.match(/"(?:[^"\\]|\\.)*"|\||[^\s|]+/g) ?? [];
}

function collectReads(nodes: Node[], reads: Set<string>): void {
  for (const node of nodes) {
    if (node.kind === 'action') {
      for (const m of node.expr.matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)/g)) {
        reads.add(m[1]);
      }
    } else if (node.kind === 'block') {
      collectReads(node.body, reads);
    } else if (node.kind === 'if') {
      for (const b of node.branches) {
        collectReads(b.body, reads);
        for (const m of (b.cond ?? '').matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)/g)) {
          reads.add(m[1]);
        }
      }
    }
  }
}

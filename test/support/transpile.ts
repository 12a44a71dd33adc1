/**
 * Test support: runs the library's TypeScript with plain `node`.
 *
 * An entry point and every relative module it imports are transpiled once (TypeScript's own
 * transpileModule, CommonJS) into a temporary package folder with the repository's layout: the
 * modules under `src/`, a copy of `package.json` (the project type reads its version), and
 * `node_modules` linked to this checkout's. ts-node, by contrast, loads and starts the TypeScript
 * compiler and transpiles every module again on each run (about 1 s CPU for the seal CLI, several
 * seconds for the project type). Types are checked by the tsc stage of .ci/run.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';

const REPO = path.join(__dirname, '..', '..');

/** The module file an import specifier names (`./x` -> x.ts or x/index.ts, or a file as is). */
function resolveModule(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts'), base]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) {
      return candidate;
    }
  }
  throw new Error(`${from}: cannot resolve ${specifier}`);
}

/**
 * Transpiles `entry` (a TypeScript file of the repository) and its relative imports; returns the
 * transpiled entry point.
 */
export function transpileForNode(entry: string): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'transpiled-'));
  fs.copyFileSync(path.join(REPO, 'package.json'), path.join(out, 'package.json'));
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(out, 'node_modules'));
  const target = (source: string) => path.join(out, path.relative(REPO, source)).replace(/\.ts$/, '.js');
  const pending = [path.resolve(entry)];
  const done = new Set<string>();
  while (pending.length > 0) {
    const source = pending.pop()!;
    if (done.has(source)) continue;
    done.add(source);
    fs.mkdirSync(path.dirname(target(source)), { recursive: true });
    if (!source.endsWith('.ts')) {
      fs.copyFileSync(source, target(source));
      continue;
    }
    const text = fs.readFileSync(source, 'utf8');
    // imports, exports and require() calls
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      if (fileName.startsWith('.')) {
        pending.push(resolveModule(source, fileName));
      }
    }
    fs.writeFileSync(target(source), ts.transpileModule(text, {
      fileName: source,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    }).outputText);
  }
  return target(path.resolve(entry));
}

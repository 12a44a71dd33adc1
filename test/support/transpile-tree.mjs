// Transpiles a TypeScript entry point of the repository and every relative module it imports
// (TypeScript's own transpileModule, CommonJS) into a temporary package folder with the
// repository's layout: the modules under `src/`, a copy of `package.json` (the project type
// reads its version) and `node_modules` linked to this checkout's. Runs in the tools thread
// (./tools-thread.mjs), where TypeScript loads once per process; see ./transpile.ts.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

/** The module file an import specifier names (`./x` -> x.ts or x/index.ts, or a file as is). */
function resolveModule(from, specifier) {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts'), base]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) {
      return candidate;
    }
  }
  throw new Error(`${from}: cannot resolve ${specifier}`);
}

/** Returns the transpiled entry point. */
export function transpileTree(entry) {
  const ts = require('typescript');
  const out = mkdtempSync(path.join(tmpdir(), 'transpiled-'));
  copyFileSync(path.join(REPO, 'package.json'), path.join(out, 'package.json'));
  symlinkSync(path.join(REPO, 'node_modules'), path.join(out, 'node_modules'));
  const target = (source) => path.join(out, path.relative(REPO, source)).replace(/\.ts$/, '.js');
  const pending = [path.resolve(entry)];
  const done = new Set();
  while (pending.length > 0) {
    const source = pending.pop();
    if (done.has(source)) continue;
    done.add(source);
    mkdirSync(path.dirname(target(source)), { recursive: true });
    if (!source.endsWith('.ts')) {
      copyFileSync(source, target(source));
      continue;
    }
    const text = readFileSync(source, 'utf8');
    // imports, exports and require() calls
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      if (fileName.startsWith('.')) {
        pending.push(resolveModule(source, fileName));
      }
    }
    writeFileSync(target(source), ts.transpileModule(text, {
      fileName: source,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    }).outputText);
  }
  return target(path.resolve(entry));
}

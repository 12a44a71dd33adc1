// Child-process helper for test/support/mermaid.ts: parses Mermaid texts with mermaid's own
// parser (mermaid.parse, the one GitHub's renderer runs before drawing), in Node.
//
// Protocol (stdin -> stdout, JSON):
//   in:  { "texts": ["flowchart LR ...", ...] }
//   out: { "results": [{ "ok": true, "diagramType": "flowchart-v2" } | { "ok": false, "error": "..." }, ...] }
//
// mermaid sanitises labels with DOMPurify, which needs a DOM: jsdom's window stands in for the
// browser's (without it, parse fails with "DOMPurify.addHook is not a function").

import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const { window } = new JSDOM('');
globalThis.window = window;
globalThis.document = window.document;
const { default: mermaid } = await import('mermaid');

const request = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const text of request.texts) {
  try {
    const parsed = await mermaid.parse(text);
    results.push({ ok: true, diagramType: parsed.diagramType });
  } catch (e) {
    results.push({ ok: false, error: String(e?.message ?? e) });
  }
}
process.stdout.write(JSON.stringify({ results }));

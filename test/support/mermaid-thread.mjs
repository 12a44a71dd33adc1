// Test thread for test/support/mermaid.ts (see ./tools.ts): parses Mermaid texts with mermaid's
// own parser (mermaid.parse, the one GitHub's renderer runs before drawing), in Node. mermaid and
// jsdom load once per process (about 1.5 s CPU) instead of once per call.
//
//   kind 'parse': request { texts: ["flowchart LR ...", ...] }
//                 result  [{ ok: true, diagramType: "flowchart-v2" } | { ok: false, error: "..." }, ...]
//
// mermaid sanitises labels with DOMPurify, which needs a DOM: jsdom's window stands in for the
// browser's (without it, parse fails with "DOMPurify.addHook is not a function"). The window and
// document are globals of this thread only.

import { JSDOM } from 'jsdom';
import { serve } from './thread-host.mjs';

// The Mermaid library prints through console; keep it off the test output.
console.log = console.error;

let mermaid;
async function load() {
  if (!mermaid) {
    const { window } = new JSDOM('');
    globalThis.window = window;
    globalThis.document = window.document;
    mermaid = (await import('mermaid')).default;
  }
  return mermaid;
}

serve({
  async parse({ texts }) {
    const m = await load();
    const results = [];
    for (const text of texts) {
      try {
        const parsed = await m.parse(text);
        results.push({ ok: true, diagramType: parsed.diagramType });
      } catch (e) {
        results.push({ ok: false, error: String(e?.message ?? e) });
      }
    }
    return results;
  },
});

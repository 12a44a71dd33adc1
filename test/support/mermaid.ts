import { execFileSync } from 'child_process';
import { join } from 'path';

/** The result of parsing one Mermaid text with mermaid's parser. */
export interface MermaidParse {
  readonly ok: boolean;
  readonly diagramType?: string;
  readonly error?: string;
}

/**
 * Parses Mermaid texts with the `mermaid` package's own parser (`mermaid.parse`), in a child
 * process (mermaid is ESM-only and needs jsdom's window for its sanitiser).
 */
export function parseMermaid(texts: string[]): MermaidParse[] {
  const out = execFileSync(process.execPath, [join(__dirname, 'mermaid-helper.mjs')], {
    input: JSON.stringify({ texts }),
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out).results;
}

/** The text of the first ```mermaid fence of a Markdown page. */
export function mermaidFence(markdown: string): string {
  const m = /^```mermaid\n([\s\S]*?)\n```$/m.exec(markdown);
  if (!m) {
    throw new Error('no ```mermaid fence in the page');
  }
  return m[1];
}

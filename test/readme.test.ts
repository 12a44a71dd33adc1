import { readFileSync } from 'fs';
import { join } from 'path';
import { BoardCatalog } from '../src';
import { exampleOptions } from './support/examples';
import { README, readmeWithFreshTable, renderBoardTable } from './support/readme-boards';
import { recordDeclaration } from './support/record-declaration';

describe('README.md', () => {
  const readme = readFileSync(README, 'utf8');

  test('the "Supported boards and Talos versions" table matches the board catalog (regenerate: npx projen readme-boards)', () => {
    expect(readme).toBe(readmeWithFreshTable(readme));
  });

  test('the table lists every catalog board', () => {
    const table = renderBoardTable();
    for (const preset of BoardCatalog.all()) {
      expect(table).toContain(`| \`${preset.name}\` |`);
    }
    expect(BoardCatalog.all().length).toBe(32);
  });

  test('links the generated pipeline pictures of both examples, which exist', () => {
    for (const page of ['examples/nanopi-m6/docs/pipeline.md', 'examples/multi-board/docs/pipeline.md']) {
      expect(readme).toContain(`](${page})`);
      expect(readFileSync(join(README, '..', page), 'utf8')).toContain('```mermaid\n');
    }
  });

  test('shows the two quick-start commands', () => {
    expect(readme).toContain('npm ci && npx projen example');
    expect(readme).toContain('npx projen build');
  });
});

describe('README: the declaration under "Usage: declare a board"', () => {
  const readme = readFileSync(README, 'utf8');

  test('runs as written and declares exactly what examples/nanopi-m6/.projenrc.ts declares', () => {
    const section = readme.split('\n## Usage: declare a board\n')[1].split('\n## ')[0];
    const code = /```ts\n([\s\S]*?)```/.exec(section)![1];
    const recorded = recordDeclaration(code);
    expect(recorded.imports).toEqual(['talos-sbc-constructs/lib/project']);
    expect(recorded.synths).toBe(1);
    expect(recorded.projects).toEqual([exampleOptions('nanopi-m6')]);
  });
});

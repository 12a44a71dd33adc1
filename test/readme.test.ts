import { readFileSync } from 'fs';
import * as ts from 'typescript';
import { BoardCatalog } from '../src';
import { exampleOptions } from './support/examples';
import { README, readmeWithFreshTable, renderBoardTable } from './support/readme-boards';

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
    const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    const recorded: unknown[] = [];
    let synthesised = 0;
    const fakeRequire = (id: string) => {
      expect(id).toBe('talos-sbc-constructs/lib/project');
      return {
        TalosOverlayProject: class {
          constructor(options: unknown) {
            recorded.push(options);
          }
          public synth() {
            synthesised++;
          }
        },
      };
    };
    new Function('require', 'exports', js)(fakeRequire, {});
    expect(synthesised).toBe(1);
    expect(recorded).toEqual([exampleOptions('nanopi-m6')]);
  });
});

import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');
const DOC = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');

/** Every repository path the document names: `src/…`, `test/…`, `docs/…` (in backticks or in the flow diagram). */
function pathsOf(text: string): string[] {
  return [...new Set([...text.matchAll(/(?<![\w./-])((?:src|test|docs)\/[A-Za-z0-9_./-]*[A-Za-z0-9_/])/g)].map((m) => m[1]))].sort();
}

describe('docs/architecture.md', () => {
  test('names source paths', () => {
    expect(pathsOf(DOC).length).toBeGreaterThan(30);
    expect(pathsOf('see `src/board/rules/` and src/a.ts, not xsrc/b.ts')).toEqual(['src/a.ts', 'src/board/rules/']);
  });

  test('every path it names exists', () => {
    expect(pathsOf(DOC).filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });

  test('every board rule module is listed, and every module it lists is run by runBoardRules', () => {
    const index = readFileSync(join(ROOT, 'src', 'board', 'rules', 'index.ts'), 'utf8');
    const modules = [...index.matchAll(/from '\.\/([a-z-]+)'/g)].map((m) => m[1]).filter((m) => m !== 'context').sort();
    const row = DOC.split('\n').find((line) => line.startsWith('| Board rules |'))!;
    expect([...row.matchAll(/`([a-z-]+)\.ts`/g)].map((m) => m[1]).sort()).toEqual(modules);
  });
});

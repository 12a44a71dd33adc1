import { readFileSync } from 'fs';
import { join } from 'path';

const REPO = join(__dirname, '..', '..');
const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
const projenVersion = JSON.parse(readFileSync(join(REPO, 'node_modules', 'projen', 'package.json'), 'utf8')).version;

/** The shell block of the README's "Start a new overlay repository" section. */
function newRepositoryCommands(): string[] {
  const section = readme.split('\n## Start a new overlay repository\n')[1]?.split('\n## ')[0] ?? '';
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block.split('\n').filter((line) => line.trim() !== '');
}

describe('README: Start a new overlay repository', () => {
  test('at most 5 commands, with the exact projen version the library is built with', () => {
    expect(newRepositoryCommands()).toEqual([
      'mkdir my-board && cd my-board',
      `npx projen@${projenVersion} new --from talos-sbc-constructs --projen-version ${projenVersion} --no-git`,
      'npx projen',
      'npx projen settings:synth',
    ]);
  });

  test('names the TypeScript line the generated project installs', () => {
    expect(readme).toContain('TypeScript **~6.0.3**');
  });

  test('the newcomer test runs the same projen new flags', () => {
    const script = readFileSync(join(REPO, '.ci', 'newcomer.sh'), 'utf8');
    expect(script).toContain('npx -y "projen@${projen_version}" new --from "${tarball}" --projen-version "${projen_version}" --no-git\n');
  });
});

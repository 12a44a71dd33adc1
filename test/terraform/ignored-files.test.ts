import { execFileSync } from 'child_process';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');

/** Whether git ignores `path` (relative to the repository root), by this repository's .gitignore (from .projenrc.ts). */
function ignored(path: string): boolean {
  try {
    execFileSync('git', ['check-ignore', '--no-index', '-q', path], { cwd: ROOT, stdio: 'ignore' });
    return true;
  } catch (e) {
    if ((e as { status?: number }).status === 1) {
      return false;
    }
    throw e;
  }
}

describe('state and lock files (.gitignore from .projenrc.ts)', () => {
  test.each([
    'examples/nanopi-m6/terraform-state/settings.tfstate',
    'examples/nanopi-m6/terraform-state/settings.tfstate.backup',
    'examples/nanopi-m6/cdktf.out/stacks/settings/terraform.settings.tfstate',
    'examples/nanopi-m6/cdktf.out/stacks/settings/.terraform/providers/x',
    'examples/multi-board/terraform-state/settings.tfstate',
    'terraform.tfstate',
    'terraform.tfstate.backup',
  ])('state (which holds secret values) is ignored: %s', (path) => {
    expect(ignored(path)).toBe(true);
  });

  test.each([
    'examples/nanopi-m6/.projenrc.ts',
    'examples/nanopi-m6/cdktf.json',
    '.terraform.lock.hcl',
  ])('the declaration, cdktf.json and a provider lock file at the root are kept: %s', (path) => {
    expect(ignored(path)).toBe(false);
  });
});

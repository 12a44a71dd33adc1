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
    'examples/nanopi-m6/terraform-state/nanopi-m6-settings.tfstate',
    'examples/nanopi-m6/terraform-state/nanopi-m6-settings.tfstate.backup',
    'examples/nanopi-m6/cdktf.out/stacks/nanopi-m6-settings/terraform.nanopi-m6-settings.tfstate',
    'examples/nanopi-m6/cdktf.out/stacks/nanopi-m6-settings/.terraform/providers/x',
    'terraform.tfstate',
    'terraform.tfstate.backup',
  ])('state (which holds secret values) is ignored: %s', (path) => {
    expect(ignored(path)).toBe(true);
  });

  test.each([
    'examples/nanopi-m6/cdktf.out/stacks/nanopi-m6-settings/.terraform.lock.hcl',
    'examples/nanopi-m6/cdktf.out/stacks/nanopi-m6-settings/cdk.tf.json',
  ])('provider lock file and configuration are kept: %s', (path) => {
    expect(ignored(path)).toBe(false);
  });
});

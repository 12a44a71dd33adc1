import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';
import { CHECKS } from './support';
import { BoardHealthScript, ImageRepository, OverlayBoard, OverlayBuild, ReleaseWorkflow } from '../../src';
import { NANOPI_M6 } from '../support/fixtures';
import { synthWorkflows, tempProject } from '../support/projen';
import { expectValidWorkflow } from '../support/workflow-validators';

function synth(withChecks = true) {
  const healthChecks = withChecks ? CHECKS : undefined;
  const project = tempProject();
  const boards = [
    new OverlayBoard(project, 'Board0', { ...NANOPI_M6, healthChecks }),
    new OverlayBoard(project, 'Board1', { ...NANOPI_M6, boardName: 'rock-5a', overlayOptions: { board: 'rock-5a', chipset: 'rk3588s' } }),
  ];
  new ReleaseWorkflow(project, 'Release', {
    overlayImage: ImageRepository.dockerHub('123417', 'talos-sbc-rk3588'),
    overlayBuild: OverlayBuild.pkgfile({ target: 'talos-sbc-rk3588-mainline' }),
    boards,
  });
  const yaml = synthWorkflows(project)['.github/workflows/release.yaml'];
  return { yaml, workflow: parse(yaml), boards };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Runs the release job's checksums step in a folder laid out as the download step leaves it. */
function runChecksums(step: any, selected: { [env: string]: string }) {
  const dir = mkdtempSync(join(tmpdir(), 'talos-release-'));
  const release = join(dir, 'release');
  mkdirSync(release);
  // GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_REF_NAME: default variables of every runner
  const env: { [key: string]: string } = { PATH: process.env.PATH!, GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/overlay', GITHUB_REF_NAME: 'v1.10.6-nanopi-m6', HOME: dir };
  for (const [key, value] of Object.entries(step.env as { [key: string]: string })) {
    env[key] = value.startsWith('${{') ? (selected[key] ?? 'false') : value;
  }
  for (const [key, asset] of Object.entries(env).filter(([k]) => /^ASSET_\d+$/.test(k))) {
    if (env[key.replace('ASSET', 'SELECTED')] === 'true') {
      writeFileSync(join(release, asset), `image ${asset}`);
      writeFileSync(join(release, `${asset}.sha256`), `${sha256(`image ${asset}`)}  ${asset}\n`);
    }
  }
  const proc = spawnSync('bash', ['-c', step.run], { cwd: dir, env, encoding: 'utf8' });
  expect(proc.stderr).toBe('');
  expect(proc.status).toBe(0);
  const read = (name: string) => readFileSync(join(release, name), 'utf8');
  return { read, upload: (name: string) => readFileSync(join(release, 'upload', name), 'utf8') };
}

describe('the release attaches validate-<board>.sh', () => {
  const { yaml, workflow, boards } = synth();
  const steps: any[] = workflow.jobs.release.steps;
  const checksums = steps.find((s) => s.id === 'checksums');

  test('the workflow stays valid (actionlint, workflow parser, shellcheck)', () => {
    expectValidWorkflow(yaml, 'release.yaml');
    expect(checksums.env.VALIDATE_NAME_1).toBe('validate-nanopi-m6.sh');
    expect(checksums.env.VALIDATE_SCRIPT_1).toBe(BoardHealthScript.render(boards[0]));
    expect(checksums.env.VALIDATE_SELECTED_1).toBe('${{ needs.plan.outputs.release-nanopi-m6 }}');
    // a board without checks has no script
    expect(Object.keys(checksums.env).filter((k) => k.startsWith('VALIDATE_'))).toEqual(['VALIDATE_NAME_1', 'VALIDATE_SCRIPT_1', 'VALIDATE_SELECTED_1']);
  });

  test('a tag of the board: the script is uploaded, listed in SHA256SUMS and assets.txt, and the notes say how to run it', () => {
    const run = runChecksums(checksums, { SELECTED_1: 'true', VALIDATE_SELECTED_1: 'true' });
    const script = BoardHealthScript.render(boards[0]);
    expect(run.upload('validate-nanopi-m6.sh')).toBe(script);
    expect(run.read('SHA256SUMS')).toBe([
      `${sha256('image talos-v1.10.6-nanopi-m6-arm64.raw.xz')}  talos-v1.10.6-nanopi-m6-arm64.raw.xz`,
      `${sha256(script)}  validate-nanopi-m6.sh`,
      '',
    ].join('\n'));
    expect(run.upload('SHA256SUMS')).toBe(run.read('SHA256SUMS'));
    expect(run.read('assets.txt')).toBe('talos-v1.10.6-nanopi-m6-arm64.raw.xz\nvalidate-nanopi-m6.sh\n');
    const notes = run.read('RELEASE_NOTES.md');
    expect(notes).toContain([
      '## Validate nanopi-m6',
      '',
      'Once the board runs Talos, check it with `talosctl` (`PASS`, `FAIL` or `SKIP` per check; the script exits 1 when a check failed). '
      + 'Add `--talosconfig <file>` for a configured node, or `--insecure` for a node in maintenance mode (file reads are then skipped):',
      '',
      '```sh',
      'bash validate-nanopi-m6.sh --nodes <node-ip>',
      '```',
    ].join('\n'));
  });

  test('a tag of another board: no script and no validate section', () => {
    const run = runChecksums(checksums, { SELECTED_2: 'true', VALIDATE_SELECTED_1: 'false' });
    expect(run.read('assets.txt')).toBe('talos-v1.10.6-rock-5a-arm64.raw.xz\n');
    expect(run.read('SHA256SUMS')).not.toContain('validate-');
    expect(run.read('RELEASE_NOTES.md')).not.toContain('Validate');
  });

  test('without health checks the release job is unchanged', () => {
    const plain = synth(false).workflow.jobs.release.steps.find((s: any) => s.id === 'checksums');
    expect(plain.run).not.toContain('VALIDATE_');
    expect(Object.keys(plain.env).some((k) => k.startsWith('VALIDATE_'))).toBe(false);
  });
});

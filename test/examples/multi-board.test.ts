import { createHash } from 'crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';
import { ReleaseLine } from '../../src';
import { tagPatternsIntersect } from '../../src/workflow/private/tag-glob';
import { exampleOptions, synthProject } from '../support/examples';
import { runScript, simulateRun } from '../support/job-conditions';
import { expectValidWorkflow } from '../support/workflow-validators';

/**
 * The multi-board example (issue 9): two community rk3588 boards, two overlay variants,
 * installer images, two Talos release lines (one workflow each). Each board's tag selects and
 * releases only that board: the plan job's script runs under bash with GITHUB_REF_NAME=<tag>,
 * every job's `if:` is evaluated against its outputs, and the release job's checksums step runs
 * on stand-in assets of every leg.
 */

const EXAMPLE_DIR = join(__dirname, '..', '..', 'examples', 'multi-board');
const WORKFLOWS = ['.github/workflows/release-v1.10.yaml', '.github/workflows/release-v1.12.yaml'];
const GENERATED = [...WORKFLOWS, 'profiles/rk3588/board-rk3588.yaml'];
const STACK_JSON = 'cdktf.out/stacks/settings/cdk.tf.json';
/** The example's one declaration: the options of its `.projenrc.ts`. */
const MULTI_BOARD = exampleOptions('multi-board');
const BOARDS = [MULTI_BOARD.boardName!, ...(MULTI_BOARD.additionalBoards ?? []).map((b) => b.boardName)];
const VARIANTS = (MULTI_BOARD.variants ?? []).map((v) => v.split(':')[0]);

function synthFresh(): Record<string, string> {
  const out = synthProject(MULTI_BOARD);
  return Object.fromEntries([...GENERATED.map((f) => [f, out.file(f)]), [STACK_JSON, out.terraformJson]]);
}

/** Runs the plan job's step as the runner would. */
function plan(workflow: any, tag: string) {
  const step = workflow.jobs.plan.steps[0];
  return runScript(step.run, { ...workflow.env, ...step.env, GITHUB_REF_NAME: tag });
}

/**
 * Runs the release job's checksums step in a folder holding every leg's image (as the download
 * steps would leave them: the asset and its `.sha256`); returns the uploaded files and the notes.
 */
function releaseStep(workflow: any, tag: string, planOutputs: Record<string, string>) {
  const step = workflow.jobs.release.steps.find((s: any) => s.id === 'checksums');
  const dir = mkdtempSync(join(tmpdir(), 'multi-board-release-'));
  mkdirSync(join(dir, 'release'));
  const env: Record<string, string> = { GITHUB_REF_NAME: tag, GITHUB_REPOSITORY: 'example/talos-sbc-rk3588' };
  for (const [name, value] of Object.entries<string>(step.env)) {
    const output = /^\$\{\{ needs\.plan\.outputs\.([a-z0-9-]+) \}\}$/.exec(value);
    const digest = /^\$\{\{ needs\.(overlay-[a-z0-9-]+)\.outputs\.digest \}\}$/.exec(value);
    env[name] = output ? planOutputs[output[1]] : digest ? `sha256:${digest[1]}` : value;
    if (name.startsWith('ASSET_')) {
      const content = `image ${value}`;
      writeFileSync(join(dir, 'release', value), content);
      writeFileSync(join(dir, 'release', `${value}.sha256`), `${createHash('sha256').update(content).digest('hex')}  ${value}\n`);
    }
  }
  const { status } = runScript(step.run, env, dir);
  return {
    status,
    uploaded: readdirSync(join(dir, 'release', 'upload')).sort(),
    notes: readFileSync(join(dir, 'release', 'RELEASE_NOTES.md'), 'utf8'),
  };
}

describe('examples/multi-board', () => {
  const fresh = synthFresh();

  test.each([...GENERATED, STACK_JSON])('the committed %s is exactly what `npx projen example` generates (no drift)', (file) => {
    expect(readFileSync(join(EXAMPLE_DIR, file), 'utf8')).toBe(fresh[file]);
  });

  test('the settings stack manages both pushed repositories, and lets the tags of both release lines deploy', () => {
    const tf = JSON.parse(fresh[STACK_JSON]);
    expect(Object.values<any>(tf.resource.docker_hub_repository).map((r) => `${r.namespace}/${r.name}`).sort())
      .toEqual(['123417/talos-sbc-rk3588', '123417/talos-sbc-rk3588-installer']);
    expect(Object.values<any>(tf.resource.github_repository_environment_deployment_policy).map((p) => p.tag_pattern).sort())
      .toEqual(['v1.10.*-nanopi-m6', 'v1.10.*-rock-5b', 'v1.12.*-nanopi-m6', 'v1.12.*-rock-5b']);
  });

  test.each(WORKFLOWS)('%s passes actionlint, @actions/workflow-parser and shellcheck', (file) => {
    expectValidWorkflow(readFileSync(join(EXAMPLE_DIR, file), 'utf8'), file.split('/').pop()!);
  });

  test('one workflow per release line, with the line\'s tag patterns, Talos release and extension builds', () => {
    const v110 = parse(fresh[WORKFLOWS[0]]);
    const v112 = parse(fresh[WORKFLOWS[1]]);
    expect(v110.name).toBe('Release v1.10');
    expect(v110.on.push.tags).toEqual(['v1.10.*-nanopi-m6', 'v1.10.*-rock-5b']);
    expect(v110.env.TALOS_VERSION).toBe('v1.10.6');
    expect(v112.name).toBe('Release v1.12');
    expect(v112.on.push.tags).toEqual(['v1.12.*-nanopi-m6', 'v1.12.*-rock-5b']);
    expect(v112.env.TALOS_VERSION).toBe('v1.12.5');
    // realtek-firmware of each release (siderolabs/extensions Pkgfile LINUX_FIRMWARE_VERSION @ v1.10.6 and @ v1.12.5)
    expect(fresh[WORKFLOWS[0]]).toContain('ghcr.io/siderolabs/realtek-firmware:20250708');
    expect(fresh[WORKFLOWS[0]]).not.toContain('ghcr.io/siderolabs/realtek-firmware:20260221');
    expect(fresh[WORKFLOWS[1]]).toContain('ghcr.io/siderolabs/realtek-firmware:20260221');
    for (const a of v110.on.push.tags) {
      for (const b of v112.on.push.tags) {
        expect(tagPatternsIntersect(a, b)).toBeUndefined();
      }
    }
  });

  test('every board is built in both variants and pushes an installer image per leg', () => {
    const workflow = parse(fresh[WORKFLOWS[0]]);
    expect(Object.keys(workflow.jobs)).toEqual([
      'plan', ...VARIANTS.map((v) => `overlay-${v}`),
      ...BOARDS.flatMap((b) => VARIANTS.map((v) => `image-${b}-${v}`)), 'release',
    ]);
    expect(fresh[WORKFLOWS[0]]).toContain('docker.io/123417/talos-sbc-rk3588-installer');
  });

  describe.each([
    [WORKFLOWS[0], 'v1.10.6'],
    [WORKFLOWS[1], 'v1.12.5'],
  ])('%s', (file, version) => {
    const workflow = parse(fresh[file]);

    test.each(BOARDS)(`${version}-%s runs both overlay builds and only that board's legs, and releases only that board`, (board) => {
      const tag = `${version}-${board}`;
      const { status, outputs } = plan(workflow, tag);
      expect(status).toBe(0);
      expect(outputs).toEqual({ ...Object.fromEntries(BOARDS.map((b) => [`release-${b}`, String(b === board)])), any: 'true' });
      expect(simulateRun(workflow, outputs)).toEqual({
        plan: 'success',
        ...Object.fromEntries(VARIANTS.map((v) => [`overlay-${v}`, 'success'])),
        ...Object.fromEntries(BOARDS.flatMap((b) => VARIANTS.map((v) => [`image-${b}-${v}`, b === board ? 'success' : 'skipped']))),
        release: 'success',
      });
      const release = releaseStep(workflow, tag, outputs);
      expect(release.status).toBe(0);
      expect(release.uploaded).toEqual(['SHA256SUMS', ...VARIANTS.map((v) => `talos-${version}-${board}-${v}-arm64.raw.xz`)].sort());
      for (const other of BOARDS.filter((b) => b !== board)) {
        expect(release.notes).not.toContain(other);
      }
      for (const v of VARIANTS) {
        expect(release.notes).toContain(`\`talos-${version}-${board}-${v}-arm64.raw.xz\``);
        expect(release.notes).toContain(`talosctl upgrade --nodes <node> --image docker.io/123417/talos-sbc-rk3588-installer:${tag}-${board}-${v}-installer`);
      }
    });

    test('a tag of the other release line, or of no board, releases nothing', () => {
      const other = version === 'v1.10.6' ? 'v1.12.5' : 'v1.10.6';
      const mismatched = plan(workflow, `${other}-nanopi-m6`);
      expect(mismatched.status).not.toBe(0);
      expect(mismatched.stdout).toContain(`::error::The tag ${other}-nanopi-m6 names Talos ${other}, but this workflow releases Talos ${version}.`);
      expect(simulateRun(workflow, mismatched.outputs, 'failure')).toEqual({
        plan: 'failure',
        ...Object.fromEntries(VARIANTS.map((v) => [`overlay-${v}`, 'skipped'])),
        ...Object.fromEntries(BOARDS.flatMap((b) => VARIANTS.map((v) => [`image-${b}-${v}`, 'skipped']))),
        release: 'skipped',
      });
    });
  });

  test('the release lines\' patterns are the ones ReleaseLine derives', () => {
    for (const version of [MULTI_BOARD.talosVersion!, ...(MULTI_BOARD.additionalTalosVersions ?? [])]) {
      const workflow = parse(fresh[`.github/workflows/${ReleaseLine.workflowFileName(version)}`]);
      expect(workflow.on.push.tags).toEqual(BOARDS.map((b) => ReleaseLine.tagPattern(b, version)));
    }
  });
});

import { execFileSync } from 'child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';
import {
  Architecture, ImageRepository, KernelFlavour, OverlayBoard, OverlayBuild, PkgfileBuildOptions,
  ReleaseWorkflow, ReleaseWorkflowProps, Runner, SourceDateEpoch,
} from '../../src';
import { NANOPI_M6 } from '../support/fixtures';
import { runScript } from '../support/job-conditions';
import { errorOf, synthWorkflows, tempProject } from '../support/projen';
import { expectValidWorkflows } from '../support/workflow-validators';

/**
 * Issue 8: the generated release works on real runners. Each test fails on the old output
 * (no SOURCE_DATE_EPOCH, arm64 stages on an amd64 runner under QEMU, an arm64 installer on an
 * amd64 imager host, a BSP kernel with the stock imager, no build cache) and on the old
 * publishing (a published release overwritten, an overlay tag moved).
 */

const OVERLAY = ImageRepository.dockerHub('123417', 'talos-sbc-nanopi-m6');
/** The jhuynh08/nanopi-m6 build: kernel/u-boot/installer stages pinned to linux/arm64 (installers/pkg.yaml, installers/rk3588/pkg.yaml). */
const NANOPI_BUILD: PkgfileBuildOptions = {
  target: 'talos-sbc-rk3588-mainline',
  buildArgs: { PKGS_PREFIX: 'ghcr.io/siderolabs', PKGS: 'v1.7.0', KERNEL_VARIANT: 'mainline' },
  sourceDateEpoch: SourceDateEpoch.FIRST_COMMIT,
  pinnedArchitecture: Architecture.ARM64,
  installerArchitecture: Architecture.ARM64,
};
const ARM = Runner.githubHosted('ubuntu-24.04-arm');

const files: Array<{ fileName: string; yamlText: string }> = [];

function synth(props: Partial<ReleaseWorkflowProps> = {}, build: Partial<PkgfileBuildOptions> = {}, board: object = {}): any {
  const project = tempProject();
  new ReleaseWorkflow(project, 'Release', {
    boards: [new OverlayBoard(project, 'M6', { ...NANOPI_M6, ...board })],
    overlayImage: OVERLAY,
    overlayBuild: OverlayBuild.pkgfile({ ...NANOPI_BUILD, ...build }),
    overlayPlatforms: [Architecture.ARM64],
    runner: ARM,
    ...props,
  });
  const out = synthWorkflows(project);
  for (const [path, yamlText] of Object.entries(out)) {
    files.push({ fileName: `${files.length}-${path.replace(/^.*\//, '')}`, yamlText });
  }
  return parse(out['.github/workflows/release.yaml']);
}

function invalid(props: Partial<ReleaseWorkflowProps>, build: Partial<PkgfileBuildOptions> = {}, board: object = {}): string {
  const project = tempProject();
  return errorOf(() => new ReleaseWorkflow(project, 'Release', {
    boards: [new OverlayBoard(project, 'M6', { ...NANOPI_M6, ...board })],
    overlayImage: OVERLAY,
    overlayBuild: OverlayBuild.pkgfile({ ...NANOPI_BUILD, ...build }),
    overlayPlatforms: [Architecture.ARM64],
    ...props,
  }));
}

const step = (job: any, id: string) => job.steps.find((s: any) => s.id === id);

/** A git repository with a first commit at 1 000 000 000 and the tagged commit at 1 700 000 000. */
function gitRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'talos-sbc-git-'));
  const git = (args: string[], date: string) => execFileSync('git', args, {
    cwd: dir, env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
  });
  git(['init', '-q'], '@1000000000 +0000');
  git(['commit', '-q', '--allow-empty', '-m', 'first'], '@1000000000 +0000');
  git(['commit', '-q', '--allow-empty', '-m', 'release'], '@1700000000 +0000');
  return dir;
}

describe('SOURCE_DATE_EPOCH (bldr renders a missing build arg as "<no value>")', () => {
  test('FIRST_COMMIT (the repository Makefile\'s choice): full history, the root commit\'s time, passed as a build arg', () => {
    const overlay = synth().jobs.overlay;
    expect(step(overlay, 'checkout').with).toEqual({ 'persist-credentials': false, 'fetch-depth': 0 });
    const sde = step(overlay, 'source-date-epoch');
    expect(runScript(sde.run, {}, gitRepository()).outputs).toEqual({ epoch: '1000000000' });
    expect(step(overlay, 'push').with['build-args'].split('\n')).toEqual([
      'PKGS_PREFIX=ghcr.io/siderolabs', 'PKGS=v1.7.0', 'KERNEL_VARIANT=mainline', 'SOURCE_DATE_EPOCH=${{ steps.source-date-epoch.outputs.epoch }}',
    ]);
  });

  test('TAGGED_COMMIT (default): the tagged commit\'s time, the default shallow checkout', () => {
    const overlay = synth({}, { sourceDateEpoch: undefined }).jobs.overlay;
    expect(step(overlay, 'checkout').with).toEqual({ 'persist-credentials': false });
    expect(runScript(step(overlay, 'source-date-epoch').run, {}, gitRepository()).outputs).toEqual({ epoch: '1700000000' });
  });

  test('build args are checked: upper-case names, non-empty plain values, SOURCE_DATE_EPOCH left to the workflow', () => {
    expect(invalid({ runner: ARM }, { buildArgs: { pkgs: 'v1.7.0', PKGS_PREFIX: '', SOURCE_DATE_EPOCH: '0' } })).toBe([
      '[talos-sbc-constructs] ReleaseWorkflow at "Release" is invalid:',
      '  - overlayBuild.buildArgs.pkgs = "pkgs": a build argument name must match ^[A-Z_][A-Z0-9_]*$. Fix: use an upper-case name such as "PKGS_PREFIX"',
      '  - overlayBuild.buildArgs.PKGS_PREFIX = "": a build argument value must be a non-empty string (bldr renders a missing value as "<no value>"). Fix: give the value, e.g. "ghcr.io/siderolabs"',
      '  - overlayBuild.buildArgs.SOURCE_DATE_EPOCH = "0": SOURCE_DATE_EPOCH is computed from git at run time by the workflow. Fix: remove it from buildArgs and choose its source with sourceDateEpoch',
    ].join('\n'));
  });
});

describe('runners by architecture', () => {
  test('arm64-pinned stages build on a native arm64 runner, without QEMU; the NanoPi M6 pushes linux/arm64 only', () => {
    const overlay = synth().jobs.overlay;
    expect(overlay['runs-on']).toBe('ubuntu-24.04-arm');
    expect(step(overlay, 'setup-qemu')).toBeUndefined();
    expect(step(overlay, 'push').with.platforms).toBe('linux/arm64');
  });

  test('arm64-pinned stages on an amd64 runner (under QEMU, hours for a kernel) are rejected', () => {
    expect(invalid({})).toBe([
      '[talos-sbc-constructs] ReleaseWorkflow at "Release" is invalid:',
      '  - overlayPlatforms = ["arm64"]: the imager runs on amd64 and extracts the overlay for its own architecture, so the overlay must be built for linux/amd64. '
      + 'Fix: add Architecture.AMD64 to overlayPlatforms, or run the imager on a runner of a built architecture',
      '  - runner = ["ubuntu-24.04"]: the overlay build\'s stages are pinned to arm64 (overlayBuild.pinnedArchitecture), and this runner is amd64: they would build under QEMU, hours for a kernel. '
      + 'Fix: build on a native arm64 runner: overlayRunner: Runner.githubHosted(\'ubuntu-24.04-arm\') (free for public repositories) or Runner.selfHosted([\'self-hosted\', \'linux\', \'arm64\'], Architecture.ARM64)',
      '  - runner = ["ubuntu-24.04"]: the imager runs the overlay\'s installer on its own host; the installer is built for arm64 (overlayBuild.installerArchitecture) and this host is amd64, '
      + 'so it would stop with "exec format error". Fix: unpin the installer stage (one installer per platform), or run the imager on Runner.githubHosted(\'ubuntu-24.04-arm\') '
      + '(free for public repositories) or Runner.selfHosted([\'self-hosted\', \'linux\', \'arm64\'], Architecture.ARM64), or declare installerEmulation: true (binfmt/QEMU, slower)',
    ].join('\n'));
  });

  test('an arm64 installer on an amd64 imager host is rejected; with installerEmulation QEMU is set up before the imager', () => {
    const amd = Runner.githubHosted('ubuntu-24.04');
    const platforms = [Architecture.ARM64, Architecture.AMD64];
    expect(invalid({ overlayRunner: ARM, runner: amd, overlayPlatforms: platforms })).toBe([
      '[talos-sbc-constructs] ReleaseWorkflow at "Release" is invalid:',
      '  - runner = ["ubuntu-24.04"]: the imager runs the overlay\'s installer on its own host; the installer is built for arm64 (overlayBuild.installerArchitecture) and this host is amd64, '
      + 'so it would stop with "exec format error". Fix: unpin the installer stage (one installer per platform), or run the imager on Runner.githubHosted(\'ubuntu-24.04-arm\') '
      + '(free for public repositories) or Runner.selfHosted([\'self-hosted\', \'linux\', \'arm64\'], Architecture.ARM64), or declare installerEmulation: true (binfmt/QEMU, slower)',
    ].join('\n'));
    const workflow = synth({ overlayRunner: ARM, runner: amd, overlayPlatforms: platforms, installerEmulation: true });
    const leg = workflow.jobs['image-nanopi-m6'];
    const ids = leg.steps.map((s: any) => s.id);
    expect(ids.indexOf('setup-qemu')).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf('setup-qemu')).toBeLessThan(ids.indexOf('imager'));
    expect(step(leg, 'setup-qemu').with).toEqual({ platforms: 'arm64' });
    // the overlay job (native arm64) emulates the other pushed platform only
    expect(step(workflow.jobs.overlay, 'setup-qemu').with).toEqual({ platforms: 'amd64' });
    // a native imager host needs no emulation
    expect(step(synth().jobs['image-nanopi-m6'], 'setup-qemu')).toBeUndefined();
  });
});

describe('kernel variants are honest (the kernel comes from the imager: Input.FillDefaults)', () => {
  test('KernelFlavour.BSP with the stock imager is rejected', () => {
    expect(invalid({ runner: ARM }, {}, { kernel: KernelFlavour.BSP })).toBe([
      '[talos-sbc-constructs] ReleaseWorkflow at "Release" is invalid:',
      '  - boards[0].kernel = "bsp": a BSP kernel is never in the stock imager ghcr.io/siderolabs/imager:v1.10.6: the imager boots its own kernel (Input.FillDefaults), '
      + 'so this image would boot the mainline Talos kernel. Fix: declare the imager built with the BSP kernel (imagerImage, or variants[].imagerImage; '
      + 'talos "make imager PKG_KERNEL=..."), or declare KernelFlavour.MAINLINE',
    ].join('\n'));
  });

  test('a variant with its own imager runs it; a variant without one is described as overlay-only in the release notes', () => {
    const bspImager = `docker.io/123417/talos-imager:v1.10.6-bsp@sha256:${'b'.repeat(64)}`;
    const workflow = synth({
      variants: [{ name: 'bsp', buildArgs: { KERNEL_VARIANT: 'bsp' }, imagerImage: bspImager }, { name: 'vendor-uboot', buildArgs: { UBOOT: 'vendor' } }],
    });
    const bsp = step(workflow.jobs['image-nanopi-m6-bsp'], 'imager');
    expect(bsp.env.IMAGER_IMAGE).toBe(bspImager);
    expect(bsp.run).toContain('"${IMAGER_IMAGE}" "${PROFILE}"');
    const uboot = step(workflow.jobs['image-nanopi-m6-vendor-uboot'], 'imager');
    expect(uboot.env.IMAGER_IMAGE).toBeUndefined();
    expect(uboot.run).toContain('"ghcr.io/siderolabs/imager:${TALOS_VERSION}" "${PROFILE}"');
    const notes = step(workflow.jobs.release, 'checksums').env.RELEASE_NOTES_TEMPLATE;
    expect(notes).toContain('Variant `vendor-uboot` changes only the overlay (DTBs, U-Boot, installer); its kernel is the stock Talos v1.10.6 kernel of the imager.');
    expect(notes).toContain(`| \`${bspImager}\` |`);
  });
});

describe('build cache and re-runs', () => {
  test('registry cache on the overlay repository: the release reads and writes it, the check only reads it, without logging in', () => {
    const project = tempProject();
    new ReleaseWorkflow(project, 'Release', {
      boards: [new OverlayBoard(project, 'M6', NANOPI_M6)],
      overlayImage: OVERLAY,
      overlayBuild: OverlayBuild.pkgfile(NANOPI_BUILD),
      overlayPlatforms: [Architecture.ARM64],
      runner: ARM,
      pullRequestCheck: true,
    });
    const out = synthWorkflows(project);
    const push = step(parse(out['.github/workflows/release.yaml']).jobs.overlay, 'push');
    expect(push.with['cache-from']).toBe('type=registry,ref=docker.io/123417/talos-sbc-nanopi-m6:buildcache');
    expect(push.with['cache-to']).toBe('type=registry,ref=docker.io/123417/talos-sbc-nanopi-m6:buildcache,mode=max');
    const check = parse(out['.github/workflows/overlay-check.yaml']).jobs.overlay;
    expect(step(check, 'build').with['cache-from']).toBe('type=registry,ref=docker.io/123417/talos-sbc-nanopi-m6:buildcache');
    expect(step(check, 'build').with['cache-to']).toBeUndefined();
    expect(check.steps.some((s: any) => String(s.uses).startsWith('docker/login-action@'))).toBe(false);
  });

  test('imager uploads overwrite their artifact, so one failed leg can be re-run', () => {
    expect(step(synth().jobs['image-nanopi-m6'], 'upload').with.overwrite).toBe(true);
  });
});

/** A folder with stub commands (bash scripts) first on PATH. */
function stubs(commands: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'talos-sbc-stub-'));
  for (const [name, body] of Object.entries(commands)) {
    writeFileSync(join(dir, name), `#!/usr/bin/env bash\nset -euo pipefail\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

describe('publishing: a draft first, published releases and pushed tags are never moved', () => {
  const workflow = synth();
  const env = (bin: string, extra: Record<string, string> = {}) => ({ PATH: `${bin}:${process.env.PATH}`, GITHUB_REF_NAME: 'v1.10.6-nanopi-m6', GITHUB_REPOSITORY: 'o/r', ...extra });

  /**
   * `gh release view <tag> --repo <r> --json isDraft --template '{{.isDraft}}'`: prints the draft
   * state, finds a draft by its pending tag, else fails with "release not found"
   * (cli/cli pkg/cmd/release/shared/fetch.go FetchRelease / fetchDraftRelease).
   */
  const gh = (state: 'published' | 'draft' | 'none') => stubs({
    gh: [
      '[[ "$1 $2" == "release view" && "$3" == "${GITHUB_REF_NAME}" && "$4 $5" == "--repo ${GITHUB_REPOSITORY}" && "$6 $7" == "--json isDraft" && "$8 $9" == "--template {{.isDraft}}" ]] || { echo "bad gh call: $*" >&2; exit 2; }',
      state === 'none' ? 'echo "release not found" >&2; exit 1' : `echo ${state === 'draft' ? 'true' : 'false'}`,
    ].join('\n'),
  });

  test('the release steps: refuse a published release first, then draft, upload, verify, publish last', () => {
    expect(workflow.jobs.release.steps.map((s: any) => s.id)).toEqual(['existing-release', 'download', 'checksums', 'attest', 'draft', 'verify', 'publish']);
    expect(step(workflow.jobs.release, 'draft').with).toMatchObject({ draft: true, overwrite_files: true, fail_on_unmatched_files: true });
    expect(step(workflow.jobs.release, 'publish').if).toBe('steps.existing-release.outputs.published != \'true\'');
  });

  test('a published release stops the run (no opt-in); a draft or no release goes on; the opt-in replaces assets and keeps it published', () => {
    const script = step(workflow.jobs.release, 'existing-release').run;
    const published = runScript(script, env(gh('published'), { REPLACE_PUBLISHED_RELEASE: 'false' }));
    expect(published.status).toBe(1);
    expect(published.stdout).toBe('::error::The release v1.10.6-nanopi-m6 is already published, and this run does not alter a published release. '
      + 'Delete it to release again, or opt in with replacePublishedRelease.\n');
    expect(runScript(script, env(gh('draft'), { REPLACE_PUBLISHED_RELEASE: 'false' })).outputs).toEqual({ published: 'false' });
    expect(runScript(script, env(gh('none'), { REPLACE_PUBLISHED_RELEASE: 'false' })).outputs).toEqual({ published: 'false' });
    expect(runScript(script, env(gh('published'), { REPLACE_PUBLISHED_RELEASE: 'true' })).outputs).toEqual({ published: 'true' });
    expect(step(synth({ replacePublishedRelease: true }).jobs.release, 'existing-release').env.REPLACE_PUBLISHED_RELEASE).toBe('true');
  });

  test('an overlay tag pushed by an earlier run is re-used by digest (build skipped, the reported digest attested), never moved', () => {
    const overlay = workflow.jobs.overlay;
    const digest = `sha256:${'d'.repeat(64)}`;
    /**
     * `docker buildx imagetools inspect <ref> --format '{{json .Manifest}}'`: the index as indented
     * JSON (json.MarshalIndent, its own digest at top level before the manifests' digests), a
     * format starting with `{{.Manifest` prints text instead (docker/buildx
     * util/imagetools/printers.go), or "<ref>: not found".
     */
    const docker = (exists: boolean) => stubs({
      docker: [
        '[[ "$1 $2 $3" == "buildx imagetools inspect" && "$5" == "--format" ]] || { echo "bad docker call: $*" >&2; exit 2; }',
        '[[ "$6" == "{{.Manifest"* ]] && { printf "Name: %s\\nDigest: x\\n" "$4"; exit 0; }',
        '[[ "$6" == "{{json .Manifest}}" ]] || { echo "unsupported format $6" >&2; exit 2; }',
        exists
          ? `printf '{\\n  "schemaVersion": 2,\\n  "mediaType": "application/vnd.oci.image.index.v1+json",\\n  "digest": "${digest}",\\n  "size": 1609,\\n`
            + `  "manifests": [\\n    {\\n      "digest": "sha256:${'e'.repeat(64)}",\\n      "size": 2}\\n  ]\\n}\\n'`
          : 'echo "ERROR: $4: not found" >&2; exit 1',
      ].join('\n'),
    });
    const existing = step(overlay, 'existing-tag');
    const found = runScript(existing.run, env(docker(true), existing.env));
    expect(found.outputs).toEqual({ exists: 'true', digest });
    expect(runScript(existing.run, env(docker(false), existing.env)).outputs).toEqual({ exists: 'false' });
    expect(step(overlay, 'push').if).toBe('steps.existing-tag.outputs.exists != \'true\'');
    // the attestation runs for a re-used digest too: a run whose attestation failed after the push
    // must not release an unattested overlay on re-run (test/contracts)
    expect(step(overlay, 'attest').if).toBeUndefined();
    expect(step(overlay, 'attest').with['subject-digest']).toBe('${{ steps.digest.outputs.digest }}');
    const report = step(overlay, 'digest');
    expect(runScript(report.run, { PUSHED_DIGEST: '', EXISTING_DIGEST: digest }).outputs).toEqual({ digest });
  });
});

test('every workflow synthesised here passes actionlint, @actions/workflow-parser and shellcheck', () => {
  expect(files.length).toBeGreaterThan(5);
  expectValidWorkflows(files);
});

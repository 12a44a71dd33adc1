import { parse } from 'yaml';
import { BoardCatalog, BoardPreset, KernelFlavour, OverlayBoard, OverlayBuild, OverlayProfile, ReleaseWorkflow, TalosVersion } from '../src';
import {
  allSteps, BSP_IMAGER, communityBoard, dockerRuns, expand, imagerArgs, imagerStep, joined, LEGS, officialRelease, OVERLAY,
  sharedScenarios, stepUsing, synth, validateSynthesised, VARIANT_IMAGER, variantImager,
} from './support/pitfalls';
import { errorOf, tempProject } from './support/projen';

/**
 * Pitfalls 10 to 19 of the 19 of talos-domain.md ("Pitfalls a generator should prevent by construction"),
 * one `pitfall N:` test (or more) each (1 to 9: ./pitfalls.test.ts): either the synthesised workflow makes the mistake
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
describe('pitfalls a generator should prevent by construction (10 to 19)', () => {
  const { community, rock5b, selfHosted, byVersion } = sharedScenarios();

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
    validateSynthesised();
  });
});

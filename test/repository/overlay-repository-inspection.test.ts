import { readdirSync, statSync } from 'fs';
import { join } from 'path';
import {
  currentDeclaration, fixedDeclaration, nanopiM6Repository, NANOPI_M6_RAW_WRITES, raisedOffsetInstaller, repository,
} from './support';
import { Architecture, OverlayRepositoryInspection, OverlayRepositoryInspectionOptions, RepositoryFinding, RepositoryFindingSeverity } from '../../src';

const { ERROR, WARNING, NOTE } = RepositoryFindingSeverity;

function inspect(options: OverlayRepositoryInspectionOptions): RepositoryFinding[] {
  return OverlayRepositoryInspection.inspect(options);
}

/** `severity file:line ruleId` of each finding. */
function where(findings: RepositoryFinding[]): string[] {
  return findings.map((f) => `${f.severity} ${f.file}${f.line === undefined ? '' : `:${f.line}`} ${f.ruleId}`);
}

function only(findings: RepositoryFinding[], ruleId: string): RepositoryFinding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}

describe('OverlayRepositoryInspection: the NanoPi M6 repository as it is (jhuynh08/nanopi-m6 @ 040eb91)', () => {
  const findings = inspect(currentDeclaration(nanopiM6Repository()));

  test('fails with the missing build arg, the arm64 installer, the QEMU kernel and the layout error', () => {
    expect(OverlayRepositoryInspection.hasErrors(findings)).toBe(true);
    expect(where(findings)).toEqual([
      'error artifacts/rkbin/pkg.yaml:14 missing-build-arg',
      'error artifacts/u-boot/rock5a/pkg.yaml:9 missing-build-arg',
      'error artifacts/u-boot/rock5b/pkg.yaml:9 missing-build-arg',
      'error installers/pkg.yaml:8 installer-arch',
      'error installers/pkg.yaml:10 emulated-build',
      'error installers/rk3588/src/main.go:38 raw-layout',
      'warning installers/pkg.yaml:1 emulated-build',
      'warning installers/pkg.yaml:6 emulated-build',
      'warning installers/pkg.yaml:8 emulated-build',
      'warning installers/pkg.yaml:12 emulated-build',
    ]);
  });

  test('the missing SOURCE_DATE_EPOCH: bldr renders <no value> (siderolabs/bldr pkg.go @ v0.3.0), the Makefile passes it', () => {
    expect(OverlayRepositoryInspection.format(findings.slice(0, 1))).toBe(
      'ERROR artifacts/rkbin/pkg.yaml:14 [missing-build-arg] stage rkbin reads build arg SOURCE_DATE_EPOCH outside {{ if }}, and the workflow does not pass it, '
      + 'so bldr renders "<no value>" in its place (the repository\'s Makefile passes it, Makefile:11, and sets it at Makefile:5: '
      + 'SOURCE_DATE_EPOCH := $(shell git log $(INITIAL_COMMIT_SHA) --pretty=%ct)). '
      + 'Fix: pass SOURCE_DATE_EPOCH (buildArgs.SOURCE_DATE_EPOCH, computed at run time from git, e.g. the first commit\'s time as the Makefile does, '
      + 'with the history that needs), or guard the read with {{ if .BUILD_ARG_SOURCE_DATE_EPOCH }}');
  });

  test('the installer pinned to arm64 while the overlay is pushed for amd64 too', () => {
    expect(only(findings, 'installer-arch')).toEqual([{
      severity: ERROR,
      ruleId: 'installer-arch',
      file: 'installers/pkg.yaml',
      line: 8,
      message: 'stage overlay-rk3588 builds the overlay installer and is pinned to linux/arm64, so the image for linux/amd64 holds a linux/arm64 installer; '
        + 'the imager executes the installer of its own architecture\'s image on the host, which fails with "exec format error"',
      fix: 'remove this platform pin so that each platform gets its own installer (siderolabs/sbc-rockchip leaves its installer stages unpinned); '
        + 'or push the overlay for linux/arm64 only and run the imager on an arm64 host; or, last, set up binfmt before the imager',
    }]);
  });

  test('the kernel pinned to arm64 on an amd64 runner is compiled under QEMU', () => {
    expect(only(findings, 'emulated-build')[0]).toEqual({
      severity: ERROR,
      ruleId: 'emulated-build',
      file: 'installers/pkg.yaml',
      line: 10,
      message: 'this dependency of talos-sbc-rk3588-mainline pins stage talos-kernel-rk3588-mainline to linux/arm64; the overlay build runs on a linux/amd64 runner, '
        + 'so BuildKit compiles the Linux kernel (talos-kernel-rk3588-mainline, kernel-build-mainline, kernel-prepare-mainline) under QEMU: '
        + 'hours, past the job\'s timeout-minutes and likely GitHub\'s 6-hour job limit',
      fix: 'build on a native arm64 runner (ubuntu-24.04-arm for public repositories, a self-hosted arm64 label otherwise), '
        + 'or use a prebuilt kernel image ({{ .BUILD_ARG_PKGS_PREFIX }}/kernel) instead of compiling one, as siderolabs/sbc-rockchip does',
    });
  });

  test('uboot.img (4 MiB at 8 MiB) crosses the GPT entries at 10 MiB + 1 KiB and the first partition at 11 MiB; the fix names the offset', () => {
    expect(only(findings, 'raw-layout')).toEqual([{
      severity: ERROR,
      ruleId: 'raw-layout',
      file: 'installers/rk3588/src/main.go',
      line: 38,
      message: 'uboot.img written at byte 8388608 ends at byte 12582912, over the GPT entry array at bytes 10486784 to 10503168 '
        + 'and past the first partition at byte 11534336 (Talos v1.10.6, go-blockdevice v2: entries at LBA offset + 2; PartitionOptions.Offset 20480 LBAs), '
        + 'so it corrupts the partition table (the installer writes it after partitioning)',
      fix: 'raise the installer\'s PartitionOptions.Offset (installers/rk3588/src/main.go:38) to 24576 LBAs (2048 * 12 = 12 MiB), or keep uboot.img at most 2098176 bytes',
    }]);
  });

  test('the build arg read inside {{ if }} (KERNEL_TARGET) is optional and not reported', () => {
    expect(findings.filter((f) => f.message.includes('KERNEL_TARGET'))).toEqual([]);
  });

  test('the inspection is read-only', () => {
    const root = nanopiM6Repository();
    const before = listing(root);
    inspect(currentDeclaration(root));
    expect(listing(root)).toEqual(before);
  });
});

describe('OverlayRepositoryInspection: the declared fix passes', () => {
  test('raised offset (2048 * 12), SOURCE_DATE_EPOCH at run time, linux/arm64 only, native arm64 runner and imager: no finding', () => {
    expect(inspect(fixedDeclaration(nanopiM6Repository(raisedOffsetInstaller('2048 * 12'))))).toEqual([]);
  });

  test('each part of the fix alone removes its own error only', () => {
    const raised = inspect(currentDeclaration(nanopiM6Repository(raisedOffsetInstaller('2048 * 12'))));
    expect(only(raised, 'raw-layout')).toEqual([]);
    expect(only(raised, 'missing-build-arg')).toHaveLength(3);
    const epoch = inspect({ ...currentDeclaration(nanopiM6Repository()), runTimeBuildArgs: ['SOURCE_DATE_EPOCH'] });
    expect(only(epoch, 'missing-build-arg')).toEqual([]);
    expect(only(epoch, 'raw-layout')).toHaveLength(1);
  });

  test('the bsp kernel variant of the same repository resolves its own stages', () => {
    const fixed = fixedDeclaration(nanopiM6Repository(raisedOffsetInstaller('2048 * 12')));
    expect(inspect({ ...fixed, target: 'talos-sbc-rk3588-bsp', buildArgs: { ...fixed.buildArgs, KERNEL_VARIANT: 'bsp' } })).toEqual([]);
  });

  test('binfmt before the imager turns the pinned installer into a warning', () => {
    const findings = inspect({ ...currentDeclaration(nanopiM6Repository()), imagerBinfmt: true });
    expect(only(findings, 'installer-arch').map((f) => f.severity)).toEqual([WARNING]);
  });
});

describe('OverlayRepositoryInspection: rules one by one', () => {
  test('no Pkgfile: one NOTE, nothing inspected', () => {
    expect(inspect({ repositoryRoot: repository({ Dockerfile: 'FROM scratch\n' }), target: 'overlay' })).toEqual([{
      severity: NOTE,
      ruleId: 'no-pkgfile',
      file: 'Pkgfile',
      message: 'the repository has no Pkgfile, so the overlay build was not inspected',
      fix: 'nothing to do for a Dockerfile build; for a bldr build, check the Pkgfile path',
    }]);
  });

  test('a template action outside the subset is a WARNING with file and line, never a silent pass', () => {
    const root = minimal({
      'overlay/pkg.yaml': 'name: overlay\nvariant: scratch\nsteps:\n  - install:\n      - echo {{ printf "%s" .BUILD_ARG_X }}\n      - {{ range .Y }}x{{ end }}\n'
        + 'finalize:\n  - from: /\n    to: /\n',
    });
    expect(where(inspect({ ...NATIVE, repositoryRoot: root, target: 'overlay' }))).toEqual([
      'warning Pkgfile no-installer',
      'warning overlay/pkg.yaml:5 unsupported-template',
      'warning overlay/pkg.yaml:6 unsupported-template',
    ]);
    expect(inspect({ ...NATIVE, repositoryRoot: root, target: 'overlay' })[1].message)
      .toBe('the template action {{ printf "%s" .BUILD_ARG_X }} is outside the subset the inspection understands, so what it renders is not checked');
  });

  test('an unclosed {{ if }} is a template syntax ERROR (bldr cannot load the file)', () => {
    const root = minimal({ 'overlay/pkg.yaml': 'name: overlay\n{{ if .BUILD_ARG_X }}\nvariant: scratch\n' });
    expect(where(inspect({ ...NATIVE, repositoryRoot: root, target: 'overlay' }))).toContain('error overlay/pkg.yaml:2 template-syntax');
  });

  test('a pkg.yaml that renders to invalid YAML is reported at its source line', () => {
    const root = minimal({ 'overlay/pkg.yaml': 'name: overlay\n{{ if .X }}\nskipped: 1\n{{ end }}\nsteps: [\nfinalize:\n' });
    expect(where(inspect({ ...NATIVE, repositoryRoot: root, target: 'overlay' }))).toEqual([
      'error Pkgfile missing-target',
      'error overlay/pkg.yaml:6 yaml',
    ]);
  });

  test('a missing target names the closest stage', () => {
    const findings = inspect({ ...currentDeclaration(nanopiM6Repository()), target: 'talos-sbc-rk3588-mainlin' });
    expect(findings).toEqual([{
      severity: ERROR,
      ruleId: 'missing-target',
      file: 'Pkgfile',
      message: 'the target "talos-sbc-rk3588-mainlin" is not a stage of this repository for linux/amd64 (bldr: package not defined)',
      fix: 'build "talos-sbc-rk3588-mainline"',
    }, {
      severity: ERROR,
      ruleId: 'missing-target',
      file: 'Pkgfile',
      message: 'the target "talos-sbc-rk3588-mainlin" is not a stage of this repository for linux/arm64 (bldr: package not defined)',
      fix: 'build "talos-sbc-rk3588-mainline"',
    }]);
  });

  test('a missing stage: the templated kernel stage name with an unknown variant', () => {
    const findings = inspect({ ...fixedDeclaration(nanopiM6Repository(raisedOffsetInstaller('2048 * 12'))), buildArgs: { PKGS_PREFIX: 'p', PKGS: 'v1', KERNEL_VARIANT: 'vendor' }, target: 'talos-sbc-rk3588-vendor' });
    expect(findings).toEqual([{
      severity: ERROR,
      ruleId: 'missing-stage',
      file: 'installers/pkg.yaml',
      line: 10,
      message: 'stage talos-sbc-rk3588-vendor depends on stage "talos-kernel-rk3588-vendor", which no pkg.yaml defines for linux/arm64 (bldr: package not defined)',
      fix: 'define that stage, correct the name, or pass the build args its templated name needs',
    }]);
  });

  test('a Pkgfile variable that is not defined renders <no value> too', () => {
    const root = minimal({ 'overlay/pkg.yaml': 'name: overlay\nvariant: scratch\nsteps:\n  - install:\n      - echo {{ .uboot_verison }}\nfinalize:\n  - from: /\n    to: /installers/\n' });
    expect(inspect({ ...NATIVE, repositoryRoot: root, target: 'overlay' })).toEqual([{
      severity: ERROR,
      ruleId: 'undefined-variable',
      file: 'overlay/pkg.yaml',
      line: 5,
      message: 'stage overlay reads variable uboot_verison, which neither bldr, the Pkgfile vars nor a vars.yaml define, so it renders "<no value>"',
      fix: 'define uboot_verison in the Pkgfile vars, or correct the name',
    }]);
  });

  test('a vars.yaml defines variables for its directory; default covers a missing arg', () => {
    const root = minimal({
      'overlay/vars.yaml': 'greeting: hello\n',
      'overlay/pkg.yaml': 'name: overlay\nvariant: scratch\nsteps:\n  - install:\n      - echo {{ .greeting }} {{ .BUILD_ARG_TAG | default "latest" }} {{ default "x" .BUILD_ARG_Y }}\n'
        + 'finalize:\n  - from: /\n    to: /installers/\n',
    });
    expect(inspect({ ...NATIVE, repositoryRoot: root, target: 'overlay' })).toEqual([]);
  });

  test('an unsupported platform pin, an unused build arg', () => {
    const root = minimal({
      'overlay/pkg.yaml': 'name: overlay\nvariant: scratch\ndependencies:\n  - stage: tools\n    platform: linux/riscv64\nfinalize:\n  - from: /\n    to: /installers/\n',
      'tools/pkg.yaml': 'name: tools\nvariant: scratch\n',
    });
    expect(where(inspect({ ...NATIVE, repositoryRoot: root, target: 'overlay', buildArgs: { PKGS: 'v1' } }))).toEqual([
      'error overlay/pkg.yaml:4 unsupported-platform',
      'note Pkgfile unused-build-arg',
    ]);
  });

  test('the imager host must be a pushed platform (the imager pulls its own GOARCH)', () => {
    const findings = inspect({ ...fixedDeclaration(nanopiM6Repository(raisedOffsetInstaller('2048 * 12'))), imagerHostArchs: [Architecture.AMD64] });
    expect(findings).toEqual([{
      severity: ERROR,
      ruleId: 'imager-host-platform',
      file: 'Pkgfile',
      message: 'the imager runs on an amd64 host and pulls the overlay for its own architecture (linux/amd64), but the overlay is pushed for linux/arm64 only',
      fix: 'run the imager on a host whose architecture is pushed (e.g. ubuntu-24.04-arm for linux/arm64), or push the overlay for linux/amd64 too',
    }]);
  });

  test('arm64 stages without a kernel on an amd64 runner: a WARNING', () => {
    const root = minimal({ 'overlay/pkg.yaml': 'name: overlay\nvariant: scratch\nfinalize:\n  - from: /\n    to: /installers/\n' });
    expect(where(inspect({ repositoryRoot: root, target: 'overlay', platforms: ['linux/arm64'], imagerHostArchs: [Architecture.ARM64] })))
      .toEqual(['warning overlay/pkg.yaml:1 emulated-build']);
  });

  test('the declared profile must be in the profiles stage\'s directory', () => {
    const findings = inspect({ ...fixedDeclaration(nanopiM6Repository(raisedOffsetInstaller('2048 * 12'))), profileName: 'nanopi-m6' });
    expect(findings).toEqual([{
      severity: ERROR,
      ruleId: 'missing-profile',
      file: 'profiles/pkg.yaml',
      line: 4,
      message: 'the imager is asked for profile "nanopi-m6", but the target puts only board-rk3588.yaml in the image\'s profiles/ (from profiles/rk3588/)',
      fix: 'add profiles/rk3588/nanopi-m6.yaml, or use one of the profiles listed',
    }]);
  });

  test('before Talos v1.8 the entries start AT the offset: 12 MiB ends exactly at an offset of 2048 * 12', () => {
    const old = inspect({ ...fixedDeclaration(nanopiM6Repository()), talosVersion: 'v1.7.7' });
    expect(only(old, 'raw-layout').map((f) => [f.message, f.fix])).toEqual([[
      'uboot.img written at byte 8388608 ends at byte 12582912, over the GPT entry array at bytes 10485760 to 10502144 and past the first partition at byte 11534336 '
      + '(Talos v1.7.7, go-blockdevice v0.4: entries at LBA offset; PartitionOptions.Offset 20480 LBAs), so it corrupts the partition table (the installer writes it after partitioning)',
      'raise the installer\'s PartitionOptions.Offset (installers/rk3588/src/main.go:38) to 24576 LBAs (2048 * 12 = 12 MiB), or keep uboot.img at most 2097152 bytes',
    ]]);
    expect(inspect({ ...fixedDeclaration(nanopiM6Repository(raisedOffsetInstaller('2048 * 12'))), talosVersion: 'v1.7.7' })).toEqual([]);
    // one LBA short of the end of uboot.img
    expect(where(inspect({ ...fixedDeclaration(nanopiM6Repository(raisedOffsetInstaller('2048 * 12 - 1'))), talosVersion: 'v1.7.7' })))
      .toEqual(['error installers/rk3588/src/main.go:38 raw-layout']);
  });

  test('the offset is parsed from constants; a declared offset must agree; an unreadable one is reported', () => {
    const withConstant = raisedOffsetInstaller('partitionOffset');
    withConstant['installers/rk3588/src/offsets.go'] = 'package main\n\nconst partitionOffset uint64 = 2048 * (10 + 2) // 12 MiB\n';
    expect(inspect(fixedDeclaration(nanopiM6Repository(withConstant)))).toEqual([]);
    expect(inspect({ ...fixedDeclaration(nanopiM6Repository(raisedOffsetInstaller('2048 * 12'))), partitionOffsetSectors: 20480 })).toEqual([
      {
        severity: ERROR,
        ruleId: 'installer-offset',
        file: 'installers/rk3588/src/main.go',
        line: 38,
        message: 'the installer declares PartitionOptions.Offset = 2048 * 12 (24576 LBAs), but the declaration says partitionOffsetSectors 20480',
        fix: 'make them agree: the installer\'s value is what partitions the disk',
      },
      expect.objectContaining({ ruleId: 'raw-layout', severity: ERROR }),
    ]);
    // unreadable: a WARNING, then Talos' default layout (first partition at 1 MiB), which both blobs cross
    expect(where(inspect(fixedDeclaration(nanopiM6Repository(raisedOffsetInstaller('offsetFor("nanopi-m6")')))))).toEqual([
      'error installers/rk3588/pkg.yaml raw-layout',
      'error installers/rk3588/pkg.yaml raw-layout',
      'warning installers/rk3588/src/main.go:38 installer-offset',
      'note installers/rk3588/pkg.yaml installer-offset',
    ]);
  });

  test('raw-write sizes come from the committed blobs', () => {
    const root = nanopiM6Repository(raisedOffsetInstaller('2048 * 12'));
    expect(inspect({ ...fixedDeclaration(root), rawWrites: [{ ...NANOPI_M6_RAW_WRITES[1], path: 'artifacts/u-boot/nanopi-m6/uboot.img' }] })).toEqual([{
      severity: ERROR,
      ruleId: 'raw-write-size',
      file: 'artifacts/u-boot/nanopi-m6/uboot.img',
      message: 'uboot.img is declared at artifacts/u-boot/nanopi-m6/uboot.img, but there is no such file in the repository',
      fix: 'correct the path, or give sizeBytes instead',
    }]);
    expect(where(inspect({ ...fixedDeclaration(root), rawWrites: [{ ...NANOPI_M6_RAW_WRITES[1], sizeBytes: 1 }] })))
      .toEqual(['error artifacts/u-boot/nanopi-m6/vendor/uboot.img raw-write-size']);
    expect(where(inspect({ ...fixedDeclaration(root), rawWrites: [{ file: 'uboot.img', offsetBytes: 8388608 }] })))
      .toEqual(['warning installers/rk3588/src/main.go:38 raw-write-size']);
  });

  test('bldr load errors: duplicate stage names, circular dependencies, no bldr syntax line', () => {
    const root = repository({
      'Pkgfile': 'format: v1alpha2\n',
      'a/pkg.yaml': 'name: a\ndependencies:\n  - stage: b\nfinalize:\n  - from: /\n    to: /installers/\n',
      'b/pkg.yaml': 'name: b\ndependencies:\n  - stage: a\n',
      'c/pkg.yaml': 'name: b\n',
    });
    expect(where(inspect({ ...NATIVE, repositoryRoot: root, target: 'a' }))).toEqual([
      'error Pkgfile:1 pkgfile',
      'error a/pkg.yaml:1 circular-dependency',
      'error c/pkg.yaml:1 duplicate-stage',
    ]);
  });
});

/** Native arm64 build and imager for an arm64-only overlay. */
const NATIVE = { platforms: ['linux/arm64'], buildRunnerArch: Architecture.ARM64, imagerHostArchs: [Architecture.ARM64] };

/** A repository with a bldr Pkgfile and these files. */
function minimal(files: { [path: string]: string }): string {
  return repository({ Pkgfile: '# syntax = ghcr.io/siderolabs/bldr:v0.3.0\n\nformat: v1alpha2\n', ...files });
}

function listing(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      const stat = statSync(path);
      out.push(`${path} ${stat.size} ${stat.mtimeMs}`);
      if (stat.isDirectory()) {
        walk(path);
      }
    }
  };
  walk(root);
  return out;
}

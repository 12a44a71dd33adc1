import { Construct } from 'constructs';
import { Architecture, Bootloader, Compression, OverlayBoard, OverlayProfile, TalosVersion } from '../../src';
import { Problems } from '../../src/private/validation';
import { errorOf } from '../support/errors';
import { NANOPI_M6 } from '../support/fixtures';

function parse(version: string): TalosVersion {
  const v = TalosVersion._tryParse(version);
  if (!v) {
    throw new Error(`cannot parse ${version}`);
  }
  return v;
}

describe('TalosVersion', () => {
  test.each([
    ['v1.7.4', 1, 7, 4, undefined],
    ['v1.10.6', 1, 10, 6, undefined],
    ['v1.14.0-rc.1', 1, 14, 0, 'rc.1'],
  ])('parses %s', (text, major, minor, patch, pre) => {
    const v = parse(text);
    expect([v.major, v.minor, v.patch, v.prerelease]).toEqual([major, minor, patch, pre]);
    expect(v.version).toBe(text);
  });

  test.each(['1.10.6', 'v1.10', 'v1.10.6.1', 'v01.10.6', 'v1.10.6-foo', 'latest', 'v1.10.6 ', ''])('rejects malformed %j', (text) => {
    expect(TalosVersion._tryParse(text)).toBeUndefined();
  });

  test.each([
    // version, privileged, base installer, systemd-boot default on arm64, zstd
    ['v1.7.4', true, 'ghcr.io/siderolabs/installer:v1.7.4', false, false],
    ['v1.9.6', true, 'ghcr.io/siderolabs/installer:v1.9.6', false, true],
    ['v1.10.6', true, 'ghcr.io/siderolabs/installer-base:v1.10.6', true, true],
    ['v1.12.5', true, 'ghcr.io/siderolabs/installer-base:v1.12.5', true, true],
    ['v1.13.9', false, 'ghcr.io/siderolabs/installer-base:v1.13.9', true, true],
    ['v1.14.0-rc.1', false, 'ghcr.io/siderolabs/installer-base:v1.14.0-rc.1', true, true],
  ])('version table for %s', (text, privileged, baseInstaller, systemdBoot, zstd) => {
    const v = parse(text);
    expect(v.imagerNeedsPrivileges).toBe(privileged);
    expect(v.baseInstallerImage).toBe(baseInstaller);
    expect(v.arm64DefaultsToSystemdBoot).toBe(systemdBoot);
    expect(v.supportsZstd).toBe(zstd);
    expect(v.imagerImage).toBe(`ghcr.io/siderolabs/imager:${text}`);
  });

  test.each([['v1.6.7', false], ['v1.7.0', true], ['v1.14.9', true], ['v1.15.0', false], ['v2.0.0', false]])('support range: %s → %s', (text, supported) => {
    expect(parse(text).isSupported).toBe(supported);
  });

  test('an unsupported version is reported, not guessed', () => {
    const problems = new Problems('OverlayBoard', 'App/Board');
    expect(TalosVersion._check(problems, 'talosVersion', 'v1.6.7')).toBeUndefined();
    expect(() => problems.throwIfAny()).toThrow(
      '[talos-sbc-constructs] OverlayBoard at "App/Board" is invalid:\n'
      + '  - talosVersion = "v1.6.7": Talos v1.7.0 through v1.14.x are supported (overlays need v1.7+; newer imagers are not yet modelled). '
      + 'Fix: use a release between v1.7.0 and v1.14.x');
  });
});

describe('TalosVersion: version-dependent behaviour table', () => {
  test.each([
    // version, metal default, bootloader key, grub on arm64, grub on amd64, installer API with ctx, rootless
    ['v1.7.4', Compression.XZ, false, false, false, false, false],
    ['v1.8.4', Compression.ZSTD, false, false, false, false, false],
    ['v1.9.6', Compression.ZSTD, false, false, false, false, false],
    // arm64 systemd-boot default from v1.10.0-alpha.2 (talos b1d410cb6), not alpha.0
    ['v1.10.0-alpha.1', Compression.ZSTD, false, false, false, false, false],
    ['v1.10.0-alpha.2', Compression.ZSTD, true, true, false, false, false],
    ['v1.10.6', Compression.ZSTD, true, true, false, false, false],
    ['v1.11.6', Compression.ZSTD, true, true, false, false, false],
    ['v1.12.5', Compression.ZSTD, true, true, false, true, false],
    ['v1.13.9', Compression.ZSTD, true, true, false, true, true],
    ['v1.14.0-rc.1', Compression.ZSTD, true, true, false, true, true],
  ])('%s', (text, metal, bootloaderKey, grubArm64, grubAmd64, ctx, rootless) => {
    const v = TalosVersion.of(text);
    expect(v.defaultMetalCompression).toBe(metal);
    expect(v.supportsBootloaderOption).toBe(bootloaderKey);
    expect(v.requiresGrubBootloader(Architecture.ARM64)).toBe(grubArm64);
    expect(v.requiresGrubBootloader(Architecture.AMD64)).toBe(grubAmd64);
    expect(v.installerApiHasContext).toBe(ctx);
    expect(v.imagerNeedsPrivileges).toBe(!rootless);
  });

  test.each([
    // flag, first version with it, first version without it
    ['--board', 'v1.7.0', 'v1.13.0-alpha.1'],
    ['--image-disk-size', 'v1.7.0', 'v1.13.0-alpha.0'],
    ['--image-cache', 'v1.9.0-alpha.3', undefined],
    ['--secureboot-include-well-known-certs', 'v1.8.0-alpha.2', undefined],
    ['--embedded-config-path', 'v1.12.0-alpha.1', undefined],
    ['--secureboot-signer-address', 'v1.14.0-alpha.2', undefined],
    ['--overlay-option', 'v1.7.0', undefined],
  ])('flag %s exists from %s until %s', (flag, since, removedIn) => {
    const releases = ['v1.7.0', 'v1.7.4', 'v1.8.0-alpha.1', 'v1.8.0-alpha.2', 'v1.8.4', 'v1.9.0-alpha.2', 'v1.9.0-alpha.3', 'v1.9.6', 'v1.10.6',
      'v1.11.6', 'v1.12.0-alpha.0', 'v1.12.0-alpha.1', 'v1.12.5', 'v1.13.0-alpha.0', 'v1.13.0-alpha.1', 'v1.13.9', 'v1.14.0-alpha.1', 'v1.14.0-alpha.2', 'v1.14.0-rc.1'];
    for (const release of releases) {
      const v = TalosVersion.of(release);
      const expected = v.isAtLeast(since) && (removedIn === undefined || !v.isAtLeast(removedIn));
      expect([release, v.supportsImagerFlag(flag)]).toEqual([release, expected]);
      expect([release, v.supportsImagerFlag(flag.replace(/^--/, ''))]).toEqual([release, expected]);
      expect(v.imagerFlags.includes(flag.replace(/^--/, ''))).toBe(expected);
    }
  });

  test('the flags of the newest imagers', () => {
    expect(TalosVersion.of('v1.13.9').imagerFlags).toEqual([
      'arch', 'platform', 'base-installer-image', 'insecure', 'extra-kernel-arg', 'meta', 'system-extension-image', 'output', 'output-kind',
      'tar-to-stdout', 'overlay-name', 'overlay-image', 'overlay-option', 'image-cache', 'secureboot-include-well-known-certs', 'embedded-config-path',
    ]);
    expect(TalosVersion.of('v1.7.4').imagerFlags).toEqual([
      'arch', 'platform', 'base-installer-image', 'board', 'insecure', 'image-disk-size', 'extra-kernel-arg', 'meta', 'system-extension-image',
      'output', 'output-kind', 'tar-to-stdout', 'overlay-name', 'overlay-image', 'overlay-option',
    ]);
  });

  test('an unknown flag is an error that lists the known ones', () => {
    expect(() => TalosVersion.of('v1.10.6').supportsImagerFlag('--disk-size')).toThrow(
      '[talos-sbc-constructs] TalosVersion at "v1.10.6" is invalid:\n'
      + '  - flag = "--disk-size": is not a flag of the Talos imager (v1.7 to v1.14). Fix: use one of --arch, --platform, --base-installer-image, --board, '
      + '--insecure, --image-disk-size, --extra-kernel-arg, --meta, --system-extension-image, --output, --output-kind, --tar-to-stdout, --overlay-name, '
      + '--overlay-image, --overlay-option, --image-cache, --secureboot-include-well-known-certs, --embedded-config-path, --secureboot-signer-address, '
      + '--pcr-signer-address, --secureboot-enroll-keys');
  });

  test('of() rejects malformed and unsupported versions with one error', () => {
    expect(() => TalosVersion.of('1.10.6')).toThrow(
      '[talos-sbc-constructs] TalosVersion at "TalosVersion.of" is invalid:\n'
      + '  - version = "1.10.6": a Talos version must look like "v1.10.6" (or "v1.14.0-rc.1"). Fix: use the exact release tag of siderolabs/talos, with the leading "v"');
    expect(() => TalosVersion.of('v1.15.0')).toThrow('Talos v1.7.0 through v1.14.x are supported');
  });

  test('ordering: a pre-release sorts before its release', () => {
    const ordered = ['v1.7.0', 'v1.9.6', 'v1.10.0-alpha.2', 'v1.10.0-beta.0', 'v1.10.0-rc.1', 'v1.10.0', 'v1.10.10', 'v1.14.0-rc.1'];
    for (let i = 0; i + 1 < ordered.length; i++) {
      expect(TalosVersion.of(ordered[i]).compareTo(TalosVersion.of(ordered[i + 1]))).toBeLessThan(0);
      expect(TalosVersion.of(ordered[i + 1]).isAtLeast(ordered[i])).toBe(true);
      expect(TalosVersion.of(ordered[i]).isAtLeast(ordered[i + 1])).toBe(false);
    }
    expect(TalosVersion.of('v1.10.6').compareTo(TalosVersion.of('v1.10.6'))).toBe(0);
  });
});

describe('TalosVersion: corrections read in siderolabs/talos at the tags (issue 9, item 5)', () => {
  function m6(talosVersion: string, extra: object = {}): OverlayBoard {
    return new OverlayBoard(new Construct(undefined as any, 'App'), 'Board', { ...NANOPI_M6, talosVersion, systemExtensions: [], ...extra });
  }

  // siderolabs/talos commit 51f96d6 ("fix: rework bootloader install and image generation"), first tag
  // v1.14.0-rc.1 (`git tag --contains 51f96d6`): overlay files land in BOOT instead of EFI (talos#14226)
  test('releases from v1.14.0-rc.1 are known-broken: a board refuses them, with the issue link', () => {
    const message = (v: string): string => [
      '[talos-sbc-constructs] OverlayBoard at "Board" is invalid:',
      `  - talosVersion = "${v}": Talos v1.14.0-rc.1 and later is known to build broken SBC images: overlay files land in the BOOT partition `
      + 'instead of EFI (talos commit 51f96d6), so the board does not boot (https://github.com/siderolabs/talos/issues/14226). '
      + 'Fix: use a release before v1.14.0-rc.1 until a fixed release is verified',
    ].join('\n');
    expect(errorOf(() => m6('v1.14.0-rc.1'))).toBe(message('v1.14.0-rc.1'));
    expect(errorOf(() => m6('v1.14.3'))).toBe(message('v1.14.3'));
    // the release before the commit still builds, and TalosVersion.of still parses for table lookups
    expect(m6('v1.14.0-beta.1').talosVersion).toBe('v1.14.0-beta.1');
    expect(TalosVersion.of('v1.14.0-rc.1')._knownBroken?.issue).toBe('https://github.com/siderolabs/talos/issues/14226');
    expect(TalosVersion.of('v1.14.0-beta.1')._knownBroken).toBeUndefined();
  });

  // talos commits b1d410cb6 ("feat: dual boot disk image") and fd8131cb8 ("feat: generate unified
  // installer") are first in tag v1.10.0-alpha.2 (`git tag --contains`), not alpha.0
  test('arm64 systemd-boot and installer-base arrive in v1.10.0-alpha.2', () => {
    for (const v of ['v1.10.0-alpha.0', 'v1.10.0-alpha.1']) {
      expect(TalosVersion.of(v).arm64DefaultsToSystemdBoot).toBe(false);
      expect(TalosVersion.of(v).baseInstallerImage).toBe(`ghcr.io/siderolabs/installer:${v}`);
    }
    expect(TalosVersion.of('v1.10.0-alpha.2').arm64DefaultsToSystemdBoot).toBe(true);
    expect(TalosVersion.of('v1.10.0-alpha.2').baseInstallerImage).toBe('ghcr.io/siderolabs/installer-base:v1.10.0-alpha.2');
  });

  // siderolabs/talos pkg/imager/imager.go @ v1.9.6: overlay profiles are read with a plain
  // yaml.Unmarshal (unknown keys ignored), so a "bootloader: grub" is harmless before v1.10
  test('a profile with bootloader: grub is accepted before v1.10; another bootloader is not', () => {
    const grub = { profile: OverlayProfile.fromName('board-rk3588', { bootloader: Bootloader.GRUB }) };
    expect(m6('v1.9.6', grub).profile.bootloader).toBe(Bootloader.GRUB);
    expect(m6('v1.7.4', grub).profile.bootloader).toBe(Bootloader.GRUB);
    expect(OverlayProfile.generate({ name: 'board-rk3588', bootloader: Bootloader.GRUB }).renderYaml('v1.9.6')).toContain('bootloader: grub');
    expect(errorOf(() => m6('v1.9.6', { profile: OverlayProfile.fromName('board-rk3588', { bootloader: Bootloader.SD_BOOT }) }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "Board" is invalid:',
      '  - profile.bootloader = "sd-boot": output.imageOptions.bootloader exists from Talos v1.10.0-alpha.2 (talosVersion is v1.9.6); '
      + 'older imagers ignore the key and boot GRUB. Fix: check the profile the overlay ships for this Talos release',
    ].join('\n'));
  });

  // siderolabs/talos cmd/installer/cmd/imager/root.go @ v1.7.4, v1.10.6, v1.13.9: for
  // --overlay-option=k=v, `if strings.HasPrefix(v, "@")` reads the file v[1:] instead of the text
  test('an overlay option value starting with "@" is rejected (the imager reads it as a file path)', () => {
    expect(errorOf(() => m6('v1.10.6', { overlayOptions: { board: '@/etc/passwd', chipset: 'rk3588s' } }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "Board" is invalid:',
      '  - overlayOptions.board = "@/etc/passwd": the imager reads an overlay option value starting with "@" as a file path (cmd/imager root.go). '
      + 'Fix: pass the literal text without the leading "@", or free text in overlayTextOptions',
    ].join('\n'));
    expect(m6('v1.10.6', { overlayOptions: { board: 'nanopi-m6', chipset: 'rk3588s' } }).overlayOptions.board).toBe('nanopi-m6');
  });
});

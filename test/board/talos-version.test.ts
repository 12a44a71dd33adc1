import { Architecture, Compression, TalosVersion } from '../../src';
import { Problems } from '../../src/private/validation';

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
    ['v1.10.0-alpha.1', Compression.ZSTD, false, true, false, false, false],
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

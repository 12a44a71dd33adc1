import { TalosVersion } from '../../src';
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

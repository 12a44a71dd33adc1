import { Architecture, Bootloader, Compression, DiskFormat, OverlayProfile } from '../../src';
import { errorOf } from '../support/errors';

/** profiles/rock5b/rock5b.yaml of siderolabs/sbc-rockchip v0.2.0 (identical in every official SBC overlay since the grub fix). */
const OFFICIAL_SBC_PROFILE = [
  'arch: arm64',
  'platform: metal',
  'secureboot: false',
  'output:',
  '  kind: image',
  '  outFormat: .xz',
  '  imageOptions:',
  '    diskSize: 1306525696',
  '    diskFormat: raw',
  '    bootloader: grub',
  '',
].join('\n');

/** The same profile before sbc-rockchip v0.1.5 (and the community board-rk3588.yaml): no bootloader key. */
const PRE_GRUB_SBC_PROFILE = OFFICIAL_SBC_PROFILE.replace('    bootloader: grub\n', '');

describe('OverlayProfile.generate', () => {
  test('defaults render the official SBC profile byte for byte (Talos v1.10+)', () => {
    const profile = OverlayProfile.generate({ name: 'board-rk3588' });
    expect(profile.renderYaml('v1.10.6')).toBe(OFFICIAL_SBC_PROFILE);
    expect(profile.renderYaml('v1.13.9')).toBe(OFFICIAL_SBC_PROFILE);
    expect(profile.outputFile).toBe('metal-arm64.raw.xz');
    expect(profile.bootloaderFor('v1.10.6')).toBe(Bootloader.GRUB);
    expect(profile.isGenerated).toBe(true);
  });

  test('before Talos v1.10 there is no bootloader key to set', () => {
    const profile = OverlayProfile.generate({ name: 'board-rk3588' });
    expect(profile.renderYaml('v1.7.4')).toBe(PRE_GRUB_SBC_PROFILE);
    expect(profile.renderYaml('v1.9.6')).toBe(PRE_GRUB_SBC_PROFILE);
    expect(profile.bootloaderFor('v1.9.6')).toBeUndefined();
  });

  test('amd64 profiles get no bootloader pin', () => {
    const profile = OverlayProfile.generate({ name: 'pc', arch: Architecture.AMD64, compression: Compression.ZSTD, diskSizeBytes: 8589934592 });
    expect(profile.renderYaml('v1.12.5')).toBe([
      'arch: amd64',
      'platform: metal',
      'secureboot: false',
      'output:',
      '  kind: image',
      '  outFormat: .zst',
      '  imageOptions:',
      '    diskSize: 8589934592',
      '    diskFormat: raw',
      '',
    ].join('\n'));
    expect(profile.outputFile).toBe('metal-amd64.raw.zst');
  });

  test.each([
    [Compression.NONE, DiskFormat.RAW, false, 'raw', 'metal-arm64.raw'],
    [Compression.GZIP, DiskFormat.QCOW2, false, '.gz', 'metal-arm64.qcow2.gz'],
    [Compression.XZ, DiskFormat.RAW, true, '.xz', 'metal-arm64-secureboot.raw.xz'],
  ])('output %s %s secureboot=%s: outFormat %s, file %s', (compression, diskFormat, secureBoot, outFormat, file) => {
    const profile = OverlayProfile.generate({ name: 'custom', compression, diskFormat, secureBoot });
    const yaml = profile.renderYaml('v1.12.5');
    expect(yaml).toContain(`  outFormat: ${outFormat}\n`);
    expect(yaml).toContain(`    diskFormat: ${diskFormat}\n`);
    expect(yaml).toContain(`secureboot: ${secureBoot}\n`);
    expect(profile.outputFile).toBe(file);
  });

  test('every problem of a generated profile in one error', () => {
    const profile = OverlayProfile.generate({
      name: 'metal',
      compression: Compression.ZSTD,
      diskSizeBytes: 1073741824,
      bootloader: Bootloader.GRUB,
      platform: 'Metal',
    });
    expect(errorOf(() => profile.renderYaml('v1.7.4'))).toBe([
      '[talos-sbc-constructs] OverlayProfile at "metal" is invalid:',
      '  - name = "metal": must be the overlay\'s own profile, not a built-in imager kind (since Talos v1.8 "metal" ignores the overlay profile and writes .raw.zst). Fix: name the profile after the board or overlay, e.g. "board-rk3588"',
      '  - platform = "Metal": a Talos platform must be 1 to 32 lowercase letters, digits or "-". Fix: use "metal" for SBC images',
      '  - compression = "zstd": .zst output needs Talos v1.8 or newer (talosVersion is v1.7.4). Fix: use Compression.XZ, or a newer Talos release',
      '  - diskSizeBytes = 1073741824: must be a whole number of bytes, at least 1306525696 (1246 MiB, Talos MinRAWDiskSize). Fix: use 1306525696 (what every official SBC profile uses) or more',
      // no bootloader problem: before v1.10 the imager ignores the key (plain yaml.Unmarshal, talos pkg/imager/imager.go @ v1.9.6)
    ].join('\n'));
  });

  test('the smallest disk is accepted, one byte less is not', () => {
    expect(OverlayProfile.generate({ name: 'b', diskSizeBytes: 1306525696 }).renderYaml('v1.12.5')).toContain('diskSize: 1306525696');
    expect(errorOf(() => OverlayProfile.generate({ name: 'b', diskSizeBytes: 1306525695 }).renderYaml('v1.12.5')))
      .toContain('diskSizeBytes = 1306525695: must be a whole number of bytes, at least 1306525696');
  });

  test('pitfall 2: systemd-boot on arm64 for v1.10+ needs a reason', () => {
    const sdBoot = OverlayProfile.generate({ name: 'board-rk3588', bootloader: Bootloader.SD_BOOT });
    expect(errorOf(() => sdBoot.renderYaml('v1.10.6'))).toBe([
      '[talos-sbc-constructs] OverlayProfile at "board-rk3588" is invalid:',
      '  - bootloader = "sd-boot": Talos v1.10+ defaults arm64 disk images to systemd-boot and the profile "board-rk3588" sets sd-boot; '
      + 'SBC profiles must pin "bootloader: grub" (talos#10859). Fix: remove bootloader (the generated profile pins GRUB), or give nonGrubBootloaderReason',
    ].join('\n'));
    const acknowledged = OverlayProfile.generate({
      name: 'board-rk3588',
      bootloader: Bootloader.SD_BOOT,
      nonGrubBootloaderReason: 'U-Boot 2025.10 starts systemd-boot through EFI; tested on hardware',
    });
    expect(acknowledged.renderYaml('v1.10.6')).toContain('    bootloader: sd-boot\n');
    expect(errorOf(() => OverlayProfile.generate({ name: 'b', bootloader: Bootloader.SD_BOOT, nonGrubBootloaderReason: ' ' }).renderYaml('v1.10.6')))
      .toContain('nonGrubBootloaderReason = " ": must say why the board boots without GRUB');
  });
});

describe('OverlayProfile.fromName', () => {
  test('a reference carries facts and cannot be rendered', () => {
    const profile = OverlayProfile.fromName('board-rk3588', { compression: Compression.XZ });
    expect(profile.isGenerated).toBe(false);
    expect(profile.outputFile).toBe('metal-arm64.raw.xz');
    expect(profile.bootloaderFor('v1.10.6')).toBeUndefined();
    expect(errorOf(() => profile.renderYaml('v1.9.6'))).toBe([
      '[talos-sbc-constructs] OverlayProfile at "board-rk3588" is invalid:',
      '  - name = "board-rk3588": a referenced profile is shipped by the overlay; only a generated profile can be rendered. Fix: use OverlayProfile.generate(...) to generate the profile YAML',
    ].join('\n'));
  });

  test('a shipped profile without a bootloader key is rejected for arm64 v1.10+', () => {
    const profile = OverlayProfile.fromName('board-rk3588');
    const message = errorOf(() => profile.renderYaml('v1.10.6'));
    expect(message).toContain('  - bootloader = (not set): Talos v1.10+ defaults arm64 disk images to systemd-boot and the profile "board-rk3588" has no bootloader key; '
      + 'SBC profiles must pin "bootloader: grub" (talos#10859). Fix: add "bootloader: grub" under output.imageOptions of the shipped profile and declare '
      + 'bootloader: Bootloader.GRUB (or generate it with OverlayProfile.generate), or give nonGrubBootloaderReason');
    expect(OverlayProfile.fromName('rock5b', { bootloader: Bootloader.GRUB }).bootloaderFor('v1.10.6')).toBe(Bootloader.GRUB);
  });
});

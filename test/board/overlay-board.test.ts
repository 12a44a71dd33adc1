import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Construct } from 'constructs';
import {
  Architecture, BoardPreset, Bootloader, Compression, DiskFormat, KernelFlavour, OverlayBoard,
  OverlayBoardProps, OverlayProfile, SystemExtension,
} from '../../src';
import { errorOf } from '../support/errors';

const NANOPI_M6: OverlayBoardProps = {
  boardName: 'nanopi-m6',
  overlayName: 'rk3588',
  ubootStartsEfi: true,
  overlayOptions: { chipset: 'rk3588s', board: 'nanopi-m6' },
  profile: OverlayProfile.fromName('board-rk3588', { bootloader: Bootloader.GRUB }),
  talosVersion: 'v1.10.6',
  systemExtensions: [SystemExtension.official('realtek-firmware')],
};

function board(props: Partial<OverlayBoardProps> = {}): OverlayBoard {
  return new OverlayBoard(new Construct(undefined as any, 'App'), 'Board', { ...NANOPI_M6, ...props });
}

describe('OverlayBoard', () => {
  test('defaults: arm64, tag pattern from the board name, xz raw metal output', () => {
    const b = board();
    expect(b.arch).toBe(Architecture.ARM64);
    expect(b.tagPattern).toBe('v*-nanopi-m6');
    expect(b.imagerOutputFile).toBe('metal-arm64.raw.xz');
    expect(b.assetName).toBe('talos-v1.10.6-nanopi-m6-arm64.raw.xz');
    expect(b.imagerImage).toBe('ghcr.io/siderolabs/imager:v1.10.6');
    expect(b.imagerNeedsPrivileges).toBe(true);
  });

  test('tag pattern: classes such as [0-9] are accepted; "?" (one character in fnmatch, zero or one in workflow filters) is refused', () => {
    expect(board({ tagPattern: 'v1.1[0-2].*-nanopi-m6' }).tagPattern).toBe('v1.1[0-2].*-nanopi-m6');
    expect(errorOf(() => board({ tagPattern: 'v1.1?.*-nanopi-m6' }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "Board" is invalid:',
      '  - tagPattern = "v1.1?.*-nanopi-m6": "?" and "+" repeat the preceding character in workflow tag filters, but rulesets and deployment policies (fnmatch) '
      + 'read "?" as any one character and "+" literally, so the two would match different tags. Fix: use "*" or a class such as "[0-9]" instead, e.g. "v*-nanopi-m6"',
    ].join('\n'));
  });

  test('imager arguments: profile as kind, options sorted by key, extensions, kernel args', () => {
    const b = board({ extraKernelArgs: ['-console', 'console=ttyS2,1500000n8'] });
    expect(b.imagerArguments('docker.io/123417/talos-sbc-nanopi-m6@sha256:abc')).toEqual([
      'board-rk3588',
      '--arch=arm64',
      '--overlay-image=docker.io/123417/talos-sbc-nanopi-m6@sha256:abc',
      '--overlay-name=rk3588',
      '--overlay-option=board=nanopi-m6',
      '--overlay-option=chipset=rk3588s',
      '--system-extension-image=ghcr.io/siderolabs/realtek-firmware:20250708',
      '--extra-kernel-arg=-console',
      '--extra-kernel-arg=console=ttyS2,1500000n8',
    ]);
  });

  test.each([
    [Compression.XZ, DiskFormat.RAW, false, 'metal-arm64.raw.xz'],
    [Compression.ZSTD, DiskFormat.RAW, false, 'metal-arm64.raw.zst'],
    [Compression.GZIP, DiskFormat.RAW, false, 'metal-arm64.raw.gz'],
    [Compression.NONE, DiskFormat.RAW, false, 'metal-arm64.raw'],
    [Compression.XZ, DiskFormat.QCOW2, false, 'metal-arm64.qcow2.xz'],
    [Compression.NONE, DiskFormat.RAW, true, 'metal-arm64-secureboot.raw'],
  ])('output file derived from the profile: %s %s secureboot=%s → %s', (compression, diskFormat, secureBoot, expected) => {
    // the profile as shipped (referenced by name with its facts) or the board's imageOutput (Talos < v1.10)
    const b = board({ profile: OverlayProfile.fromName('board-rk3588', { bootloader: Bootloader.GRUB, compression, diskFormat, secureBoot }) });
    expect(b.imagerOutputFile).toBe(expected);
    const old = board({ profile: undefined, profileName: 'board-rk3588', talosVersion: 'v1.9.6', imageOutput: { compression, diskFormat, secureBoot } });
    expect(old.imagerOutputFile).toBe(expected);
    expect(b.assetName).toBe(`talos-v1.10.6-nanopi-m6-${expected.replace(/^metal-/, '')}`);
  });

  test('v1.13 imager runs rootless', () => {
    expect(board({ talosVersion: 'v1.13.9' }).imagerNeedsPrivileges).toBe(false);
  });

  test('every problem of one board is reported in one error', () => {
    expect(errorOf(() => board({ boardName: 'NanoPi M6', profile: undefined, profileName: 'metal', talosVersion: '1.10.6' }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "Board" is invalid:',
      '  - boardName = "NanoPi M6": must be 1 to 40 lowercase letters and digits separated by single "-" (^[a-z0-9]+(?:-[a-z0-9]+)*$). Fix: use a short lowercase name such as "nanopi-m6"',
      '  - profileName = "metal": must be the overlay\'s own profile, not a built-in imager kind (since Talos v1.8 "metal" ignores the overlay profile and writes .raw.zst). Fix: use the base name of the profile YAML the overlay ships under /profiles/, e.g. "board-rk3588"',
      '  - talosVersion = "1.10.6": a Talos version must look like "v1.10.6" (or "v1.14.0-rc.1"). Fix: use the exact release tag of siderolabs/talos, with the leading "v"',
    ].join('\n'));
  });
});

function root(): Construct {
  return new Construct(undefined as any, 'App');
}

describe('OverlayBoard: backward compatibility', () => {
  test('a board declared with profileName only keeps its outputs and gets a reference profile', () => {
    const b = board();
    expect(b.profileName).toBe('board-rk3588');
    expect(b.profile.name).toBe('board-rk3588');
    expect(b.profile.isGenerated).toBe(false);
    expect(b.profileYaml).toBeUndefined();
    expect(b.typedOptionsYaml).toBeUndefined();
    expect(b.officialOverlayImage).toBeUndefined();
    expect(b.kernel).toBe(KernelFlavour.MAINLINE);
    expect(b.rawWrites).toEqual([]);
    expect(b.overlayBooleanOptions).toEqual({});
  });

  test('profileName, profile and preset all missing', () => {
    const { profile: _omit, ...rest } = NANOPI_M6;
    expect(errorOf(() => new OverlayBoard(root(), 'Board', rest))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "Board" is invalid:',
      '  - profileName = (not set): is required (the imager image kind is the overlay profile\'s name). '
      + 'Fix: give profileName, or profile: OverlayProfile.generate({ name }) / OverlayProfile.fromName(name, {...})',
    ].join('\n'));
  });
});

describe('OverlayBoard: profiles', () => {
  test('a generated profile names the image kind, derives the output file and renders the YAML', () => {
    const profile = OverlayProfile.generate({ name: 'board-rk3588' });
    const b = board({ profileName: undefined, profile });
    expect(b.profileName).toBe('board-rk3588');
    expect(b.imagerArguments('x')[0]).toBe('board-rk3588');
    expect(b.imagerOutputFile).toBe('metal-arm64.raw.xz');
    expect(b.profileYaml).toBe(profile.renderYaml('v1.10.6'));
    expect(b.profileYaml).toContain('    bootloader: grub\n');
  });

  test('imageOutput is derived from the profile: a contradiction is an error', () => {
    const profile = OverlayProfile.generate({ name: 'board-rk3588', compression: Compression.ZSTD });
    expect(board({ profileName: undefined, profile, imageOutput: { compression: Compression.ZSTD } }).imagerOutputFile).toBe('metal-arm64.raw.zst');
    expect(errorOf(() => board({ profileName: 'rk3588', profile, imageOutput: { compression: Compression.XZ, secureBoot: true }, arch: Architecture.AMD64 }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "Board" is invalid:',
      '  - profileName = "rk3588": conflicts with profile.name ("board-rk3588"): the image kind is the profile\'s name. Fix: remove profileName (it is derived from profile)',
      '  - arch = "amd64": conflicts with the profile\'s arch (arm64). Fix: remove arch (it is derived from the profile), or change the profile',
      '  - imageOutput.secureBoot = true: conflicts with the profile "board-rk3588" (secureBoot false): the output file name is derived from the profile. '
      + 'Fix: remove imageOutput (it is derived from the profile), or change the profile',
      '  - imageOutput.compression = "xz": conflicts with the profile "board-rk3588" (compression "zstd"): the output file name is derived from the profile. '
      + 'Fix: remove imageOutput (it is derived from the profile), or change the profile',
    ].join('\n'));
  });

  test('the profile is checked against the Talos release (pitfall 2, .zst, disk size)', () => {
    const profile = OverlayProfile.fromName('board-rk3588', { compression: Compression.ZSTD, diskSizeBytes: 1000 });
    expect(errorOf(() => board({ profileName: undefined, profile, talosVersion: 'v1.10.6' }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "Board" is invalid:',
      '  - profile.diskSizeBytes = 1000: must be a whole number of bytes, at least 1306525696 (1246 MiB, Talos MinRAWDiskSize). '
      + 'Fix: use 1306525696 (what every official SBC profile uses) or more',
      '  - profile.bootloader = (not set): Talos v1.10+ defaults arm64 disk images to systemd-boot and the profile "board-rk3588" has no bootloader key; '
      + 'SBC profiles must pin "bootloader: grub" (talos#10859). Fix: add "bootloader: grub" under output.imageOptions of the shipped profile and declare '
      + 'bootloader: Bootloader.GRUB (or generate it with OverlayProfile.generate), or give nonGrubBootloaderReason',
    ].join('\n'));
    expect(errorOf(() => board({ profileName: undefined, profile: OverlayProfile.generate({ name: 'b', compression: Compression.ZSTD }), talosVersion: 'v1.7.4' })))
      .toContain('  - profile.compression = "zstd": .zst output needs Talos v1.8 or newer (talosVersion is v1.7.4)');
    const acknowledged = OverlayProfile.fromName('board-rk3588', { nonGrubBootloaderReason: 'vendor U-Boot boots systemd-boot via EFI; tested' });
    expect(board({ profileName: undefined, profile: acknowledged }).profile.bootloader).toBeUndefined();
  });
});

describe('OverlayBoard.fromCatalog', () => {
  test('an official board: names, official image, no options', () => {
    const b = OverlayBoard.fromCatalog(root(), 'Rock5B', { preset: BoardPreset.ROCK5B, talosVersion: 'v1.10.6' });
    expect([b.boardName, b.displayName, b.overlayName, b.profileName, b.tagPattern]).toEqual(['rock5b', 'Radxa ROCK 5B', 'rock5b', 'rock5b', 'v*-rock5b']);
    expect(b.officialOverlayImage).toBe('ghcr.io/siderolabs/sbc-rockchip:v0.1.5');
    expect(b.imagerArguments(b.officialOverlayImage!)).toEqual(['rock5b', '--arch=arm64', '--overlay-image=ghcr.io/siderolabs/sbc-rockchip:v0.1.5', '--overlay-name=rock5b']);
    expect(b.profile.bootloader).toBe(Bootloader.GRUB);
    // the overlay path comes from the catalog (boards.json ubootArtifactDirectory)
    expect(b.rawWrites).toEqual([{ file: 'u-boot-rockchip.bin', offsetBytes: 32768, overlayPath: 'artifacts/arm64/u-boot/rock5b/u-boot-rockchip.bin' }]);
    expect(b.partitionOffsetSectors).toBe(20480);
    expect(b.preset).toBe(BoardPreset.ROCK5B);
  });

  test('typed options go through the options YAML file', () => {
    const b = OverlayBoard.fromCatalog(root(), 'Rock5B', { preset: BoardPreset.ROCK5B, talosVersion: 'v1.12.5', overlayBooleanOptions: { spi_boot: true } });
    expect(b.typedOptionsYaml).toBe('spi_boot: true\n');
    expect(b.overlayOptions).toEqual({});
    expect(b.imagerArguments('ref')).toEqual(['rock5b', '--arch=arm64', '--overlay-image=ref', '--overlay-name=rock5b', '--overlay-option=@/overlay-options.yaml']);
    expect(b.imagerArguments('ref', '/in/options.yaml')[4]).toBe('--overlay-option=@/in/options.yaml');
    expect(errorOf(() => b.imagerArguments('ref', '/in/my options.yaml'))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "Rock5B" is invalid:',
      '  - typedOptionsFile = "/in/my options.yaml": must be a path in the imager container without whitespace or shell characters. '
      + 'Fix: use a plain path such as "/overlay-options.yaml" and mount the options file there',
    ].join('\n'));
  });

  test('Raspberry Pi free-text options are YAML text, quoted for Go decoders', () => {
    const b = OverlayBoard.fromCatalog(root(), 'Pi', {
      preset: BoardPreset.RPI_5,
      talosVersion: 'v1.13.9',
      overlayTextOptions: { configTxtAppend: 'dtoverlay=vc4-kms-v3d\nhdmi_force_hotplug=1\n', configTxt: 'yes' },
    });
    expect(b.boardName).toBe('rpi-5');
    expect(b.typedOptionsYaml).toBe('configTxt: "yes"\nconfigTxtAppend: |\n  dtoverlay=vc4-kms-v3d\n  hdmi_force_hotplug=1\n');
    expect(b.officialOverlayImage).toBe('ghcr.io/siderolabs/sbc-raspberrypi:v0.2.0');
  });

  test('option keys and types are checked against the installer\'s schema', () => {
    expect(errorOf(() => OverlayBoard.fromCatalog(root(), 'B', {
      preset: BoardPreset.ROCK5B,
      talosVersion: 'v1.12.5',
      overlayOptions: { spi_boot: 'true', board: 'rock5b' },
      overlayTextOptions: { configTxt: 'x' },
    }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "B" is invalid:',
      '  - overlayOptions.board = "board": is not an option of the rock5b installer; it reads only spi_boot (boolean). Fix: use one of "spi_boot"',
      '  - overlayOptions.spi_boot = "true": spi_boot is a boolean option: as key=value or text it reaches the installer as a string, which its bool field rejects. '
      + 'Fix: pass it in overlayBooleanOptions, e.g. { spi_boot: true }',
      '  - overlayTextOptions.configTxt = "configTxt": is not an option of the rock5b installer; it reads only spi_boot (boolean). Fix: use one of "spi_boot"',
    ].join('\n'));
    expect(errorOf(() => OverlayBoard.fromCatalog(root(), 'B', { preset: BoardPreset.HELIOS64, talosVersion: 'v1.12.5', overlayBooleanOptions: { spi_boot: true } })))
      .toContain('  - overlayBooleanOptions.spi_boot = "spi_boot": is not an option of the helios64 installer; it reads no options. Fix: remove the option');
    expect(errorOf(() => OverlayBoard.fromCatalog(root(), 'B', { preset: BoardPreset.RPI_GENERIC, talosVersion: 'v1.12.5', overlayBooleanOptions: { configTxt: true } })))
      .toContain('  - overlayBooleanOptions.configTxt = true: configTxt is a string option. Fix: pass it in overlayOptions (plain value) or overlayTextOptions (free text)');
  });

  test('an option the catalog\'s image does not read yet', () => {
    expect(errorOf(() => OverlayBoard.fromCatalog(root(), 'B', { preset: BoardPreset.ROCK5B, talosVersion: 'v1.9.2', overlayBooleanOptions: { spi_boot: true } }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "B" is invalid:',
      '  - overlayBooleanOptions.spi_boot = true: the rock5b installer reads spi_boot from sbc-rockchip:v0.1.3; the Talos v1.9.2 catalog has sbc-rockchip:v0.1.2. '
      + 'Fix: use a Talos release whose catalog has a newer sbc-rockchip, or remove spi_boot',
    ].join('\n'));
  });

  test('a board the Talos release\'s catalog lacks', () => {
    expect(errorOf(() => OverlayBoard.fromCatalog(root(), 'B', { preset: BoardPreset.ORANGEPI_5_MAX, talosVersion: 'v1.10.6' }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "B" is invalid:',
      '  - talosVersion = "v1.10.6": the siderolabs/overlays catalog of Talos v1.10.6 (sbc-rockchip:v0.1.5) has no orangepi-5-max; '
      + 'it first appears in Talos v1.12.0 (sbc-rockchip:v0.1.7). Fix: use Talos v1.12.0 or newer, or a board that catalog has',
    ].join('\n'));
  });

  test('Talos v1.10.0: the catalog image\'s profile has no bootloader key yet', () => {
    expect(errorOf(() => OverlayBoard.fromCatalog(root(), 'B', { preset: BoardPreset.ROCK5B, talosVersion: 'v1.10.0' }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "B" is invalid:',
      '  - profile.bootloader = (not set): Talos v1.10+ defaults arm64 disk images to systemd-boot and the profile "rock5b" has no bootloader key; '
      + 'SBC profiles must pin "bootloader: grub" (talos#10859). Fix: the sbc-rockchip:v0.1.4 profile has no bootloader key (GRUB is pinned from sbc-rockchip:v0.1.5, '
      + 'the Talos v1.10.1 catalog): use Talos v1.10.1 or newer, or give nonGrubBootloaderReason',
    ].join('\n'));
    const acknowledged = OverlayBoard.fromCatalog(root(), 'B', { preset: BoardPreset.ROCK5B, talosVersion: 'v1.10.0', nonGrubBootloaderReason: 'flashed with SPI U-Boot that boots systemd-boot' });
    expect(acknowledged.profile.nonGrubBootloaderReason).toBe('flashed with SPI U-Boot that boots systemd-boot');
  });

  test('an official board ships its own profile', () => {
    expect(errorOf(() => OverlayBoard.fromCatalog(root(), 'B', { preset: BoardPreset.ROCK5B, talosVersion: 'v1.12.5', profile: OverlayProfile.generate({ name: 'rock5b' }) })))
      .toContain('  - profile.name = "rock5b": the official sbc-rockchip image ships only its own profile "rock5b" for rock5b. Fix: remove profile');
  });

  test('the community NanoPi M6: BSP console and missing grub are reported until declared', () => {
    expect(errorOf(() => OverlayBoard.fromCatalog(root(), 'M6', { preset: BoardPreset.RK3588_NANOPI_M6, talosVersion: 'v1.10.6' }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "M6" is invalid:',
      '  - profile.bootloader = (not set): Talos v1.10+ defaults arm64 disk images to systemd-boot and the profile "board-rk3588" has no bootloader key; '
      + 'SBC profiles must pin "bootloader: grub" (talos#10859). Fix: the community board-rk3588 profile has no bootloader key: generate it '
      + '(profile: OverlayProfile.generate({ name: \'board-rk3588\' })) and ship the rendered YAML in the overlay, or give nonGrubBootloaderReason',
      '  - ubootStartsEfi = (not set): Talos boots arm64 boards through an EFI bootloader that U-Boot starts with bootefi; a U-Boot without EFI support '
      + '(CONFIG_EFI_LOADER) cannot boot Talos (talos#11885). Fix: check at the U-Boot prompt with "bootefi hello" and declare ubootStartsEfi: true, or ship a mainline U-Boot',
      '  - installerKernelArgs[4] = "console=ttyFIQ0,1500000n8": ttyFIQ0 is the FIQ debugger console of Rockchip BSP kernels; the stock Talos kernel and mainline '
      + 'kernels have no such device, so this console stays silent. Fix: remove it from the installer\'s GetOptions KernelArgs (keep "console=ttyS2,1500000n8"), '
      + 'or set kernel: KernelFlavour.BSP when the image boots a Rockchip BSP kernel',
    ].join('\n'));
    const m6 = OverlayBoard.fromCatalog(root(), 'M6', {
      preset: BoardPreset.RK3588_NANOPI_M6,
      talosVersion: 'v1.10.6',
      kernel: KernelFlavour.BSP,
      ubootStartsEfi: true,
      profile: OverlayProfile.generate({ name: 'board-rk3588' }),
      systemExtensions: NANOPI_M6.systemExtensions,
    });
    // the same imager arguments as the hand-written NanoPi M6 board
    expect(m6.imagerArguments('ref')).toEqual(board().imagerArguments('ref'));
    expect(m6.imagerOutputFile).toBe(board().imagerOutputFile);
    expect(m6.assetName).toBe(board().assetName);
    expect(m6.profileYaml).toContain('bootloader: grub');
  });

  test('a community board needs its own board and chipset values', () => {
    expect(errorOf(() => OverlayBoard.fromCatalog(root(), 'M6', {
      preset: BoardPreset.RK3588_NANOPI_M6,
      talosVersion: 'v1.9.6',
      kernel: KernelFlavour.BSP,
      ubootStartsEfi: true,
      overlayOptions: { board: 'rock-5b' },
    }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "M6" is invalid:',
      '  - overlayOptions.board = "rock-5b": the catalog board rk3588/nanopi-m6 needs board=nanopi-m6. Fix: remove overlayOptions.board, or use the catalog board for "rock-5b"',
    ].join('\n'));
  });

  test('required options of a declared schema', () => {
    expect(errorOf(() => board({
      overlayOptions: { board: 'nanopi-m6' },
      overlayOptionSchema: BoardPreset.RK3588_NANOPI_M6.optionSchema,
    }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "Board" is invalid:',
      '  - overlayOptions.chipset = (not set): is required by the rk3588 installer (SoC variant of the DTB file name (Install fails when empty)). Fix: give chipset',
    ].join('\n'));
  });

  test('the upgrade installer run: installer kind, explicit base installer, same overlay inputs', () => {
    const b = OverlayBoard.fromCatalog(root(), 'B', {
      preset: BoardPreset.ROCK5B,
      talosVersion: 'v1.10.6',
      overlayBooleanOptions: { spi_boot: true },
      systemExtensions: NANOPI_M6.systemExtensions,
    });
    expect(b.baseInstallerImage).toBe('ghcr.io/siderolabs/installer-base:v1.10.6');
    expect(b.installerOutputFile).toBe('installer-arm64.tar');
    expect(b.installerImagerArguments('ref')).toEqual([
      'installer', '--arch=arm64', '--base-installer-image=ghcr.io/siderolabs/installer-base:v1.10.6', '--overlay-image=ref', '--overlay-name=rock5b',
      '--overlay-option=@/overlay-options.yaml', '--system-extension-image=ghcr.io/siderolabs/realtek-firmware:20250708',
    ]);
    expect(b.installerImagerArguments('ref', 'ghcr.io/me/installer:v1', '/o.yaml').slice(2, 6)).toEqual([
      '--base-installer-image=ghcr.io/me/installer:v1', '--overlay-image=ref', '--overlay-name=rock5b', '--overlay-option=@/o.yaml',
    ]);
    expect(OverlayBoard.fromCatalog(root(), 'Old', { preset: BoardPreset.ROCK64, talosVersion: 'v1.9.6' }).baseInstallerImage).toBe('ghcr.io/siderolabs/installer:v1.9.6');
  });
});

describe('OverlayBoard: kernel arguments (pitfall 17)', () => {
  test('typos and BSP-only consoles in extraKernelArgs', () => {
    expect(errorOf(() => board({ extraKernelArgs: ['ttyS2,115200n8', 'consle=ttyS2,1500000n8', 'console=ttyFIQ0,1500000n8', 'console=', '-console', 'consoleblank=0'] }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "Board" is invalid:',
      '  - extraKernelArgs[0] = "ttyS2,115200n8": is a console device without "console=": the kernel passes unknown bare words to init, so no console is configured. '
      + 'Fix: write "console=ttyS2,115200n8"',
      '  - extraKernelArgs[1] = "consle=ttyS2,1500000n8": "consle" looks like a misspelling of "console": the kernel ignores unknown parameters, so no console is configured. '
      + 'Fix: write "console=ttyS2,1500000n8"',
      '  - extraKernelArgs[2] = "console=ttyFIQ0,1500000n8": ttyFIQ0 is the FIQ debugger console of Rockchip BSP kernels; the stock Talos kernel and mainline kernels '
      + 'have no such device, so this console stays silent. Fix: use the UART console, e.g. "console=ttyS2,1500000n8", or set kernel: KernelFlavour.BSP when the image boots a Rockchip BSP kernel',
      '  - extraKernelArgs[3] = "console=": "console=" needs a device, e.g. "console=ttyS2,1500000n8". Fix: name the device, or remove the argument',
    ].join('\n'));
  });

  test('a BSP kernel has ttyFIQ0', () => {
    expect(board({ kernel: KernelFlavour.BSP, extraKernelArgs: ['console=ttyFIQ0,1500000n8'] }).extraKernelArgs).toEqual(['console=ttyFIQ0,1500000n8']);
  });

  test('declared installer arguments of your own overlay are checked; an official installer\'s are upstream facts', () => {
    expect(errorOf(() => board({ installerKernelArgs: ['console=tty0', 'ttyS2,115200n8'] })))
      .toContain('  - installerKernelArgs[1] = "ttyS2,115200n8": is a console device without "console=": the kernel passes unknown bare words to init, so no console is configured. '
        + 'Fix: write "console=ttyS2,115200n8" in the installer\'s GetOptions KernelArgs');
    const rock64 = OverlayBoard.fromCatalog(root(), 'Rock64', { preset: BoardPreset.ROCK64, talosVersion: 'v1.12.5', extraKernelArgs: ['console=ttyS2,115200n8'] });
    expect(rock64.installerKernelArgs).toContain('ttyS2,115200n8');
    expect(BoardPreset.ROCK64.notes).toContain('without a console= prefix');
  });
});

describe('OverlayBoard: raw layout (pitfall 13)', () => {
  const MiB = 1024 * 1024;
  let repo: string;

  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'board-artifacts-'));
    mkdirSync(join(repo, 'artifacts', 'u-boot', 'nanopi-m6'), { recursive: true });
    // sparse files of the committed sizes
    writeSized(join(repo, 'artifacts/u-boot/nanopi-m6/idbloader.img'), 4161536);
    writeSized(join(repo, 'artifacts/u-boot/nanopi-m6/uboot-4m.img'), 4 * MiB);
    writeSized(join(repo, 'artifacts/u-boot/nanopi-m6/uboot-2m.img'), 2 * MiB);
  });

  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  function m6(uboot: string): OverlayBoard {
    return OverlayBoard.fromCatalog(root(), 'M6', {
      preset: BoardPreset.RK3588_NANOPI_M6,
      talosVersion: 'v1.9.6',
      kernel: KernelFlavour.BSP,
      ubootStartsEfi: true,
      artifactsDirectory: repo,
      ubootArtifacts: [
        { file: 'idbloader.img', path: 'artifacts/u-boot/nanopi-m6/idbloader.img' },
        { file: 'uboot.img', path: `artifacts/u-boot/nanopi-m6/${uboot}` },
      ],
    });
  }

  test('NanoPi M6: a 4 MiB uboot.img at 8 MiB reaches into the partition at 10 MiB', () => {
    expect(errorOf(() => m6('uboot-4m.img'))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "M6" is invalid:',
      '  - ubootArtifacts[1] = {"file":"uboot.img","offsetBytes":8388608,"sizeBytes":4194304}: uboot.img written at byte 8388608 ends at byte 12582912, '
      + 'over the GPT entry array at bytes 10486784 to 10503168 and past the first partition at byte 11534336 '
      + '(Talos v1.9.6, go-blockdevice v2: entries at LBA offset + 2; PartitionOptions.Offset 20480 LBAs), so it corrupts the partition table '
      + '(the installer writes it after partitioning). Fix: raise the installer\'s PartitionOptions.Offset to 24576 LBAs (2048 * 12 = 12 MiB), '
      + 'or keep uboot.img at most 2098176 bytes; when you raise the offset, set partitionOffsetSectors to match',
    ].join('\n'));
  });

  test('NanoPi M6: a 2 MiB uboot.img fits exactly', () => {
    expect(m6('uboot-2m.img').rawWrites).toEqual([
      { file: 'idbloader.img', offsetBytes: 32768, sizeBytes: 4161536, overlayPath: 'artifacts/arm64/u-boot/nanopi-m6/idbloader.img' },
      { file: 'uboot.img', offsetBytes: 8388608, sizeBytes: 2 * MiB, overlayPath: 'artifacts/arm64/u-boot/nanopi-m6/uboot.img' },
    ]);
  });

  test('sizes given without files, and overlapping blobs', () => {
    expect(errorOf(() => board({
      partitionOffsetSectors: 20480,
      ubootArtifacts: [{ file: 'idbloader.img', offsetBytes: 32768, sizeBytes: 9 * MiB }, { file: 'uboot.img', offsetBytes: 8 * MiB, sizeBytes: MiB }],
    }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "Board" is invalid:',
      '  - ubootArtifacts[1] = {"file":"uboot.img","offsetBytes":8388608,"sizeBytes":1048576}: uboot.img at byte 8388608 overlaps idbloader.img at bytes 32768 to 9469952. '
      + 'Fix: keep idbloader.img at most 8355840 bytes, or write the files at offsets that do not overlap',
    ].join('\n'));
  });

  test('missing files, unknown sizes and offsets are reported', () => {
    expect(errorOf(() => board({
      artifactsDirectory: repo,
      ubootArtifacts: [
        { file: 'idbloader.img', offsetBytes: 32768, path: 'artifacts/u-boot/nanopi-m6/missing.img' },
        { file: 'uboot.img', offsetBytes: 8 * MiB },
        { file: 'spl.bin' },
        { file: 'idbloader2.img', offsetBytes: 65536, path: 'artifacts/u-boot/nanopi-m6/idbloader.img', sizeBytes: 1 },
      ],
    }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "Board" is invalid:',
      '  - ubootArtifacts[0].path = "artifacts/u-boot/nanopi-m6/missing.img": no such file relative to the repository root, so the size of idbloader.img is unknown. '
      + 'Fix: commit the file at that path (or run from the repository root), or give sizeBytes instead of path',
      '  - ubootArtifacts[1] = {"file":"uboot.img","offsetBytes":8388608}: the size of uboot.img is unknown, so its end cannot be checked against the partitions. '
      + 'Fix: give path (the committed file) or sizeBytes',
      '  - ubootArtifacts[2].offsetBytes = (not set): is required: no catalog board declares where spl.bin is written. Fix: give the byte offset the installer writes it at, e.g. 32768',
      '  - ubootArtifacts[3].sizeBytes = 1: conflicts with the committed file artifacts/u-boot/nanopi-m6/idbloader.img (4161536 bytes). Fix: remove sizeBytes (the file size is read)',
    ].join('\n'));
  });

  test('raw writes need the partition offset; a preset fixes the files it writes', () => {
    expect(errorOf(() => board({ ubootArtifacts: [{ file: 'u-boot.bin', offsetBytes: 8192, sizeBytes: 1000 }] }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "Board" is invalid:',
      '  - partitionOffsetSectors = (not set): is required when the installer writes files to the raw disk (they must end before the first partition). '
      + 'Fix: give the installer\'s PartitionOptions.Offset in LBAs, e.g. 20480 (10 MiB)',
    ].join('\n'));
    expect(errorOf(() => OverlayBoard.fromCatalog(root(), 'B', {
      preset: BoardPreset.PINE64,
      talosVersion: 'v1.12.5',
      ubootArtifacts: [{ file: 'u-boot-sunxi-with-spl.bin', offsetBytes: 32768, sizeBytes: 1 }, { file: 'idbloader.img', sizeBytes: 1 }],
    }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "B" is invalid:',
      '  - ubootArtifacts[0].offsetBytes = 32768: conflicts with the catalog board pine64, whose installer writes u-boot-sunxi-with-spl.bin at byte 8192. Fix: remove offsetBytes',
      '  - ubootArtifacts[1].file = "idbloader.img": the pine64 installer writes only u-boot-sunxi-with-spl.bin to the raw disk. Fix: use "u-boot-sunxi-with-spl.bin"',
    ].join('\n'));
    // Allwinner: 1 MiB partition offset; an SPL image of 1 MiB at 8 KiB would reach into it
    expect(errorOf(() => OverlayBoard.fromCatalog(root(), 'B', {
      preset: BoardPreset.PINE64, talosVersion: 'v1.12.5', ubootArtifacts: [{ file: 'u-boot-sunxi-with-spl.bin', sizeBytes: MiB }],
    }))).toContain('keep u-boot-sunxi-with-spl.bin at most 1041408 bytes');
  });
});

function writeSized(file: string, size: number): void {
  writeFileSync(file, '');
  truncateSync(file, size);
}

describe('OverlayBoard: misuse of the new properties, all reported at once', () => {
  test('with a preset', () => {
    expect(errorOf(() => new OverlayBoard(root(), 'Board', {
      boardName: 'rock5b',
      overlayName: 'rock5a',
      profileName: 'rock5b',
      talosVersion: 'v1.12.5',
      preset: BoardPreset.ROCK5B,
      overlayOptionSchema: [],
      installerKernelArgs: ['console=tty0'],
      partitionOffsetSectors: 2048,
      overlayBooleanOptions: { 'spi-boot': true },
      overlayTextOptions: { 'bad key': 'x', 'spi_boot': 'a\u0001b' },
      kernel: 'vendor' as KernelFlavour,
      ubootArtifacts: [
        { file: '../u-boot.bin', sizeBytes: 1 },
        { file: 'u-boot-rockchip.bin', path: '/abs/u-boot-rockchip.bin' },
      ],
    }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "Board" is invalid:',
      '  - overlayName = "rock5a": must be the installer of the catalog board rock5b ("rock5b"). Fix: use "rock5b", or do not use the preset',
      '  - overlayBooleanOptions.spi-boot = "spi-boot": an overlay option key must match ^[A-Za-z_][A-Za-z0-9_]*$. Fix: use the YAML key the installer reads, e.g. "spi_boot"',
      '  - overlayTextOptions.bad key = "bad key": an overlay option key must match ^[A-Za-z_][A-Za-z0-9_]*$. Fix: use the YAML key the installer reads, e.g. "configTxtAppend"',
      '  - overlayTextOptions.spi_boot = "a\\u0001b": must be 1 to 65536 characters of text (tabs and newlines allowed, no other control characters). Fix: give the text or remove the option',
      '  - overlayBooleanOptions.spi-boot = "spi-boot": is not an option of the rock5b installer; it reads only spi_boot (boolean). Fix: use one of "spi_boot"',
      '  - overlayTextOptions.bad key = "bad key": is not an option of the rock5b installer; it reads only spi_boot (boolean). Fix: use one of "spi_boot"',
      '  - overlayTextOptions.spi_boot = "a\\u0001b": spi_boot is a boolean option: as key=value or text it reaches the installer as a string, which its bool field rejects. '
      + 'Fix: pass it in overlayBooleanOptions, e.g. { spi_boot: true }',
      '  - kernel = "vendor": must be a KernelFlavour. Fix: use KernelFlavour.MAINLINE or KernelFlavour.BSP',
      '  - overlayOptionSchema = []: comes from the catalog board rock5b. Fix: remove overlayOptionSchema',
      '  - installerKernelArgs = ["console=tty0"]: come from the catalog board rock5b. Fix: remove installerKernelArgs',
      '  - partitionOffsetSectors = 2048: conflicts with the catalog board rock5b (20480). Fix: remove partitionOffsetSectors',
      '  - ubootArtifacts[0].file = "../u-boot.bin": must be a file name (^[A-Za-z0-9][A-Za-z0-9._-]*$). Fix: use the name the installer writes, e.g. "idbloader.img"',
      '  - ubootArtifacts[1].path = "/abs/u-boot-rockchip.bin": must be relative to the repository root (artifactsDirectory). '
      + 'Fix: give the path as committed, e.g. "artifacts/u-boot/nanopi-m6/uboot.img"',
    ].join('\n'));
  });

  test('without a preset', () => {
    expect(errorOf(() => board({
      partitionOffsetSectors: 0.5,
      ubootArtifacts: [
        { file: 'idbloader.img', offsetBytes: -1, sizeBytes: 1 },
        { file: 'uboot.img', offsetBytes: 8388608, sizeBytes: 0 },
        { file: 'spl.bin', offsetBytes: 512, sizeBytes: 100 },
        { file: 'spl.bin', offsetBytes: 1024, sizeBytes: 100 },
      ],
    }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "Board" is invalid:',
      '  - ubootArtifacts[0].offsetBytes = -1: must be a whole number of bytes, 0 or more. Fix: give the byte offset the installer writes it at, e.g. 32768',
      '  - ubootArtifacts[1].sizeBytes = 0: must be a whole number of bytes, more than 0. Fix: give the file size in bytes',
      '  - ubootArtifacts[3].file = "spl.bin": is listed twice. Fix: list each file once',
      '  - partitionOffsetSectors = 0.5: must be a whole number of 512-byte LBAs, more than 0. Fix: use the installer\'s PartitionOptions.Offset, e.g. 20480 (10 MiB)',
    ].join('\n'));
  });

  test('a blob written inside the first partition', () => {
    // Talos v1.10.6 with PartitionOptions.Offset 2048: entries at LBA 2050 (byte 1049600), first partition
    // at 2 MiB. (The old rule put the first partition at the offset itself, 1 MiB, and rejected a blob there.)
    expect(errorOf(() => board({ partitionOffsetSectors: 2048, ubootArtifacts: [{ file: 'u-boot.bin', offsetBytes: 2097152, sizeBytes: 10 }] })))
      .toContain('  - ubootArtifacts[0] = {"file":"u-boot.bin","offsetBytes":2097152,"sizeBytes":10}: u-boot.bin written at byte 2097152 ends at byte 2097162, '
        + 'past the first partition at byte 2097152 (Talos v1.10.6, go-blockdevice v2: entries at LBA offset + 2; PartitionOptions.Offset 2048 LBAs), '
        + 'so it overwrites the head of that partition (the installer writes it after partitioning). '
        + 'Fix: raise the installer\'s PartitionOptions.Offset to 4096 LBAs (2048 * 2 = 2 MiB), or write u-boot.bin before byte 1049600');
    // ...while 10 bytes at 1 MiB sit between the GPT header and the entry array, which is fine
    expect(board({ partitionOffsetSectors: 2048, ubootArtifacts: [{ file: 'u-boot.bin', offsetBytes: 1048576, sizeBytes: 10 }] }).rawWrites)
      .toEqual([{ file: 'u-boot.bin', offsetBytes: 1048576, sizeBytes: 10, overlayPath: 'artifacts/arm64/u-boot/nanopi-m6/u-boot.bin' }]);
  });
});

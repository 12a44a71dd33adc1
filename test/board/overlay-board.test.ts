import { Construct } from 'constructs';
import { Architecture, Compression, DiskFormat, OverlayBoard, OverlayBoardProps } from '../../src';

const NANOPI_M6: OverlayBoardProps = {
  boardName: 'nanopi-m6',
  overlayName: 'rk3588',
  overlayOptions: { chipset: 'rk3588s', board: 'nanopi-m6' },
  profileName: 'board-rk3588',
  talosVersion: 'v1.10.6',
  systemExtensions: ['ghcr.io/siderolabs/realtek-firmware:20240513@sha256:4ca40c2836c1cdb5105456186afd880925d72e81ee6b0ff69a40c9c05b7b74a4'],
};

function board(props: Partial<OverlayBoardProps> = {}): OverlayBoard {
  return new OverlayBoard(new Construct(undefined as any, 'App'), 'Board', { ...NANOPI_M6, ...props });
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
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

  test('imager arguments: profile as kind, options sorted by key, extensions, kernel args', () => {
    const b = board({ extraKernelArgs: ['-console', 'console=ttyS2,1500000n8'] });
    expect(b.imagerArguments('docker.io/123417/talos-sbc-nanopi-m6@sha256:abc')).toEqual([
      'board-rk3588',
      '--arch=arm64',
      '--overlay-image=docker.io/123417/talos-sbc-nanopi-m6@sha256:abc',
      '--overlay-name=rk3588',
      '--overlay-option=board=nanopi-m6',
      '--overlay-option=chipset=rk3588s',
      '--system-extension-image=ghcr.io/siderolabs/realtek-firmware:20240513@sha256:4ca40c2836c1cdb5105456186afd880925d72e81ee6b0ff69a40c9c05b7b74a4',
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
    const b = board({ imageOutput: { compression, diskFormat, secureBoot } });
    expect(b.imagerOutputFile).toBe(expected);
    expect(b.assetName).toBe(`talos-v1.10.6-nanopi-m6-${expected.replace(/^metal-/, '')}`);
  });

  test('v1.13 imager runs rootless', () => {
    expect(board({ talosVersion: 'v1.13.9' }).imagerNeedsPrivileges).toBe(false);
  });

  test('every problem of one board is reported in one error', () => {
    expect(errorOf(() => board({ boardName: 'NanoPi M6', profileName: 'metal', talosVersion: '1.10.6' }))).toBe([
      '[talos-sbc-constructs] OverlayBoard at "Board" is invalid:',
      '  - boardName = "NanoPi M6": must be 1 to 40 lowercase letters and digits separated by single "-" (^[a-z0-9]+(?:-[a-z0-9]+)*$). Fix: use a short lowercase name such as "nanopi-m6"',
      '  - profileName = "metal": must be the overlay\'s own profile, not a built-in imager kind (since Talos v1.8 "metal" ignores the overlay profile and writes .raw.zst). Fix: use the base name of the profile YAML the overlay ships under /profiles/, e.g. "board-rk3588"',
      '  - talosVersion = "1.10.6": a Talos version must look like "v1.10.6" (or "v1.14.0-rc.1"). Fix: use the exact release tag of siderolabs/talos, with the leading "v"',
    ].join('\n'));
  });
});

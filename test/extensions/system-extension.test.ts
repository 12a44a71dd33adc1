import { Construct } from 'constructs';
import { KernelFlavour, OverlayBoard, SystemExtension } from '../../src';
import { errorOf } from '../support/errors';
import { NANOPI_M6 } from '../support/fixtures';

function m6(talosVersion: string, systemExtensions: Array<string | SystemExtension>, kernel = KernelFlavour.MAINLINE): OverlayBoard {
  return new OverlayBoard(new Construct(undefined as any, 'App'), 'Board', { ...NANOPI_M6, talosVersion, systemExtensions, kernel });
}
const HEAD = '[talos-sbc-constructs] OverlayBoard at "Board" is invalid:';
const DIGEST = `sha256:${'e'.repeat(64)}`;

describe('SystemExtension', () => {
  test('official: the version of the board\'s release, with what the table knows about it', () => {
    const board = m6('v1.10.6', [SystemExtension.official('realtek-firmware'), SystemExtension.official('zfs', { digest: DIGEST })]);
    expect(board.systemExtensions).toEqual(['ghcr.io/siderolabs/realtek-firmware:20250708', `ghcr.io/siderolabs/zfs:2.3.3-v1.10.6@${DIGEST}`]);
    expect(board.resolvedSystemExtensions).toEqual([
      { reference: 'ghcr.io/siderolabs/realtek-firmware:20250708', officialName: 'realtek-firmware', version: '20250708', digest: undefined, kernelModules: false, firmwareRoot: '/rootfs/usr/lib/firmware' },
      { reference: `ghcr.io/siderolabs/zfs:2.3.3-v1.10.6@${DIGEST}`, officialName: 'zfs', version: '2.3.3-v1.10.6', digest: DIGEST, kernelModules: true, firmwareRoot: undefined },
    ]);
    expect(m6('v1.7.4', [SystemExtension.official('realtek-firmware')]).resolvedSystemExtensions[0].firmwareRoot).toBe('/rootfs/lib/firmware');
  });

  test('custom images pass; an official image string of the right release passes', () => {
    const custom = `docker.io/example/firmware:1.0@${DIGEST}`;
    const official = `ghcr.io/siderolabs/realtek-firmware:20250708@${DIGEST}`;
    expect(m6('v1.10.6', [SystemExtension.fromImage(custom), official]).systemExtensions).toEqual([custom, official]);
  });

  test('a release not in the table: official extensions are refused, naming the nearest known releases', () => {
    expect(errorOf(() => m6('v1.10.0-alpha.1', [SystemExtension.official('realtek-firmware')]))).toBe([HEAD,
      '  - systemExtensions[0] = "realtek-firmware": the official extensions of Talos v1.10.0-alpha.1 are not in the extension table '
      + '(releases v1.7.0 to v1.14.0-rc.1; nearest: v1.9.6, v1.10.0). Fix: use a Talos release of the table (e.g. v1.10.0), or pin the image of this release '
      + 'with SystemExtension.fromImage(\'ghcr.io/siderolabs/realtek-firmware:<version>@sha256:…\') from image-digests of ghcr.io/siderolabs/extensions:v1.10.0-alpha.1'].join('\n'));
  });

  test('unknown names, bad digests, and module-carrying extensions on a BSP kernel are refused', () => {
    expect(errorOf(() => m6('v1.10.6', [
      SystemExtension.official('realtek-firmwar'),
      SystemExtension.official('realtek-firmware', { digest: 'sha256:abc' }),
      SystemExtension.official('zfs'),
    ], KernelFlavour.BSP))).toBe([HEAD,
      '  - systemExtensions[0] = "realtek-firmwar": is not an official extension of any Talos release v1.7.0 to v1.14.0-rc.1. '
      + 'Fix: use an extension of siderolabs/extensions at v1.10.6, or a custom image with SystemExtension.fromImage',
      '  - systemExtensions[1].digest = "sha256:abc": a digest must match ^sha256:[a-f0-9]{64}$. '
      + 'Fix: give the digest from image-digests of ghcr.io/siderolabs/extensions:<talos version>, or leave it out',
      '  - systemExtensions[2] = "zfs": zfs carries kernel modules built for the kernel of Talos v1.10.6; this board boots a BSP kernel (kernel: bsp), '
      + 'which cannot load them. Fix: remove it, or build the extension against the board\'s kernel and pin it with SystemExtension.fromImage'].join('\n'));
  });
});

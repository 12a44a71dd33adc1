import { Bootloader, OverlayBoardProps, OverlayProfile, SystemExtension } from '../../src';

/**
 * The realtek-firmware extension of Talos v1.10.6 (siderolabs/extensions Pkgfile
 * `LINUX_FIRMWARE_VERSION: "20250708"` @ v1.10.6), as `SystemExtension.official` resolves it; the
 * workflow resolves its digest from `image-digests` of `ghcr.io/siderolabs/extensions:v1.10.6`.
 */
export const REALTEK = 'ghcr.io/siderolabs/realtek-firmware:20250708';
/** The same, pinned by a placeholder digest (the real one is only in the release's catalog image). */
export const REALTEK_PINNED = `${REALTEK}@sha256:${'0123456789abcdef'.repeat(4)}`;
/** The realtek-firmware the NanoPi M6 fork ships: the Talos v1.7 build (`/rootfs/lib/firmware`), wrong for v1.10. */
export const FORK_REALTEK_V1_7 = 'ghcr.io/siderolabs/realtek-firmware:20240513@sha256:4ca40c2836c1cdb5105456186afd880925d72e81ee6b0ff69a40c9c05b7b74a4';

/** The NanoPi M6 on the community rk3588 installer, Talos v1.10.6, with a grub profile. */
export const NANOPI_M6: OverlayBoardProps = {
  boardName: 'nanopi-m6',
  overlayName: 'rk3588',
  ubootStartsEfi: true,
  overlayOptions: { board: 'nanopi-m6', chipset: 'rk3588s' },
  profile: OverlayProfile.fromName('board-rk3588', { bootloader: Bootloader.GRUB }),
  talosVersion: 'v1.10.6',
  systemExtensions: [SystemExtension.official('realtek-firmware')],
};

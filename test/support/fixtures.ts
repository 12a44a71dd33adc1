import { Bootloader, OverlayBoardProps, OverlayProfile } from '../../src';

/** The realtek-firmware extension, pinned by the digest the NanoPi M6 repository's CI uses. */
export const REALTEK = 'ghcr.io/siderolabs/realtek-firmware:20240513@sha256:4ca40c2836c1cdb5105456186afd880925d72e81ee6b0ff69a40c9c05b7b74a4';

/** The NanoPi M6 on the community rk3588 installer, Talos v1.10.6, with a grub profile. */
export const NANOPI_M6: OverlayBoardProps = {
  boardName: 'nanopi-m6',
  overlayName: 'rk3588',
  ubootStartsEfi: true,
  overlayOptions: { board: 'nanopi-m6', chipset: 'rk3588s' },
  profile: OverlayProfile.fromName('board-rk3588', { bootloader: Bootloader.GRUB }),
  talosVersion: 'v1.10.6',
  systemExtensions: [REALTEK],
};

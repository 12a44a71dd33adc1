/**
 * A multi-board overlay repository: one community rk3588 overlay (bldr Pkgfile) released for two
 * boards, in two variants, with installer images, on two Talos release lines (one workflow each:
 * `.github/workflows/release-v1.10.yaml` and `release-v1.12.yaml`, tags `v1.10.*-<board>` and
 * `v1.12.*-<board>`).
 *
 * In an overlay repository of your own, import from 'talos-sbc-constructs' instead of '../../src'.
 */
import { TalosOverlayProject } from '../../src';

const project = new TalosOverlayProject({
  boardName: 'nanopi-m6',
  displayName: 'FriendlyElec NanoPi M6 (RK3588S)',
  // the community rk3588 installer selects the board through options
  overlayOptions: ['board=nanopi-m6', 'chipset=rk3588s'],
  // realtek-firmware is 20250708 on v1.10.6 and the v1.12.5 build on the other line
  officialExtensions: ['realtek-firmware'],
  additionalBoards: [
    { boardName: 'rock-5b', displayName: 'Radxa ROCK 5B (RK3588)', overlayOptions: ['board=rock-5b', 'chipset=rk3588'] },
  ],
  githubRepository: 'talos-sbc-rk3588',
  dockerHubNamespace: '123417',
  overlayImageName: 'talos-sbc-rk3588',
  installerImageName: 'talos-sbc-rk3588-installer',
  overlayName: 'rk3588',
  // one generated profile (it pins "bootloader: grub": from Talos v1.10 arm64 images default to
  // systemd-boot), shipped once in the overlay and used by every board and line
  profileName: 'board-rk3588',
  talosVersion: 'v1.10.6',
  additionalTalosVersions: ['v1.12.5'],
  // the boards' U-Boot starts EFI binaries (check with "bootefi hello" at the U-Boot prompt)
  ubootStartsEfi: true,
  pkgfileTarget: 'talos-sbc-rk3588-mainline',
  buildArgs: ['PKGS_PREFIX=ghcr.io/siderolabs', 'PKGS=v1.7.0'],
  sourceDateEpoch: 'first-commit',
  pinnedArchitecture: 'arm64',
  installerArchitecture: 'arm64',
  overlayPlatforms: ['arm64'],
  runner: 'ubuntu-24.04-arm',
  variants: [
    // the mainline U-Boot and DTBs
    'mainline:UBOOT_VARIANT=mainline',
    // the vendor U-Boot and DTBs only: no imager image, so the kernel stays the stock Talos kernel
    // of the imager, and the release notes say so
    'vendor-uboot:UBOOT_VARIANT=vendor',
  ],
});

project.synth();

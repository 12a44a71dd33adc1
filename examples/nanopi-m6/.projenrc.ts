/**
 * The NanoPi M6 overlay repository (jhuynh08/nanopi-m6): its one declaration. `npx projen`
 * writes the release workflow, the board's profile and `cdktf.json`; the `cdktf.json` app
 * (`npx projen settings:synth`) writes the settings stack (Docker Hub repository, release
 * environment, variable and secret, tag ruleset, Actions policy) from the same declaration.
 *
 * In an overlay repository of your own, import from 'talos-sbc-constructs' instead of '../../src'.
 */
import { TalosOverlayProject } from '../../src';

const project = new TalosOverlayProject({
  boardName: 'nanopi-m6',
  displayName: 'FriendlyElec NanoPi M6 (RK3588S)',
  githubRepository: 'nanopi-m6',
  dockerHubNamespace: '123417',
  overlayImageName: 'talos-sbc-nanopi-m6',
  // the community rk3588 installer selects the board through options
  overlayName: 'rk3588',
  overlayOptions: ['board=nanopi-m6', 'chipset=rk3588s'],
  // generated (profiles/rk3588/board-rk3588.yaml) so that it pins "bootloader: grub": from
  // Talos v1.10 arm64 images default to systemd-boot
  profileName: 'board-rk3588',
  talosVersion: 'v1.10.6',
  tagPattern: 'v*-nanopi-m6',
  // Talos boots through an EFI bootloader: the FriendlyELEC vendor U-Boot (nanopi6-v2017.09)
  // must start EFI binaries. Confirm on the board with "bootefi hello" at the U-Boot prompt.
  ubootStartsEfi: true,
  // the realtek-firmware of Talos v1.10.6 (20250708, installs into /rootfs/usr/lib/firmware); the
  // fork's 20240513 is the v1.7 build (/rootfs/lib/firmware): the RTL8125 NICs would boot without firmware
  officialExtensions: ['realtek-firmware'],
  // the repository's bldr Pkgfile target (mainline kernel variant)
  pkgfileTarget: 'talos-sbc-rk3588-mainline',
  buildArgs: ['PKGS_PREFIX=ghcr.io/siderolabs', 'PKGS=v1.7.0', 'KERNEL_VARIANT=mainline'],
  // as the repository's Makefile: the first commit's time (the workflow checks out the full history)
  sourceDateEpoch: 'first-commit',
  // installers/pkg.yaml pins the kernel, u-boot, overlay and DTB stages to linux/arm64, and
  // installers/rk3588/pkg.yaml builds the installer in an arm64 stage: build natively on arm64
  pinnedArchitecture: 'arm64',
  installerArchitecture: 'arm64',
  // arm64 only, as the repository's own CI pushes it
  overlayPlatforms: ['arm64'],
  // native arm64 GitHub-hosted runners (free for public repositories): the overlay's arm64 stages
  // build without QEMU, and the imager host runs the overlay's arm64 installer
  runner: 'ubuntu-24.04-arm',
  // installers/rk3588/src/main.go writes the vendor blobs outside any partition: idbloader.img
  // (4 161 536 bytes in git) at sector 64 and uboot.img ("4.0MB" per the repository's notes,
  // .planning/phases/02-bootloader/02-09-SUMMARY.md) at sector 16384 (8 MiB)
  rawWrites: ['idbloader.img@32768:4161536', 'uboot.img@8388608:4194304'],
  // The fix this declaration requires of the repository: its installer declares
  // PartitionOptions.Offset = 2048 * 10 (10 MiB). From Talos v1.8 the GPT entries sit at that
  // offset + 2 LBAs and the first partition on the next MiB (go-blockdevice v2
  // partitioning/gpt/gpt.go), so uboot.img (8 MiB + 4 MiB) overwrote the entries and the EFI
  // partition. Raise the installer's offset to 2048 * 12 (12 MiB): the inspection and the image
  // verification check it.
  partitionOffsetSectors: 2048 * 12,
  // the installer copies rockchip/<chipset>-<board>.dtb to <MountPrefix>/boot/EFI/dtb/rockchip/
  dtbPath: 'rockchip/rk3588s-nanopi-m6.dtb',
});

project.synth();

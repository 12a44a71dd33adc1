/**
 * The one declaration of the NanoPi M6 release pipeline. `.projenrc.ts` (the release
 * workflow, through `workflows.ts`) and `main.ts` (the Docker Hub repository and GitHub
 * Actions settings, through `settings.ts`) both read it, so every name is typed once.
 *
 * In an overlay repository of your own, import from 'talos-sbc-constructs' instead of '../../src'.
 */
import { Construct } from 'constructs';
import { Architecture, ImageRepository, OverlayBoard, OverlayBoardProps, OverlayBuild, OverlayProfile, RegistryCredentials, Runner, SourceDateEpoch, SystemExtension } from '../../src';

/** Everything both sides of the pipeline need. */
export interface PipelineDeclaration {
  /** The GitHub repository (name, without owner) that holds the overlay and runs the workflow. */
  readonly githubRepository: string;
  /** Where the overlay image is pushed, and the Docker Hub repository Terraform manages. */
  readonly overlayImage: ImageRepository;
  /** Names of the GitHub Actions variable (user name) and secret (token). */
  readonly registryCredentials: RegistryCredentials;
  /** Value of the user name variable (not a secret). */
  readonly dockerHubUsername: string;
  /** How the overlay image is built from the repository. */
  readonly overlayBuild: OverlayBuild;
  /** Platforms the overlay image is pushed for. */
  readonly overlayPlatforms: Architecture[];
  /** Where the workflow's jobs run. */
  readonly runner: Runner;
  /**
   * The GitHub Actions environment the publishing jobs run in; the token is an environment
   * secret there and only release tags may deploy to it.
   */
  readonly releaseEnvironment: string;
  /** The boards released from this repository. */
  readonly boards: OverlayBoardProps[];
}

/** The release tag patterns of the declaration's boards (as the boards derive them). */
export function releaseTagPatterns(pipeline: PipelineDeclaration): string[] {
  const declaration = new Construct(undefined as any, 'Declaration');
  return [...new Set(pipeline.boards.map((board) => new OverlayBoard(declaration, board.boardName, board).tagPattern))];
}

/** Talos release the images are built for. */
export const TALOS_VERSION = 'v1.10.6';

export const NANOPI_M6_PIPELINE: PipelineDeclaration = {
  githubRepository: 'nanopi-m6',
  overlayImage: ImageRepository.dockerHub('123417', 'talos-sbc-nanopi-m6'),
  // vars.DOCKERHUB_USERNAME and secrets.DOCKERHUB_TOKEN
  registryCredentials: RegistryCredentials.dockerHub(),
  dockerHubUsername: '123417',
  releaseEnvironment: 'release',
  // the repository's bldr Pkgfile target (mainline kernel variant)
  overlayBuild: OverlayBuild.pkgfile({
    target: 'talos-sbc-rk3588-mainline',
    buildArgs: {
      PKGS_PREFIX: 'ghcr.io/siderolabs',
      PKGS: 'v1.7.0',
      KERNEL_VARIANT: 'mainline',
    },
    // as the repository's Makefile: the first commit's time (the workflow checks out the full history)
    sourceDateEpoch: SourceDateEpoch.FIRST_COMMIT,
    // installers/pkg.yaml pins the kernel, u-boot, overlay and DTB stages to linux/arm64, and
    // installers/rk3588/pkg.yaml builds the installer in an arm64 stage: build natively on arm64
    pinnedArchitecture: Architecture.ARM64,
    installerArchitecture: Architecture.ARM64,
  }),
  // arm64 only, as the repository's own CI pushes it
  overlayPlatforms: [Architecture.ARM64],
  // native arm64 GitHub-hosted runners (free for public repositories): the overlay's arm64
  // stages build without QEMU, and the imager host runs the overlay's arm64 installer
  runner: Runner.githubHosted('ubuntu-24.04-arm'),
  boards: [{
    boardName: 'nanopi-m6',
    displayName: 'FriendlyElec NanoPi M6 (RK3588S)',
    // the community rk3588 installer selects the board through options
    overlayName: 'rk3588',
    // Talos boots through an EFI bootloader: the FriendlyELEC vendor U-Boot (nanopi6-v2017.09)
    // must start EFI binaries. Confirm on the board with "bootefi hello" at the U-Boot prompt.
    ubootStartsEfi: true,
    overlayOptions: { board: 'nanopi-m6', chipset: 'rk3588s' },
    // the profile is generated (and written to profiles/rk3588/board-rk3588.yaml) so that it
    // pins "bootloader: grub": from Talos v1.10 arm64 images default to systemd-boot
    profile: OverlayProfile.generate({ name: 'board-rk3588' }),
    talosVersion: TALOS_VERSION,
    tagPattern: 'v*-nanopi-m6',
    // installers/rk3588/src/main.go writes the vendor blobs outside any partition: idbloader.img
    // (4 161 536 bytes in git) at sector 64 and uboot.img ("4.0MB" per the repository's notes,
    // .planning/phases/02-bootloader/02-09-SUMMARY.md) at sector 16384 (8 MiB)
    ubootArtifacts: [
      { file: 'idbloader.img', offsetBytes: 512 * 64, sizeBytes: 4161536 },
      { file: 'uboot.img', offsetBytes: 512 * 16384, sizeBytes: 4 * 1024 * 1024 },
    ],
    // The fix this declaration requires of the repository: its installer declares
    // PartitionOptions.Offset = 2048 * 10 (10 MiB). From Talos v1.8 the GPT entries sit at that
    // offset + 2 LBAs and the first partition on the next MiB (go-blockdevice v2
    // partitioning/gpt/gpt.go), so uboot.img (8 MiB + 4 MiB) overwrote the entries and the EFI
    // partition. Raise the installer's offset to 2048 * 12 (12 MiB): the inspection and the image
    // verification check it.
    partitionOffsetSectors: 2048 * 12,
    // the installer copies rockchip/<chipset>-<board>.dtb to <MountPrefix>/boot/EFI/dtb/rockchip/
    dtb: '/boot/EFI/dtb/rockchip/rk3588s-nanopi-m6.dtb',
    // the realtek-firmware of Talos v1.10.6 (20250708, installs into /rootfs/usr/lib/firmware); the fork's
    // 20240513 is the v1.7 build (/rootfs/lib/firmware), so the RTL8125 NICs would boot without firmware
    systemExtensions: [SystemExtension.official('realtek-firmware')],
  }],
};

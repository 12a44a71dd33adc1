/**
 * A multi-board overlay repository: one community rk3588 overlay (bldr Pkgfile) released for
 * two boards, in two variants, with installer images, on two Talos release lines. `.projenrc.ts`
 * (through `workflows.ts`) writes one release workflow per release line.
 *
 * In an overlay repository of your own, import from 'talos-sbc-constructs' instead of '../../src'.
 */
import { Architecture, ImageRepository, OverlayBuild, OverlayVariant, RegistryCredentials, Runner, SourceDateEpoch } from '../../src';

/** One board of the repository (every release line builds it). */
export interface MultiBoardBoard {
  /** Board name: job ids, release tags (`v1.10.*-<board>`) and asset names. */
  readonly boardName: string;
  /** Human-readable name (release notes). */
  readonly displayName: string;
  /** The community rk3588 installer's `chipset` option (`rk3588` or `rk3588s`). */
  readonly chipset: string;
  /** Official system extensions by name: each release line takes that release's build (`SystemExtension.official`). */
  readonly officialExtensions: string[];
}

/** The whole declaration. */
export interface MultiBoardDeclaration {
  /** The GitHub repository (name, without owner). */
  readonly githubRepository: string;
  /** Where the overlay image is pushed (one tag per release tag and variant). */
  readonly overlayImage: ImageRepository;
  /** Where the installer images are pushed (`talosctl upgrade --image`). */
  readonly installerImage: ImageRepository;
  /** Names of the GitHub Actions variable (user name) and secret (token). */
  readonly registryCredentials: RegistryCredentials;
  /** How the overlay image is built. */
  readonly overlayBuild: OverlayBuild;
  /** The overlay variants: each board is released in each. */
  readonly variants: OverlayVariant[];
  /** Where the jobs run. */
  readonly runner: Runner;
  /** The GitHub Actions environment of the publishing jobs. */
  readonly releaseEnvironment: string;
  /** The Talos release lines: one workflow each, tags `v<major>.<minor>.*-<board>`. */
  readonly talosVersions: string[];
  /** The boards. */
  readonly boards: MultiBoardBoard[];
}

export const MULTI_BOARD_PIPELINE: MultiBoardDeclaration = {
  githubRepository: 'talos-sbc-rk3588',
  overlayImage: ImageRepository.dockerHub('123417', 'talos-sbc-rk3588'),
  installerImage: ImageRepository.dockerHub('123417', 'talos-sbc-rk3588-installer'),
  registryCredentials: RegistryCredentials.dockerHub(),
  releaseEnvironment: 'release',
  overlayBuild: OverlayBuild.pkgfile({
    target: 'talos-sbc-rk3588-mainline',
    buildArgs: { PKGS_PREFIX: 'ghcr.io/siderolabs', PKGS: 'v1.7.0' },
    sourceDateEpoch: SourceDateEpoch.FIRST_COMMIT,
    pinnedArchitecture: Architecture.ARM64,
    installerArchitecture: Architecture.ARM64,
  }),
  variants: [
    // the mainline U-Boot and DTBs
    { name: 'mainline', buildArgs: { UBOOT_VARIANT: 'mainline' } },
    // the vendor U-Boot and DTBs only: no imagerImage, so the kernel stays the stock Talos
    // kernel of the imager, and the release notes say so (a variant with another kernel must
    // name the imager built with it)
    { name: 'vendor-uboot', buildArgs: { UBOOT_VARIANT: 'vendor' } },
  ],
  runner: Runner.githubHosted('ubuntu-24.04-arm'),
  talosVersions: ['v1.10.6', 'v1.12.5'],
  boards: [
    { boardName: 'nanopi-m6', displayName: 'FriendlyElec NanoPi M6 (RK3588S)', chipset: 'rk3588s', officialExtensions: ['realtek-firmware'] },
    { boardName: 'rock-5b', displayName: 'Radxa ROCK 5B (RK3588)', chipset: 'rk3588', officialExtensions: [] },
  ],
};

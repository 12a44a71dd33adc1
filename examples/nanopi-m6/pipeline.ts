/**
 * The one declaration of the NanoPi M6 release pipeline. `.projenrc.ts` (the release
 * workflow) and `main.ts` (the Docker Hub repository and GitHub Actions settings) both
 * read it, so every name is typed once.
 *
 * In an overlay repository of your own, import from 'talos-sbc-constructs' instead of '../../src'.
 */
import { ImageRepository, OverlayBoardProps, OverlayBuild, RegistryCredentials } from '../../src';

/** The GitHub repository that holds the overlay and runs the workflow. */
export const GITHUB_REPOSITORY = 'nanopi-m6';

/** Talos release the images are built for. */
export const TALOS_VERSION = 'v1.10.6';

/** Where the overlay image is pushed (and the Docker Hub repository Terraform manages). */
export const OVERLAY_IMAGE = ImageRepository.dockerHub('123417', 'talos-sbc-nanopi-m6');

/** `vars.DOCKERHUB_USERNAME` and `secrets.DOCKERHUB_TOKEN`. */
export const REGISTRY_CREDENTIALS = RegistryCredentials.dockerHub();

/** Value of the DOCKERHUB_USERNAME variable (not a secret). */
export const DOCKER_HUB_USERNAME = '123417';

/** The overlay is built from the repository's bldr Pkgfile. */
export const OVERLAY_BUILD = OverlayBuild.pkgfile({
  target: 'talos-sbc-rk3588-mainline',
  buildArgs: {
    PKGS_PREFIX: 'ghcr.io/siderolabs',
    PKGS: 'v1.7.0',
    KERNEL_VARIANT: 'mainline',
  },
});

/** The board: the community rk3588 installer with the NanoPi M6 options. */
export const NANOPI_M6: OverlayBoardProps = {
  boardName: 'nanopi-m6',
  displayName: 'FriendlyElec NanoPi M6 (RK3588S)',
  overlayName: 'rk3588',
  overlayOptions: { board: 'nanopi-m6', chipset: 'rk3588s' },
  profileName: 'board-rk3588',
  talosVersion: TALOS_VERSION,
  tagPattern: 'v*-nanopi-m6',
  systemExtensions: [
    // pinned by the digest the overlay repository's own CI uses
    'ghcr.io/siderolabs/realtek-firmware:20240513@sha256:4ca40c2836c1cdb5105456186afd880925d72e81ee6b0ff69a40c9c05b7b74a4',
  ],
};

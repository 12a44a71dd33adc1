/**
 * The one declaration of an overlay repository: the board, where its overlay image goes,
 * and the names both sides of the pipeline use. Plain data only (strings, numbers,
 * booleans, string lists), so that `projen new` can render and set every option; the
 * library turns them into its value objects (`OverlayBoard`, `ImageRepository`, ...).
 *
 * Maps are written as `KEY=VALUE` string lists (e.g. `overlayOptions`), which
 * `projen new` can set from the command line.
 */
export interface TalosOverlayProjectOptions {
  /**
   * Short identifier of the board: the image name, the default tag pattern `v*-<boardName>`
   * and the default GitHub repository.
   * @featured
   * @pjnew "nanopi-m6"
   * @default - required
   */
  readonly boardName?: string;

  /**
   * Human-readable board name (release notes, Docker Hub description).
   * @pjnew "FriendlyElec NanoPi M6 (RK3588S)"
   * @default - the board name
   */
  readonly displayName?: string;

  /**
   * The overlay installer's name under `/installers/` in the overlay image (the SoC family
   * installer, e.g. `rk3588`).
   * @featured
   * @pjnew "rk3588"
   * @default - required
   */
  readonly overlayName?: string;

  /**
   * Overlay options passed to the installer, as `KEY=VALUE` (e.g. `board=nanopi-m6`).
   * @pjnew ["board=nanopi-m6", "chipset=rk3588s"]
   * @default - none
   */
  readonly overlayOptions?: string[];

  /**
   * Name of the imager profile the library generates (written to
   * `profiles/<overlayName>/<profileName>.yaml`; it pins the GRUB bootloader).
   * @pjnew "board-rk3588"
   * @default "board-<overlayName>"
   */
  readonly profileName?: string;

  /**
   * The Talos release the images are built for (`vX.Y.Z`).
   * @featured
   * @pjnew "v1.10.6"
   * @default - required
   */
  readonly talosVersion?: string;

  /**
   * Git tag pattern that releases the board (workflow trigger, environment deployment
   * policy and tag ruleset).
   * @default "v*-<boardName>"
   */
  readonly tagPattern?: string;

  /**
   * Whether the board's U-Boot starts EFI binaries (`bootefi`); Talos boots through an EFI
   * bootloader. Confirm on the board with `bootefi hello` at the U-Boot prompt.
   * @pjnew true
   * @default - required for arm64 boards
   */
  readonly ubootStartsEfi?: boolean;

  /**
   * System extension images, each pinned by digest (`repo:tag@sha256:...`).
   * @default - none
   */
  readonly systemExtensions?: string[];

  /**
   * The GitHub repository (name without owner) holding the overlay and running the workflow.
   * @featured
   * @pjnew "talos-sbc-nanopi-m6"
   * @default - the board name
   */
  readonly githubRepository?: string;

  /**
   * Docker Hub namespace (user or organisation) the overlay image is pushed to.
   * @featured
   * @pjnew "dockerhubuser"
   * @default - required
   */
  readonly dockerHubNamespace?: string;

  /**
   * Docker Hub repository name of the overlay image (managed by the settings stack).
   * @default "talos-sbc-<boardName>"
   */
  readonly overlayImageName?: string;

  /**
   * Value of the GitHub Actions variable holding the Docker Hub user name.
   * @default - the Docker Hub namespace
   */
  readonly dockerHubUsername?: string;

  /**
   * Name of the GitHub Actions variable holding the Docker Hub user name.
   * @default "DOCKERHUB_USERNAME"
   */
  readonly usernameVariable?: string;

  /**
   * Name of the GitHub Actions secret holding the Docker Hub access token (its value is
   * given to Terraform as `TF_VAR_dockerhub_token`, never committed).
   * @default "DOCKERHUB_TOKEN"
   */
  readonly tokenSecret?: string;

  /**
   * The GitHub Actions environment the publishing jobs run in; only release tags deploy to it.
   * @default "release"
   */
  readonly releaseEnvironment?: string;

  /**
   * The bldr `Pkgfile` target that builds the overlay image.
   * @pjnew "talos-sbc-rk3588"
   * @default "talos-sbc-<overlayName>"
   */
  readonly pkgfileTarget?: string;

  /**
   * Build arguments of the overlay build, as `KEY=VALUE`. The sample pins the tools and
   * packages Talos v1.10.6 is built from (siderolabs/talos Makefile @ v1.10.6: TOOLS,
   * PKGS; prefixes as in siderolabs/sbc-rockchip Makefile @ v0.2.0).
   * @pjnew ["TOOLS_PREFIX=ghcr.io/siderolabs", "TOOLS=v1.10.0-5-g31fd099", "PKGS_PREFIX=ghcr.io/siderolabs", "PKGS=v1.10.0-29-g2e6dd0a"]
   * @default - none
   */
  readonly buildArgs?: string[];

  /**
   * Write a starting overlay repository for the board's SoC family, once (sample files
   * that `npx projen` never overwrites): `Pkgfile`, `pkg.yaml` stages for the DTB, U-Boot
   * and a generic Go installer. Supported families: rk3588.
   * @featured
   * @pjnew true
   * @default false
   */
  readonly scaffold?: boolean;

  /**
   * Device tree the installer copies, relative to the kernel's `dtbs` directory. The installer
   * copies it to `/boot/EFI/dtb/<dtbPath>` in the EFI partition, where every built image is
   * checked for it.
   * @pjnew "rockchip/rk3588s-nanopi-m6.dtb"
   * @default - required with `scaffold`
   */
  readonly dtbPath?: string;

  /**
   * Raw bootloader writes of the installer, as `FILE@OFFSET_BYTES` or
   * `FILE@OFFSET_BYTES:SIZE_BYTES` (e.g. `idbloader.img@32768:4161536`). Writes with a size
   * are checked against the disk layout at synth time and verified in every built image.
   * @default - the SoC family's (rk3588: `u-boot-rockchip.bin@32768`)
   */
  readonly rawWrites?: string[];

  /**
   * First partition's offset, in 512-byte sectors (raw writes must end before it).
   * @default - the SoC family's (rk3588: 20480)
   */
  readonly partitionOffsetSectors?: number;

  /**
   * Official system extensions by name (e.g. `realtek-firmware`): each takes the build of the
   * board's Talos release, pinned by digest from that release's extensions catalog.
   * @pjnew ["realtek-firmware"]
   * @default - none
   */
  readonly officialExtensions?: string[];

  /**
   * More boards released from the same overlay and image (same `overlayName`, profile and
   * Talos releases). Each gets its own tag pattern, imager job and release assets.
   * @default - only the board above
   */
  readonly additionalBoards?: TalosOverlayBoardOptions[];

  /**
   * More Talos releases to build every board for. With any, each release line gets its own
   * workflow (`release-v<major>.<minor>.yaml`) and tags `v<major>.<minor>.*-<board>`;
   * `tagPattern` cannot be combined with them.
   * @default - only `talosVersion`
   */
  readonly additionalTalosVersions?: string[];

  /**
   * Overlay variants, each released for every board: `NAME` or
   * `NAME:KEY=VALUE,KEY=VALUE` (the variant's build arguments), e.g.
   * `vendor-uboot:UBOOT_VARIANT=vendor`.
   * @default - one overlay, no variants
   */
  readonly variants?: string[];

  /**
   * Docker Hub repository name of installer images (`talosctl upgrade --image`), pushed next
   * to the overlay image in the same namespace.
   * @default - no installer images
   */
  readonly installerImageName?: string;

  /**
   * GitHub-hosted runner label the workflow's jobs run on, e.g. `ubuntu-24.04-arm` (native arm64:
   * arm64 overlay stages build without QEMU and the imager host runs an arm64 installer).
   * @pjnew "ubuntu-24.04-arm"
   * @default "ubuntu-24.04"
   */
  readonly runner?: string;

  /**
   * Architectures the overlay image is built and pushed for (`arm64`, `amd64`).
   * @pjnew ["arm64"]
   * @default - the boards' architectures
   */
  readonly overlayPlatforms?: string[];

  /**
   * The architecture the overlay's bldr stages are pinned to (`arch:` in `pkg.yaml`), if any:
   * they then build on a runner of that architecture.
   * @default - not pinned
   */
  readonly pinnedArchitecture?: string;

  /**
   * The architecture of the overlay's installer binary (the imager host must run it).
   * @default - the boards' architecture
   */
  readonly installerArchitecture?: string;

  /**
   * Where `SOURCE_DATE_EPOCH` comes from: `tagged-commit` or `first-commit` (as the overlay's
   * Makefile computes it).
   * @default "tagged-commit"
   */
  readonly sourceDateEpoch?: string;

  /**
   * npm package name of the overlay repository's `package.json`.
   * @default - the GitHub repository name
   */
  readonly name?: string;

  /**
   * Where the project is written (set by `projen new`).
   * @default "."
   */
  readonly outdir?: string;

  /**
   * Extra devDependencies, as npm specs. `projen new --from <spec>` adds the spec it
   * installed the library from (a registry version or a tarball path) here.
   * @default - none
   */
  readonly devDeps?: string[];
}

/**
 * Another board released from the same overlay repository (plain data, like
 * `TalosOverlayProjectOptions`).
 */
export interface TalosOverlayBoardOptions {
  /**
   * Short identifier of the board: job ids, tag pattern `v*-<boardName>` and asset names.
   * @default - required
   */
  readonly boardName: string;

  /**
   * Human-readable board name (release notes).
   * @default - the board name
   */
  readonly displayName?: string;

  /**
   * Overlay options passed to the installer, as `KEY=VALUE`.
   * @default - none
   */
  readonly overlayOptions?: string[];

  /**
   * Official system extensions by name (the build of each Talos release).
   * @default - none
   */
  readonly officialExtensions?: string[];

  /**
   * System extension images, each pinned by digest (`repo:tag@sha256:...`).
   * @default - none
   */
  readonly systemExtensions?: string[];

  /**
   * Device tree the installer copies, relative to the kernel's `dtbs` directory.
   * @default - not checked in the built image
   */
  readonly dtbPath?: string;

  /**
   * Git tag pattern that releases the board.
   * @default "v*-<boardName>" (or `v<major>.<minor>.*-<boardName>` per release line)
   */
  readonly tagPattern?: string;
}

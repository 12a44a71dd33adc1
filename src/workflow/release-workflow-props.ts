import { ActionPin } from './action-pin';
import { Acknowledgement, IWorkflowRule } from './audit';
import { OverlayBuild, OverlayVariant } from './overlay-build';
import { Runner } from './runner';
import { Architecture } from '../board/image-output';
import { OverlayBoard } from '../board/overlay-board';
import { ImageRepository } from '../image/image-repository';
import { RegistryCredentials } from '../image/registry-credentials';

/**
 * Properties of a {@link ReleaseWorkflow}.
 */
export interface ReleaseWorkflowProps {
  /**
   * Boards released by this workflow (more can be added with `addBoard`).
   * At least one board is required by synthesis time.
   * @default - none; call `addBoard`
   */
  readonly boards?: OverlayBoard[];

  /**
   * The repository the overlay image is pushed to, e.g.
   * `ImageRepository.dockerHub('123417', 'talos-sbc-nanopi-m6')`. Each release pushes
   * `<repository>:<git tag>` and the imager uses it by digest. Give it together with
   * `overlayBuild`.
   * @default - no overlay build: every board uses the official overlay image of its
   * catalog preset for the Talos release (`OverlayBoard.fromCatalog`)
   */
  readonly overlayImage?: ImageRepository;

  /**
   * How the overlay image is built from the repository. Give it together with `overlayImage`.
   * @default - no overlay build (official overlays, see `overlayImage`)
   */
  readonly overlayBuild?: OverlayBuild;

  /**
   * Also build each board's installer image (the imager's `installer` output, with the same
   * overlay, options, extensions and kernel arguments as the disk image) and push it here,
   * tagged `<git tag>-<board>[-<variant>]-installer`, for `talosctl upgrade --image`. Must be
   * on the overlay's registry (the same credentials push it); the tag suffix can never
   * collide with an overlay tag.
   * @default - no installer images
   */
  readonly installerImage?: ImageRepository;

  /**
   * Base installer image of the installer output (`--base-installer-image`).
   * @default - derived from the Talos release: `ghcr.io/siderolabs/installer-base:<version>` from v1.10, `installer:<version>` before
   */
  readonly baseInstallerImage?: string;

  /**
   * Variants of the overlay build (e.g. kernel `bsp` and `mainline`): one overlay build and
   * push per variant (tag `<git tag>-<variant>`), one imager job per board and variant, and
   * the variant in every asset name.
   * @default - a single build, no variant dimension
   */
  readonly variants?: OverlayVariant[];

  /**
   * Where the registry credentials live in GitHub Actions.
   * @default RegistryCredentials.dockerHub() (`vars.DOCKERHUB_USERNAME`, `secrets.DOCKERHUB_TOKEN`)
   */
  readonly registryCredentials?: RegistryCredentials;

  /**
   * Platforms the overlay image is built and pushed for. It must include the architecture of
   * the runner that runs the imager: the imager extracts the overlay for its own host
   * (siderolabs/talos `pkg/imager/imager.go` @ v1.10.6, `runtime.GOARCH`).
   * @default [Architecture.AMD64, Architecture.ARM64]
   */
  readonly overlayPlatforms?: Architecture[];

  /**
   * Runner of the plan and release jobs (and, unless given separately, of the overlay build
   * and the imager).
   * @default Runner.githubHosted('ubuntu-24.04')
   */
  readonly runner?: Runner;

  /**
   * Runner of the overlay build (and its pull request check). Platforms other than its
   * architecture are built under QEMU; stages pinned to one architecture
   * (`OverlayBuild` `pinnedArchitecture`) must build natively, e.g. on
   * `Runner.githubHosted('ubuntu-24.04-arm')` (free for public repositories) or a self-hosted
   * arm64 runner.
   * @default - the same as `runner`
   */
  readonly overlayRunner?: Runner;

  /**
   * Runner of the imager jobs. The imager runs the overlay's installer on this host, so its
   * architecture must be one the installer is built for (see `installerEmulation`).
   * @default - the same as `runner`
   */
  readonly imagerRunner?: Runner;

  /**
   * The imager image of every leg (a variant's `imagerImage` overrides it), when the boards
   * boot a kernel other than the stock Talos one: the imager carries the kernel
   * (siderolabs/talos `pkg/imager/profile/input.go` `Input.FillDefaults` @ v1.10.6), so such an
   * image needs an imager built with that kernel (talos `make imager PKG_KERNEL=…`), of the same
   * Talos release. Required for boards with `KernelFlavour.BSP`.
   * @default - the stock `ghcr.io/siderolabs/imager:<talos version>`
   */
  readonly imagerImage?: string;

  /**
   * Set up binfmt/QEMU (docker/setup-qemu-action) before the imager when the overlay's
   * installer is built for another architecture than the imager host
   * (`OverlayBuild` `installerArchitecture`). Slower than a native runner, and a declared choice:
   * without it such a combination is rejected at synthesis.
   * @default false
   */
  readonly installerEmulation?: boolean;

  /**
   * Let a re-run replace the assets of a release that is already published. Without it the
   * release job creates a draft, uploads and verifies every asset, publishes last, and stops
   * with an error when the release is already published.
   * @default false
   */
  readonly replacePublishedRelease?: boolean;

  /**
   * File name under `.github/workflows/`.
   * @default "release.yaml"
   */
  readonly fileName?: string;

  /**
   * The workflow's `name`.
   * @default "Release"
   */
  readonly workflowName?: string;

  /**
   * Whether to attest build provenance (`actions/attest-build-provenance`) of the overlay
   * image (pushed next to it in the registry) and of the released disk images. Grants
   * `id-token: write` and `attestations: write` to the overlay and release jobs only.
   * GitHub offers artifact attestations for public repositories on every plan; turn this
   * off for a private repository on a plan without them.
   * @default true
   */
  readonly provenance?: boolean;

  /**
   * The project's own pins of actions, replacing the library's reviewed pins.
   * @default - the library's reviewed table
   */
  readonly actionPins?: ActionPin[];

  /**
   * GitHub Actions environment the publishing jobs (overlay push, imager runs, release)
   * run in, e.g. `release`: with the registry token stored as an environment secret and
   * the environment restricted to the release tag pattern (see `RepoSecrets`), only those
   * jobs can read it.
   * @default - no environment; the jobs read repository secrets
   */
  readonly environment?: string;

  /**
   * Also write a check workflow that builds the overlay on pull requests and on pushes to
   * `checkBranches`, without logging in, pushing or reading any secret.
   * @default false
   */
  readonly pullRequestCheck?: boolean;

  /**
   * Inspect the overlay repository (the project's folder) at synth time against this workflow:
   * the bldr `Pkgfile` and `pkg.yaml` closure of each build target (build args read and not
   * passed, missing stages, arch pins that conflict with the platforms and runners, an installer
   * the imager host cannot run), the profile in `profiles/`, and the raw writes against the GPT
   * of each board's Talos release (see `OverlayRepositoryInspection`). An ERROR finding fails
   * the synthesis before anything is written; a repository without the build file is skipped.
   * @default true
   */
  readonly inspectRepository?: boolean;

  /**
   * Branches whose pushes run the check workflow.
   * @default ["main"]
   */
  readonly checkBranches?: string[];

  /**
   * File name of the check workflow under `.github/workflows/`.
   * @default "overlay-check.yaml"
   */
  readonly checkFileName?: string;

  /**
   * Accepted findings of the workflow audit, each with a written reason (they are still
   * reported, and written into the workflow file as comments).
   * @default - none: every error-level finding fails synthesis
   */
  readonly auditAcknowledgements?: Acknowledgement[];

  /**
   * Rules the generated workflows must pass in addition to the built-in ones (TSC-W1 … TSC-W12).
   * @default - only the built-in rules
   */
  readonly additionalAuditRules?: IWorkflowRule[];

  /**
   * Whether buildx attaches its SLSA provenance (`mode=max`) and an SBOM to the pushed
   * overlay image (as attestation manifests in the image index).
   * @default true
   */
  readonly buildAttestations?: boolean;

  /**
   * Timeout of the overlay build job, in minutes.
   * @default 120
   */
  readonly overlayTimeoutMinutes?: number;

  /**
   * Timeout of each imager job, in minutes.
   * @default 60
   */
  readonly imageTimeoutMinutes?: number;

  /**
   * Timeout of the release job, in minutes.
   * @default 15
   */
  readonly releaseTimeoutMinutes?: number;
}

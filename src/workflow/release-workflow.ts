import { IConstruct } from 'constructs';
import { Component } from 'projen';
import { ActionPin, GithubAction } from './action-pin';
import { Acknowledgement, IWorkflowRule, WorkflowAudit, WorkflowFinding } from './audit';
import { BuiltOverlay, ImageLeg, OverlaySource } from './legs';
import { OverlayBuild, OverlayVariant } from './overlay-build';
import {
  ATTEST_BUILD_PROVENANCE, ActionPins, BUILD_PUSH, CHECKOUT, DOCKER_LOGIN, DOWNLOAD_ARTIFACT, GH_RELEASE, SETUP_BUILDX, SETUP_QEMU, UPLOAD_ARTIFACT,
} from './pinned-actions';
import { releaseNotesTemplate } from './release-notes';
import { Runner } from './runner';
import { GeneratedWorkflowFile } from './workflow-file';
import { Architecture } from '../board/image-output';
import { OverlayBoard } from '../board/overlay-board';
import { TalosVersion } from '../board/talos-version';
import { ImageRepository } from '../image/image-repository';
import { RegistryCredentials } from '../image/registry-credentials';
import { checkSafeValue, isDockerHubRegistry, SHA256_DIGEST, TAGGED_IMAGE } from '../private/names';
import { formatProblems, pathOf, Problems } from '../private/validation';

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
   * Platforms the overlay image is built for. It must include the architecture of the
   * runner that runs the imager: the imager extracts the overlay for its own host.
   * @default [Architecture.AMD64, Architecture.ARM64]
   */
  readonly overlayPlatforms?: Architecture[];

  /**
   * Runner of the overlay build and release jobs.
   * @default Runner.githubHosted('ubuntu-24.04')
   */
  readonly runner?: Runner;

  /**
   * Runner of the imager jobs.
   * @default - the same as `runner`
   */
  readonly imagerRunner?: Runner;

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

const FILE_NAME = /^[a-z0-9][a-z0-9._-]*\.ya?ml$/;
const BUILD_FILE = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9._\/-]+$/;
const BUILD_TARGET = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const BUILD_ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RUNNER_LABEL = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The artifact name prefix of imager outputs. */
const IMAGE_ARTIFACT_PREFIX = 'image-';
/** Step-level Docker config directory, isolated per job. */
const DOCKER_CONFIG_DIR = '${{ runner.temp }}/docker-config';
/** Where the imager container reads the typed overlay options. */
const TYPED_OPTIONS_IN_CONTAINER = '/options/overlay-options.yaml';

/**
 * The tag-triggered release pipeline of a Talos overlay repository, written to
 * `.github/workflows/<fileName>`:
 *
 * 1. `overlay`: build the overlay image (multi-arch) and push it to the registry, tagged
 *    with the git tag; expose the pushed digest.
 * 2. `image-<board>` (one job per board): run the Talos imager with the board's profile,
 *    overlay (by digest), options, extensions and kernel arguments; rename the output to a
 *    unique asset name and checksum it.
 * 3. `release`: verify checksums, write `SHA256SUMS` and release notes, attest provenance
 *    and create the GitHub release.
 *
 * Every action is pinned to a commit SHA; permissions are `{}` at the top and minimal per
 * job; no declaration value or expression is interpolated into a `run:` script.
 */
export class ReleaseWorkflow extends Component {
  /** Path of the generated workflow file, relative to the project root. */
  public readonly filePath: string;
  /** Path of the generated check workflow, when `pullRequestCheck` is on. */
  public readonly checkFilePath?: string;
  /** The overlay image repository. */
  public readonly overlayImage?: ImageRepository;
  /** The registry credentials the workflow reads. */
  public readonly registryCredentials: RegistryCredentials;
  /**
   * The audit every generated workflow file must pass before anything is written
   * (`acknowledge()` works until synthesis).
   */
  public readonly audit: WorkflowAudit;

  private readonly boardList: OverlayBoard[] = [];
  private readonly overlayBuild?: OverlayBuild;
  private readonly variants: OverlayVariant[];
  private readonly installerImage?: ImageRepository;
  private readonly baseInstallerImage?: string;
  private readonly overlayPlatforms: Architecture[];
  private readonly runner: Runner;
  private readonly imagerRunner: Runner;
  private readonly workflowName: string;
  private readonly provenance: boolean;
  private readonly timeouts: { overlay: number; image: number; release: number };
  private readonly path: string;
  private readonly actions: ActionPins;
  private readonly checkBranches: string[];
  private readonly buildAttestations: boolean;
  private readonly auditFindings = new Map<string, WorkflowFinding[]>();
  private readonly environment?: string;

  constructor(scope: IConstruct, id: string, props: ReleaseWorkflowProps) {
    super(scope, id);
    this.path = pathOf(this);
    const problems = new Problems('ReleaseWorkflow', this.path);

    this.overlayImage = props.overlayImage;
    this.overlayBuild = props.overlayBuild;
    this.installerImage = props.installerImage;
    this.baseInstallerImage = props.baseInstallerImage;
    this.variants = (props.variants ?? []).map((v) => ({ ...v, buildArgs: { ...(v.buildArgs ?? {}) } }));
    this.registryCredentials = props.registryCredentials ?? RegistryCredentials.dockerHub();
    this.overlayPlatforms = [...(props.overlayPlatforms ?? [Architecture.AMD64, Architecture.ARM64])];
    this.runner = props.runner ?? Runner.githubHosted();
    this.imagerRunner = props.imagerRunner ?? this.runner;
    this.workflowName = props.workflowName ?? 'Release';
    this.provenance = props.provenance ?? true;
    this.timeouts = {
      overlay: props.overlayTimeoutMinutes ?? 120,
      image: props.imageTimeoutMinutes ?? 60,
      release: props.releaseTimeoutMinutes ?? 15,
    };
    this.environment = props.environment;
    this.checkBranches = [...(props.checkBranches ?? ['main'])];
    this.buildAttestations = props.buildAttestations ?? true;
    const checkFileName = props.checkFileName ?? 'overlay-check.yaml';
    const fileName = props.fileName ?? 'release.yaml';
    this.filePath = `.github/workflows/${fileName}`;

    this.actions = new ActionPins(this.validatePins(problems, props.actionPins ?? []));
    this.validateProps(problems, props, fileName, checkFileName);
    problems.throwIfAny();

    this.audit = new WorkflowAudit({
      rules: [...WorkflowAudit.builtInRules({ additionalPins: [...this.actions.all] }), ...(props.additionalAuditRules ?? [])],
      acknowledgements: props.auditAcknowledgements,
    });

    for (const board of props.boards ?? []) {
      this.addBoard(board);
    }

    new GeneratedWorkflowFile(this, this.filePath, () => this.renderWorkflow(), this.actions, () => this.acknowledgementNotes(this.filePath));
    this.checkFilePath = props.pullRequestCheck ? `.github/workflows/${checkFileName}` : undefined;
    if (this.checkFilePath) {
      const checkFilePath = this.checkFilePath;
      new GeneratedWorkflowFile(this, checkFilePath, () => this.renderCheckWorkflow(), this.actions, () => this.acknowledgementNotes(checkFilePath));
    }
  }

  /** The boards released by this workflow. */
  public get boards(): OverlayBoard[] {
    return [...this.boardList];
  }

  /**
   * The names of the GitHub Actions variables the workflow reads (`vars.X`).
   */
  public get variableNames(): string[] {
    return this.anyLogin ? [this.registryCredentials.usernameVariable] : [];
  }

  /**
   * The names of the GitHub Actions secrets the workflow reads (`secrets.X`),
   * other than the automatic `GITHUB_TOKEN`.
   */
  public get secretNames(): string[] {
    return this.anyLogin ? [this.registryCredentials.tokenSecret] : [];
  }

  /** Whether any job logs in (pushes, or pulls from Docker Hub). */
  private get anyLogin(): boolean {
    return this.needsLogin || this.boardList.some(pullsFromDockerHub);
  }

  /** Whether any job pushes to (and so logs in to) a registry. */
  private get needsLogin(): boolean {
    return this.overlayBuild !== undefined || this.installerImage !== undefined;
  }

  /**
   * Adds a board to the release. All boards of one workflow share one Talos release,
   * and their names and asset names must be unique.
   */
  public addBoard(board: OverlayBoard): void {
    const problems = new Problems('ReleaseWorkflow', this.path);
    const index = this.boardList.length;
    for (const other of this.otherWorkflows()) {
      if (other.boards.some((b) => b.tagPattern === board.tagPattern)) {
        problems.add(`boards[${index}].tagPattern`, board.tagPattern,
          `the ReleaseWorkflow at "${pathOf(other)}" is released by the same tag pattern, so one tag would run both and create one GitHub release twice`,
          `give each release line its own tagPattern, e.g. "v*-${board.boardName}-talos-v1.13"`);
      }
    }
    const first = this.boardList[0];
    if (first && first.talosVersion !== board.talosVersion) {
      problems.add(`boards[${index}].talosVersion`, board.talosVersion,
        `every board of one release workflow must use the same Talos release as boards[0] (${first.talosVersion}); TALOS_VERSION is set once per workflow`,
        'use the same talosVersion, or give the other release line its own ReleaseWorkflow (fileName)');
    }
    if (this.boardList.some((b) => b.boardName === board.boardName)) {
      problems.add(`boards[${index}].boardName`, board.boardName, 'must be unique within the workflow (it names the imager job and the release asset)',
        'give each board its own boardName');
    } else if (this.boardList.some((b) => b.assetName === board.assetName)) {
      problems.add(`boards[${index}].assetName`, board.assetName, 'release asset names must be unique', 'give each board its own boardName');
    }
    if (pullsFromDockerHub(board) && !isDockerHubRegistry(this.registryCredentials.registry)) {
      problems.add('registryCredentials.registry', this.registryCredentials.registry,
        `the imager of board ${board.boardName} pulls a system extension from Docker Hub, and anonymous Docker Hub pulls are rate-limited`,
        'use RegistryCredentials.dockerHub(), or an extension from another registry');
    }
    if (!this.overlayBuild && board.officialOverlayImage === undefined) {
      problems.add(`boards[${index}]`, board.boardName,
        `there is no overlay for this board: the workflow builds none (no overlayBuild) and the board is not an official catalog board of Talos ${board.talosVersion}`,
        'build the overlay (overlayImage and overlayBuild), or declare the board with OverlayBoard.fromCatalog');
    }
    problems.throwIfAny();
    this.boardList.push(board);
  }

  /**
   * Checks that the workflow is complete before any file is written.
   */
  public preSynthesize(): void {
    if (this.boardList.length === 0) {
      throw new Error(formatProblems('ReleaseWorkflow', this.path, [{
        field: 'boards',
        value: [],
        rule: 'a release workflow needs at least one board',
        fix: 'pass boards: [new OverlayBoard(...)] or call addBoard()',
      }]));
    }
    // every generated file must pass the audit before projen writes (or deletes) anything
    this.auditFindings.clear();
    const check = (workflow: object, path: string) => {
      this.auditFindings.set(path, this.audit.assertCompliant(workflow as { [key: string]: any }, path));
    };
    check(this.renderWorkflow(), this.filePath);
    if (this.checkFilePath) {
      check(this.renderCheckWorkflow(), this.checkFilePath);
    }
  }

  /** The other release workflows of the same project. */
  private otherWorkflows(): ReleaseWorkflow[] {
    return this.project.components.filter((c): c is ReleaseWorkflow => c instanceof ReleaseWorkflow && c !== this);
  }

  /** Acknowledged audit findings of one file, as comment lines. */
  private acknowledgementNotes(filePath: string): string[] {
    const acknowledged = (this.auditFindings.get(filePath) ?? []).filter((f) => f.acknowledged);
    if (acknowledged.length === 0) {
      return [];
    }
    return ['Acknowledged audit findings:', ...acknowledged.map((f) => `  ${f.ruleId} ${f.location}: ${f.acknowledgementReason}`)];
  }

  /**
   * Every finding of the last audit (warnings and acknowledged errors included); empty
   * before synthesis.
   */
  public get findings(): WorkflowFinding[] {
    return [...this.auditFindings.values()].flat();
  }

  /** Collects every problem of the properties (other than the boards and action pins). */
  private validateProps(problems: Problems, props: ReleaseWorkflowProps, fileName: string, checkFileName: string): void {
    if ((this.overlayImage === undefined) !== (this.overlayBuild === undefined)) {
      problems.add(this.overlayImage === undefined ? 'overlayImage' : 'overlayBuild', undefined,
        'overlayImage and overlayBuild go together: the overlay is built from the repository and pushed to that image',
        'give both, or neither (boards then use their official catalog overlay)');
    }
    this.overlayImage?._validate(problems, 'overlayImage');
    this.registryCredentials._validate(problems, 'registryCredentials');
    const pushRegistry = this.overlayImage?.registry ?? this.installerImage?.registry;
    if (pushRegistry !== undefined && this.registryCredentials.registry !== pushRegistry) {
      problems.add('registryCredentials.registry', this.registryCredentials.registry,
        `the credentials must be for the registry the images are pushed to (${pushRegistry})`,
        'use RegistryCredentials.dockerHub() for docker.io, or RegistryCredentials.usernameAndToken({ registry: ... }) for the overlay\'s registry');
    }
    this.validateBuild(problems);
    if (!this.overlayBuild) {
      if (this.variants.length > 0) {
        problems.add('variants', this.variants.map((v) => v.name), 'variants are builds of the overlay, so they need overlayBuild', 'give overlayImage and overlayBuild, or remove the variants');
      }
      if (props.pullRequestCheck) {
        problems.add('pullRequestCheck', true, 'the check workflow builds the overlay, so it needs overlayBuild', 'give overlayImage and overlayBuild, or turn the check off');
      }
    }
    this.validateVariants(problems);
    if (this.installerImage) {
      this.installerImage._validate(problems, 'installerImage');
      if (this.overlayImage && this.installerImage.registry !== this.overlayImage.registry) {
        problems.add('installerImage.registry', this.installerImage.registry, `installer images are pushed with the overlay's credentials, so they must be on ${this.overlayImage.registry}`,
          `use a repository on ${this.overlayImage.registry}`);
      }
    }
    if (this.baseInstallerImage !== undefined
      && !isImageReference(this.baseInstallerImage)) {
      problems.add('baseInstallerImage', this.baseInstallerImage, 'must be an image reference "registry/path[:tag][@sha256:<64 hex>]"',
        'use e.g. "ghcr.io/siderolabs/installer-base:v1.10.6", or leave it unset to derive it from the Talos release');
    }
    if (this.variants.some((v) => v.name === 'installer')) {
      problems.add('variants', this.variants.map((v) => v.name), 'a variant must not be named "installer" (reserved for installer image tags)', 'rename the variant');
    }
    if (this.environment !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(this.environment)) {
      problems.add('environment', this.environment, 'a GitHub environment name used here must be 1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit',
        'use a name such as "release"');
    }
    if (!FILE_NAME.test(fileName)) {
      problems.add('fileName', fileName, `a workflow file name must match ${FILE_NAME.source}`, 'use a name such as "release.yaml"');
    }
    if (props.pullRequestCheck) {
      if (!FILE_NAME.test(checkFileName)) {
        problems.add('checkFileName', checkFileName, `a workflow file name must match ${FILE_NAME.source}`, 'use a name such as "overlay-check.yaml"');
      } else if (checkFileName === fileName) {
        problems.add('checkFileName', checkFileName, 'must differ from fileName', 'use a name such as "overlay-check.yaml"');
      }
      this.checkBranches.forEach((branch, i) => {
        if (!/^[A-Za-z0-9._\/*-]{1,100}$/.test(branch) || branch.includes('..')) {
          problems.add(`checkBranches[${i}]`, branch, 'a branch filter must be 1 to 100 letters, digits or "._/*-" (no "..")', 'use a branch name such as "main"');
        }
      });
    }
    if (!/^[A-Za-z0-9 ._()-]{1,80}$/.test(this.workflowName)) {
      problems.add('workflowName', this.workflowName, 'must be 1 to 80 letters, digits, spaces or "._()-"', 'use a plain name such as "Release"');
    }
    if (this.overlayPlatforms.length === 0) {
      problems.add('overlayPlatforms', this.overlayPlatforms, 'must name at least one platform', 'use [Architecture.AMD64, Architecture.ARM64]');
    }
    if (new Set(this.overlayPlatforms).size !== this.overlayPlatforms.length) {
      problems.add('overlayPlatforms', this.overlayPlatforms, 'must not repeat a platform', 'remove the duplicate');
    }
    const runners: Array<[string, Runner]> = [['runner', this.runner]];
    if (props.imagerRunner !== undefined) {
      runners.push(['imagerRunner', this.imagerRunner]);
    }
    for (const [name, runner] of runners) {
      runner.labels.forEach((label, i) => {
        if (!RUNNER_LABEL.test(label)) {
          problems.add(`${name}.labels[${i}]`, label, `a runner label must match ${RUNNER_LABEL.source}`, 'use a label such as "ubuntu-24.04" or "self-hosted"');
        }
      });
      if (runner.runnerGroup !== undefined && !/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$/.test(runner.runnerGroup)) {
        problems.add(`${name}.runnerGroup`, runner.runnerGroup, 'a runner group name must be 1 to 100 letters, digits, spaces or "._-"', 'use the group name as shown in the organisation settings');
      }
      if (runner.labels.length === 0 && runner.runnerGroup === undefined) {
        problems.add(`${name}.labels`, runner.labels, 'must name at least one runner label', 'use Runner.githubHosted() or Runner.selfHosted([...], arch)');
      }
    }
    if (this.overlayPlatforms.length > 0 && !this.overlayPlatforms.includes(this.imagerRunner.arch)) {
      problems.add('overlayPlatforms', this.overlayPlatforms,
        `the imager runs on ${this.imagerRunner.arch} and extracts the overlay for its own architecture, so the overlay must be built for linux/${this.imagerRunner.arch}`,
        `add Architecture.${this.imagerRunner.arch.toUpperCase()} to overlayPlatforms, or run the imager on a runner of a built architecture`);
    }
    for (const [name, value] of Object.entries(this.timeouts)) {
      if (!Number.isInteger(value) || value < 1 || value > 360) {
        problems.add(`${name}TimeoutMinutes`, value, 'must be a whole number of minutes from 1 to 360', 'use e.g. 60');
      }
    }
    const checkPath = props.pullRequestCheck ? `.github/workflows/${checkFileName}` : undefined;
    for (const other of this.otherWorkflows()) {
      for (const [field, path] of [['fileName', this.filePath], ['checkFileName', checkPath]] as const) {
        if (path !== undefined && (other.filePath === path || other.checkFilePath === path)) {
          problems.add(field, path.replace('.github/workflows/', ''), `the ReleaseWorkflow at "${pathOf(other)}" already writes ${path}`,
            'give each ReleaseWorkflow its own file name, e.g. "release-rock-5b.yaml"');
        }
      }
    }
  }

  private validatePins(problems: Problems, pins: ActionPin[]) {
    const known = Object.values(GithubAction) as string[];
    const seen = new Set<string>();
    return pins.map((pin, i) => {
      if (!known.includes(pin.action)) {
        problems.add(`actionPins[${i}].action`, pin.action, 'must be a GithubAction', 'use e.g. GithubAction.CHECKOUT');
      }
      if (seen.has(pin.action)) {
        problems.add(`actionPins[${i}].action`, pin.action, 'must not be pinned twice', 'remove the duplicate');
      }
      seen.add(pin.action);
      if (!/^[0-9a-f]{40}$/.test(pin.commit)) {
        problems.add(`actionPins[${i}].commit`, pin.commit, 'an action must be pinned to a full 40-hex lowercase commit SHA',
          `resolve the release tag in the action's repository: git rev-parse ${pin.version}^{commit}`);
      }
      if (!/^v[0-9]+(?:\.[0-9]+){0,2}$/.test(pin.version)) {
        problems.add(`actionPins[${i}].version`, pin.version, 'must be the release tag the commit belongs to, e.g. "v7.0.2"', 'give the release tag');
      }
      return { repository: pin.action as string, commit: pin.commit, version: pin.version };
    });
  }

  private validateVariants(problems: Problems): void {
    const seen = new Set<string>();
    this.variants.forEach((variant, i) => {
      if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(variant.name) || variant.name.length > 20) {
        problems.add(`variants[${i}].name`, variant.name, 'a variant name must be 1 to 20 lowercase letters and digits separated by single "-"',
          'use a short name such as "bsp" or "mainline"');
      }
      if (seen.has(variant.name)) {
        problems.add(`variants[${i}].name`, variant.name, 'must be unique (it is part of every pushed tag and asset name)', 'remove the duplicate');
      }
      seen.add(variant.name);
      if (variant.target !== undefined && !BUILD_TARGET.test(variant.target)) {
        problems.add(`variants[${i}].target`, variant.target, `a build target must match ${BUILD_TARGET.source}`, 'use the stage name, e.g. "talos-sbc-rk3588-bsp"');
      }
      for (const [name, value] of Object.entries(variant.buildArgs ?? {})) {
        if (!BUILD_ARG_NAME.test(name)) {
          problems.add(`variants[${i}].buildArgs.${name}`, name, `a build argument name must match ${BUILD_ARG_NAME.source}`, 'use a name such as "KERNEL_VARIANT"');
        }
        checkSafeValue(problems, `variants[${i}].buildArgs.${name}`, value, 'use a plain value such as "bsp"');
      }
    });
  }

  private validateBuild(problems: Problems): void {
    const build = this.overlayBuild;
    if (!build) {
      return;
    }
    if (!BUILD_FILE.test(build.file)) {
      problems.add('overlayBuild.file', build.file, 'must be a relative path inside the repository (letters, digits, "._/-", no ".." segments)',
        'use a path such as "Pkgfile" or "docker/Dockerfile"');
    }
    if (build.target !== undefined && !BUILD_TARGET.test(build.target)) {
      problems.add('overlayBuild.target', build.target, `a build target must match ${BUILD_TARGET.source}`, 'use the stage name, e.g. "talos-sbc-rk3588-mainline"');
    }
    for (const [name, value] of Object.entries(build.buildArgs)) {
      if (!BUILD_ARG_NAME.test(name)) {
        problems.add(`overlayBuild.buildArgs.${name}`, name, `a build argument name must match ${BUILD_ARG_NAME.source}`, 'use a name such as "PKGS_PREFIX"');
      }
      checkSafeValue(problems, `overlayBuild.buildArgs.${name}`, value, 'use a plain value such as "ghcr.io/siderolabs"');
    }
  }

  /** The overlay builds: one, or one per variant. */
  private get overlays(): BuiltOverlay[] {
    if (!this.overlayBuild) {
      return [];
    }
    if (this.variants.length === 0) {
      return [{ jobId: 'overlay', tagSuffix: '', digestEnv: 'OVERLAY_DIGEST', target: this.overlayBuild.target, buildArgs: this.overlayBuild.buildArgs }];
    }
    return this.variants.map((v) => ({
      variant: v.name,
      jobId: `overlay-${v.name}`,
      tagSuffix: `-${v.name}`,
      digestEnv: `OVERLAY_DIGEST_${v.name.toUpperCase().replace(/-/g, '_')}`,
      target: v.target ?? this.overlayBuild!.target,
      buildArgs: { ...this.overlayBuild!.buildArgs, ...(v.buildArgs ?? {}) },
    }));
  }

  /** One imager leg per board and overlay build. */
  private get legs(): ImageLeg[] {
    const legs: ImageLeg[] = [];
    for (const board of this.boardList) {
      const sources: OverlaySource[] = this.overlayBuild ? this.overlays : [{ officialImage: board.officialOverlayImage!, tagSuffix: '' }];
      for (const overlay of sources) {
        const suffix = overlay.variant ? `-${overlay.variant}` : '';
        legs.push({
          board,
          overlay,
          jobId: `image-${board.boardName}${suffix}`,
          artifactName: `${IMAGE_ARTIFACT_PREFIX}${board.boardName}${suffix}`,
          assetName: overlay.variant ? board.assetName.replace(`-${board.boardName}-`, `-${board.boardName}-${overlay.variant}-`) : board.assetName,
          installerTagSuffix: `-${board.boardName}${suffix}-installer`,
        });
      }
    }
    return legs;
  }

  /**
   * Every tag the workflow pushes for a git tag, and every release asset name, by leg
   * (for collision checks).
   * @internal
   */
  public _names(): { pushedTags: string[]; assetNames: string[]; artifactNames: string[]; jobIds: string[] } {
    const legs = this.legs;
    return {
      pushedTags: [
        ...this.overlays.map((o) => this.overlayImage!.withTag(`<git tag>${o.tagSuffix}`)),
        ...(this.installerImage ? legs.map((l) => this.installerImage!.withTag(`<git tag>${l.installerTagSuffix}`)) : []),
      ],
      assetNames: legs.map((l) => l.assetName),
      artifactNames: legs.map((l) => l.artifactName),
      jobIds: [...this.overlays.map((o) => o.jobId), ...legs.map((l) => l.jobId), 'release'],
    };
  }

  private renderWorkflow(): object {
    const boards = this.boardList;
    const tagPatterns = [...new Set(boards.map((b) => b.tagPattern))];
    const jobs: { [id: string]: object } = {};
    for (const overlay of this.overlays) {
      jobs[overlay.jobId] = this.overlayJob(overlay);
    }
    for (const leg of this.legs) {
      jobs[leg.jobId] = this.imageJob(leg);
    }
    jobs.release = this.releaseJob();
    return {
      name: this.workflowName,
      on: { push: { tags: tagPatterns } },
      permissions: {},
      concurrency: {
        'group': `${slug(this.workflowName)}-\${{ github.ref }}`,
        'cancel-in-progress': false,
      },
      env: { TALOS_VERSION: boards[0].talosVersion },
      jobs,
    };
  }

  private environmentOf(): { environment?: string } {
    return this.environment ? { environment: this.environment } : {};
  }

  private loginStep(extra: object = {}): object {
    return {
      name: `Log in to ${this.registryCredentials.registry}`,
      uses: this.actions.uses(DOCKER_LOGIN),
      ...extra,
      with: {
        registry: this.registryCredentials.registry,
        username: this.registryCredentials.usernameExpression,
        password: this.registryCredentials.tokenExpression,
      },
    };
  }

  /** Checkout, QEMU for foreign platforms, buildx. */
  private buildSetupSteps(): object[] {
    const foreign = this.overlayPlatforms.filter((p) => p !== this.runner.arch);
    const steps: object[] = [{
      name: 'Check out the repository',
      uses: this.actions.uses(CHECKOUT),
      with: { 'persist-credentials': false },
    }];
    if (foreign.length > 0) {
      steps.push({
        name: 'Set up QEMU',
        uses: this.actions.uses(SETUP_QEMU),
        with: { platforms: foreign.join(',') },
      });
    }
    steps.push({ name: 'Set up Docker Buildx', uses: this.actions.uses(SETUP_BUILDX) });
    return steps;
  }

  /** Inputs of docker/build-push-action; `push` adds the tag, labels and push. */
  private buildInputs(overlay: BuiltOverlay, push: boolean): { [key: string]: string | boolean } {
    const inputs: { [key: string]: string | boolean } = {
      context: '.',
      file: this.overlayBuild!.file,
    };
    if (overlay.target) {
      inputs.target = overlay.target;
    }
    inputs.platforms = this.overlayPlatforms.map((p) => `linux/${p}`).join(',');
    inputs.push = push;
    if (push) {
      inputs.tags = this.overlayImage!.withTag(`\${{ github.ref_name }}${overlay.tagSuffix}`);
    }
    const args = Object.entries(overlay.buildArgs);
    if (args.length > 0) {
      inputs['build-args'] = args.map(([k, v]) => `${k}=${v}`).join('\n');
    }
    if (push) {
      inputs.labels = [
        'org.opencontainers.image.source=${{ github.server_url }}/${{ github.repository }}',
        'org.opencontainers.image.revision=${{ github.sha }}',
        `org.opencontainers.image.version=\${{ github.ref_name }}${overlay.tagSuffix}`,
      ].join('\n');
    }
    // BuildKit's SLSA provenance (max) and SBOM travel in the pushed image index as
    // attestation manifests; the imager picks its own platform's manifest from the index.
    const attest = push && this.buildAttestations;
    inputs.provenance = attest ? 'mode=max' : false;
    inputs.sbom = attest;
    return inputs;
  }

  private buildDescription(overlay: BuiltOverlay): string {
    return `${this.overlayBuild!.file}${overlay.target ? `, target ${overlay.target}` : ''}`;
  }

  private overlayJob(overlay: BuiltOverlay): object {
    const steps: object[] = [
      {
        name: 'Check that the git tag is a valid image tag',
        run: [
          'if [[ ! "${GITHUB_REF_NAME}" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]]; then',
          '  echo "::error::The pushed git tag cannot be used as an image tag (allowed: letters, digits, _ . -, at most 128 characters)."',
          '  exit 1',
          'fi',
          '',
        ].join('\n'),
      },
      ...this.buildSetupSteps(),
      this.loginStep(),
      {
        name: `Build and push the overlay (${this.buildDescription(overlay)})`,
        id: 'push',
        uses: this.actions.uses(BUILD_PUSH),
        with: this.buildInputs(overlay, true),
      },
    ];
    const permissions: { [key: string]: string } = { contents: 'read' };
    if (this.provenance) {
      // signed SLSA provenance of the pushed index, stored next to the image
      steps.push({
        name: 'Attest build provenance of the overlay image',
        uses: this.actions.uses(ATTEST_BUILD_PROVENANCE),
        with: {
          'subject-name': this.overlayImage!.canonicalName,
          'subject-digest': '${{ steps.push.outputs.digest }}',
          'push-to-registry': true,
        },
      });
      permissions['id-token'] = 'write';
      permissions.attestations = 'write';
    }
    return {
      'name': overlay.variant ? `Build and push the overlay image (${overlay.variant})` : 'Build and push the overlay image',
      'runs-on': this.runner._runsOn(),
      ...this.environmentOf(),
      'timeout-minutes': this.timeouts.overlay,
      permissions,
      'outputs': { digest: '${{ steps.push.outputs.digest }}' },
      steps,
    };
  }

  /** The pull request / branch check: builds the overlay, never logs in, never pushes. */
  private renderCheckWorkflow(): object {
    return {
      name: `${this.workflowName} check`,
      on: {
        pull_request: {},
        push: { branches: [...this.checkBranches] },
      },
      permissions: {},
      concurrency: {
        'group': `${slug(this.workflowName)}-check-\${{ github.ref }}`,
        'cancel-in-progress': true,
      },
      jobs: Object.fromEntries(this.overlays.map((overlay) => [overlay.jobId, {
        'name': overlay.variant ? `Build the overlay image (${overlay.variant}, no push)` : 'Build the overlay image (no push)',
        'runs-on': this.runner._runsOn(),
        'timeout-minutes': this.timeouts.overlay,
        'permissions': { contents: 'read' },
        'steps': [
          ...this.buildSetupSteps(),
          {
            name: `Build the overlay (${this.buildDescription(overlay)})`,
            uses: this.actions.uses(BUILD_PUSH),
            with: this.buildInputs(overlay, false),
          },
        ],
      }])),
    };
  }

  private imageJob(leg: ImageLeg): object {
    const board = leg.board;
    // log in to push, and to pull from Docker Hub (anonymous pulls are rate-limited)
    const login = this.needsLogin || pullsFromDockerHub(board);
    const overlay = leg.overlay;
    const env: { [key: string]: string } = {};
    if (login) {
      env.DOCKER_CONFIG = DOCKER_CONFIG_DIR;
    }
    if (overlay.jobId !== undefined) {
      env.OVERLAY_REPOSITORY = this.overlayImage!.repository;
      env.OVERLAY_DIGEST = `\${{ needs.${overlay.jobId}.outputs.digest }}`;
    } else {
      // the official overlay of the board's catalog, pinned per Talos release
      env.OVERLAY_IMAGE = overlay.officialImage;
    }
    env.PROFILE = board.profileName;
    env.ARCH = board.arch;
    env.OVERLAY_NAME = board.overlayName;
    const flags: string[] = [
      '  --arch="${ARCH}" \\',
      overlay.jobId !== undefined ? '  --overlay-image="${OVERLAY_REPOSITORY}@${OVERLAY_DIGEST}" \\' : '  --overlay-image="${OVERLAY_IMAGE}" \\',
      '  --overlay-name="${OVERLAY_NAME}" \\',
    ];
    Object.entries(board.overlayOptions).forEach(([key, value], i) => {
      env[`OVERLAY_OPTION_${i + 1}`] = `${key}=${value}`;
      flags.push(`  --overlay-option="\${OVERLAY_OPTION_${i + 1}}" \\`);
    });
    const typedOptions = board.typedOptionsYaml;
    if (typedOptions !== undefined) {
      // typed (boolean, free-text) options go through a YAML file, never key=value
      env.OVERLAY_OPTIONS_YAML = typedOptions;
      flags.push(`  --overlay-option=@${TYPED_OPTIONS_IN_CONTAINER} \\`);
    }
    board.systemExtensions.forEach((ext, i) => {
      env[`SYSTEM_EXTENSION_${i + 1}`] = ext;
      flags.push(`  --system-extension-image="\${SYSTEM_EXTENSION_${i + 1}}" \\`);
    });
    board.extraKernelArgs.forEach((arg, i) => {
      env[`EXTRA_KERNEL_ARG_${i + 1}`] = arg;
      flags.push(`  --extra-kernel-arg="\${EXTRA_KERNEL_ARG_${i + 1}}" \\`);
    });
    // drop the line continuation of the last flag
    flags[flags.length - 1] = flags[flags.length - 1].replace(/ \\$/, '');
    env.IMAGER_OUTPUT = board.imagerOutputFile;
    env.ASSET_NAME = leg.assetName;

    const mounts = [
      '  -v "${PWD}/_out:/out" \\',
      ...(typedOptions !== undefined ? ['  -v "${PWD}/_options:/options:ro" \\'] : []),
      ...(login ? ['  -v "${DOCKER_CONFIG}:/docker-config:ro" -e DOCKER_CONFIG=/docker-config \\'] : []),
    ];
    const dockerRun = [
      'docker run --rm \\',
      ...(board.imagerNeedsPrivileges ? ['  --privileged -v /dev:/dev \\'] : []),
      ...mounts,
      '  "ghcr.io/siderolabs/imager:${TALOS_VERSION}" "${PROFILE}" \\',
      ...flags,
    ];
    const script = [
      'set -euo pipefail',
      ...(overlay.jobId !== undefined ? [
        'if [[ ! "${OVERLAY_DIGEST}" =~ ^sha256:[0-9a-f]{64}$ ]]; then',
        '  echo "::error::The overlay job did not report the digest of the pushed overlay image."',
        '  exit 1',
        'fi',
      ] : []),
      'mkdir -p _out release',
      ...(typedOptions !== undefined ? ['mkdir -p _options', 'printf \'%s\' "${OVERLAY_OPTIONS_YAML}" > _options/overlay-options.yaml'] : []),
      ...dockerRun,
      'if [[ ! -f "_out/${IMAGER_OUTPUT}" ]]; then',
      '  echo "::error::The imager did not write _out/${IMAGER_OUTPUT} (derived from the profile). It wrote:"',
      '  ls -l _out',
      '  exit 1',
      'fi',
      'mv -- "_out/${IMAGER_OUTPUT}" "release/${ASSET_NAME}"',
      ...this.installerScript(leg, env, flags, mounts),
      'cd release',
      'sha256sum -- "${ASSET_NAME}" > "${ASSET_NAME}.sha256"',
      '',
    ].join('\n');

    return {
      'name': `Build the ${board.boardName}${overlay.variant ? ` (${overlay.variant})` : ''} disk image${this.installerImage ? ' and installer' : ''}`,
      ...(overlay.jobId !== undefined ? { needs: overlay.jobId } : {}),
      'runs-on': this.imagerRunner._runsOn(),
      ...this.environmentOf(),
      'timeout-minutes': this.timeouts.image,
      'permissions': {},
      'steps': [
        ...(login ? [this.loginStep({ env: { DOCKER_CONFIG: DOCKER_CONFIG_DIR } })] : []),
        {
          name: `Run the Talos imager (profile ${board.profileName})`,
          env,
          run: script,
        },
        {
          name: 'Upload the disk image',
          uses: this.actions.uses(UPLOAD_ARTIFACT),
          with: {
            'name': leg.artifactName,
            'path': [`release/${leg.assetName}`, `release/${leg.assetName}.sha256`].join('\n'),
            'if-no-files-found': 'error',
            'compression-level': 0,
          },
        },
        ...(this.imagerRunner.isGithubHosted ? [] : [{
          // a persistent runner keeps the workspace: the imager's files are root-owned, but they
          // sit directly in folders the runner user created, so the runner user can remove them
          name: 'Remove the imager output (self-hosted runner)',
          if: 'always()',
          run: 'rm -rf -- _out _options release\n',
        }]),
      ],
    };
  }

  /** The installer run and push of a leg (none without `installerImage`). */
  private installerScript(leg: ImageLeg, env: { [key: string]: string }, flags: string[], mounts: string[]): string[] {
    if (!this.installerImage) {
      return [];
    }
    env.BASE_INSTALLER_IMAGE = this.baseInstallerImage ?? TalosVersion._tryParse(leg.board.talosVersion)!.baseInstallerImage;
    env.INSTALLER_REPOSITORY = this.installerImage.repository;
    env.INSTALLER_TAG_SUFFIX = leg.installerTagSuffix;
    return [
      '# the installer image (for upgrades): same overlay, options, extensions and kernel arguments',
      'docker run --rm \\',
      ...mounts,
      '  "ghcr.io/siderolabs/imager:${TALOS_VERSION}" installer \\',
      '  --base-installer-image="${BASE_INSTALLER_IMAGE}" \\',
      ...flags,
      'loaded=$(docker load -i "_out/installer-${ARCH}.tar" | sed -n -e \'s/^Loaded image: //p\' -e \'s/^Loaded image ID: //p\' | tail -n 1)',
      'if [[ -z "${loaded}" ]]; then',
      '  echo "::error::docker load did not report the installer image."',
      '  exit 1',
      'fi',
      'installer="${INSTALLER_REPOSITORY}:${GITHUB_REF_NAME}${INSTALLER_TAG_SUFFIX}"',
      'docker tag "${loaded}" "${installer}"',
      'docker push "${installer}"',
    ];
  }

  private releaseJob(): object {
    const legs = this.legs;
    const overlays = this.overlays;
    const env: { [key: string]: string } = {};
    if (this.overlayImage) {
      env.OVERLAY_REPOSITORY = this.overlayImage.repository;
    }
    for (const overlay of overlays) {
      env[overlay.digestEnv] = `\${{ needs.${overlay.jobId}.outputs.digest }}`;
    }
    env.RELEASE_NOTES_TEMPLATE = releaseNotesTemplate({
      boards: this.boardList,
      legs,
      overlays,
      withVariants: this.variants.length > 0,
      overlayImage: this.overlayImage,
      installerImage: this.installerImage,
      provenance: this.provenance,
    });
    legs.forEach((leg, i) => {
      env[`ASSET_${i + 1}`] = leg.assetName;
    });
    const script = [
      'set -euo pipefail',
      'cd release',
      ': > SHA256SUMS',
      `assets=(${legs.map((_, i) => `"\${ASSET_${i + 1}}"`).join(' ')})`,
      'for asset in "${assets[@]}"; do',
      '  sha256sum -c -- "${asset}.sha256"',
      '  cat -- "${asset}.sha256" >> SHA256SUMS',
      '  rm -- "${asset}.sha256"',
      'done',
      'notes="${RELEASE_NOTES_TEMPLATE}"',
      ...overlays.map((o) => `notes="\${notes//@${o.digestEnv}@/\${${o.digestEnv}}}"`),
      'notes="${notes//@REPOSITORY@/${GITHUB_REPOSITORY}}"',
      'notes="${notes//@TAG@/${GITHUB_REF_NAME}}"',
      'printf \'%s\\n\' "${notes}" > RELEASE_NOTES.md',
      '',
    ].join('\n');
    const assetPaths = legs.map((l) => `release/${l.assetName}`);
    const steps: object[] = [
      {
        name: 'Download the disk images',
        uses: this.actions.uses(DOWNLOAD_ARTIFACT),
        with: { 'pattern': `${IMAGE_ARTIFACT_PREFIX}*`, 'merge-multiple': true, 'path': 'release' },
      },
      {
        name: 'Verify checksums, write SHA256SUMS and release notes',
        env,
        run: script,
      },
    ];
    if (this.provenance) {
      steps.push({
        name: 'Attest build provenance of the disk images',
        uses: this.actions.uses(ATTEST_BUILD_PROVENANCE),
        with: { 'subject-path': assetPaths.join('\n') },
      });
    }
    steps.push({
      name: 'Create the GitHub release',
      uses: this.actions.uses(GH_RELEASE),
      with: {
        name: '${{ github.ref_name }}',
        body_path: 'release/RELEASE_NOTES.md',
        files: [...assetPaths, 'release/SHA256SUMS'].join('\n'),
        fail_on_unmatched_files: true,
      },
    });
    const permissions: { [key: string]: string } = { contents: 'write' };
    if (this.provenance) {
      permissions['id-token'] = 'write';
      permissions.attestations = 'write';
    }
    return {
      'name': 'Publish the GitHub release',
      'needs': [...overlays.map((o) => o.jobId), ...legs.map((l) => l.jobId)],
      'runs-on': this.runner._runsOn(),
      ...this.environmentOf(),
      'timeout-minutes': this.timeouts.release,
      permissions,
      steps,
    };
  }

}

/** Whether the board's imager run pulls an image from Docker Hub (a system extension). */
function pullsFromDockerHub(board: OverlayBoard): boolean {
  return board.systemExtensions.some((ref) => {
    const first = ref.split('/')[0];
    const hasHost = ref.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
    return !hasHost || isDockerHubRegistry(first);
  });
}

/** `registry/path[:tag][@sha256:<64 hex>]`. */
function isImageReference(ref: string): boolean {
  const at = ref.indexOf('@');
  return at < 0 ? TAGGED_IMAGE.test(ref) : TAGGED_IMAGE.test(ref.slice(0, at)) && SHA256_DIGEST.test(ref.slice(at + 1));
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

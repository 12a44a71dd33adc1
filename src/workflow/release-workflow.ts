import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { IConstruct } from 'constructs';
import { Component, github } from 'projen';
import { IWorkflowRule, WorkflowAudit, WorkflowFinding } from './audit';
import { checkJob } from './jobs/check-job';
import { imagerJob, LegStepHooks } from './jobs/imager-job';
import { cacheTag, overlayJob } from './jobs/overlay-job';
import { PLAN_JOB, planJob } from './jobs/plan-job';
import { releaseJob } from './jobs/release-job';
import { renderJobs } from './jobs/render';
import { pullsFromDockerHub, slug, WorkflowSettings } from './jobs/settings';
import { BuiltOverlay, ImageLeg, legsOf, overlaysOf, WorkflowDerivation } from './legs';
import { OverlayVariant } from './overlay-build';
import { ActionPins } from './pinned-actions';
import { checkDerivedNames } from './private/derived-names';
import { checkBoardType, checkPropTypes } from './private/prop-types';
import { describeTagPatternOverlap, tagPatternsIntersect } from './private/tag-glob';
import { validateFiles, validatePins, validateProps } from './private/validate-props';
import { ReleaseWorkflowProps } from './release-workflow-props';
import { Runner } from './runner';
import { GeneratedWorkflowFile } from './workflow-file';
import { Architecture } from '../board/image-output';
import { KernelFlavour } from '../board/kernel';
import { OverlayBoard } from '../board/overlay-board';
import { ImageRepository } from '../image/image-repository';
import { RegistryCredentials } from '../image/registry-credentials';
import { isDockerHubRegistry } from '../private/names';
import { linkedPipelineDiagram } from '../private/pipeline-links';
import { failWith, pathOf, Problems, validationError } from '../private/validation';
import { RepositoryFinding, RepositoryFindingSeverity } from '../repository/finding';
import { InspectedRawWrite, OverlayRepositoryInspection, OverlayRepositoryInspectionOptions } from '../repository/overlay-repository-inspection';

export * from './release-workflow-props';

/**
 * The tag-triggered release pipeline of a Talos overlay repository, written to
 * `.github/workflows/<fileName>`:
 *
 * 1. `plan`: from the pushed tag, check its Talos version part and select the boards whose
 *    tag pattern it matches; every later job follows its outputs.
 * 2. `overlay`: build the overlay image and push it to the registry, tagged with the git tag
 *    (an existing tag is re-used, never moved); expose the digest.
 * 3. `image-<board>` (one job per board and variant, only for selected boards): run the Talos
 *    imager with the board's profile, overlay (by digest), options, extensions and kernel
 *    arguments; rename the output to a unique asset name and checksum it.
 * 4. `release`: verify checksums, write `SHA256SUMS` and release notes, attest provenance,
 *    create a draft release, upload and verify the selected boards' assets, publish last.
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
  private readonly settings: WorkflowSettings;
  private readonly variants: OverlayVariant[];
  private readonly shouldInspect: boolean;
  private readonly workflowName: string;
  private readonly path: string;
  private readonly checkBranches: string[];
  private readonly auditFindings = new Map<string, WorkflowFinding[]>();
  private readonly legHooks: LegStepHooks = { beforeImager: [], afterImager: [] };

  constructor(scope: IConstruct, id: string, props: ReleaseWorkflowProps) {
    super(scope, id);
    this.path = pathOf(this);
    const problems = new Problems('ReleaseWorkflow', this.path);
    // presence and runtime types first: every later rule reads the values
    if (!checkPropTypes(problems, props)) {
      problems.throwIfAny();
    }

    this.overlayImage = props.overlayImage;
    this.registryCredentials = props.registryCredentials ?? RegistryCredentials.dockerHub();
    this.shouldInspect = props.inspectRepository ?? true;
    this.variants = (props.variants ?? []).map((v) => ({ ...v, buildArgs: { ...(v.buildArgs ?? {}) } }));
    this.workflowName = props.workflowName ?? 'Release';
    this.checkBranches = [...(props.checkBranches ?? ['main'])];
    const runner = props.runner ?? Runner.githubHosted();
    const actions = new ActionPins(validatePins(problems, props.actionPins ?? []));
    this.settings = {
      actions,
      registryCredentials: this.registryCredentials,
      overlayImage: props.overlayImage,
      overlayBuild: props.overlayBuild,
      installerImage: props.installerImage,
      baseInstallerImage: props.baseInstallerImage,
      overlayPlatforms: [...(props.overlayPlatforms ?? [Architecture.AMD64, Architecture.ARM64])],
      runner,
      overlayRunner: props.overlayRunner ?? runner,
      imagerRunner: props.imagerRunner ?? runner,
      imagerImage: props.imagerImage,
      installerEmulation: props.installerEmulation ?? false,
      provenance: props.provenance ?? true,
      buildAttestations: props.buildAttestations ?? true,
      replacePublishedRelease: props.replacePublishedRelease ?? false,
      timeouts: {
        overlay: props.overlayTimeoutMinutes ?? 120,
        image: props.imageTimeoutMinutes ?? 60,
        release: props.releaseTimeoutMinutes ?? 15,
      },
      environment: props.environment,
      needsLogin: props.overlayBuild !== undefined || props.installerImage !== undefined,
      boards: this.boardList,
    };
    const checkFileName = props.checkFileName ?? 'overlay-check.yaml';
    const fileName = props.fileName ?? 'release.yaml';
    this.filePath = `.github/workflows/${fileName}`;
    const checkPath = props.pullRequestCheck ? `.github/workflows/${checkFileName}` : undefined;

    validateProps(problems, this.settings, props, this.variants,
      () => validateFiles(problems, props, fileName, checkFileName, this.checkBranches, this.workflowName));
    for (const other of this.otherWorkflows()) {
      for (const [field, path] of [['fileName', this.filePath], ['checkFileName', checkPath]] as const) {
        if (path !== undefined && (other.filePath === path || other.checkFilePath === path)) {
          problems.add(field, path.replace('.github/workflows/', ''), `the ReleaseWorkflow at "${pathOf(other)}" already writes ${path}`,
            'give each ReleaseWorkflow its own file name, e.g. "release-rock-5b.yaml"');
        }
      }
    }
    // projen refuses a second file at one path with a bare "There is already a file under …":
    // name the construct, the field and the owner instead, before any file is created
    const others = new Set(this.otherWorkflows().flatMap((o) => [o.filePath, o.checkFilePath]));
    for (const [field, path] of [['fileName', this.filePath], ['checkFileName', checkPath]] as const) {
      const existing = path !== undefined && !others.has(path) ? this.project.tryFindFile(path) : undefined;
      if (existing) {
        problems.add(field, path!.replace('.github/workflows/', ''),
          `another component (a ${existing.constructor.name}) already writes ${path}`,
          `give this ReleaseWorkflow its own ${field}, e.g. "${path!.replace('.github/workflows/', '').replace(/\.ya?ml$/, '')}-2.yaml", or remove the other file`);
      }
    }
    problems.throwIfAny();

    this.audit = new WorkflowAudit({
      rules: [...WorkflowAudit.builtInRules({ additionalPins: [...actions.all] }), ...(props.additionalAuditRules ?? [])] as IWorkflowRule[],
      acknowledgements: props.auditAcknowledgements,
    });

    for (const board of props.boards ?? []) {
      this.addBoard(board);
    }

    new GeneratedWorkflowFile(this, this.filePath, () => this.renderWorkflow(), actions, () => this.acknowledgementNotes(this.filePath));
    this.checkFilePath = checkPath;
    if (checkPath) {
      new GeneratedWorkflowFile(this, checkPath, () => this.renderCheckWorkflow(), actions, () => this.acknowledgementNotes(checkPath));
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

  /**
   * The names of every build argument the overlay build passes (declared ones, variants' ones
   * and `SOURCE_DATE_EPOCH`), for the repository inspection; empty without an overlay build.
   */
  public get buildArgNames(): string[] {
    return this.passedBuildArgNames();
  }

  /**
   * What the overlay repository inspection checks for this workflow: one set of options per
   * board and build target (the overlay build's and each variant's), from the declaration
   * (build args, SOURCE_DATE_EPOCH at run time, platforms, runners, emulation, profile, Talos
   * release, raw writes, partition offset). Empty without a bldr overlay build.
   * @param repositoryRoot the overlay repository's root directory
   */
  public inspectionOptions(repositoryRoot: string): OverlayRepositoryInspectionOptions[] {
    const build = this.settings.overlayBuild;
    if (!build || build.target === undefined || !isBldrBuild(join(repositoryRoot, build.file))) {
      return [];
    }
    const targets = this.variants.length > 0
      ? this.variants.map((v) => ({ target: v.target ?? build.target!, buildArgs: { ...build.buildArgs, ...(v.buildArgs ?? {}) } }))
      : [{ target: build.target, buildArgs: { ...build.buildArgs } }];
    const options: OverlayRepositoryInspectionOptions[] = [];
    for (const board of this.boardList) {
      for (const { target, buildArgs } of targets) {
        options.push({
          repositoryRoot,
          pkgfile: build.file,
          target,
          buildArgs,
          // the overlay job computes it from git at run time
          runTimeBuildArgs: ['SOURCE_DATE_EPOCH'],
          platforms: this.settings.overlayPlatforms.map((arch) => `linux/${arch}`),
          buildRunnerArch: this.settings.overlayRunner.arch as Architecture,
          imagerHostArchs: [this.settings.imagerRunner.arch as Architecture],
          imagerBinfmt: this.settings.installerEmulation,
          profileName: board.profileName,
          talosVersion: board.talosVersion,
          rawWrites: board.rawWrites.map((w): InspectedRawWrite => ({ file: w.file, offsetBytes: w.offsetBytes, sizeBytes: w.sizeBytes })),
          partitionOffsetSectors: board.partitionOffsetSectors,
        });
      }
    }
    return options;
  }

  /**
   * Inspects the overlay repository against this workflow (see `inspectionOptions`), once per
   * board and target; findings that repeat across boards are reported once.
   * @param repositoryRoot the overlay repository's root directory
   */
  public inspectRepository(repositoryRoot: string): RepositoryFinding[] {
    const seen = new Set<string>();
    const findings: RepositoryFinding[] = [];
    for (const options of this.inspectionOptions(repositoryRoot)) {
      for (const finding of OverlayRepositoryInspection.inspect(options)) {
        const key = JSON.stringify(finding);
        if (!seen.has(key)) {
          seen.add(key);
          findings.push(finding);
        }
      }
    }
    return findings;
  }

  private passedBuildArgNames(): string[] {
    const build = this.settings.overlayBuild;
    if (!build) {
      return [];
    }
    const names = new Set(build.buildArgNames);
    for (const variant of this.variants) {
      Object.keys(variant.buildArgs ?? {}).forEach((name) => names.add(name));
    }
    return [...names].sort();
  }

  /** Whether any job logs in (pushes, or pulls from Docker Hub). */
  private get anyLogin(): boolean {
    return this.settings.needsLogin || this.boardList.some(pullsFromDockerHub);
  }

  /**
   * Adds a board to the release. All boards of one workflow share one Talos release,
   * and their names and asset names must be unique.
   */
  public addBoard(board: OverlayBoard): void {
    const problems = new Problems('ReleaseWorkflow', this.path);
    const index = this.boardList.length;
    if (!checkBoardType(problems, `boards[${index}]`, board)) {
      problems.throwIfAny();
    }
    // the board checked its pattern (tagPatternProblem); across workflows, one tag must not run
    // two release workflows: overlap is glob intersection, not string equality
    for (const other of this.otherWorkflows()) {
      for (const otherBoard of other.boards) {
        const witness = tagPatternsIntersect(board.tagPattern, otherBoard.tagPattern);
        if (witness !== undefined) {
          const overlap = describeTagPatternOverlap({
            first: { workflowName: `${this.workflowName} (${this.filePath})`, pattern: board.tagPattern, talosVersion: board.talosVersion },
            second: { workflowName: `${other.workflowName} (${other.filePath})`, pattern: otherBoard.tagPattern, talosVersion: otherBoard.talosVersion },
            tag: witness,
          });
          problems.add(`boards[${index}].tagPattern`, board.tagPattern,
            `${overlap.rule} (the ReleaseWorkflow at "${pathOf(other)}")`, overlap.fix);
        }
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
    } else {
      const { imagerImage, installerImage } = this.settings;
      checkDerivedNames(problems, index, board, this.boardList, this.overlays, imagerImage, this.overlayImage, installerImage);
    }
    if (pullsFromDockerHub(board) && !isDockerHubRegistry(this.registryCredentials.registry)) {
      problems.add('registryCredentials.registry', this.registryCredentials.registry,
        `the imager of board ${board.boardName} pulls a system extension from Docker Hub, and anonymous Docker Hub pulls are rate-limited`,
        'use RegistryCredentials.dockerHub(), or an extension from another registry');
    }
    if (!this.settings.overlayBuild && board.officialOverlayImage === undefined) {
      problems.add(`boards[${index}]`, board.boardName,
        `there is no overlay for this board: the workflow builds none (no overlayBuild) and the board is not an official catalog board of Talos ${board.talosVersion}`,
        'build the overlay (overlayImage and overlayBuild), or declare the board with OverlayBoard.fromCatalog');
    }
    if (board.kernel === KernelFlavour.BSP) {
      // the kernel comes from the imager: siderolabs/talos pkg/imager/profile/input.go
      // Input.FillDefaults @ v1.10.6 fills the kernel path from the imager image
      const stock = legsOf([board], this.overlays, this.settings.imagerImage)
        .filter((l) => l.overlay.imagerImage === undefined)
        .map((l) => l.overlay.variant);
      for (const variant of stock) {
        problems.add(`boards[${index}].kernel`, board.kernel,
          `a BSP kernel is never in the stock imager ${board.imagerImage}${variant ? ` (variant ${variant})` : ''}: the imager boots its own kernel (Input.FillDefaults), so this image would boot the mainline Talos kernel`,
          'declare the imager built with the BSP kernel (imagerImage, or variants[].imagerImage; talos "make imager PKG_KERNEL=..."), or declare KernelFlavour.MAINLINE');
      }
    }
    problems.throwIfAny();
    this.boardList.push(board);
  }

  /**
   * Adds steps to every imager leg, before the imager runs (e.g. resolving extension digests)
   * or after it wrote the image (e.g. verifying it). Step ids must not clash with the leg's own.
   * @internal
   */
  public _addLegSteps(where: 'beforeImager' | 'afterImager', steps: (leg: ImageLeg) => github.workflows.JobStep[]): void {
    this.legHooks[where].push(steps);
  }

  /**
   * Checks that the workflow is complete before any file is written.
   */
  public preSynthesize(): void {
    if (this.boardList.length === 0) {
      throw validationError('ReleaseWorkflow', this.path, [{
        field: 'boards',
        value: [],
        rule: 'a release workflow needs at least one board',
        fix: 'pass boards: [new OverlayBoard(...)] or call addBoard()',
      }]);
    }
    if (this.shouldInspect) {
      const findings = this.inspectRepository(this.project.outdir);
      const errors = findings.filter((f) => f.severity === RepositoryFindingSeverity.ERROR);
      if (errors.length > 0) {
        failWith('ReleaseWorkflow', this.path, `[talos-sbc-constructs] ReleaseWorkflow at "${this.path}": the overlay repository does not fit the declaration `
          + `(set inspectRepository: false to skip this check):\n${OverlayRepositoryInspection.format(findings)}`,
        errors.map((f) => ({ field: 'inspectRepository', value: f.file, rule: f.message, fix: f.fix })));
      }
      for (const finding of findings.filter((f) => f.severity === RepositoryFindingSeverity.WARNING)) {
        this.project.logger.warn(OverlayRepositoryInspection.format([finding]));
      }
    }
    // every generated file must pass the audit before projen writes (or deletes) anything
    // (an acknowledgement must cover a finding in one of the files)
    this.auditFindings.clear();
    const files: Array<[string, { [key: string]: any }]> = [[this.filePath, this.renderWorkflow()]];
    if (this.checkFilePath) {
      files.push([this.checkFilePath, this.renderCheckWorkflow()]);
    }
    for (const [path, findings] of this.audit._assertCompliantFiles(files)) {
      this.auditFindings.set(path, findings);
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

  /** The overlay builds: none, one, or one per variant. */
  private get overlays(): BuiltOverlay[] {
    return overlaysOf(this.settings.overlayBuild, this.variants, this.settings.imagerImage);
  }

  /** One imager leg per board and overlay build. */
  private get legs(): ImageLeg[] {
    return legsOf(this.boardList, this.overlays, this.settings.imagerImage);
  }

  /**
   * Every tag the workflow pushes for a git tag, and every release asset name, by leg
   * (for collision checks).
   * @internal
   */
  public _names(): { pushedTags: string[]; assetNames: string[]; artifactNames: string[]; jobIds: string[] } {
    const legs = this.legs;
    const overlayImage = this.overlayImage;
    const installerImage = this.settings.installerImage;
    return {
      pushedTags: [
        ...this.overlays.map((o) => overlayImage!.withTag(`<git tag>${o.tagSuffix}`)),
        ...this.overlays.map((o) => overlayImage!.withTag(cacheTag(o))),
        ...(installerImage ? legs.map((l) => installerImage.withTag(`<git tag>${l.installerTagSuffix}`)) : []),
      ],
      assetNames: legs.map((l) => l.assetName),
      artifactNames: legs.map((l) => l.artifactName),
      jobIds: [PLAN_JOB, ...this.overlays.map((o) => o.jobId), ...legs.map((l) => l.jobId), 'release'],
    };
  }

  /**
   * What the workflow file is rendered from: its settings, tag patterns, overlay builds, legs
   * and typed jobs (the pipeline preview and diagram read the same values).
   * @internal
   */
  public _derivation(): WorkflowDerivation {
    const boards = this.boardList;
    const overlays = this.overlays;
    const legs = this.legs;
    const jobs: { [id: string]: github.workflows.Job } = { [PLAN_JOB]: planJob(this.settings) };
    for (const overlay of overlays) {
      jobs[overlay.jobId] = overlayJob(this.settings, overlay);
    }
    for (const leg of legs) {
      jobs[leg.jobId] = imagerJob(this.settings, leg, this.legHooks);
    }
    jobs.release = releaseJob(this.settings, overlays, legs, this.variants.length > 0, linkedPipelineDiagram(this, this.project));
    return {
      workflowName: this.workflowName,
      filePath: this.filePath,
      tagPatterns: [...new Set(boards.map((b) => b.tagPattern))],
      talosVersion: boards[0]?.talosVersion,
      settings: this.settings,
      overlays,
      legs,
      jobs,
    };
  }

  private renderWorkflow(): object {
    const derivation = this._derivation();
    return {
      name: this.workflowName,
      on: { push: { tags: derivation.tagPatterns } },
      permissions: {},
      concurrency: {
        'group': `${slug(this.workflowName)}-\${{ github.ref }}`,
        'cancel-in-progress': false,
      },
      env: { TALOS_VERSION: derivation.talosVersion },
      jobs: renderJobs(derivation.jobs),
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
      jobs: renderJobs(Object.fromEntries(this.overlays.map((overlay) => [overlay.jobId, checkJob(this.settings, overlay)]))),
    };
  }
}

/**
 * Whether the build file is a bldr Pkgfile (its `# syntax =` line names the bldr frontend), or
 * is missing (the inspection then reports that it skipped the repository). A Dockerfile build is
 * not inspected.
 */
function isBldrBuild(file: string): boolean {
  if (!existsSync(file)) {
    return true;
  }
  const head = readFileSync(file, 'utf8').slice(0, 4096);
  return /^#\s*syntax\s*=\s*\S*siderolabs\/bldr[:@]/m.test(head);
}

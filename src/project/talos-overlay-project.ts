import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { InitProject, JsonFile, TextFile, javascript, typescript } from 'projen';
import { TalosOverlayProjectOptions } from './options';
import { writeScaffold } from './scaffold';
import { OverlayBoard } from '../board/overlay-board';
import { OverlayPipeline } from '../pipeline/overlay-pipeline';
import { PipelineCheck } from '../pipeline/pipeline-check';
import { PipelineDiagram } from '../pipeline/pipeline-diagram';
import { PipelinePreview } from '../pipeline/pipeline-preview';
import { failWith, pathOf } from '../private/validation';
import { BoardValidation } from '../validation/board-validation';
import { commonTag, matchesTagPattern } from '../workflow/private/tag-glob';
import { ReleaseWorkflow } from '../workflow/release-workflow';

/** The projen release this project type is built and tested with. */
const SUPPORTED_PROJEN_VERSION = '0.103.25';
/** The TypeScript line `.projenrc.ts` is compiled with (ts-node does not run on TypeScript 7). */
const TYPESCRIPT_SPEC = 'typescript@~6.0.3';
/** Set by the generated settings entry: `.projenrc.ts` then synthesises only the settings stack. */
const SETTINGS_MODE = 'TALOS_SBC_SYNTH_SETTINGS';
const SETTINGS_ENTRY = 'projenrc/settings-app.ts';
const TSCONFIG = 'tsconfig.projen.json';
const LIBRARY = 'talos-sbc-constructs';
/** The settings stack's name: `cdktf.out/stacks/settings/cdk.tf.json` (as `./settings` names it). */
const SETTINGS_STACK = 'settings';

/**
 * The settings side, loaded only when it is needed (the settings app and the cross-side check
 * after `npx projen`): the project type itself never loads cdktf or the provider bindings.
 */
interface SettingsModule {
  readonly TalosOverlaySettings: {
    app(options: TalosOverlayProjectOptions, outdir: string): { synth(): void };
  };
}
function settingsModule(): SettingsModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./settings') as SettingsModule;
}

/** The module `projen new` imports the project type from in `.projenrc.ts`. */
const PROJECT_MODULE = `${LIBRARY}/lib/project`;

/**
 * `.projenrc.ts`, written once by `projen new` as projen writes it, but importing the project type
 * from `talos-sbc-constructs/lib/project`: that module loads the workflow side only (projen, the
 * board, the workflow), never cdktf or the provider bindings, which the package root also loads.
 * Every `npx projen` runs this file, so what it loads is paid on every run.
 */
class OverlayProjenrc extends typescript.ProjenrcTs {
  public projectCreation(initProject: InitProject): void {
    super.projectCreation(initProject);
    const file = join(this.project.outdir, this.filePath);
    const text = readFileSync(file, 'utf8');
    const rootImport = `import { TalosOverlayProject } from "${LIBRARY}";`;
    if (text.includes(rootImport)) {
      writeFileSync(file, text.replace(rootImport, `import { TalosOverlayProject } from "${PROJECT_MODULE}";`));
    }
  }
}

/**
 * An overlay repository for a Talos Linux single-board computer: one declaration
 * (`.projenrc.ts`) drives the release workflow (written by `npx projen`) and the repository's
 * settings (Docker Hub repository, GitHub environment, variable, secret, tag ruleset and
 * Actions policy; synthesised by the `cdktf.json` app or `npx projen settings:synth`).
 *
 * Create one in an empty folder with
 * `npx projen@0.103.25 new --from talos-sbc-constructs talos-overlay`.
 *
 * @pjid talos-overlay
 */
export class TalosOverlayProject extends javascript.NodeProject {
  /** The derived pipeline (names, tag patterns, image) both sides use. */
  public readonly pipeline: OverlayPipeline;
  /** The first board (of the first release line). */
  public readonly board: OverlayBoard;
  /** Every board of every release line. */
  public readonly boards: OverlayBoard[];
  /** The release workflow (of the first release line). */
  public readonly releaseWorkflow: ReleaseWorkflow;
  /** One release workflow per release line. */
  public readonly releaseWorkflows: ReleaseWorkflow[];
  private readonly declaration: TalosOverlayProjectOptions;

  constructor(options: TalosOverlayProjectOptions = {}) {
    // validate everything before projen creates a single component: nothing is half-written
    const pipeline = OverlayPipeline.resolve(options);
    super({
      name: options.name ?? pipeline.githubRepository,
      outdir: options.outdir,
      defaultReleaseBranch: 'main',
      packageManager: javascript.NodePackageManager.NPM,
      projenrcJs: false,
      projenrcJson: false,
      github: false,
      release: false,
      buildWorkflow: false,
      depsUpgrade: false,
      pullRequestTemplate: false,
      jest: false,
      prettier: false,
      package: false,
      npmignoreEnabled: false,
      licensed: false,
      minNodeVersion: '20.0.0',
      // written once (a sample file): the repository's own README, the user's to edit
      readme: { contents: sampleReadme(pipeline) },
      projenVersion: SUPPORTED_PROJEN_VERSION,
      devDeps: [
        ...libraryDevDeps(options.devDeps ?? []),
        'constructs@^10.5.0',
        'cdktf@^0.21.0',
        '@cdktf/provider-github@^15.3.1',
        TYPESCRIPT_SPEC,
        'ts-node@^10.9.2',
        '@types/node@^20',
      ],
      // projen new: how .projenrc.ts is written (not a user option)
      ...({ __new__: (options as { [key: string]: unknown }).__new__ } as object),
    } as javascript.NodeProjectOptions);
    this.pipeline = pipeline;
    this.declaration = options;

    // .projenrc.ts is the declaration; `npx projen` runs it through ts-node
    const projenrc = new OverlayProjenrc(this, {
      runner: typescript.TypeScriptRunner.tsNode({ tsconfig: TSCONFIG, typeCheck: true }),
      tsconfigFileName: TSCONFIG,
    });
    projenrc.tsconfig.file.addOverride('compilerOptions', {
      target: 'ES2022',
      lib: ['es2022'],
      module: 'node16',
      moduleResolution: 'node16',
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node'],
      noEmit: true,
      rootDir: '.',
    });

    // state holds secret values; the synthesised stack is an output; the provider lock file
    // (written by `terraform init` next to the stack) is kept, as Terraform recommends
    this.gitignore.exclude('*.tfstate', '*.tfstate.*', '.terraform/', '.gen/');
    this.gitignore.exclude('/cdktf.out/*');
    this.gitignore.include('/cdktf.out/stacks/');
    this.gitignore.exclude('/cdktf.out/stacks/*');
    this.gitignore.include(`/cdktf.out/stacks/${SETTINGS_STACK}/`);
    this.gitignore.exclude(`/cdktf.out/stacks/${SETTINGS_STACK}/*`);
    this.gitignore.include(`/cdktf.out/stacks/${SETTINGS_STACK}/.terraform.lock.hcl`);

    const boards: OverlayBoard[] = [];
    const single = pipeline.releaseLines.length === 1 && pipeline.releaseLines[0].boards.length === 1;
    this.releaseWorkflows = pipeline.releaseLines.map((line) => {
      const lineBoards = line.boards.map((props) => {
        const id = single ? 'Board' : `${props.boardName}-${line.talosVersion}`;
        return new OverlayBoard(this, id, props);
      });
      boards.push(...lineBoards);
      return new ReleaseWorkflow(this, pipeline.releaseLines.length === 1 ? 'Release' : `Release-${line.talosVersion}`, {
        boards: lineBoards,
        fileName: line.fileName,
        workflowName: line.workflowName,
        overlayImage: pipeline.overlayImage,
        installerImage: pipeline.installerImage,
        registryCredentials: pipeline.registryCredentials,
        overlayBuild: pipeline.overlayBuild,
        overlayPlatforms: pipeline.overlayPlatforms,
        variants: pipeline.variants.length > 0 ? pipeline.variants : undefined,
        runner: pipeline.runner,
        environment: pipeline.environmentName,
      });
    });
    this.boards = boards;
    this.board = boards[0];
    this.releaseWorkflow = this.releaseWorkflows[0];
    // one generated profile per overlay and profile name, shipped in the overlay for every board
    const profiles = new Map<string, string>();
    for (const board of boards) {
      if (board.profileYaml !== undefined) {
        profiles.set(`profiles/${board.overlayName}/${board.profileName}.yaml`, board.profileYaml);
      }
    }
    for (const [path, yaml] of profiles) {
      new TextFile(this, path, {
        lines: ['# Generated by talos-sbc-constructs (TalosOverlayProject): edit .projenrc.ts and run "npx projen".', ...yaml.trimEnd().split('\n')],
      });
    }
    new BoardValidation(this, { boards: this.boards });

    new JsonFile(this, 'cdktf.json', {
      obj: {
        language: 'typescript',
        app: `npx ts-node --project ${TSCONFIG} ${SETTINGS_ENTRY}`,
        output: 'cdktf.out',
        projectId: `talos-sbc-${pipeline.githubRepository}`,
        sendCrashReports: 'false',
        terraformProviders: [],
        terraformModules: [],
        context: {},
      },
      marker: false,
    });
    this.annotateGenerated('/cdktf.json');
    new TextFile(this, SETTINGS_ENTRY, {
      lines: [
        '// ~~ Generated by talos-sbc-constructs (TalosOverlayProject). To modify, edit .projenrc.ts and run "npx projen".',
        '// The cdktf.json app: runs .projenrc.ts in settings mode, which synthesises only the settings',
        '// stack (into CDKTF_OUTDIR, or cdktf.out) from the same declaration, without projen writing files.',
        `process.env.${SETTINGS_MODE} = '1';`,
        '// eslint-disable-next-line @typescript-eslint/no-require-imports',
        "require('../.projenrc');",
        '',
      ],
    });

    const stackDir = `cdktf.out/stacks/${SETTINGS_STACK}`;
    const synth = this.addTask('settings:synth', {
      description: `Synthesise the settings stack (${stackDir}/cdk.tf.json) from .projenrc.ts`,
      exec: `ts-node --project ${TSCONFIG} ${SETTINGS_ENTRY}`,
    });
    for (const [verb, description] of [
      ['plan', 'Show what Terraform would change in Docker Hub and GitHub (needs GITHUB_TOKEN, GITHUB_OWNER, DOCKER_USERNAME, DOCKER_PASSWORD, TF_VAR_dockerhub_token)'],
      ['apply', 'Apply the settings stack with Terraform (same credentials as settings:plan)'],
    ] as const) {
      const task = this.addTask(`settings:${verb}`, { description });
      task.spawn(synth);
      task.exec(`terraform -chdir=${stackDir} init -input=false`);
      task.exec(`terraform -chdir=${stackDir} ${verb} -input=false`);
    }

    if (pipeline.scaffold) {
      writeScaffold(this, pipeline, this.board);
    }
    // `npx projen preview -- --tag <tag>` and the pipeline picture (docs/pipeline.md), of every release workflow
    PipelinePreview.addTask(this, { tsconfig: TSCONFIG });
    new PipelineDiagram(this);
  }

  /**
   * Synthesises the project (`npx projen`), then checks the written workflow against the
   * settings stack. In settings mode (the `cdktf.json` app) it synthesises only the settings
   * stack and checks it against the committed workflow.
   */
  public synth(): void {
    if (PipelinePreview.printIfRequested(this)) {
      return;
    }
    if (process.env[SETTINGS_MODE] === '1') {
      const outdir = process.env.CDKTF_OUTDIR ?? join(this.outdir, 'cdktf.out');
      settingsModule().TalosOverlaySettings.app(this.declaration, outdir).synth();
      const terraformJson = readFileSync(join(outdir, 'stacks', SETTINGS_STACK, 'cdk.tf.json'), 'utf8');
      const workflows = this.releaseWorkflows.map((workflow) => {
        const workflowPath = join(this.outdir, workflow.filePath);
        if (!existsSync(workflowPath)) {
          failWith('TalosOverlayProject', pathOf(this), `[talos-sbc-constructs] ${workflow.filePath} does not exist: run "npx projen" first, so the settings can be checked against the release workflow.`,
            [{ field: 'releaseWorkflows', value: workflow.filePath, rule: 'does not exist', fix: 'run "npx projen" first, so the settings can be checked against the release workflow' }]);
        }
        return readFileSync(workflowPath, 'utf8');
      });
      PipelineCheck.verifyAll(workflows, terraformJson);
      return;
    }
    super.synth();
    // against what the settings stack creates, derived from the same pipeline (cdktf is not loaded
    // here: the settings app checks the synthesised stack itself)
    const workflowPaths = this.releaseWorkflows.map((workflow) => join(this.outdir, workflow.filePath));
    if (workflowPaths.every((path) => existsSync(path))) {
      PipelineCheck.verifyAgainstPipeline(workflowPaths.map((path) => readFileSync(path, 'utf8')), this.pipeline);
    }
  }
}

/**
 * The library's own devDependency. `projen new --from <path to a tarball>` passes the path as
 * the spec; npm needs it as `talos-sbc-constructs@file:<path>`.
 */
function libraryDevDeps(specs: readonly string[]): string[] {
  const out = specs.map((spec) => {
    const pathLike = spec.startsWith('.') || spec.startsWith('/') || /\.(tgz|tar\.gz)$/.test(spec);
    return pathLike && !spec.startsWith(`${LIBRARY}@`) ? `${LIBRARY}@file:${spec}` : spec;
  });
  if (!out.some((spec) => spec === LIBRARY || spec.startsWith(`${LIBRARY}@`))) {
    out.unshift(`${LIBRARY}@^${libraryVersion()}`);
  }
  return out;
}

function libraryVersion(): string {
  // lib/project/ -> package.json of the installed library
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
  return String(pkg.version);
}

/** The overlay repository's starting README (a sample: written once, never overwritten). */
function sampleReadme(pipeline: OverlayPipeline): string {
  const boards = pipeline.releaseLines[0].boards;
  const first = boards[0];
  const line = pipeline.releaseLines[0];
  const candidate = `${line.talosVersion}-${first.boardName}`;
  const exampleTag = matchesTagPattern(first.tagPattern!, candidate) ? candidate : commonTag(first.tagPattern!) ?? first.tagPattern!;
  return [
    `# Talos Linux overlay: ${boards.map((b) => b.displayName ?? b.boardName).join(', ')}`,
    '',
    `The overlay image \`${pipeline.overlayImage.fullName}\` and the flashable Talos Linux disk images of`,
    'this repository are built and released by GitHub Actions on a version tag.',
    '',
    '- The declaration is `.projenrc.ts` (talos-sbc-constructs `TalosOverlayProject`). Edit it, then run',
    '  `npx projen`: it rewrites the release workflow, the profile and `cdktf.json`. Never edit generated files.',
    '- The repository\'s settings (Docker Hub repository, `' + pipeline.environmentName + '` environment, variable and secret,',
    '  tag ruleset, Actions policy): `npx projen settings:plan`, then `npx projen settings:apply`.',
    `- A release: \`git tag ${exampleTag} && git push origin ${exampleTag}\` (tags: ${pipeline.tagPatterns.map((p) => `\`${p}\``).join(', ')}).`,
    '',
  ].join('\n');
}

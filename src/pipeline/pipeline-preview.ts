import { Project, Task, TextFile } from 'projen';
import { describeValue, expandShell, jobPreview, PREVIEW_TAG_ENV, renderPreview } from './private/preview-text';
import { OverlayBoard } from '../board/overlay-board';
import { imagerCommand } from '../workflow/jobs/imager-job';
import { IMAGE_TAG_REGEX } from '../workflow/jobs/overlay-job';
import { WorkflowDerivation } from '../workflow/legs';
import { isValidTagName, matchesTagPattern, talosVersionOfTag } from '../workflow/private/tag-glob';
import { ReleaseWorkflow } from '../workflow/release-workflow';

/**
 * One job of a previewed workflow run.
 */
export interface PreviewJob {
  /** The job id in the workflow file. */
  readonly jobId: string;
  /** The job's display name. */
  readonly name: string;
  /**
   * The runner labels (`runs-on`, or the labels of the runner group).
   * @default - none (a runner group without labels)
   */
  readonly runsOn?: string[];
  /**
   * The runner group.
   * @default - no runner group
   */
  readonly runnerGroup?: string;
  /**
   * The GitHub Actions environment the job runs in (its secrets and deployment rules apply).
   * @default - no environment
   */
  readonly environment?: string;
  /** The GitHub Actions variables the job reads (`vars.X`). */
  readonly variables: string[];
  /** The secrets the job reads (`secrets.X`, and `GITHUB_TOKEN` for `github.token`). */
  readonly secrets: string[];
}

/**
 * One overlay build the tag runs.
 */
export interface PreviewOverlayBuild {
  /** The job. */
  readonly job: PreviewJob;
  /**
   * The variant.
   * @default - the only overlay build
   */
  readonly variant?: string;
  /** The build file (e.g. `Pkgfile`). */
  readonly buildFile: string;
  /**
   * The build target.
   * @default - the build file's default target
   */
  readonly target?: string;
  /** The platforms built and pushed, e.g. `linux/arm64`. */
  readonly platforms: string[];
  /** The image references pushed (tag of this git tag; re-used, never moved, when it exists). */
  readonly pushedTags: string[];
  /** The registry build cache it reads and writes. */
  readonly cacheRef: string;
  /** The build arguments (`SOURCE_DATE_EPOCH` is read from git at run time). */
  readonly buildArgs: string[];
}

/**
 * A system extension of an imager leg, as the workflow resolves it for the leg's Talos release.
 */
export interface PreviewExtension {
  /** The image the workflow passes (`ghcr.io/siderolabs/<name>:<version>`, or the declared one). */
  readonly reference: string;
  /**
   * The official extension name.
   * @default - a custom image
   */
  readonly officialName?: string;
  /**
   * The version of the official extension for the leg's Talos release.
   * @default - a custom image
   */
  readonly version?: string;
  /** Where its digest comes from: declared, or the release's extensions catalog at run time. */
  readonly digestSource: string;
}

/**
 * One imager leg (a selected board with one overlay build).
 */
export interface PreviewImagerLeg {
  /** The job. */
  readonly job: PreviewJob;
  /** The board. */
  readonly boardName: string;
  /**
   * The overlay variant.
   * @default - no variants
   */
  readonly variant?: string;
  /** The Talos imager image. */
  readonly imagerImage: string;
  /** The imager profile (the image kind). */
  readonly profile: string;
  /** Every imager argument after the profile, with its value (e.g. `--arch="arm64"`). */
  readonly imagerArguments: string[];
  /** The system extensions, with the version each resolves to. */
  readonly extensions: PreviewExtension[];
  /** The `docker run` command of the disk image, with the values filled in. */
  readonly command: string;
  /** The file the imager writes (`_out/<file>`), derived from the profile. */
  readonly outputFile: string;
  /** The release asset it is renamed to. */
  readonly assetName: string;
  /**
   * The installer image pushed for upgrades.
   * @default - no installer image
   */
  readonly installerImage?: string;
  /** The imager step's env, as the workflow file writes it. */
  readonly stepEnv: { [name: string]: string };
}

/**
 * The GitHub release the tag creates.
 */
export interface PreviewRelease {
  /** The job. */
  readonly job: PreviewJob;
  /** The release (and its tag). */
  readonly tag: string;
  /** The assets uploaded, `SHA256SUMS` last. */
  readonly assetNames: string[];
  /** Whether a release that is already published makes the job fail (instead of replacing its assets). */
  readonly refusesPublished: boolean;
}

/**
 * What one release workflow does for the tag.
 */
export interface WorkflowPreview {
  /** The workflow file. */
  readonly filePath: string;
  /** The workflow's name. */
  readonly workflowName: string;
  /** The Talos release it builds. */
  readonly talosVersion: string;
  /** Its `on.push.tags` patterns. */
  readonly tagPatterns: string[];
  /** Whether the tag push starts this workflow. */
  readonly triggered: boolean;
  /** Whether the plan job lets the run continue (triggered, and the tag's Talos version is the workflow's). */
  readonly proceeds: boolean;
  /** The boards released (empty when the workflow is not triggered or the plan stops it). */
  readonly selectedBoards: string[];
  /** What happens, in one sentence. */
  readonly outcome: string;
  /**
   * The plan job.
   * @default - not triggered
   */
  readonly plan?: PreviewJob;
  /** The overlay builds that run. */
  readonly overlayBuilds: PreviewOverlayBuild[];
  /** The imager legs that run. */
  readonly legs: PreviewImagerLeg[];
  /**
   * The release.
   * @default - no release (the workflow does not proceed)
   */
  readonly release?: PreviewRelease;
}

/**
 * Options of the `preview` task.
 */
export interface PipelinePreviewTaskOptions {
  /**
   * The tsconfig ts-node compiles `.projenrc.ts` with.
   * @default 'tsconfig.dev.json'
   */
  readonly tsconfig?: string;
}

/** The generated entry of `npx projen preview`. */
const PREVIEW_ENTRY = 'projenrc/preview-app.ts';

/**
 * What pushing a tag will do, from the declaration alone (`npx projen preview -- --tag <tag>`):
 * which workflows start, which boards and variants they release or why none, the overlay
 * images and tags pushed, each job's runner, environment and secrets, the exact imager command
 * of each leg with the extension versions of the Talos release, and the release's assets.
 *
 * It reads the values the workflow file is rendered from (the same job builders), so the
 * preview and the workflow cannot disagree.
 */
export class PipelinePreview {
  /**
   * The preview of one tag push.
   * @param workflows the release workflows of the repository
   * @param tag the git tag, e.g. `v1.10.6-nanopi-m6`
   */
  public static forTag(workflows: ReleaseWorkflow[], tag: string): PipelinePreview {
    return new PipelinePreview(workflows, tag);
  }

  /**
   * The tag of `npx projen preview -- --tag <tag>`, when `.projenrc.ts` runs in preview mode.
   * @returns undefined outside preview mode
   */
  public static requestedTag(): string | undefined {
    const tag = process.env[PREVIEW_TAG_ENV];
    return tag === undefined || tag === '' ? undefined : tag;
  }

  /**
   * Adds the task `preview` (`npx projen preview -- --tag <tag>`). It runs `.projenrc.ts` in
   * preview mode through a generated entry file (`projenrc/preview-app.ts`); there, the
   * project's `synth()` prints the preview instead of writing files (`printIfRequested`).
   * @param project the overlay repository's project (its `.projenrc.ts` is at the root)
   */
  public static addTask(project: Project, options: PipelinePreviewTaskOptions = {}): Task {
    new TextFile(project, PREVIEW_ENTRY, {
      lines: [
        '// ~~ Generated by talos-sbc-constructs (PipelinePreview). To modify, edit .projenrc.ts and run "npx projen".',
        '// `npx projen preview -- --tag <tag>`: runs .projenrc.ts in preview mode, which prints what',
        '// pushing the tag does (boards, images, imager commands, release) and writes no file.',
        'const args = process.argv.slice(2);',
        "const at = args.indexOf('--tag');",
        "const tag = at >= 0 ? args[at + 1] : args.find((arg) => arg.startsWith('--tag='))?.slice('--tag='.length);",
        "if (tag === undefined || tag === '') {",
        "  console.error('Usage: npx projen preview -- --tag <tag>   (e.g. --tag v1.10.6-nanopi-m6)');",
        '  process.exit(2);',
        '}',
        `process.env.${PREVIEW_TAG_ENV} = tag;`,
        '// eslint-disable-next-line @typescript-eslint/no-require-imports',
        "require('../.projenrc');",
        '',
      ],
    });
    return project.addTask('preview', {
      description: 'Show what pushing a tag does, from the declaration (npx projen preview -- --tag <tag>)',
      exec: `ts-node --project ${options.tsconfig ?? 'tsconfig.dev.json'} ${PREVIEW_ENTRY}`,
      receiveArgs: true,
    });
  }

  /**
   * In preview mode (`npx projen preview`), prints the preview of the requested tag for every
   * release workflow of the project and returns true: the caller then writes no file. Call it
   * first in `synth()`.
   * @returns false outside preview mode
   */
  public static printIfRequested(project: Project): boolean {
    const tag = PipelinePreview.requestedTag();
    if (tag === undefined) {
      return false;
    }
    const workflows = project.components.filter((c): c is ReleaseWorkflow => c instanceof ReleaseWorkflow);
    process.stdout.write(PipelinePreview.forTag(workflows, tag).render());
    return true;
  }

  /** The tag. */
  public readonly tag: string;
  /** Warnings: no workflow starts, several do, or the tag names another Talos release. */
  public readonly warnings: string[];
  /** Every release workflow, with what it does for the tag. */
  public readonly workflows: WorkflowPreview[];

  private constructor(workflows: ReleaseWorkflow[], tag: string) {
    this.tag = tag;
    const warnings: string[] = [];
    if (!isValidTagName(tag)) {
      warnings.push(`${JSON.stringify(tag)} is not a valid git tag name (git check-ref-format): it cannot be pushed.`);
    }
    this.workflows = workflows.map((w) => previewWorkflow(w._derivation(), tag));
    const triggered = this.workflows.filter((w) => w.triggered);
    if (triggered.length === 0) {
      const patterns = [...new Set(this.workflows.flatMap((w) => w.tagPatterns))];
      warnings.push(`The tag ${tag} matches no tag pattern (${patterns.join(', ') || 'no workflows'}): no release workflow runs.`);
    } else if (triggered.length > 1) {
      warnings.push(`The tag ${tag} starts ${triggered.length} release workflows (${triggered.map((w) => w.filePath).join(', ')}): each builds and releases its boards.`);
    }
    const version = talosVersionOfTag(tag);
    for (const w of triggered.filter((t) => !t.proceeds)) {
      warnings.push(`The tag ${tag} names Talos ${version}, but ${w.filePath} releases Talos ${w.talosVersion}: its plan job fails and nothing is built. `
        + `Tag ${w.talosVersion}-..., or release from the workflow of Talos ${version}.`);
    }
    if (triggered.some((w) => w.overlayBuilds.length > 0) && !new RegExp(IMAGE_TAG_REGEX).test(tag)) {
      warnings.push(`The tag ${tag} is not a valid image tag (${IMAGE_TAG_REGEX}): the overlay job fails.`);
    }
    this.warnings = warnings;
  }

  /** The preview as text (what `npx projen preview` prints). */
  public render(): string {
    return renderPreview(this.tag, this.warnings, this.workflows);
  }
}

/** What one workflow does for the tag, from the values its file is rendered from. */
function previewWorkflow(d: WorkflowDerivation, tag: string): WorkflowPreview {
  const talosVersion = d.talosVersion ?? '';
  const base = { filePath: d.filePath, workflowName: d.workflowName, talosVersion, tagPatterns: [...d.tagPatterns] };
  // GitHub starts the workflow when the tag matches one of on.push.tags (filter pattern semantics)
  const triggered = d.tagPatterns.some((p) => matchesTagPattern(p, tag));
  if (!triggered) {
    return {
      ...base,
      triggered,
      proceeds: false,
      selectedBoards: [],
      overlayBuilds: [],
      legs: [],
      outcome: `Not started: the tag matches none of its tag patterns (${d.tagPatterns.join(', ')}).`,
    };
  }
  const plan = jobPreview('plan', d.jobs.plan);
  // the plan job's checks: the tag's Talos version part, then each board's pattern
  const tagVersion = talosVersionOfTag(tag);
  if (tagVersion !== undefined && tagVersion !== talosVersion) {
    return {
      ...base,
      triggered,
      proceeds: false,
      selectedBoards: [],
      plan,
      overlayBuilds: [],
      legs: [],
      outcome: `The plan job fails: the tag names Talos ${tagVersion}, but this workflow releases Talos ${talosVersion}. Nothing is built or released.`,
    };
  }
  const boards = d.settings.boards.filter((b) => matchesTagPattern(b.tagPattern, tag));
  const selected = boards.map((b) => b.boardName);
  const legs = d.legs.filter((l) => selected.includes(l.board.boardName));
  const overlayBuilds = d.overlays.map((o): PreviewOverlayBuild => {
    const job = d.jobs[o.jobId];
    const push = job.steps.find((s) => s.id === 'push')!.with!;
    const text = (key: string) => describeValue(String(push[key] ?? ''), tag);
    return {
      job: jobPreview(o.jobId, job),
      variant: o.variant,
      buildFile: String(push.file),
      target: push.target === undefined ? undefined : String(push.target),
      platforms: text('platforms').split(','),
      pushedTags: text('tags').split('\n'),
      cacheRef: text('cache-to').replace(/^type=registry,ref=/, '').replace(/,mode=max$/, ''),
      buildArgs: text('build-args').split('\n'),
    };
  });
  const releaseJob = d.jobs.release;
  const variants = legs.some((l) => l.overlay.variant !== undefined);
  return {
    ...base,
    triggered,
    proceeds: true,
    selectedBoards: selected,
    outcome: `Releases ${selected.join(', ')}${variants ? ` (variants ${[...new Set(legs.map((l) => l.overlay.variant))].join(', ')})` : ''} for Talos ${talosVersion}.`,
    plan,
    overlayBuilds,
    legs: legs.map((leg): PreviewImagerLeg => {
      const command = imagerCommand(d.settings, leg);
      const job = d.jobs[leg.jobId];
      const env = job.steps.find((s) => s.id === 'imager')!.env!;
      const expand = (line: string) => expandShell(line, env, { tag, talosVersion, board: leg.board });
      const imagerLine = command.dockerRun.findIndex((l) => l.includes(command.imager));
      return {
        job: jobPreview(leg.jobId, job),
        boardName: leg.board.boardName,
        variant: leg.overlay.variant,
        imagerImage: expand(command.imager).replace(/^"|"$/g, ''),
        profile: env.PROFILE,
        imagerArguments: command.dockerRun.slice(imagerLine + 1).map((l) => expand(l.trim().replace(/ \\$/, ''))),
        extensions: extensionsOf(leg.board),
        command: command.dockerRun.map(expand).join('\n'),
        outputFile: env.IMAGER_OUTPUT,
        assetName: env.ASSET_NAME,
        installerImage: d.settings.installerImage ? `${d.settings.installerImage.fullName}:${tag}${leg.installerTagSuffix}` : undefined,
        stepEnv: { ...env },
      };
    }),
    release: {
      job: jobPreview('release', releaseJob),
      tag,
      assetNames: [...legs.map((l) => l.assetName), ...validationScripts(releaseJob, selected), 'SHA256SUMS'],
      refusesPublished: !d.settings.replacePublishedRelease,
    },
  };
}

/**
 * The after-flash validation scripts the release job attaches for the selected boards, read from
 * its checksums step (`VALIDATE_NAME_<n>`, kept when `VALIDATE_SELECTED_<n>` is the board's plan output).
 */
function validationScripts(job: { steps: Array<{ id?: string; env?: { [name: string]: string } }> }, selected: string[]): string[] {
  const env = job.steps.find((s) => s.id === 'checksums')?.env ?? {};
  return Object.keys(env).filter((k) => /^VALIDATE_NAME_[0-9]+$/.test(k)).filter((k) => {
    const output = /outputs\.release-([a-z0-9-]+) \}\}$/.exec(env[`VALIDATE_SELECTED_${k.slice('VALIDATE_NAME_'.length)}`] ?? '');
    return output !== null && selected.includes(output[1]);
  }).map((k) => env[k]);
}

function extensionsOf(board: OverlayBoard): PreviewExtension[] {
  return board.resolvedSystemExtensions.map((ext) => ({
    reference: ext.reference.split('@')[0],
    officialName: ext.officialName,
    version: ext.version,
    digestSource: ext.reference.includes('@')
      ? `declared (${ext.reference.split('@')[1]})${ext.officialName ? `, verified against ghcr.io/siderolabs/extensions:${board.talosVersion}` : ''}`
      : `image-digests of ghcr.io/siderolabs/extensions:${board.talosVersion}, at run time`,
  }));
}

import { github } from 'projen';
import { OverlayBoard } from '../../board/overlay-board';
import type { PreviewJob, WorkflowPreview } from '../pipeline-preview';

// Text helpers of the pipeline preview (internal: not exported from the package).

/** The environment variable that puts `.projenrc.ts` in preview mode (set by `npx projen preview`). */
export const PREVIEW_TAG_ENV = 'TALOS_SBC_PREVIEW_TAG';

/** What a value of the workflow is at run time, for the preview. */
export interface ValueContext {
  readonly tag: string;
  readonly talosVersion?: string;
  /** The leg's board (its extensions and official overlay). */
  readonly board?: OverlayBoard;
}

/** Names a value known only at run time: `<...>` (the preview's placeholder form). */
function placeholder(text: string): string {
  return `<${text}>`;
}

/** One `${{ expression }}` as what it is for this tag. */
function describeExpression(expression: string, ctx: ValueContext): string {
  let m: RegExpExecArray | null;
  if (expression === 'github.ref_name') {
    return ctx.tag;
  }
  if ((m = /^needs\.([a-z0-9-]+)\.outputs\.digest$/.exec(expression))) {
    return placeholder(`digest pushed by job ${m[1]}`);
  }
  if ((m = /^steps\.resolve-extensions\.outputs\.system-extension-([0-9]+)$/.exec(expression)) && ctx.board) {
    const reference = ctx.board.systemExtensions[Number(m[1]) - 1];
    // the resolve step passes a pinned reference on and pins an official one by the catalog's digest
    return reference.includes('@') ? reference : `${reference}@${placeholder(`digest in ghcr.io/siderolabs/extensions:${ctx.board.talosVersion}`)}`;
  }
  if (expression === 'steps.resolve-extensions.outputs.overlay-image' && ctx.board?.officialOverlayImage) {
    return `${ctx.board.officialOverlayImage.split('@')[0]}@${placeholder(`digest in ghcr.io/siderolabs/overlays:${ctx.board.talosVersion}`)}`;
  }
  if (expression === 'steps.source-date-epoch.outputs.epoch') {
    return placeholder('commit time, from git');
  }
  if (expression === 'runner.temp') {
    return placeholder('runner temp');
  }
  return placeholder(expression);
}

/** A workflow value with its `${{ }}` expressions described. */
export function describeValue(value: string, tag: string, ctx: Omit<ValueContext, 'tag'> = {}): string {
  return value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_all, expression: string) => describeExpression(expression, { ...ctx, tag }));
}

/**
 * A line of a step's script with its variables filled in: the step's env (expressions described),
 * the workflow's `TALOS_VERSION` and the tag (`GITHUB_REF_NAME`); others (`PWD`) stay.
 */
export function expandShell(line: string, env: { [name: string]: string }, ctx: ValueContext): string {
  return line.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (all, name: string) => {
    if (Object.prototype.hasOwnProperty.call(env, name)) {
      return describeValue(env[name], ctx.tag, ctx);
    }
    if (name === 'TALOS_VERSION' && ctx.talosVersion) {
      return ctx.talosVersion;
    }
    if (name === 'GITHUB_REF_NAME') {
      return ctx.tag;
    }
    return all;
  });
}

/** Every distinct match of group 1, in order. */
function matches(text: string, pattern: RegExp): string[] {
  return [...new Set([...text.matchAll(pattern)].map((m) => m[1]))];
}

/** The runner, environment and credentials of a job, as the workflow file writes them. */
export function jobPreview(jobId: string, job: github.workflows.Job): PreviewJob {
  const text = JSON.stringify(job);
  const environment = typeof job.environment === 'string' ? job.environment : (job.environment as { name?: string } | undefined)?.name;
  const runsOn = job.runsOn !== undefined ? [job.runsOn].flat() : job.runsOnGroup?.labels;
  return {
    jobId,
    name: job.name ?? jobId,
    runsOn: runsOn ? [...runsOn] : undefined,
    runnerGroup: job.runsOnGroup?.group,
    environment,
    variables: matches(text, /\bvars\.([A-Za-z_][A-Za-z0-9_]*)/g),
    secrets: [...matches(text, /\bsecrets\.([A-Za-z_][A-Za-z0-9_]*)/g), ...(/\bgithub\.token\b/.test(text) ? ['GITHUB_TOKEN'] : [])],
  };
}

function describeJob(job: PreviewJob): string {
  const where = job.runnerGroup !== undefined
    ? `runner group ${job.runnerGroup}${job.runsOn ? ` (${job.runsOn.join(', ')})` : ''}`
    : (job.runsOn ?? []).join(', ');
  const reads = [...job.variables.map((v) => `vars.${v}`), ...job.secrets.map((s) => s === 'GITHUB_TOKEN' ? 'github.token' : `secrets.${s}`)];
  return `job ${job.jobId} on ${where}${job.environment ? `, environment ${job.environment}` : ''}; reads ${reads.length > 0 ? reads.join(', ') : 'no variables or secrets'}`;
}

/** The preview as text. */
export function renderPreview(tag: string, warnings: readonly string[], workflows: readonly WorkflowPreview[]): string {
  const out = [`Pipeline preview for tag ${tag}`, ''];
  if (warnings.length > 0) {
    out.push('Warnings:', ...warnings.map((w) => `  ! ${w}`), '');
  }
  for (const w of workflows) {
    out.push(`${w.workflowName} (${w.filePath}), Talos ${w.talosVersion}, tag patterns ${w.tagPatterns.join(', ')}`);
    out.push(`  ${w.outcome}`);
    if (w.plan) {
      out.push(`  1. Plan: ${describeJob(w.plan)}`);
    }
    for (const o of w.overlayBuilds) {
      out.push(`  2. Overlay${o.variant ? ` (${o.variant})` : ''}: ${describeJob(o.job)}`);
      out.push(`     builds ${o.buildFile}${o.target ? ` target ${o.target}` : ''} for ${o.platforms.join(', ')}`);
      out.push(...o.buildArgs.map((a) => `       --build-arg ${a}`));
      out.push(...o.pushedTags.map((t) => `     pushes ${t} (an existing tag is re-used, never moved)`));
      out.push(`     build cache ${o.cacheRef}`);
    }
    for (const leg of w.legs) {
      out.push(`  3. Imager, ${leg.boardName}${leg.variant ? ` (${leg.variant})` : ''}: ${describeJob(leg.job)}`);
      out.push(`     imager ${leg.imagerImage}, profile ${leg.profile}`);
      for (const e of leg.extensions) {
        out.push(`     extension ${e.officialName ? `${e.officialName} ${e.version} (${e.reference})` : e.reference}, digest from ${e.digestSource}`);
      }
      out.push(...leg.command.split('\n').map((l) => `       ${l}`));
      out.push(`     writes _out/${leg.outputFile}, released as ${leg.assetName} (+ .sha256)`);
      if (leg.installerImage) {
        out.push(`     pushes installer ${leg.installerImage}`);
      }
    }
    if (w.release) {
      const r = w.release;
      out.push(`  4. Release ${r.tag}: ${describeJob(r.job)}`);
      out.push(`     creates a draft release, uploads ${r.assetNames.join(', ')}, verifies them, then publishes it`);
      out.push(r.refusesPublished ? '     (fails, changing nothing, if the release is already published)' : '     (replaces the assets of an already published release: replacePublishedRelease)');
    }
    out.push('');
  }
  return out.join('\n');
}

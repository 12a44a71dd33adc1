import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Project } from 'projen';
import { parse } from 'yaml';
import { exampleOptions } from './examples';
import { runScript, simulateRun } from './job-conditions';
import { PipelinePreview, PreviewJob, ReleaseWorkflow, TalosOverlayProject, WorkflowPreview } from '../../src';

/**
 * Checks a pipeline preview against the workflow files the project wrote: everything is read
 * back from the YAML (runs-on, environment, secrets, pushed tags, the imager step's env and its
 * `docker run` lines, the release's assets), the plan job's script runs under bash with
 * GITHUB_REF_NAME=<tag>, and every job's `if:` is evaluated with GitHub's expression evaluator.
 */

/** The workflows of a project. */
export function releaseWorkflowsOf(project: Project): ReleaseWorkflow[] {
  return project.components.filter((c): c is ReleaseWorkflow => c instanceof ReleaseWorkflow);
}

/**
 * GitHub's tag filter for the patterns of the examples, written here independently of the
 * library: `*` matches any characters but `/`; `.` and `-` are literal.
 */
function githubFilterMatches(pattern: string, tag: string): boolean {
  expect(pattern).toMatch(/^[A-Za-z0-9.*-]+$/);
  const re = new RegExp(`^${pattern.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`);
  return re.test(tag);
}

/** The job as the preview should describe it, read from the YAML. */
function jobFromYaml(jobId: string, job: any): PreviewJob {
  const text = JSON.stringify(job);
  const all = (re: RegExp) => [...new Set([...text.matchAll(re)].map((m) => m[1]))];
  const runsOn = job['runs-on'];
  return {
    jobId,
    name: job.name,
    runsOn: typeof runsOn === 'string' ? [runsOn] : Array.isArray(runsOn) ? runsOn : runsOn?.labels,
    runnerGroup: runsOn?.group,
    environment: job.environment,
    variables: all(/\bvars\.([A-Za-z_][A-Za-z0-9_]*)/g),
    secrets: [...all(/\bsecrets\.([A-Za-z_][A-Za-z0-9_]*)/g), ...(/github\.token/.test(text) ? ['GITHUB_TOKEN'] : [])],
  };
}

function strip<T extends object>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

/** The `docker run` lines of the disk image in an imager script (up to the first line that does not continue). */
function dockerRunLines(script: string): string[] {
  const lines = script.split('\n');
  const start = lines.findIndex((l) => l === 'docker run --rm \\');
  const end = lines.findIndex((l, i) => i >= start && !l.endsWith(' \\'));
  return lines.slice(start, end + 1);
}

/** Expands a YAML script line with the step's env; run-time values become `<>`. */
function expandFromYaml(line: string, env: Record<string, string>, workflowEnv: Record<string, string>, resolveEnv: Record<string, string>): string {
  const expression = (value: string) => value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_all, expr: string) => {
    const ext = /^steps\.resolve-extensions\.outputs\.system-extension-([0-9]+)$/.exec(expr);
    if (ext) {
      const reference = resolveEnv[`EXTENSION_${ext[1]}`];
      return reference.includes('@') ? reference : `${reference}@<>`;
    }
    if (expr === 'steps.resolve-extensions.outputs.overlay-image') {
      return `${resolveEnv.OVERLAY_IMAGE.split('@')[0]}@<>`;
    }
    return '<>';
  });
  return line.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (all, name: string) =>
    name in env ? expression(env[name]) : name in workflowEnv ? workflowEnv[name] : all);
}

/** Every run-time placeholder of the preview (`<...>`) as `<>`. */
function normalise(text: string): string {
  return text.replace(/<[^<>]*>/g, '<>');
}

/**
 * Synthesises nothing: reads the files `project.synth()` wrote, and checks the preview of `tag`
 * against them. Returns the preview.
 */
export function expectPreviewAgreesWithWorkflows(project: Project, tag: string): PipelinePreview {
  const workflows = releaseWorkflowsOf(project);
  const preview = PipelinePreview.forTag(workflows, tag);
  expect(preview.workflows.map((w) => w.filePath)).toEqual(workflows.map((w) => w.filePath));
  for (const w of preview.workflows) {
    const yaml = parse(readFileSync(join(project.outdir, w.filePath), 'utf8'));
    expectWorkflowAgrees(w, yaml, tag);
  }
  return preview;
}

function expectWorkflowAgrees(w: WorkflowPreview, yaml: any, tag: string): void {
  expect(w.workflowName).toBe(yaml.name);
  expect(w.talosVersion).toBe(yaml.env.TALOS_VERSION);
  expect(w.tagPatterns).toEqual(yaml.on.push.tags);
  const triggered = yaml.on.push.tags.some((p: string) => githubFilterMatches(p, tag));
  expect(w.triggered).toBe(triggered);
  if (!triggered) {
    expect([w.selectedBoards, w.overlayBuilds, w.legs, w.release]).toEqual([[], [], [], undefined]);
    return;
  }
  // the plan job, as the runner runs it
  const planStep = yaml.jobs.plan.steps[0];
  const plan = runScript(planStep.run, { ...yaml.env, ...planStep.env, GITHUB_REF_NAME: tag });
  expect(w.proceeds).toBe(plan.status === 0);
  expect(w.plan).toEqual(strip(jobFromYaml('plan', yaml.jobs.plan)));
  if (plan.status !== 0) {
    expect([w.selectedBoards, w.overlayBuilds, w.legs, w.release]).toEqual([[], [], [], undefined]);
    return;
  }
  const selected = Object.entries(plan.outputs).filter(([k, v]) => k.startsWith('release-') && v === 'true').map(([k]) => k.slice('release-'.length));
  expect(w.selectedBoards).toEqual(selected);
  // the jobs that run: each job's if: against the plan's outputs
  const results = simulateRun(yaml, plan.outputs);
  const running = Object.entries(results).filter(([, r]) => r === 'success').map(([id]) => id);
  const previewed = ['plan', ...w.overlayBuilds.map((o) => o.job.jobId), ...w.legs.map((l) => l.job.jobId), ...(w.release ? ['release'] : [])];
  expect(previewed.sort()).toEqual(running.sort());

  for (const o of w.overlayBuilds) {
    const job = yaml.jobs[o.job.jobId];
    expect(o.job).toEqual(strip(jobFromYaml(o.job.jobId, job)));
    const push = job.steps.find((s: any) => s.id === 'push').with;
    expect(o.pushedTags).toEqual(push.tags.replace(/\$\{\{ github\.ref_name \}\}/g, tag).split('\n'));
    expect(o.platforms).toEqual(push.platforms.split(','));
    expect(o.buildFile).toBe(push.file);
    expect(o.target).toBe(push.target);
    expect(push['cache-to']).toBe(`type=registry,ref=${o.cacheRef},mode=max`);
  }
  for (const leg of w.legs) {
    const job = yaml.jobs[leg.job.jobId];
    expect(leg.job).toEqual(strip(jobFromYaml(leg.job.jobId, job)));
    const imager = job.steps.find((s: any) => s.id === 'imager');
    const resolveEnv = job.steps.find((s: any) => s.id === 'resolve-extensions')?.env ?? {};
    expect(leg.stepEnv).toEqual(imager.env);
    expect([leg.profile, leg.outputFile, leg.assetName]).toEqual([imager.env.PROFILE, imager.env.IMAGER_OUTPUT, imager.env.ASSET_NAME]);
    // the command, expanded from the YAML's own script and env
    const lines = dockerRunLines(imager.run);
    expect(lines.length).toBeGreaterThan(3);
    expect(normalise(leg.command)).toBe(normalise(lines.map((l) => expandFromYaml(l, imager.env, yaml.env, resolveEnv)).join('\n')));
    // each extension at the version the resolve step asks the release's catalog for
    expect(leg.extensions.map((e) => e.reference)).toEqual(
      Object.keys(resolveEnv).filter((k) => /^EXTENSION_[0-9]+$/.test(k)).map((k) => resolveEnv[k].split('@')[0]));
    for (const e of leg.extensions.filter((x) => x.officialName !== undefined)) {
      expect(e.reference).toBe(`ghcr.io/siderolabs/${e.officialName}:${e.version}`);
    }
    expect(leg.command).toContain(`"${leg.profile}"`);
    expect(leg.imagerImage).toBe(expandFromYaml(lines.find((l) => l.includes('"${PROFILE}"'))!.trim().split(' ')[0], imager.env, yaml.env, resolveEnv).replace(/"/g, ''));
  }
  // the release: the selected legs' assets (ASSET_n kept when SELECTED_n is true), draft, then published
  const release = yaml.jobs.release;
  const checksums = release.steps.find((s: any) => s.id === 'checksums').env;
  const assets = Object.keys(checksums).filter((k) => /^ASSET_[0-9]+$/.test(k))
    .filter((k) => plan.outputs[/outputs\.([a-z0-9-]+) \}\}$/.exec(checksums[`SELECTED_${k.slice(6)}`])![1]] === 'true')
    .map((k) => checksums[k]);
  // and each selected board's validation script (VALIDATE_NAME_n kept when VALIDATE_SELECTED_n is true)
  const scripts = Object.keys(checksums).filter((k) => /^VALIDATE_NAME_[0-9]+$/.test(k))
    .filter((k) => plan.outputs[/outputs\.([a-z0-9-]+) \}\}$/.exec(checksums[`VALIDATE_SELECTED_${k.slice(14)}`])![1]] === 'true')
    .map((k) => checksums[k]);
  expect(w.release!.assetNames).toEqual([...assets, ...scripts, 'SHA256SUMS']);
  expect(w.release!.job).toEqual(strip(jobFromYaml('release', release)));
  expect(release.steps.find((s: any) => s.id === 'draft').with.draft).toBe(true);
  expect(release.steps.map((s: any) => s.id).slice(-1)).toEqual(['publish']);
}

/** An example's project (its `.projenrc.ts` declaration), synthesised into a fresh folder. */
export function synthesisedExample(example: string): TalosOverlayProject {
  const outdir = mkdtempSync(join(tmpdir(), `preview-${example}-`));
  const previous = process.env.PROJEN_DISABLE_POST;
  process.env.PROJEN_DISABLE_POST = 'true';
  try {
    const project = new TalosOverlayProject({ ...exampleOptions(example), outdir });
    project.synth();
    return project;
  } finally {
    if (previous === undefined) {
      delete process.env.PROJEN_DISABLE_POST;
    } else {
      process.env.PROJEN_DISABLE_POST = previous;
    }
  }
}

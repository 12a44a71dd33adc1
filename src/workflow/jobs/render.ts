import { github } from 'projen';

// One place that turns projen's typed workflow model (projen src/github/workflows-model.ts)
// into the YAML object of a workflow file, in a fixed key order (deterministic output).

type Job = github.workflows.Job;
type JobStep = github.workflows.JobStep;

/** Step ids: kebab-case, unique per job (acknowledgements and outputs name them). */
const STEP_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** `idToken` → `id-token`. */
function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function defined(entries: Array<[string, unknown]>): { [key: string]: unknown } {
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined));
}

/** The YAML object of one step. */
export function renderStep(step: JobStep): object {
  return defined([
    ['name', step.name],
    ['id', step.id],
    ['if', step.if],
    ['uses', step.uses],
    ['env', step.env],
    ['with', step.with],
    ['run', step.run],
    ['continue-on-error', step.continueOnError],
    ['timeout-minutes', step.timeoutMinutes],
  ]);
}

/** The YAML object of one job (throws on a missing or repeated step id: a library bug). */
export function renderJob(jobId: string, job: Job): object {
  const seen = new Set<string>();
  for (const step of job.steps) {
    if (step.id === undefined || !STEP_ID.test(step.id) || seen.has(step.id)) {
      throw new Error(`internal error: job ${jobId} has a step without a unique kebab-case id (${step.id ?? step.name})`);
    }
    seen.add(step.id);
  }
  const runsOn = job.runsOnGroup
    ? defined([['group', job.runsOnGroup.group], ['labels', job.runsOnGroup.labels]])
    : job.runsOn?.length === 1 ? job.runsOn[0] : job.runsOn;
  const permissions = Object.fromEntries(Object.entries(job.permissions).map(([k, v]) => [kebab(k), v]));
  const outputs = job.outputs
    ? Object.fromEntries(Object.entries(job.outputs).map(([name, o]) => [name, `\${{ steps.${o.stepId}.outputs.${o.outputName} }}`]))
    : undefined;
  const needs = job.needs === undefined || job.needs.length === 0 ? undefined : job.needs.length === 1 ? job.needs[0] : job.needs;
  return defined([
    ['name', job.name],
    ['needs', needs],
    ['if', job.if],
    ['runs-on', runsOn],
    ['environment', job.environment],
    ['timeout-minutes', job.timeoutMinutes],
    ['permissions', permissions],
    ['outputs', outputs],
    ['env', job.env],
    ['steps', job.steps.map(renderStep)],
  ]);
}

/** The `jobs:` object of a workflow. */
export function renderJobs(jobs: { [jobId: string]: Job }): { [jobId: string]: object } {
  return Object.fromEntries(Object.entries(jobs).map(([id, job]) => [id, renderJob(id, job)]));
}

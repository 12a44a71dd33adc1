/**
 * Read-only helpers over a workflow document (not exported from the audit barrel).
 *
 * Every helper tolerates unexpected shapes (a rule must never throw on odd input): a
 * missing or malformed part is treated as absent.
 */
import { renderValue } from '../../../private/text';
import { FindingLevel, WorkflowFinding } from '../finding';

/** A plain JSON object. */
export type JsonObject = { [key: string]: any };

/** One job of the workflow. */
export interface JobEntry {
  readonly id: string;
  readonly job: JsonObject;
  /** `jobs.<id>` */
  readonly location: string;
}

/** One step of a job. */
export interface StepEntry {
  readonly jobId: string;
  readonly job: JsonObject;
  readonly index: number;
  readonly step: JsonObject;
  /** `jobs.<id>.steps.<step id>`, or `jobs.<id>.steps[<index>]` for a step without an id */
  readonly location: string;
  readonly name?: string;
}

/** A parsed `owner/repo[/path]@ref` action or reusable-workflow reference. */
export interface ActionReference {
  /** `owner/repo`, lower case. */
  readonly repository: string;
  /** The ref after `@`. */
  readonly ref: string;
}

/** A full 40-hex commit SHA. */
export const COMMIT_SHA = /^[0-9a-f]{40}$/;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The jobs of the workflow, in document order. */
export function jobsOf(workflow: unknown): JobEntry[] {
  if (!isObject(workflow) || !isObject(workflow.jobs)) {
    return [];
  }
  return Object.entries(workflow.jobs)
    .filter(([, job]) => isObject(job))
    .map(([id, job]) => ({ id, job: job as JsonObject, location: `jobs.${id}` }));
}

/** A step id usable as a location key. */
const STEP_ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** The steps of one job, in order. */
export function stepsOfJob(entry: JobEntry): StepEntry[] {
  const steps = entry.job.steps;
  if (!Array.isArray(steps)) {
    return [];
  }
  const out: StepEntry[] = [];
  steps.forEach((step, index) => {
    if (isObject(step)) {
      out.push({
        jobId: entry.id,
        job: entry.job,
        index,
        step,
        // a step with an id is named by it (stable when optional steps come and go), else by index
        location: typeof step.id === 'string' && STEP_ID.test(step.id) ? `${entry.location}.steps.${step.id}` : `${entry.location}.steps[${index}]`,
        name: typeof step.name === 'string' ? step.name : undefined,
      });
    }
  });
  return out;
}

/** Every step of every job. */
export function stepsOf(workflow: unknown): StepEntry[] {
  return jobsOf(workflow).flatMap(stepsOfJob);
}

/**
 * The `on:` value. YAML 1.1 parsers turn the key `on` into `true`; accept that spelling too.
 */
function triggersValue(workflow: unknown): unknown {
  if (!isObject(workflow)) {
    return undefined;
  }
  return 'on' in workflow ? workflow.on : workflow.true;
}

/** The event names of `on:` (a string, a list or a map). */
export function eventsOf(workflow: unknown): string[] {
  const on = triggersValue(workflow);
  if (typeof on === 'string') {
    return [on];
  }
  if (Array.isArray(on)) {
    return on.filter((e): e is string => typeof e === 'string');
  }
  if (isObject(on)) {
    return Object.keys(on);
  }
  return [];
}

/** The configuration of one event (`on.<event>`), or undefined when it has none. */
export function eventConfig(workflow: unknown, event: string): unknown {
  const on = triggersValue(workflow);
  return isObject(on) ? on[event] : undefined;
}

/** The `uses:` string of a step or job, or undefined. */
export function usesOf(node: JsonObject): string | undefined {
  return typeof node.uses === 'string' ? node.uses : undefined;
}

/**
 * Parses a remote action (`owner/repo[/path]@ref`) or reusable workflow reference; undefined for
 * local (`./…`) and `docker://` references and anything malformed.
 */
export function parseActionReference(uses: string): ActionReference | undefined {
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)(?:\/[^@\s]*)?@([^@\s]+)$/.exec(uses);
  if (!m) {
    return undefined;
  }
  return { repository: `${m[1]}/${m[2]}`.toLowerCase(), ref: m[3] };
}

/** Whether a step uses the action `repository` (`owner/repo`, any ref). */
export function stepUsesAction(step: JsonObject, repository: string): boolean {
  const uses = usesOf(step);
  return uses !== undefined && parseActionReference(uses)?.repository === repository.toLowerCase();
}

/** The steps of a job that use the action `repository`. */
export function jobUsesAction(entry: JobEntry, ...repositories: string[]): boolean {
  return stepsOfJob(entry).some((s) => repositories.some((r) => stepUsesAction(s.step, r)));
}

/** The `with:` input `name` of a step, or undefined. */
export function inputOf(step: JsonObject, name: string): unknown {
  return isObject(step.with) ? step.with[name] : undefined;
}

/** The `run:` script of a step, or undefined. */
export function runOf(step: JsonObject): string | undefined {
  return typeof step.run === 'string' ? step.run : undefined;
}

/** Whether a YAML value is `false` (boolean or string). */
export function isFalse(value: unknown): boolean {
  return value === false || value === 'false';
}

/** JSON rendering of a value in messages (same as the construct validation messages). */
export function show(value: unknown): string {
  // workflow text (commands, expressions) is shown longer than declaration values
  return renderValue(value, 120);
}

/** The `${{ … }}` expressions in a string, distinct, in order. */
export function expressionsIn(text: string): string[] {
  return [...new Set(text.match(/\$\{\{[\s\S]*?(?:\}\}|$)/g) ?? [])];
}

/** Joins backslash-continued lines of a script into single lines. */
export function logicalLines(script: string): string[] {
  return script.replace(/[ \t]*\\\r?\n[ \t]*/g, ' ').split(/\r?\n/);
}

/** A finding at a workflow-level key. */
export function workflowFinding(ruleId: string, level: FindingLevel, location: string, message: string, fix: string): WorkflowFinding {
  return { ruleId, level, location, message, fix };
}

/** A finding about a whole job. */
export function jobFinding(ruleId: string, level: FindingLevel, job: JobEntry, message: string, fix: string): WorkflowFinding {
  return { ruleId, level, location: job.location, jobId: job.id, message, fix };
}

/** A finding about one step. */
export function stepFinding(ruleId: string, level: FindingLevel, step: StepEntry, message: string, fix: string): WorkflowFinding {
  return {
    ruleId,
    level,
    location: step.location,
    jobId: step.jobId,
    stepIndex: step.index,
    ...(step.name !== undefined ? { stepName: step.name } : {}),
    message,
    fix,
  };
}

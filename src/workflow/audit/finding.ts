/**
 * How serious a workflow finding is.
 */
export enum FindingLevel {
  /** The workflow must not be written: `WorkflowAudit.assertCompliant` fails unless the finding is acknowledged. */
  ERROR = 'error',
  /** Reported, but does not fail `WorkflowAudit.assertCompliant`. */
  WARNING = 'warning',
}

/**
 * One finding of a workflow rule.
 *
 * `location` is the path of the offending node in the workflow document, in the form
 * printed by `WorkflowAudit.assertCompliant` and accepted by `WorkflowAudit.acknowledge`:
 * a workflow key (`permissions`, `concurrency`, `on.pull_request_target`), a job
 * (`jobs.release`) or a step (`jobs.release.steps[3]`).
 */
export interface WorkflowFinding {
  /** The id of the rule that reported it, e.g. `TSC-W1`. */
  readonly ruleId: string;

  /** How serious it is. */
  readonly level: FindingLevel;

  /** Path of the offending node, e.g. `jobs.release.steps[3]`. */
  readonly location: string;

  /**
   * The job the finding is in.
   * @default - a workflow-level finding
   */
  readonly jobId?: string;

  /**
   * Zero-based index of the step in `jobs.<jobId>.steps`.
   * @default - a workflow- or job-level finding
   */
  readonly stepIndex?: number;

  /**
   * The step's `name`.
   * @default - the step has no name, or the finding is not about a step
   */
  readonly stepName?: string;

  /**
   * What is wrong, naming the key and its value, e.g.
   * `uses = "actions/checkout@v4": not pinned to a full 40-character commit SHA`.
   */
  readonly message: string;

  /** How to fix it. */
  readonly fix: string;

  /**
   * Whether the finding was acknowledged with `WorkflowAudit.acknowledge` (set by the audit;
   * acknowledged findings are still reported, never dropped).
   * @default false
   */
  readonly acknowledged?: boolean;

  /**
   * The written reason of the acknowledgement.
   * @default - not acknowledged
   */
  readonly acknowledgementReason?: string;
}

/**
 * An accepted finding: the rule id, the written reason and optionally where.
 */
export interface Acknowledgement {
  /** The id of the rule, e.g. `TSC-W5`. */
  readonly ruleId: string;

  /**
   * Why the finding is acceptable: at least 10 characters, one line (it is meant to be written
   * next to the finding as a comment in the workflow file).
   */
  readonly reason: string;

  /**
   * Which findings: a location as printed in findings. A job (`jobs.release`) covers every
   * finding of the job and its steps; a step (`jobs.release.steps.publish`, or `jobs.release.steps[3]` for a step without an id) covers that step.
   * @default - every finding of the rule
   */
  readonly where?: string;
}

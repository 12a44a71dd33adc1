import { FindingLevel, WorkflowFinding } from './finding';

/**
 * A rule that checks one property of a GitHub Actions workflow document (the JSON-compatible
 * object that is written as YAML), cdk-nag style: one rule per concern, with a stable id.
 *
 * Implement it to add a project-specific rule to a `WorkflowAudit`.
 */
export interface IWorkflowRule {
  /** Stable id printed with each finding and used to acknowledge it, e.g. `TSC-W1`. */
  readonly id: string;

  /** The level of the rule's findings. */
  readonly level: FindingLevel;

  /** One line saying what the rule requires. */
  readonly description: string;

  /**
   * Checks a workflow and returns one finding per violation (an empty list when compliant).
   * Must not modify the workflow and must not throw on unexpected shapes.
   *
   * @param workflow the workflow document, e.g. `{ name, on, permissions, jobs }`
   */
  check(workflow: { [key: string]: any }): WorkflowFinding[];
}

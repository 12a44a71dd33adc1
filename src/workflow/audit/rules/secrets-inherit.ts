import { FindingLevel, WorkflowFinding } from '../finding';
import { jobFinding, jobsOf } from '../private/document';
import { IWorkflowRule } from '../rule';

/**
 * TSC-W9: a job that calls a reusable workflow passes only the secrets it needs, never
 * `secrets: inherit` (which hands every repository and organisation secret to the callee).
 */
export class SecretsInheritRule implements IWorkflowRule {
  /** The id of this rule. */
  public static readonly RULE_ID = 'TSC-W9';

  public readonly id = SecretsInheritRule.RULE_ID;
  public readonly level = FindingLevel.ERROR;
  public readonly description = 'Reusable workflows get named secrets, not secrets: inherit';

  public check(workflow: { [key: string]: any }): WorkflowFinding[] {
    return jobsOf(workflow)
      .filter((job) => job.job.secrets === 'inherit')
      .map((job) => jobFinding(this.id, this.level, job,
        'secrets = "inherit": hands every secret of the repository and organisation to the called workflow',
        'pass only what it needs: secrets: { NAME: ${{ secrets.NAME }} }'));
  }
}

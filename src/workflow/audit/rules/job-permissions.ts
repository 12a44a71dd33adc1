import { FindingLevel, WorkflowFinding } from '../finding';
import { jobFinding, jobsOf } from '../private/document';
import { IWorkflowRule } from '../rule';

/**
 * TSC-W4: every job declares its `permissions` (least privilege is decided per job, and a job
 * without them inherits whatever the workflow or the repository default grants).
 */
export class JobPermissionsRule implements IWorkflowRule {
  /** The id of this rule. */
  public static readonly RULE_ID = 'TSC-W4';

  public readonly id = JobPermissionsRule.RULE_ID;
  public readonly level = FindingLevel.ERROR;
  public readonly description = 'Every job declares its own permissions';

  public check(workflow: { [key: string]: any }): WorkflowFinding[] {
    return jobsOf(workflow)
      .filter((job) => !('permissions' in job.job))
      .map((job) => jobFinding(this.id, this.level, job,
        'permissions is missing: the job inherits the workflow\'s permissions (or the repository default)',
        'declare what the job needs, e.g. permissions: {} or permissions: { contents: read }'));
  }
}

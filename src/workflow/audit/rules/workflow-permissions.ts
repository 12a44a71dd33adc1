import { FindingLevel, WorkflowFinding } from '../finding';
import { isObject, show, workflowFinding } from '../private/document';
import { IWorkflowRule } from '../rule';

/**
 * TSC-W3: the workflow sets `permissions: {}` at the top, so that no job gets a permission it
 * does not declare itself. Without it every job inherits the repository's default
 * `GITHUB_TOKEN` permissions (read and write to everything in older repositories).
 */
export class WorkflowPermissionsRule implements IWorkflowRule {
  /** The id of this rule. */
  public static readonly RULE_ID = 'TSC-W3';

  public readonly id = WorkflowPermissionsRule.RULE_ID;
  public readonly level = FindingLevel.ERROR;
  public readonly description = 'The workflow sets permissions: {} at the top level';

  public check(workflow: { [key: string]: any }): WorkflowFinding[] {
    const fix = 'set permissions: {} at the top and grant each job only what it needs in its own permissions';
    if (!isObject(workflow) || !('permissions' in workflow)) {
      return [workflowFinding(this.id, this.level, 'permissions', 'permissions is missing: every job without its own permissions gets the repository\'s default GITHUB_TOKEN permissions', fix)];
    }
    const permissions = workflow.permissions;
    if (isObject(permissions) && Object.keys(permissions).length === 0) {
      return [];
    }
    return [workflowFinding(this.id, this.level, 'permissions', `permissions = ${show(permissions)}: must be {} at the top level, so that every job gets only what it declares`, fix)];
  }
}

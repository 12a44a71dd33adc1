import { FindingLevel, WorkflowFinding } from '../finding';
import { eventsOf, workflowFinding } from '../private/document';
import { IWorkflowRule } from '../rule';

/** The privileged triggers and why each is dangerous. */
const DANGEROUS: { [event: string]: string } = {
  pull_request_target: 'runs with a write token and the repository\'s secrets while handling pull requests from forks',
  workflow_run: 'runs with a write token and the repository\'s secrets after workflows that forks can trigger, typically on their artifacts',
};

/**
 * TSC-W8: no privileged trigger that handles untrusted code: `pull_request_target`,
 * `workflow_run`.
 */
export class DangerousTriggerRule implements IWorkflowRule {
  /** The id of this rule. */
  public static readonly RULE_ID = 'TSC-W8';

  public readonly id = DangerousTriggerRule.RULE_ID;
  public readonly level = FindingLevel.ERROR;
  public readonly description = 'No pull_request_target or workflow_run trigger';

  public check(workflow: { [key: string]: any }): WorkflowFinding[] {
    return eventsOf(workflow)
      .filter((event) => Object.prototype.hasOwnProperty.call(DANGEROUS, event))
      .map((event) => workflowFinding(this.id, this.level, `on.${event}`, `the ${event} trigger ${DANGEROUS[event]}`,
        'trigger on pull_request (no secrets, read-only token for forks) or on tags, and keep privileged steps out of workflows that touch untrusted code'));
  }
}

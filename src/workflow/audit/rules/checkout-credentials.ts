import { FindingLevel, WorkflowFinding } from '../finding';
import {
  inputOf, isFalse, show, stepFinding, stepsOf, stepUsesAction,
} from '../private/document';
import { IWorkflowRule } from '../rule';

/**
 * TSC-W7: `actions/checkout` runs with `persist-credentials: false`. Otherwise the job's
 * `GITHUB_TOKEN` stays in `.git/config` for every later step, build context and uploaded
 * workspace artifact.
 */
export class CheckoutCredentialsRule implements IWorkflowRule {
  /** The id of this rule. */
  public static readonly RULE_ID = 'TSC-W7';

  public readonly id = CheckoutCredentialsRule.RULE_ID;
  public readonly level = FindingLevel.ERROR;
  public readonly description = 'actions/checkout does not persist the token (persist-credentials: false)';

  public check(workflow: { [key: string]: any }): WorkflowFinding[] {
    return stepsOf(workflow)
      .filter((step) => stepUsesAction(step.step, 'actions/checkout') && !isFalse(inputOf(step.step, 'persist-credentials')))
      .map((step) => stepFinding(this.id, this.level, step,
        `with.persist-credentials = ${show(inputOf(step.step, 'persist-credentials'))}: actions/checkout leaves the GITHUB_TOKEN in .git/config for every later step`,
        'add with: { persist-credentials: false }'));
  }
}

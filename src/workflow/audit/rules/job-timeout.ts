import { FindingLevel, WorkflowFinding } from '../finding';
import { jobFinding, jobsOf, show } from '../private/document';
import { IWorkflowRule } from '../rule';

/**
 * TSC-W11: every job that runs steps has a `timeout-minutes`. The default is 360 minutes on
 * GitHub-hosted runners and up to 5 days on self-hosted ones: a hung imager (a stuck loop
 * device, a registry that never answers) would hold the runner that long.
 *
 * Jobs that call a reusable workflow (`uses:`) cannot set a timeout and are not checked.
 */
export class JobTimeoutRule implements IWorkflowRule {
  /** The id of this rule. */
  public static readonly RULE_ID = 'TSC-W11';

  public readonly id = JobTimeoutRule.RULE_ID;
  public readonly level = FindingLevel.ERROR;
  public readonly description = 'Every job has a positive timeout-minutes';

  public check(workflow: { [key: string]: any }): WorkflowFinding[] {
    const findings: WorkflowFinding[] = [];
    for (const job of jobsOf(workflow)) {
      if ('uses' in job.job) {
        continue;
      }
      const timeout = job.job['timeout-minutes'];
      const fix = 'set timeout-minutes to a bit more than the job\'s longest normal run, e.g. timeout-minutes: 60';
      if (timeout === undefined) {
        findings.push(jobFinding(this.id, this.level, job,
          'timeout-minutes is missing: a hung job holds its runner for 6 hours (GitHub-hosted) or up to 5 days (self-hosted)', fix));
      } else if (!(typeof timeout === 'number' && Number.isFinite(timeout) && timeout > 0) && !isExpression(timeout)) {
        findings.push(jobFinding(this.id, this.level, job, `timeout-minutes = ${show(timeout)}: must be a positive number of minutes`, fix));
      }
    }
    return findings;
  }
}

function isExpression(value: unknown): boolean {
  return typeof value === 'string' && /^\s*\$\{\{[\s\S]*\}\}\s*$/.test(value);
}

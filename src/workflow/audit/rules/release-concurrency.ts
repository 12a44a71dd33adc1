import { FindingLevel, WorkflowFinding } from '../finding';
import {
  eventConfig, eventsOf, isFalse, isObject, jobFinding, jobsOf, show, workflowFinding,
} from '../private/document';
import { IWorkflowRule } from '../rule';

/**
 * TSC-W12: a release workflow (triggered by tags or releases) has a `concurrency` group, and
 * never `cancel-in-progress: true`. Two runs for one tag (a re-pushed tag, a re-run) would race
 * to push images and create the release; a cancelled run leaves images pushed and no release.
 */
export class ReleaseConcurrencyRule implements IWorkflowRule {
  /** The id of this rule. */
  public static readonly RULE_ID = 'TSC-W12';

  public readonly id = ReleaseConcurrencyRule.RULE_ID;
  public readonly level = FindingLevel.ERROR;
  public readonly description = 'A tag-triggered (release) workflow has a concurrency group that never cancels a run in progress';

  public check(workflow: { [key: string]: any }): WorkflowFinding[] {
    if (!isReleaseWorkflow(workflow)) {
      return [];
    }
    const findings: WorkflowFinding[] = [];
    const cancelFix = 'set cancel-in-progress: false (a later run for the same ref then waits)';
    if (!('concurrency' in workflow) || workflow.concurrency === null || workflow.concurrency === '') {
      findings.push(workflowFinding(this.id, this.level, 'concurrency',
        'concurrency is missing in a tag-triggered workflow: two runs for the same tag race to push images and create the release',
        'set concurrency: { group: release-${{ github.ref }}, cancel-in-progress: false }'));
    } else if (isObject(workflow.concurrency) && cancels(workflow.concurrency)) {
      findings.push(workflowFinding(this.id, this.level, 'concurrency',
        `concurrency.cancel-in-progress = ${show(workflow.concurrency['cancel-in-progress'])}: can cancel a release halfway (images pushed, no release)`, cancelFix));
    }
    for (const job of jobsOf(workflow)) {
      if (isObject(job.job.concurrency) && cancels(job.job.concurrency)) {
        findings.push(jobFinding(this.id, this.level, job,
          `concurrency.cancel-in-progress = ${show(job.job.concurrency['cancel-in-progress'])}: can cancel a release job halfway`, cancelFix));
      }
    }
    return findings;
  }
}

function cancels(concurrency: { [key: string]: any }): boolean {
  return 'cancel-in-progress' in concurrency && !isFalse(concurrency['cancel-in-progress']);
}

/**
 * Whether the workflow runs for tags: `release` events, or `push` with tag filters, or `push`
 * with no ref filter at all (which runs for every branch and tag).
 */
function isReleaseWorkflow(workflow: unknown): boolean {
  const events = eventsOf(workflow);
  if (events.includes('release')) {
    return true;
  }
  if (!events.includes('push')) {
    return false;
  }
  const push = eventConfig(workflow, 'push');
  if (!isObject(push)) {
    return true;
  }
  const hasTagFilter = 'tags' in push || 'tags-ignore' in push;
  const hasBranchFilter = 'branches' in push || 'branches-ignore' in push;
  return hasTagFilter || !hasBranchFilter;
}

import { FindingLevel, WorkflowFinding } from '../finding';
import {
  COMMIT_SHA, jobFinding, jobsOf, parseActionReference, show, stepFinding, stepsOfJob, usesOf,
} from '../private/document';
import { IWorkflowRule } from '../rule';

/** `docker://<image>@sha256:<64 hex>` */
const PINNED_DOCKER = /^docker:\/\/[^@\s]+@sha256:[0-9a-f]{64}$/;

/**
 * TSC-W1: every action and reusable workflow is pinned to a full commit SHA, and every
 * `docker://` action to an image digest. A tag or branch can be moved to other code at any
 * time (as in the tj-actions/changed-files compromise); a commit SHA cannot.
 *
 * Local actions (`./…`) come from the checked-out commit and are not checked.
 */
export class UnpinnedActionRule implements IWorkflowRule {
  /** The id of this rule. */
  public static readonly RULE_ID = 'TSC-W1';

  public readonly id = UnpinnedActionRule.RULE_ID;
  public readonly level = FindingLevel.ERROR;
  public readonly description = 'Actions and reusable workflows are pinned to a full commit SHA; docker:// actions to a sha256 digest';

  public check(workflow: { [key: string]: any }): WorkflowFinding[] {
    const findings: WorkflowFinding[] = [];
    for (const job of jobsOf(workflow)) {
      if ('uses' in job.job) {
        const problem = problemOf(job.job.uses);
        if (problem) {
          findings.push(jobFinding(this.id, this.level, job, `uses = ${show(job.job.uses)}: ${problem.rule}`, problem.fix));
        }
      }
      for (const step of stepsOfJob(job)) {
        if ('uses' in step.step) {
          const problem = problemOf(step.step.uses);
          if (problem) {
            findings.push(stepFinding(this.id, this.level, step, `uses = ${show(step.step.uses)}: ${problem.rule}`, problem.fix));
          }
        }
      }
    }
    return findings;
  }
}

function problemOf(value: unknown): { rule: string; fix: string } | undefined {
  const uses = usesOf({ uses: value });
  if (uses === undefined) {
    return { rule: 'must be a string naming the action', fix: 'write owner/repo@<40-hex commit SHA>' };
  }
  if (uses.startsWith('./')) {
    return undefined;
  }
  if (uses.startsWith('docker://')) {
    return PINNED_DOCKER.test(uses) ? undefined : {
      rule: 'a docker:// action must be pinned to an image digest; a tag can be moved to another image',
      fix: 'use docker://<image>@sha256:<digest> (crane digest <image>)',
    };
  }
  const reference = parseActionReference(uses);
  if (reference && COMMIT_SHA.test(reference.ref)) {
    return undefined;
  }
  return {
    rule: 'not pinned to a full 40-character commit SHA; a tag or branch can be moved to other code',
    fix: 'pin it to the commit of a reviewed release tag: owner/repo@<40-hex SHA> # vX.Y.Z (git rev-parse <tag>^{commit})',
  };
}

import { PINNED_ACTIONS } from '../../pinned-actions';
import { FindingLevel, WorkflowFinding } from '../finding';
import {
  COMMIT_SHA, jobFinding, jobsOf, parseActionReference, show, stepFinding, stepsOfJob, usesOf,
} from '../private/document';
import { IWorkflowRule } from '../rule';

/**
 * An action commit that has been reviewed: the commit of a release tag in the action's own
 * repository.
 */
export interface ReviewedActionPin {
  /** `owner/repo`, e.g. `actions/checkout`. */
  readonly githubRepository: string;
  /** Full 40-hex commit SHA of the release tag. */
  readonly commit: string;
  /** The release tag, e.g. `v7.0.1`. */
  readonly version: string;
}

/**
 * Properties of an {@link UnreviewedActionPinRule}.
 */
export interface UnreviewedActionPinRuleProps {
  /**
   * Further reviewed pins, on top of the library's table (the actions the generated
   * workflows use).
   * @default - only the library's table
   */
  readonly additionalPins?: ReviewedActionPin[];
}

/**
 * TSC-W2: every SHA-pinned action and reusable workflow uses a commit from the reviewed table.
 *
 * A full SHA alone proves nothing about where the code comes from: GitHub resolves a commit of
 * any fork in the repository's fork network under the parent's name ("impostor commit"), so
 * `actions/checkout@<sha of a fork's commit>` runs the fork's code. Only a SHA someone resolved
 * from the action's release tag is trustworthy, hence an error rather than a warning;
 * acknowledge it (with the reason) or add the pin to `additionalPins` after review.
 */
export class UnreviewedActionPinRule implements IWorkflowRule {
  /** The id of this rule. */
  public static readonly RULE_ID = 'TSC-W2';

  public readonly id = UnreviewedActionPinRule.RULE_ID;
  public readonly level = FindingLevel.ERROR;
  public readonly description = 'SHA-pinned actions use a commit from the reviewed table of release tags';

  private readonly pins: ReviewedActionPin[];

  constructor(props: UnreviewedActionPinRuleProps = {}) {
    this.pins = [...PINNED_ACTIONS, ...(props.additionalPins ?? [])];
  }

  public check(workflow: { [key: string]: any }): WorkflowFinding[] {
    const findings: WorkflowFinding[] = [];
    for (const job of jobsOf(workflow)) {
      const jobProblem = this.problemOf(usesOf(job.job));
      if (jobProblem) {
        findings.push(jobFinding(this.id, this.level, job, `uses = ${show(job.job.uses)}: ${jobProblem}`, FIX));
      }
      for (const step of stepsOfJob(job)) {
        const problem = this.problemOf(usesOf(step.step));
        if (problem) {
          findings.push(stepFinding(this.id, this.level, step, `uses = ${show(step.step.uses)}: ${problem}`, FIX));
        }
      }
    }
    return findings;
  }

  private problemOf(uses: string | undefined): string | undefined {
    const reference = uses === undefined ? undefined : parseActionReference(uses);
    if (!reference || !COMMIT_SHA.test(reference.ref)) {
      return undefined; // not SHA-pinned: TSC-W1's concern
    }
    const known = this.pins.filter((p) => p.githubRepository.toLowerCase() === reference.repository);
    if (known.some((p) => p.commit === reference.ref)) {
      return undefined;
    }
    if (known.length === 0) {
      return `${reference.repository} is not in the reviewed table of actions, so nobody checked that this commit belongs to one of its release tags`;
    }
    return `the commit is not the reviewed one of ${reference.repository} (${known.map((p) => `${p.version} = ${p.commit}`).join(', ')}); `
      + 'a SHA from any fork resolves under the parent repository\'s name';
  }
}

const FIX = 'use the reviewed pin, or resolve the release tag in the action\'s own repository (git rev-parse <tag>^{commit}) '
  + 'and add it to the reviewed table (UnreviewedActionPinRule additionalPins)';

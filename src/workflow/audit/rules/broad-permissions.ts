import { FindingLevel, WorkflowFinding } from '../finding';
import {
  inputOf, isObject, JobEntry, jobFinding, jobsOf, jobUsesAction, logicalLines, runOf, show, stepsOfJob, stepUsesAction,
} from '../private/document';
import { IWorkflowRule } from '../rule';

/** The release action that needs `contents: write`. */
const RELEASE_ACTION = 'softprops/action-gh-release';
/** The attestation actions that need `id-token: write` and `attestations: write`. */
const ATTEST_ACTIONS = ['actions/attest-build-provenance', 'actions/attest', 'actions/attest-sbom'];
/** Shell commands that push an image. */
const PUSH_COMMAND = /\b(?:docker\s+(?:image\s+)?push|docker\s+buildx\s+build\b.*--push|crane\s+(?:push|copy|cp|append|mutate|tag)|oras\s+push|skopeo\s+copy|podman\s+push|buildah\s+push)\b/;

/**
 * TSC-W5: no job asks for more than it needs.
 *
 * `write-all` and `read-all` are rejected, and `write` is allowed only for:
 * - `contents: write` in a job that creates a release (uses `softprops/action-gh-release`);
 * - `packages: write` in a job that pushes to ghcr.io;
 * - `id-token: write` and `attestations: write` in a job that attests
 *   (`actions/attest-build-provenance`).
 *
 * The top-level `permissions` is TSC-W3's concern.
 */
export class BroadPermissionsRule implements IWorkflowRule {
  /** The id of this rule. */
  public static readonly RULE_ID = 'TSC-W5';

  public readonly id = BroadPermissionsRule.RULE_ID;
  public readonly level = FindingLevel.ERROR;
  public readonly description = 'Jobs ask only for the write permissions their steps need';

  public check(workflow: { [key: string]: any }): WorkflowFinding[] {
    const findings: WorkflowFinding[] = [];
    for (const job of jobsOf(workflow)) {
      if (!('permissions' in job.job)) {
        continue; // TSC-W4's concern
      }
      const permissions = job.job.permissions;
      if (!isObject(permissions)) {
        findings.push(jobFinding(this.id, this.level, job,
          `permissions = ${show(permissions)}: grants ${permissions === 'read-all' ? 'read access to every scope' : permissions === 'write-all' ? 'write access to every scope' : 'an unknown set of scopes'}`,
          'list only the scopes the job needs, e.g. permissions: { contents: read }'));
        continue;
      }
      for (const [scope, access] of Object.entries(permissions)) {
        if (access !== 'write') {
          continue;
        }
        if (!writeIsNeeded(job, scope)) {
          findings.push(jobFinding(this.id, this.level, job,
            `permissions.${scope} = "write": ${ALLOWED[scope] ?? OTHER_SCOPES}`,
            'remove it, or lower it to read'));
        }
      }
    }
    return findings;
  }
}

/** Whether a step of the job needs write access to `scope`. */
function writeIsNeeded(job: JobEntry, scope: string): boolean {
  switch (scope) {
    case 'contents':
      return jobUsesAction(job, RELEASE_ACTION);
    case 'packages':
      return pushesToGhcr(job);
    case 'id-token':
    case 'attestations':
      return jobUsesAction(job, ...ATTEST_ACTIONS);
    default:
      return false;
  }
}

/** The rule for every other scope. */
const OTHER_SCOPES = 'write access is granted only for contents (to create a release), '
  + 'packages (to push to ghcr.io), id-token and attestations (to attest provenance)';

/** The rule for each scope that may be written in some job. */
const ALLOWED: { [scope: string]: string } = {
  'contents': `only a job that creates the release (${RELEASE_ACTION}) may write contents`,
  'packages': 'only a job that pushes an image to ghcr.io may write packages',
  'id-token': `only a job that attests provenance (${ATTEST_ACTIONS[0]}) may request an OIDC token`,
  'attestations': `only a job that attests provenance (${ATTEST_ACTIONS[0]}) may write attestations`,
};

/**
 * Whether a step of the job pushes an image to ghcr.io: build-push-action with `push: true` and a
 * ghcr.io tag, or a push command whose line (or the step's or job's env) names ghcr.io.
 */
function pushesToGhcr(job: JobEntry): boolean {
  const jobEnv = envText(job.job);
  return stepsOfJob(job).some(({ step }) => {
    if (stepUsesAction(step, 'docker/build-push-action')) {
      const push = inputOf(step, 'push');
      const targets = `${String(inputOf(step, 'tags') ?? '')}\n${String(inputOf(step, 'outputs') ?? '')}`;
      return (push === true || push === 'true' || /type=(?:image|registry)[^\n]*push=true/.test(targets)) && /\bghcr\.io\//.test(targets);
    }
    const run = runOf(step);
    const env = `${jobEnv}\n${envText(step)}`;
    return run !== undefined && logicalLines(run).some((line) => PUSH_COMMAND.test(line) && /\bghcr\.io\//.test(`${line}\n${env}`));
  });
}

function envText(node: { [key: string]: any }): string {
  return isObject(node.env) ? Object.values(node.env).map(String).join('\n') : '';
}

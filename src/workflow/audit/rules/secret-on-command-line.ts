import { FindingLevel, WorkflowFinding } from '../finding';
import {
  expressionsIn, inputOf, logicalLines, runOf, show, stepFinding, stepsOf, usesOf,
} from '../private/document';
import { IWorkflowRule } from '../rule';

/** A reference to the secrets context (inside an expression). */
const SECRETS = /\bsecrets\b/;
/** A registry login command. */
const LOGIN = /\b(?:docker|podman|buildah|skopeo|oras|helm\s+registry|crane\s+auth)\s+login\b/;
/** A password flag: `-p VALUE`, `-pVALUE`, `-p=VALUE`, `--password VALUE`, `--password=VALUE` (not `--password-stdin`). */
const PASSWORD_FLAG = /(?:^|\s)(?:-p(?:\s|=|[^\s-]|$)|--password(?:\s|=|$))/;

/**
 * TSC-W10: no secret on a command line. A secret referenced in a `run:` script (or in the
 * `args` of a `docker://` action) becomes part of the script text; a password passed as
 * `docker login -p` / `crane auth login --password` is visible in the process list and in
 * shell traces (`set -x`).
 */
export class SecretOnCommandLineRule implements IWorkflowRule {
  /** The id of this rule. */
  public static readonly RULE_ID = 'TSC-W10';

  public readonly id = SecretOnCommandLineRule.RULE_ID;
  public readonly level = FindingLevel.ERROR;
  public readonly description = 'Secrets never appear in run: scripts or on a login command line';

  public check(workflow: { [key: string]: any }): WorkflowFinding[] {
    const findings: WorkflowFinding[] = [];
    for (const step of stepsOf(workflow)) {
      const run = runOf(step.step);
      const inRun = secretExpressions(run);
      if (inRun.length > 0) {
        findings.push(stepFinding(this.id, this.level, step,
          `run contains ${inRun.map(show).join(', ')}: the secret is pasted into the script text`,
          'pass it through env: (env: { TOKEN: ${{ secrets.NAME }} }) and read "${TOKEN}", or use a login action such as docker/login-action'));
      }
      const args = inputOf(step.step, 'args');
      const inArgs = usesOf(step.step)?.startsWith('docker://') ? secretExpressions(typeof args === 'string' ? args : undefined) : [];
      if (inArgs.length > 0) {
        findings.push(stepFinding(this.id, this.level, step,
          `with.args contains ${inArgs.map(show).join(', ')}: a docker:// action gets its args on the container's command line`,
          'pass the secret through env: and read it from the environment inside the container'));
      }
      for (const line of run === undefined ? [] : logicalLines(run)) {
        if (LOGIN.test(line) && PASSWORD_FLAG.test(line.slice(line.search(LOGIN)))) {
          findings.push(stepFinding(this.id, this.level, step,
            `run contains ${show(line.trim())}: a password on the command line is visible in the process list and in shell traces`,
            'pipe it instead: printf \'%s\' "${TOKEN}" | docker login --username "${USERNAME}" --password-stdin (crane auth login --password-stdin), or use docker/login-action'));
        }
      }
    }
    return findings;
  }
}

/** The expressions of `text` that read the secrets context. */
function secretExpressions(text: string | undefined): string[] {
  return text === undefined ? [] : expressionsIn(text).filter((e) => SECRETS.test(e));
}

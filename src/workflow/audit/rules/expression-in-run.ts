import { FindingLevel, WorkflowFinding } from '../finding';
import {
  expressionsIn, inputOf, runOf, show, stepFinding, stepsOf, stepUsesAction,
} from '../private/document';
import { IWorkflowRule } from '../rule';

/**
 * TSC-W6: no `${{ … }}` expression inside a `run:` script (or an `actions/github-script`
 * script). Expressions are substituted into the script text before the shell runs, so a
 * crafted value (a branch or tag name, a pull-request title, a step output) becomes code.
 */
export class ExpressionInRunRule implements IWorkflowRule {
  /** The id of this rule. */
  public static readonly RULE_ID = 'TSC-W6';

  public readonly id = ExpressionInRunRule.RULE_ID;
  public readonly level = FindingLevel.ERROR;
  public readonly description = 'No ${{ }} expression inside run: scripts; values reach scripts through env:';

  public check(workflow: { [key: string]: any }): WorkflowFinding[] {
    const findings: WorkflowFinding[] = [];
    for (const step of stepsOf(workflow)) {
      const run = runOf(step.step);
      const script = stepUsesAction(step.step, 'actions/github-script') ? inputOf(step.step, 'script') : undefined;
      for (const [key, text] of [['run', run], ['with.script', typeof script === 'string' ? script : undefined]] as const) {
        const expressions = text === undefined ? [] : expressionsIn(text);
        if (expressions.length > 0) {
          findings.push(stepFinding(this.id, this.level, step,
            `${key} contains ${expressions.map(show).join(', ')}: an expression is pasted into the script text before it runs, so a crafted value becomes code`,
            `pass the value through env: (e.g. env: { VALUE: ${show(expressions[0])} }) and read "\${VALUE}" in the script`));
        }
      }
    }
    return findings;
  }
}

import { Acknowledgement } from './acknowledgement';
import { FindingLevel, WorkflowFinding } from './finding';
import { isObject } from './private/document';
import { IWorkflowRule } from './rule';
import {
  BroadPermissionsRule, CheckoutCredentialsRule, DangerousTriggerRule, ExpressionInRunRule, JobPermissionsRule, JobTimeoutRule,
  ReleaseConcurrencyRule, ReviewedActionPin, SecretOnCommandLineRule, SecretsInheritRule, UnpinnedActionRule, UnreviewedActionPinRule,
  WorkflowPermissionsRule,
} from './rules';
import { freeTextProblem, sanitizeForComment, visibleLength } from '../../private/text';
import { failWith, renderValue } from '../../private/validation';

/**
 * Options of the built-in rules.
 */
export interface BuiltInRulesOptions {
  /**
   * Reviewed action pins on top of the library's table, for TSC-W2: e.g. the project's own
   * pins (`ReleaseWorkflow` `actionPins`).
   * @default - only the library's table
   */
  readonly additionalPins?: ReviewedActionPin[];
}

/**
 * Properties of a {@link WorkflowAudit}.
 */
export interface WorkflowAuditProps {
  /**
   * The rules to run.
   * @default - every built-in rule (`WorkflowAudit.builtInRules()`)
   */
  readonly rules?: IWorkflowRule[];

  /**
   * Accepted findings, each with its written reason (see `acknowledge`).
   * @default - none
   */
  readonly acknowledgements?: Acknowledgement[];
}

/** Minimum length of an acknowledgement reason. */
const MIN_REASON_LENGTH = 10;
/** A location as printed in findings: keys joined by ".", list indexes in brackets. */
const LOCATION = /^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*|\[(?:0|[1-9][0-9]*)\])*$/;

/** One problem of an acknowledgement or rule list. */
interface AuditProblem {
  readonly field: string;
  readonly value: unknown;
  readonly rule: string;
  readonly fix: string;
}

/**
 * Audits a GitHub Actions workflow document against a pack of rules (cdk-nag style), before it
 * is written.
 *
 * Every finding carries its rule id, level, location and a fix. A finding can be accepted only
 * with a written reason (`acknowledge`); acknowledged findings are still reported, marked as
 * such, so they can be written next to the workflow.
 *
 * @example
 * const audit = new WorkflowAudit();
 * audit.acknowledge('TSC-W5', 'the release job also pushes the installer image to ghcr.io', 'jobs.release');
 * audit.assertCompliant(workflowObject, '.github/workflows/release.yaml');
 */
export class WorkflowAudit {
  /**
   * A fresh instance of every built-in rule (TSC-W1 … TSC-W12), in id order.
   * @param options options of the rules
   */
  public static builtInRules(options: BuiltInRulesOptions = {}): IWorkflowRule[] {
    return [
      new UnpinnedActionRule(),
      new UnreviewedActionPinRule({ additionalPins: options.additionalPins }),
      new WorkflowPermissionsRule(),
      new JobPermissionsRule(),
      new BroadPermissionsRule(),
      new ExpressionInRunRule(),
      new CheckoutCredentialsRule(),
      new DangerousTriggerRule(),
      new SecretsInheritRule(),
      new SecretOnCommandLineRule(),
      new JobTimeoutRule(),
      new ReleaseConcurrencyRule(),
    ];
  }

  private readonly ruleList: IWorkflowRule[];
  private readonly acknowledgementList: Acknowledgement[] = [];

  constructor(props: WorkflowAuditProps = {}) {
    this.ruleList = [...(props.rules ?? WorkflowAudit.builtInRules())];
    const problems: AuditProblem[] = [];
    const seen = new Set<string>();
    this.ruleList.forEach((rule, i) => {
      if (typeof rule !== 'object' || rule === null || typeof rule.check !== 'function') {
        problems.push({ field: `rules[${i}]`, value: rule === null ? null : undefined, rule: 'must be a rule (an object with id, level, description and check())', fix: 'pass an IWorkflowRule, e.g. one of WorkflowAudit.builtInRules()' });
        return;
      }
      const idProblem = typeof rule.id === 'string' ? freeTextProblem(rule.id, { maxCodePoints: 64 }) : undefined;
      if (typeof rule.id !== 'string' || rule.id.trim().length === 0) {
        problems.push({ field: `rules[${i}].id`, value: rule.id, rule: 'a rule needs a non-empty id', fix: 'give the rule a stable id such as "ACME-W1"' });
      } else if (idProblem !== undefined) {
        problems.push({ field: `rules[${i}].id`, value: rule.id, rule: `a rule id ${idProblem} (it is written into the workflow file's comments)`, fix: 'give the rule a stable id such as "ACME-W1"' });
      } else if (seen.has(rule.id)) {
        problems.push({ field: `rules[${i}].id`, value: rule.id, rule: 'rule ids must be unique within an audit', fix: 'remove the duplicate rule or give it its own id' });
      }
      seen.add(rule.id);
    });
    const acknowledgements: unknown = props.acknowledgements ?? [];
    if (!Array.isArray(acknowledgements)) {
      problems.push({ field: 'acknowledgements', value: acknowledgements, rule: 'must be an array of acknowledgements', fix: 'pass [{ ruleId, reason, where }]' });
    } else {
      for (let i = 0; i < acknowledgements.length; i++) {
        const ack = acknowledgements[i];
        if (typeof ack !== 'object' || ack === null) {
          problems.push({ field: `acknowledgements[${i}]`, value: ack === null ? null : undefined, rule: 'an entry is empty (a hole, or a missing or null value)', fix: 'remove the empty entry' });
        } else {
          problems.push(...this.checkAcknowledgement(ack, `acknowledgements[${i}].`));
        }
      }
    }
    throwIfAny('WorkflowAudit is invalid', problems);
    for (const ack of props.acknowledgements ?? []) {
      this.acknowledgementList.push(normalised(ack));
    }
  }

  /** The rules this audit runs. */
  public get rules(): IWorkflowRule[] {
    return [...this.ruleList];
  }

  /** The acknowledgements of this audit. */
  public get acknowledgements(): Acknowledgement[] {
    return [...this.acknowledgementList];
  }

  /**
   * Accepts the findings of one rule, everywhere or at one location, with a written reason.
   *
   * @param ruleId the rule id, e.g. `TSC-W5`
   * @param reason why the finding is acceptable: one line, at least 10 characters
   * @param where a location as printed in findings: a job (`jobs.release`, covering its steps)
   *   or a step (`jobs.release.steps.publish` by its id, `jobs.release.steps[3]` without one); default: every finding of the rule
   */
  public acknowledge(ruleId: string, reason: string, where?: string): void {
    const ack: Acknowledgement = { ruleId, reason, ...(where !== undefined ? { where } : {}) };
    throwIfAny('WorkflowAudit acknowledgement is invalid', this.checkAcknowledgement(ack, ''));
    this.acknowledgementList.push(normalised(ack));
  }

  /**
   * Runs every rule over a workflow document and returns every finding (errors, warnings,
   * acknowledged or not), in rule order, then document order. A rule that throws yields one
   * ERROR finding under its id (location `workflow`) instead of a crash. Then, for each
   * acknowledgement that covers no finding, one ERROR finding under its rule id.
   *
   * @param workflow the workflow document (the object written as YAML)
   */
  public audit(workflow: { [key: string]: any }): WorkflowFinding[] {
    const findings = this.runRules(workflow);
    return [...findings, ...this.unmatchedAcknowledgements([findings])];
  }

  /**
   * Audits the workflow and throws one error listing every unacknowledged ERROR finding
   * (including acknowledgements that match nothing); returns every finding otherwise
   * (including warnings and acknowledged findings).
   *
   * @param workflow the workflow document (the object written as YAML)
   * @param fileName the file it is written to, for the message, e.g. `.github/workflows/release.yaml`
   */
  public assertCompliant(workflow: { [key: string]: any }, fileName: string): WorkflowFinding[] {
    const findings = this.audit(workflow);
    throwIfErrors(JSON.stringify(fileName), findings);
    return findings;
  }

  /**
   * Audits several files written together (e.g. a release and a check workflow): each file must
   * comply, and each acknowledgement must cover a finding in one of them.
   * @returns the findings of each file
   * @internal
   */
  public _assertCompliantFiles(files: ReadonlyArray<readonly [string, { [key: string]: any }]>): Map<string, WorkflowFinding[]> {
    const out = new Map<string, WorkflowFinding[]>();
    for (const [fileName, workflow] of files) {
      const findings = this.runRules(workflow);
      throwIfErrors(JSON.stringify(fileName), findings);
      out.set(fileName, findings);
    }
    throwIfErrors(files.map(([fileName]) => JSON.stringify(fileName)).join(', '), this.unmatchedAcknowledgements([...out.values()]));
    return out;
  }

  /** The findings of every rule over one document, with their acknowledgements. */
  private runRules(workflow: { [key: string]: any }): WorkflowFinding[] {
    if (!isObject(workflow)) {
      throwIfAny('WorkflowAudit cannot audit the workflow', [{
        field: 'workflow', value: workflow, rule: 'must be a workflow document (an object with on and jobs)', fix: 'pass the parsed workflow object',
      }]);
    }
    const findings: WorkflowFinding[] = [];
    for (const rule of this.ruleList) {
      let found: WorkflowFinding[];
      try {
        found = [...rule.check(workflow)];
      } catch (e) {
        // a broken rule must not hide the other rules' findings, nor pass silently
        findings.push({
          ruleId: rule.id,
          level: FindingLevel.ERROR,
          location: 'workflow',
          message: `the rule failed instead of reporting findings: ${e instanceof Error ? e.message : renderValue(e)}`,
          fix: 'fix the rule: check() must return a list of findings and never throw (treat an unexpected shape as absent)',
          acknowledged: false,
        });
        continue;
      }
      for (const finding of found) {
        const ack = this.acknowledgementList.find((a) => a.ruleId === rule.id && covers(a.where, finding.location));
        // a user's rule reports what it likes: its text reaches the workflow file's comments
        findings.push({
          ruleId: rule.id,
          level: finding.level,
          location: sanitizeForComment(String(finding.location)),
          ...(finding.jobId !== undefined ? { jobId: finding.jobId } : {}),
          ...(finding.stepIndex !== undefined ? { stepIndex: finding.stepIndex } : {}),
          ...(finding.stepName !== undefined ? { stepName: sanitizeForComment(String(finding.stepName)) } : {}),
          message: sanitizeForComment(String(finding.message), 2000),
          fix: sanitizeForComment(String(finding.fix), 2000),
          acknowledged: ack !== undefined,
          ...(ack ? { acknowledgementReason: ack.reason } : {}),
        });
      }
    }
    return findings;
  }

  /** One ERROR finding for each acknowledgement that covers no finding of the documents. */
  private unmatchedAcknowledgements(documents: WorkflowFinding[][]): WorkflowFinding[] {
    const all = documents.flat();
    return this.acknowledgementList
      .filter((ack) => !all.some((f) => f.acknowledged && f.ruleId === ack.ruleId && covers(ack.where, f.location)))
      .map((ack) => ({
        ruleId: ack.ruleId,
        level: FindingLevel.ERROR,
        location: ack.where ?? 'workflow',
        message: `the acknowledgement of ${ack.ruleId}${ack.where !== undefined ? ` at ${ack.where}` : ''} (${JSON.stringify(ack.reason)}) matches no finding`
          + ' (a step with an id is located as jobs.<job>.steps.<id>)',
        fix: 'remove the acknowledgement, or give the rule id and location printed with the finding',
        acknowledged: false,
      }));
  }

  private checkAcknowledgement(ack: Acknowledgement, prefix: string): AuditProblem[] {
    const problems: AuditProblem[] = [];
    const ids = this.ruleList.map((r) => r.id);
    if (!ids.includes(ack.ruleId)) {
      problems.push({
        field: `${prefix}ruleId`,
        value: ack.ruleId,
        rule: `is not a rule of this audit (${ids.join(', ')})`,
        fix: 'use the rule id printed with the finding',
      });
    }
    const reason = typeof ack.reason === 'string' ? ack.reason : '';
    const textProblem = visibleLength(reason) > 0 ? freeTextProblem(reason, { maxCodePoints: 500 }) : undefined;
    if (textProblem !== undefined) {
      problems.push({
        field: `${prefix}reason`,
        value: ack.reason,
        rule: `${textProblem}: a reason is one line of plain text, written as a comment into the workflow file`,
        fix: 'write the reason on one line, in plain words',
      });
    } else if (visibleLength(reason) < MIN_REASON_LENGTH) {
      problems.push({
        field: `${prefix}reason`,
        value: ack.reason,
        rule: `a finding can only be acknowledged with a written reason of at least ${MIN_REASON_LENGTH} characters (spaces and invisible characters do not count)`,
        fix: 'say why the finding is acceptable, e.g. "the release job also pushes the installer image to ghcr.io"',
      });
    }
    if (ack.where !== undefined && (typeof ack.where !== 'string' || !LOCATION.test(ack.where))) {
      problems.push({
        field: `${prefix}where`,
        value: ack.where,
        rule: 'must be a location as printed in findings (keys joined by ".", list indexes in brackets)',
        fix: 'use e.g. "jobs.release" (the job and its steps) or "jobs.release.steps[3]" (one step), or omit where',
      });
    }
    return problems;
  }
}

/** An acknowledgement with its reason trimmed. */
function normalised(ack: Acknowledgement): Acknowledgement {
  return { ruleId: ack.ruleId, reason: ack.reason.trim(), ...(ack.where !== undefined ? { where: ack.where } : {}) };
}

/** Whether an acknowledgement at `where` covers a finding at `location`. */
function covers(where: string | undefined, location: string): boolean {
  return where === undefined || location === where || location.startsWith(`${where}.`) || location.startsWith(`${where}[`);
}

/** Throws one error listing every unacknowledged ERROR finding. */
function throwIfErrors(files: string, findings: WorkflowFinding[]): void {
  const errors = findings.filter((f) => f.level === FindingLevel.ERROR && !f.acknowledged);
  if (errors.length > 0) {
    const lines = errors.map((f) => {
      const where = f.stepName !== undefined ? `${f.location} (${JSON.stringify(f.stepName)})` : f.location;
      return `  - ${f.ruleId} ${where}: ${f.message}. Fix: ${f.fix}`;
    });
    failWith('WorkflowAudit', files, `[talos-sbc-constructs] WorkflowAudit of ${files} failed:\n${lines.join('\n')}`,
      errors.map((f) => ({ field: f.location, value: f.ruleId, rule: f.message, fix: f.fix })));
  }
}

function throwIfAny(header: string, problems: AuditProblem[]): void {
  if (problems.length === 0) {
    return;
  }
  const lines = problems.map((p) => `  - ${p.field} = ${renderValue(p.value)}: ${p.rule}. Fix: ${p.fix}`);
  failWith('WorkflowAudit', 'WorkflowAudit', `[talos-sbc-constructs] ${header}:\n${lines.join('\n')}`, problems);
}

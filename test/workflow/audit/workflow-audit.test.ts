import { parse } from 'yaml';
import {
  Architecture, GithubAction, ImageRepository, OverlayBoard, OverlayBoardProps, OverlayBuild, ReleaseWorkflow,
  ReleaseWorkflowProps, Runner,
} from '../../../src';
import {
  FindingLevel, IWorkflowRule, WorkflowAudit, WorkflowFinding,
} from '../../../src/workflow/audit';
import { JobTimeoutRule, UnpinnedActionRule } from '../../../src/workflow/audit/rules';
import { CHECKOUT, usesOf } from '../../../src/workflow/pinned-actions';
import { NANOPI_M6 } from '../../support/fixtures';
import { errorOf, synthWorkflows, tempProject } from '../../support/projen';

/** A tag-triggered workflow with two unpinned actions and a job without timeout. */
function workflowWithFindings(): any {
  return {
    on: { push: { tags: ['v*'] } },
    permissions: {},
    concurrency: { 'group': 'release-${{ github.ref }}', 'cancel-in-progress': false },
    jobs: {
      build: {
        'runs-on': 'ubuntu-24.04',
        'timeout-minutes': 30,
        'permissions': { contents: 'read' },
        'steps': [
          { name: 'Check out', uses: 'actions/checkout@v4', with: { 'persist-credentials': false } },
          { name: 'Build', run: 'make\n' },
        ],
      },
      publish: {
        'runs-on': 'ubuntu-24.04',
        'permissions': {},
        'steps': [{ uses: 'acme/publish@v1' }],
      },
    },
  };
}

describe('WorkflowAudit: findings', () => {
  test('each finding carries rule id, level, location (job, step index, step name), message and fix', () => {
    const findings = new WorkflowAudit().audit(workflowWithFindings());
    expect(findings).toEqual<WorkflowFinding[]>([
      {
        ruleId: 'TSC-W1',
        level: FindingLevel.ERROR,
        location: 'jobs.build.steps[0]',
        jobId: 'build',
        stepIndex: 0,
        stepName: 'Check out',
        message: 'uses = "actions/checkout@v4": not pinned to a full 40-character commit SHA; a tag or branch can be moved to other code',
        fix: 'pin it to the commit of a reviewed release tag: owner/repo@<40-hex SHA> # vX.Y.Z (git rev-parse <tag>^{commit})',
        acknowledged: false,
      },
      {
        ruleId: 'TSC-W1',
        level: FindingLevel.ERROR,
        location: 'jobs.publish.steps[0]',
        jobId: 'publish',
        stepIndex: 0,
        message: 'uses = "acme/publish@v1": not pinned to a full 40-character commit SHA; a tag or branch can be moved to other code',
        fix: 'pin it to the commit of a reviewed release tag: owner/repo@<40-hex SHA> # vX.Y.Z (git rev-parse <tag>^{commit})',
        acknowledged: false,
      },
      {
        ruleId: 'TSC-W11',
        level: FindingLevel.ERROR,
        location: 'jobs.publish',
        jobId: 'publish',
        message: 'timeout-minutes is missing: a hung job holds its runner for 6 hours (GitHub-hosted) or up to 5 days (self-hosted)',
        fix: 'set timeout-minutes to a bit more than the job\'s longest normal run, e.g. timeout-minutes: 60',
        acknowledged: false,
      },
    ]);
  });

  test('assertCompliant throws ONE error listing every unacknowledged error, in rule then document order', () => {
    expect(errorOf(() => new WorkflowAudit().assertCompliant(workflowWithFindings(), '.github/workflows/release.yaml'))).toBe([
      '[talos-sbc-constructs] WorkflowAudit of ".github/workflows/release.yaml" failed:',
      '  - TSC-W1 jobs.build.steps[0] ("Check out"): uses = "actions/checkout@v4": not pinned to a full 40-character commit SHA; a tag or branch can be moved to other code. '
      + 'Fix: pin it to the commit of a reviewed release tag: owner/repo@<40-hex SHA> # vX.Y.Z (git rev-parse <tag>^{commit})',
      '  - TSC-W1 jobs.publish.steps[0]: uses = "acme/publish@v1": not pinned to a full 40-character commit SHA; a tag or branch can be moved to other code. '
      + 'Fix: pin it to the commit of a reviewed release tag: owner/repo@<40-hex SHA> # vX.Y.Z (git rev-parse <tag>^{commit})',
      '  - TSC-W11 jobs.publish: timeout-minutes is missing: a hung job holds its runner for 6 hours (GitHub-hosted) or up to 5 days (self-hosted). '
      + 'Fix: set timeout-minutes to a bit more than the job\'s longest normal run, e.g. timeout-minutes: 60',
    ].join('\n'));
  });

  test('a compliant workflow: assertCompliant returns the (empty) findings', () => {
    const workflow = workflowWithFindings();
    workflow.jobs.build.steps[0].uses = usesOf(CHECKOUT);
    workflow.jobs.publish = { 'runs-on': 'ubuntu-24.04', 'timeout-minutes': 5, 'permissions': {}, 'steps': [{ run: 'true' }] };
    expect(new WorkflowAudit().assertCompliant(workflow, 'release.yaml')).toEqual([]);
  });

  test('warnings are reported but do not fail; custom rules implement IWorkflowRule', () => {
    const nameRule: IWorkflowRule = {
      id: 'ACME-W1',
      level: FindingLevel.WARNING,
      description: 'The workflow has a name',
      check: (workflow) => (workflow.name ? [] : [{
        ruleId: 'ACME-W1', level: FindingLevel.WARNING, location: 'name', message: 'name is missing: the Actions tab shows the file path', fix: 'set name',
      }]),
    };
    const audit = new WorkflowAudit({ rules: [...WorkflowAudit.builtInRules(), nameRule] });
    const workflow = workflowWithFindings();
    workflow.jobs.build.steps[0].uses = usesOf(CHECKOUT);
    delete workflow.jobs.publish;
    expect(audit.assertCompliant(workflow, 'release.yaml')).toEqual([{
      ruleId: 'ACME-W1',
      level: FindingLevel.WARNING,
      location: 'name',
      message: 'name is missing: the Actions tab shows the file path',
      fix: 'set name',
      acknowledged: false,
    }]);
  });

  test('only the given rules run', () => {
    const audit = new WorkflowAudit({ rules: [new JobTimeoutRule()] });
    expect(audit.rules.map((r) => r.id)).toEqual(['TSC-W11']);
    expect(audit.audit(workflowWithFindings()).map((f) => f.location)).toEqual(['jobs.publish']);
  });
});

describe('WorkflowAudit: acknowledgements', () => {
  test('with a reason: the finding passes and is still reported, marked acknowledged with its reason', () => {
    const audit = new WorkflowAudit();
    audit.acknowledge('TSC-W1', 'acme/publish is our own action, released from a protected branch', 'jobs.publish');
    audit.acknowledge('TSC-W1', 'checkout v4 is pinned by the org ruleset', 'jobs.build.steps[0]');
    audit.acknowledge('TSC-W11', '  the publish job is bounded by the API\'s own 10-minute timeout  ');
    const findings = audit.assertCompliant(workflowWithFindings(), 'release.yaml');
    expect(findings.map((f) => [f.ruleId, f.location, f.acknowledged, f.acknowledgementReason])).toEqual([
      ['TSC-W1', 'jobs.build.steps[0]', true, 'checkout v4 is pinned by the org ruleset'],
      ['TSC-W1', 'jobs.publish.steps[0]', true, 'acme/publish is our own action, released from a protected branch'],
      ['TSC-W11', 'jobs.publish', true, 'the publish job is bounded by the API\'s own 10-minute timeout'],
    ]);
    expect(audit.acknowledgements).toEqual([
      { ruleId: 'TSC-W1', reason: 'acme/publish is our own action, released from a protected branch', where: 'jobs.publish' },
      { ruleId: 'TSC-W1', reason: 'checkout v4 is pinned by the org ruleset', where: 'jobs.build.steps[0]' },
      { ruleId: 'TSC-W11', reason: 'the publish job is bounded by the API\'s own 10-minute timeout' },
    ]);
  });

  test('an acknowledgement covers only its rule and location', () => {
    const audit = new WorkflowAudit({
      acknowledgements: [{ ruleId: 'TSC-W1', reason: 'acme/publish is our own action', where: 'jobs.publish' }],
    });
    // jobs.build.steps[0] (TSC-W1) and jobs.publish (TSC-W11) are not covered
    expect(errorOf(() => audit.assertCompliant(workflowWithFindings(), 'release.yaml')).split('\n').map((l) => l.slice(0, 30))).toEqual([
      '[talos-sbc-constructs] Workflo',
      '  - TSC-W1 jobs.build.steps[0]',
      '  - TSC-W11 jobs.publish: time',
    ]);
    // "jobs.pub" is not a prefix of "jobs.publish" at a segment boundary
    const partial = new WorkflowAudit({ rules: [new UnpinnedActionRule()], acknowledgements: [{ ruleId: 'TSC-W1', reason: 'our own action, reviewed', where: 'jobs.pub' }] });
    expect(partial.audit(workflowWithFindings()).every((f) => !f.acknowledged)).toBe(true);
  });

  test('without a reason, with a short or blank reason: error', () => {
    const audit = new WorkflowAudit();
    expect(errorOf(() => audit.acknowledge('TSC-W1', ''))).toBe(
      '[talos-sbc-constructs] WorkflowAudit acknowledgement is invalid:\n'
      + '  - reason = "": a finding can only be acknowledged with a written reason of at least 10 characters (spaces and invisible characters do not count). '
      + 'Fix: say why the finding is acceptable, e.g. "the release job also pushes the installer image to ghcr.io"');
    expect(errorOf(() => audit.acknowledge('TSC-W1', 'fine'))).toBe(
      '[talos-sbc-constructs] WorkflowAudit acknowledgement is invalid:\n'
      + '  - reason = "fine": a finding can only be acknowledged with a written reason of at least 10 characters (spaces and invisible characters do not count). '
      + 'Fix: say why the finding is acceptable, e.g. "the release job also pushes the installer image to ghcr.io"');
    expect(errorOf(() => audit.acknowledge('TSC-W1', '            '))).toBe(
      '[talos-sbc-constructs] WorkflowAudit acknowledgement is invalid:\n'
      + '  - reason = "            ": a finding can only be acknowledged with a written reason of at least 10 characters (spaces and invisible characters do not count). '
      + 'Fix: say why the finding is acceptable, e.g. "the release job also pushes the installer image to ghcr.io"');
    expect(errorOf(() => audit.acknowledge('TSC-W1', undefined as any))).toBe(
      '[talos-sbc-constructs] WorkflowAudit acknowledgement is invalid:\n'
      + '  - reason = (not set): a finding can only be acknowledged with a written reason of at least 10 characters (spaces and invisible characters do not count). '
      + 'Fix: say why the finding is acceptable, e.g. "the release job also pushes the installer image to ghcr.io"');
    expect(audit.acknowledgements).toEqual([]);
  });

  test('a reason that would break out of a workflow-file comment, an unknown rule, a bad location: one error naming each', () => {
    const audit = new WorkflowAudit();
    expect(errorOf(() => audit.acknowledge('TSC-W99', 'reviewed by the team\npermissions: write-all', 'jobs/release'))).toBe([
      '[talos-sbc-constructs] WorkflowAudit acknowledgement is invalid:',
      '  - ruleId = "TSC-W99": is not a rule of this audit (TSC-W1, TSC-W2, TSC-W3, TSC-W4, TSC-W5, TSC-W6, TSC-W7, TSC-W8, TSC-W9, TSC-W10, TSC-W11, TSC-W12). '
      + 'Fix: use the rule id printed with the finding',
      '  - reason = "reviewed by the team\\npermissions: write-all": must not contain U+000A (a control character): a reason is one line of plain text, written as a comment into the workflow file. '
      + 'Fix: write the reason on one line, in plain words',
      '  - where = "jobs/release": must be a location as printed in findings (keys joined by ".", list indexes in brackets). '
      + 'Fix: use e.g. "jobs.release" (the job and its steps) or "jobs.release.steps[3]" (one step), or omit where',
    ].join('\n'));
  });

  test('acknowledgements and rules given to the constructor are checked together', () => {
    expect(errorOf(() => new WorkflowAudit({
      rules: [new JobTimeoutRule(), new JobTimeoutRule()],
      acknowledgements: [
        { ruleId: 'TSC-W11', reason: 'ok' },
        { ruleId: 'TSC-W11', reason: 'the job is bounded by the API timeout', where: 'jobs.publish.steps[01]' },
      ],
    }))).toBe([
      '[talos-sbc-constructs] WorkflowAudit is invalid:',
      '  - rules[1].id = "TSC-W11": rule ids must be unique within an audit. Fix: remove the duplicate rule or give it its own id',
      '  - acknowledgements[0].reason = "ok": a finding can only be acknowledged with a written reason of at least 10 characters (spaces and invisible characters do not count). '
      + 'Fix: say why the finding is acceptable, e.g. "the release job also pushes the installer image to ghcr.io"',
      '  - acknowledgements[1].where = "jobs.publish.steps[01]": must be a location as printed in findings (keys joined by ".", list indexes in brackets). '
      + 'Fix: use e.g. "jobs.release" (the job and its steps) or "jobs.release.steps[3]" (one step), or omit where',
    ].join('\n'));
  });
});

describe('WorkflowAudit: the generated release workflows have zero findings', () => {
  const BASE: ReleaseWorkflowProps = {
    overlayImage: ImageRepository.dockerHub('123417', 'talos-sbc-nanopi-m6'),
    overlayBuild: OverlayBuild.pkgfile({ target: 'talos-sbc-rk3588-mainline' }),
  };

  /** Every workflow file the declaration generates, parsed. */
  function generatedFiles(boards: Partial<OverlayBoardProps>[], props: Partial<ReleaseWorkflowProps> = {}): { [path: string]: any } {
    const project = tempProject();
    const overlayBoards = boards.map((b, i) => new OverlayBoard(project, `Board${i}`, { ...NANOPI_M6, ...b }));
    new ReleaseWorkflow(project, 'Release', { ...BASE, ...props, boards: overlayBoards });
    const files = synthWorkflows(project);
    return Object.fromEntries(Object.entries(files).map(([path, yaml]) => [path, parse(yaml)]));
  }

  function generated(boards: Partial<OverlayBoardProps>[], props: Partial<ReleaseWorkflowProps> = {}): any {
    return generatedFiles(boards, props)['.github/workflows/release.yaml'];
  }

  test('NanoPi M6 (Talos v1.10.6, Docker Hub)', () => {
    const workflow = generated([{}]);
    expect(new WorkflowAudit().audit(workflow)).toEqual([]);
    expect(new WorkflowAudit().assertCompliant(workflow, '.github/workflows/release.yaml')).toEqual([]);
  });

  test('other shapes: Talos v1.13, two boards, native arm64 without provenance, self-hosted runners', () => {
    const workflows = [
      generated([{ talosVersion: 'v1.13.9' }]),
      generated([{}, { boardName: 'rock-5b', overlayOptions: { board: 'rock-5b', chipset: 'rk3588' } }]),
      generated([{}], { runner: Runner.githubHosted('ubuntu-24.04-arm'), overlayPlatforms: [Architecture.ARM64], provenance: false }),
      generated([{}], { runner: Runner.selfHosted(['self-hosted', 'linux', 'x64'], Architecture.AMD64) }),
    ];
    for (const workflow of workflows) {
      expect(new WorkflowAudit().audit(workflow)).toEqual([]);
    }
  });

  test('kernel variants, installer images and the pull-request check workflow', () => {
    const files = generatedFiles([{}, { boardName: 'rock-5b', overlayOptions: { board: 'rock-5b', chipset: 'rk3588' } }], {
      variants: [{ name: 'bsp', target: 'talos-sbc-rk3588-bsp' }, { name: 'mainline' }],
      installerImage: ImageRepository.dockerHub('123417', 'talos-installer-nanopi-m6'),
      pullRequestCheck: true,
    });
    expect(Object.keys(files).sort()).toEqual(['.github/workflows/overlay-check.yaml', '.github/workflows/release.yaml']);
    for (const [path, workflow] of Object.entries(files)) {
      expect([path, new WorkflowAudit().audit(workflow)]).toEqual([path, []]);
    }
  });

  test('a project\'s own action pins: TSC-W2 flags them unless they are passed as reviewed pins', () => {
    const pin = { action: GithubAction.CHECKOUT, commit: 'a'.repeat(40), version: 'v7.0.2' };
    const workflow = generated([{}], { actionPins: [pin] });
    const findings = new WorkflowAudit().audit(workflow);
    expect(findings.map((f) => f.ruleId)).toEqual(['TSC-W2']); // one checkout, in the overlay job
    expect(findings[0].jobId).toBe('overlay');
    expect(findings[0].message).toMatch(/^uses = "actions\/checkout@a{40}": the commit is not the reviewed one of actions\/checkout/);
    const reviewed = { githubRepository: pin.action, commit: pin.commit, version: pin.version };
    const audit = new WorkflowAudit({ rules: WorkflowAudit.builtInRules({ additionalPins: [reviewed] }) });
    expect(audit.audit(workflow)).toEqual([]);
  });
});

describe('WorkflowAudit: steps with an id are located by it', () => {
  test('jobs.<job>.steps.<id> for a step with an id (stable when an optional step is added before it), steps[<index>] without', () => {
    const workflow = workflowWithFindings();
    workflow.jobs.build.steps.unshift({ id: 'optional', name: 'Optional', run: 'true\n' });
    workflow.jobs.build.steps[1].id = 'checkout';
    const locations = new WorkflowAudit().audit(workflow).filter((f) => f.ruleId === UnpinnedActionRule.RULE_ID).map((f) => f.location);
    expect(locations).toEqual(['jobs.build.steps.checkout', 'jobs.publish.steps[0]']);
    // an acknowledgement names the step by its id
    const audit = new WorkflowAudit();
    audit.acknowledge(UnpinnedActionRule.RULE_ID, 'the checkout pin is reviewed elsewhere', 'jobs.build.steps.checkout');
    expect(audit.audit(workflow).filter((f) => f.acknowledged).map((f) => f.location)).toEqual(['jobs.build.steps.checkout']);
  });
});

describe('WorkflowAudit: acknowledgements that match nothing, rules that throw', () => {
  test('an acknowledgement that covers no finding is an ERROR naming it (here: a step named by index although it has an id)', () => {
    const workflow = workflowWithFindings();
    workflow.jobs.build.steps[0].id = 'checkout';
    const audit = new WorkflowAudit({ rules: [new UnpinnedActionRule()] });
    audit.acknowledge(UnpinnedActionRule.RULE_ID, 'acme/publish is our own action', 'jobs.publish');
    audit.acknowledge(UnpinnedActionRule.RULE_ID, 'the checkout pin is reviewed elsewhere', 'jobs.build.steps[0]');
    const message = 'the acknowledgement of TSC-W1 at jobs.build.steps[0] ("the checkout pin is reviewed elsewhere") matches no finding'
      + ' (a step with an id is located as jobs.<job>.steps.<id>)';
    const fix = 'remove the acknowledgement, or give the rule id and location printed with the finding';
    expect(audit.audit(workflow).filter((f) => !f.acknowledged)).toEqual<WorkflowFinding[]>([
      {
        ruleId: 'TSC-W1',
        level: FindingLevel.ERROR,
        location: 'jobs.build.steps.checkout',
        jobId: 'build',
        stepIndex: 0,
        stepName: 'Check out',
        message: 'uses = "actions/checkout@v4": not pinned to a full 40-character commit SHA; a tag or branch can be moved to other code',
        fix: 'pin it to the commit of a reviewed release tag: owner/repo@<40-hex SHA> # vX.Y.Z (git rev-parse <tag>^{commit})',
        acknowledged: false,
      },
      { ruleId: 'TSC-W1', level: FindingLevel.ERROR, location: 'jobs.build.steps[0]', message, fix, acknowledged: false },
    ]);
    // acknowledged by its id, the step passes and the acknowledgement is used
    const byId = new WorkflowAudit({
      rules: [new UnpinnedActionRule()],
      acknowledgements: [
        { ruleId: 'TSC-W1', reason: 'acme/publish is our own action', where: 'jobs.publish' },
        { ruleId: 'TSC-W1', reason: 'the checkout pin is reviewed elsewhere', where: 'jobs.build.steps.checkout' },
      ],
    });
    expect(byId.assertCompliant(workflow, 'release.yaml').every((f) => f.acknowledged)).toBe(true);
  });

  test('assertCompliant fails on an unused acknowledgement of a rule without findings', () => {
    const audit = new WorkflowAudit({ rules: [new JobTimeoutRule()], acknowledgements: [{ ruleId: 'TSC-W11', reason: 'bounded by the API timeout' }] });
    const workflow = workflowWithFindings();
    workflow.jobs.publish['timeout-minutes'] = 10;
    expect(errorOf(() => audit.assertCompliant(workflow, 'release.yaml'))).toBe([
      '[talos-sbc-constructs] WorkflowAudit of "release.yaml" failed:',
      '  - TSC-W11 workflow: the acknowledgement of TSC-W11 ("bounded by the API timeout") matches no finding (a step with an id is located as jobs.<job>.steps.<id>). '
      + 'Fix: remove the acknowledgement, or give the rule id and location printed with the finding',
    ].join('\n'));
  });

  test('a rule that throws becomes an ERROR finding under its id; the other rules still report', () => {
    const broken: IWorkflowRule = {
      id: 'ACME-W2',
      level: FindingLevel.WARNING,
      description: 'Reads a field that is not there',
      check: (workflow) => workflow.env.REGION.split(','),
    };
    const audit = new WorkflowAudit({ rules: [broken, new JobTimeoutRule()] });
    const findings = audit.audit(workflowWithFindings());
    expect(findings.map((f) => [f.ruleId, f.level, f.location])).toEqual([
      ['ACME-W2', FindingLevel.ERROR, 'workflow'],
      ['TSC-W11', FindingLevel.ERROR, 'jobs.publish'],
    ]);
    expect(findings[0].message).toMatch(/^the rule failed instead of reporting findings: Cannot read properties of undefined \(reading 'REGION'\)$/);
    expect(errorOf(() => audit.assertCompliant(workflowWithFindings(), 'release.yaml')).split('\n')[1]).toBe(
      '  - ACME-W2 workflow: the rule failed instead of reporting findings: Cannot read properties of undefined (reading \'REGION\'). '
      + 'Fix: fix the rule: check() must return a list of findings and never throw (treat an unexpected shape as absent)');
  });
});

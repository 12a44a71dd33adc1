import { IWorkflowRule, WorkflowAudit } from '../../../src/workflow/audit';
import {
  BroadPermissionsRule, CheckoutCredentialsRule, DangerousTriggerRule, ExpressionInRunRule, JobPermissionsRule, JobTimeoutRule,
  ReleaseConcurrencyRule, SecretOnCommandLineRule, SecretsInheritRule, UnpinnedActionRule, UnreviewedActionPinRule,
  WorkflowPermissionsRule,
} from '../../../src/workflow/audit/rules';
import {
  ATTEST_BUILD_PROVENANCE, BUILD_PUSH, CHECKOUT, DOCKER_LOGIN, GH_RELEASE, usesOf,
} from '../../../src/workflow/pinned-actions';
import { errorOf } from '../../support/projen';

/** A small, compliant, tag-triggered release workflow. */
function compliantWorkflow(): any {
  return {
    name: 'Release',
    on: { push: { tags: ['v*-nanopi-m6'] } },
    permissions: {},
    concurrency: { 'group': 'release-${{ github.ref }}', 'cancel-in-progress': false },
    jobs: {
      build: {
        'runs-on': 'ubuntu-24.04',
        'timeout-minutes': 30,
        'permissions': { contents: 'read' },
        'steps': [
          { name: 'Check out', uses: usesOf(CHECKOUT), with: { 'persist-credentials': false } },
          { name: 'Log in', uses: usesOf(DOCKER_LOGIN), with: { username: '${{ vars.DOCKERHUB_USERNAME }}', password: '${{ secrets.DOCKERHUB_TOKEN }}' } },
          { name: 'Build', env: { REF: '${{ github.ref_name }}' }, run: 'make image TAG="${REF}"\n' },
        ],
      },
      release: {
        'needs': 'build',
        'runs-on': 'ubuntu-24.04',
        'timeout-minutes': 10,
        'permissions': { 'contents': 'write', 'id-token': 'write', 'attestations': 'write' },
        'steps': [
          { name: 'Attest', uses: usesOf(ATTEST_BUILD_PROVENANCE), with: { 'subject-path': 'release/*' } },
          { name: 'Release', uses: usesOf(GH_RELEASE), with: { files: 'release/*' } },
        ],
      },
    },
  };
}

/** The compliant workflow changed by `change`. */
function variant(change: (workflow: any) => void): any {
  const workflow = compliantWorkflow();
  change(workflow);
  return workflow;
}

/** The finding lines `assertCompliant` prints for `rule` alone (empty when compliant). */
function findingLines(rule: IWorkflowRule, workflow: any): string[] {
  const audit = new WorkflowAudit({ rules: [rule] });
  try {
    audit.assertCompliant(workflow, 'release.yaml');
    return [];
  } catch (e) {
    const [header, ...lines] = (e as Error).message.split('\n');
    expect(header).toBe('[talos-sbc-constructs] WorkflowAudit of "release.yaml" failed:');
    return lines;
  }
}

test('the compliant workflow passes every built-in rule', () => {
  expect(new WorkflowAudit().audit(compliantWorkflow())).toEqual([]);
});

test('built-in rules: ids TSC-W1 … TSC-W12, all errors, each described', () => {
  const rules = WorkflowAudit.builtInRules();
  expect(rules.map((r) => r.id)).toEqual(Array.from({ length: 12 }, (_, i) => `TSC-W${i + 1}`));
  for (const rule of rules) {
    expect(rule.level).toBe('error');
    expect(rule.description.length).toBeGreaterThan(20);
  }
});

describe('TSC-W1: actions are pinned to a full commit SHA, docker:// actions to a digest', () => {
  const rule = new UnpinnedActionRule();

  test('Noncompliance 1: tag, branch, short SHA, unpinned docker:// image, unpinned reusable workflow', () => {
    const workflow = variant((w) => {
      w.jobs.build.steps[0].uses = 'actions/checkout@v4';
      w.jobs.build.steps[1].uses = 'docker/login-action@master';
      w.jobs.build.steps.push({ name: 'Short', uses: 'docker/build-push-action@53b7df9' });
      w.jobs.build.steps.push({ name: 'Lint', uses: 'docker://rhysd/actionlint:1.7.7' });
      w.jobs.build.steps.push({ uses: 'some/action' });
      w.jobs.shared = { 'uses': 'acme/workflows/.github/workflows/release.yml@main', 'permissions': {}, 'timeout-minutes': 5 };
    });
    expect(findingLines(rule, workflow)).toEqual([
      '  - TSC-W1 jobs.build.steps[0] ("Check out"): uses = "actions/checkout@v4": not pinned to a full 40-character commit SHA; a tag or branch can be moved to other code. Fix: pin it to the commit of a reviewed release tag: owner/repo@<40-hex SHA> # vX.Y.Z (git rev-parse <tag>^{commit})',
      '  - TSC-W1 jobs.build.steps[1] ("Log in"): uses = "docker/login-action@master": not pinned to a full 40-character commit SHA; a tag or branch can be moved to other code. Fix: pin it to the commit of a reviewed release tag: owner/repo@<40-hex SHA> # vX.Y.Z (git rev-parse <tag>^{commit})',
      '  - TSC-W1 jobs.build.steps[3] ("Short"): uses = "docker/build-push-action@53b7df9": not pinned to a full 40-character commit SHA; a tag or branch can be moved to other code. Fix: pin it to the commit of a reviewed release tag: owner/repo@<40-hex SHA> # vX.Y.Z (git rev-parse <tag>^{commit})',
      '  - TSC-W1 jobs.build.steps[4] ("Lint"): uses = "docker://rhysd/actionlint:1.7.7": a docker:// action must be pinned to an image digest; a tag can be moved to another image. Fix: use docker://<image>@sha256:<digest> (crane digest <image>)',
      '  - TSC-W1 jobs.build.steps[5]: uses = "some/action": not pinned to a full 40-character commit SHA; a tag or branch can be moved to other code. Fix: pin it to the commit of a reviewed release tag: owner/repo@<40-hex SHA> # vX.Y.Z (git rev-parse <tag>^{commit})',
      '  - TSC-W1 jobs.shared: uses = "acme/workflows/.github/workflows/release.yml@main": not pinned to a full 40-character commit SHA; a tag or branch can be moved to other code. Fix: pin it to the commit of a reviewed release tag: owner/repo@<40-hex SHA> # vX.Y.Z (git rev-parse <tag>^{commit})',
    ]);
  });

  test('Compliance 1: SHA pins, digest-pinned docker://, local actions and reusable workflows', () => {
    const workflow = variant((w) => {
      w.jobs.build.steps.push({ name: 'Lint', uses: `docker://rhysd/actionlint@sha256:${'a'.repeat(64)}` });
      w.jobs.build.steps.push({ name: 'Local', uses: './.github/actions/prepare' });
      w.jobs.shared = { uses: './.github/workflows/shared.yml', permissions: {} };
      w.jobs.pinned = { uses: `acme/workflows/.github/workflows/release.yml@${'b'.repeat(40)}`, permissions: {} };
    });
    expect(findingLines(rule, workflow)).toEqual([]);
  });
});

describe('TSC-W2: SHA-pinned actions use a reviewed commit', () => {
  const rule = new UnreviewedActionPinRule();
  const forkCommit = 'ffffffffffffffffffffffffffffffffffffffff';

  test('Noncompliance 1: a commit of a reviewed action that is not the reviewed one, and an action not in the table', () => {
    const workflow = variant((w) => {
      w.jobs.build.steps[0].uses = `actions/checkout@${forkCommit}`;
      w.jobs.build.steps.push({ name: 'Cache', uses: `actions/cache@${'c'.repeat(40)}` });
    });
    expect(findingLines(rule, workflow)).toEqual([
      '  - TSC-W2 jobs.build.steps[0] ("Check out"): uses = "actions/checkout@ffffffffffffffffffffffffffffffffffffffff": the commit is not the reviewed one of actions/checkout (v7.0.1 = 3d3c42e5aac5ba805825da76410c181273ba90b1); a SHA from any fork resolves under the parent repository\'s name. Fix: use the reviewed pin, or resolve the release tag in the action\'s own repository (git rev-parse <tag>^{commit}) and add it to the reviewed table (UnreviewedActionPinRule additionalPins)',
      '  - TSC-W2 jobs.build.steps[3] ("Cache"): uses = "actions/cache@cccccccccccccccccccccccccccccccccccccccc": actions/cache is not in the reviewed table of actions, so nobody checked that this commit belongs to one of its release tags. Fix: use the reviewed pin, or resolve the release tag in the action\'s own repository (git rev-parse <tag>^{commit}) and add it to the reviewed table (UnreviewedActionPinRule additionalPins)',
    ]);
  });

  test('Compliance 1: reviewed pins, and an extra pin added after review', () => {
    const extra = { githubRepository: 'actions/cache', commit: 'c'.repeat(40), version: 'v4.2.3' };
    const workflow = variant((w) => {
      w.jobs.build.steps.push({ name: 'Cache', uses: `actions/cache@${extra.commit}` });
      w.jobs.build.steps.push({ name: 'Unpinned', uses: 'actions/setup-node@v4' }); // TSC-W1's concern
    });
    expect(findingLines(new UnreviewedActionPinRule({ additionalPins: [extra] }), workflow)).toEqual([]);
    expect(findingLines(rule, compliantWorkflow())).toEqual([]);
  });
});

describe('TSC-W3: permissions: {} at the top', () => {
  const rule = new WorkflowPermissionsRule();

  test('Noncompliance 1: missing', () => {
    expect(findingLines(rule, variant((w) => delete w.permissions))).toEqual([
      '  - TSC-W3 permissions: permissions is missing: every job without its own permissions gets the repository\'s default GITHUB_TOKEN permissions. Fix: set permissions: {} at the top and grant each job only what it needs in its own permissions',
    ]);
  });

  test('Noncompliance 2: write-all, and a map of scopes at the top', () => {
    expect(findingLines(rule, variant((w) => w.permissions = 'write-all'))).toEqual([
      '  - TSC-W3 permissions: permissions = "write-all": must be {} at the top level, so that every job gets only what it declares. Fix: set permissions: {} at the top and grant each job only what it needs in its own permissions',
    ]);
    expect(findingLines(rule, variant((w) => w.permissions = { contents: 'read' }))).toEqual([
      '  - TSC-W3 permissions: permissions = {"contents":"read"}: must be {} at the top level, so that every job gets only what it declares. Fix: set permissions: {} at the top and grant each job only what it needs in its own permissions',
    ]);
  });

  test('Compliance 1: {}', () => {
    expect(findingLines(rule, compliantWorkflow())).toEqual([]);
  });
});

describe('TSC-W4: every job declares its permissions', () => {
  const rule = new JobPermissionsRule();

  test('Noncompliance 1: a job without permissions', () => {
    expect(findingLines(rule, variant((w) => delete w.jobs.build.permissions))).toEqual([
      '  - TSC-W4 jobs.build: permissions is missing: the job inherits the workflow\'s permissions (or the repository default). Fix: declare what the job needs, e.g. permissions: {} or permissions: { contents: read }',
    ]);
  });

  test('Compliance 1: {} counts as declared', () => {
    expect(findingLines(rule, variant((w) => w.jobs.build.permissions = {}))).toEqual([]);
  });
});

describe('TSC-W5: no broad permissions', () => {
  const rule = new BroadPermissionsRule();

  test('Noncompliance 1: write-all, read-all, and writes no step needs', () => {
    const workflow = variant((w) => {
      w.jobs.build.permissions = 'write-all';
      w.jobs.lint = { 'runs-on': 'ubuntu-24.04', 'timeout-minutes': 5, 'permissions': 'read-all', 'steps': [{ run: 'true' }] };
      w.jobs.push = {
        'runs-on': 'ubuntu-24.04',
        'timeout-minutes': 5,
        'permissions': { 'contents': 'write', 'packages': 'write', 'id-token': 'write', 'attestations': 'write', 'pull-requests': 'write' },
        'steps': [{ name: 'Push', uses: usesOf(BUILD_PUSH), with: { push: true, tags: 'docker.io/acme/overlay:v1' } }],
      };
    });
    expect(findingLines(rule, workflow)).toEqual([
      '  - TSC-W5 jobs.build: permissions = "write-all": grants write access to every scope. Fix: list only the scopes the job needs, e.g. permissions: { contents: read }',
      '  - TSC-W5 jobs.lint: permissions = "read-all": grants read access to every scope. Fix: list only the scopes the job needs, e.g. permissions: { contents: read }',
      '  - TSC-W5 jobs.push: permissions.contents = "write": only a job that creates the release (softprops/action-gh-release) may write contents. Fix: remove it, or lower it to read',
      '  - TSC-W5 jobs.push: permissions.packages = "write": only a job that pushes an image to ghcr.io may write packages. Fix: remove it, or lower it to read',
      '  - TSC-W5 jobs.push: permissions.id-token = "write": only a job that attests provenance (actions/attest-build-provenance) may request an OIDC token. Fix: remove it, or lower it to read',
      '  - TSC-W5 jobs.push: permissions.attestations = "write": only a job that attests provenance (actions/attest-build-provenance) may write attestations. Fix: remove it, or lower it to read',
      '  - TSC-W5 jobs.push: permissions.pull-requests = "write": write access is granted only for contents (to create a release), packages (to push to ghcr.io), id-token and attestations (to attest provenance). Fix: remove it, or lower it to read',
    ]);
  });

  test('Compliance 1: contents: write with a release, id-token/attestations with provenance, packages: write with a ghcr.io push', () => {
    const workflow = variant((w) => {
      w.jobs.push = {
        'runs-on': 'ubuntu-24.04',
        'timeout-minutes': 5,
        'permissions': { contents: 'read', packages: 'write' },
        'steps': [{ name: 'Push', uses: usesOf(BUILD_PUSH), with: { push: true, tags: 'ghcr.io/acme/overlay:v1' } }],
      };
      w.jobs.copy = {
        'runs-on': 'ubuntu-24.04',
        'timeout-minutes': 5,
        'permissions': { packages: 'write' },
        'steps': [{ name: 'Copy', env: { TARGET: 'ghcr.io/acme/overlay:v1' }, run: 'crane copy docker.io/acme/overlay:v1 "${TARGET}"' }],
      };
    });
    expect(findingLines(rule, workflow)).toEqual([]);
  });
});

describe('TSC-W6: no expression inside run:', () => {
  const rule = new ExpressionInRunRule();

  test('Noncompliance 1: ${{ }} in a run: script and in an actions/github-script script', () => {
    const workflow = variant((w) => {
      w.jobs.build.steps[2].run = 'make image TAG="${{ github.ref_name }}"\necho "${{ github.event.head_commit.message }}"\n';
      w.jobs.build.steps.push({
        name: 'Comment',
        uses: `actions/github-script@${'d'.repeat(40)}`,
        with: { script: 'core.info("${{ github.event.pull_request.title }}")' },
      });
    });
    expect(findingLines(rule, workflow)).toEqual([
      '  - TSC-W6 jobs.build.steps[2] ("Build"): run contains "${{ github.ref_name }}", "${{ github.event.head_commit.message }}": an expression is pasted into the script text before it runs, so a crafted value becomes code. Fix: pass the value through env: (e.g. env: { VALUE: "${{ github.ref_name }}" }) and read "${VALUE}" in the script',
      '  - TSC-W6 jobs.build.steps[3] ("Comment"): with.script contains "${{ github.event.pull_request.title }}": an expression is pasted into the script text before it runs, so a crafted value becomes code. Fix: pass the value through env: (e.g. env: { VALUE: "${{ github.event.pull_request.title }}" }) and read "${VALUE}" in the script',
    ]);
  });

  test('Compliance 1: expressions only in env: and with:', () => {
    expect(findingLines(rule, compliantWorkflow())).toEqual([]);
  });
});

describe('TSC-W7: actions/checkout with persist-credentials: false', () => {
  const rule = new CheckoutCredentialsRule();

  test('Noncompliance 1: missing, and true', () => {
    const workflow = variant((w) => {
      delete w.jobs.build.steps[0].with;
      w.jobs.release.steps.unshift({ uses: usesOf(CHECKOUT), with: { 'persist-credentials': true } });
    });
    expect(findingLines(rule, workflow)).toEqual([
      '  - TSC-W7 jobs.build.steps[0] ("Check out"): with.persist-credentials = (not set): actions/checkout leaves the GITHUB_TOKEN in .git/config for every later step. Fix: add with: { persist-credentials: false }',
      '  - TSC-W7 jobs.release.steps[0]: with.persist-credentials = true: actions/checkout leaves the GITHUB_TOKEN in .git/config for every later step. Fix: add with: { persist-credentials: false }',
    ]);
  });

  test('Compliance 1: false (boolean or string)', () => {
    const workflow = variant((w) => {
      w.jobs.release.steps.unshift({ uses: usesOf(CHECKOUT), with: { 'persist-credentials': 'false' } });
    });
    expect(findingLines(rule, workflow)).toEqual([]);
  });
});

describe('TSC-W8: no pull_request_target or workflow_run trigger', () => {
  const rule = new DangerousTriggerRule();

  test('Noncompliance 1: pull_request_target (map form) and workflow_run (list form)', () => {
    expect(findingLines(rule, variant((w) => w.on.pull_request_target = { branches: ['main'] }))).toEqual([
      '  - TSC-W8 on.pull_request_target: the pull_request_target trigger runs with a write token and the repository\'s secrets while handling pull requests from forks. Fix: trigger on pull_request (no secrets, read-only token for forks) or on tags, and keep privileged steps out of workflows that touch untrusted code',
    ]);
    expect(findingLines(rule, variant((w) => w.on = ['push', 'workflow_run']))).toEqual([
      '  - TSC-W8 on.workflow_run: the workflow_run trigger runs with a write token and the repository\'s secrets after workflows that forks can trigger, typically on their artifacts. Fix: trigger on pull_request (no secrets, read-only token for forks) or on tags, and keep privileged steps out of workflows that touch untrusted code',
    ]);
  });

  test('Compliance 1: push tags and pull_request', () => {
    expect(findingLines(rule, variant((w) => w.on.pull_request = {}))).toEqual([]);
  });
});

describe('TSC-W9: no secrets: inherit', () => {
  const rule = new SecretsInheritRule();

  test('Noncompliance 1: a reusable-workflow job with secrets: inherit', () => {
    const workflow = variant((w) => {
      w.jobs.shared = { uses: './.github/workflows/shared.yml', permissions: {}, secrets: 'inherit' };
    });
    expect(findingLines(rule, workflow)).toEqual([
      '  - TSC-W9 jobs.shared: secrets = "inherit": hands every secret of the repository and organisation to the called workflow. Fix: pass only what it needs: secrets: { NAME: ${{ secrets.NAME }} }',
    ]);
  });

  test('Compliance 1: named secrets', () => {
    const workflow = variant((w) => {
      w.jobs.shared = { uses: './.github/workflows/shared.yml', permissions: {}, secrets: { TOKEN: '${{ secrets.DOCKERHUB_TOKEN }}' } };
    });
    expect(findingLines(rule, workflow)).toEqual([]);
  });
});

describe('TSC-W10: no secret on a command line', () => {
  const rule = new SecretOnCommandLineRule();

  test('Noncompliance 1: secrets. in run:, docker login -p, crane auth login --password, secrets in docker:// args', () => {
    const workflow = variant((w) => {
      w.jobs.build.steps[2].run = 'echo "${{ secrets.DOCKERHUB_TOKEN }}" > token\n';
      w.jobs.build.steps.push({ name: 'Docker login', env: { TOKEN: '${{ secrets.DOCKERHUB_TOKEN }}' }, run: 'docker login \\\n  -u acme -p "${TOKEN}" docker.io\n' });
      w.jobs.build.steps.push({ name: 'Crane login', env: { TOKEN: '${{ secrets.DOCKERHUB_TOKEN }}' }, run: 'crane auth login index.docker.io -u acme --password="${TOKEN}"\n' });
      w.jobs.build.steps.push({ name: 'Tool', uses: `docker://alpine@sha256:${'e'.repeat(64)}`, with: { args: 'login ${{ secrets.DOCKERHUB_TOKEN }}' } });
    });
    expect(findingLines(rule, workflow)).toEqual([
      '  - TSC-W10 jobs.build.steps[2] ("Build"): run contains "${{ secrets.DOCKERHUB_TOKEN }}": the secret is pasted into the script text. Fix: pass it through env: (env: { TOKEN: ${{ secrets.NAME }} }) and read "${TOKEN}", or use a login action such as docker/login-action',
      '  - TSC-W10 jobs.build.steps[3] ("Docker login"): run contains "docker login -u acme -p \\"${TOKEN}\\" docker.io": a password on the command line is visible in the process list and in shell traces. Fix: pipe it instead: printf \'%s\' "${TOKEN}" | docker login --username "${USERNAME}" --password-stdin (crane auth login --password-stdin), or use docker/login-action',
      '  - TSC-W10 jobs.build.steps[4] ("Crane login"): run contains "crane auth login index.docker.io -u acme --password=\\"${TOKEN}\\"": a password on the command line is visible in the process list and in shell traces. Fix: pipe it instead: printf \'%s\' "${TOKEN}" | docker login --username "${USERNAME}" --password-stdin (crane auth login --password-stdin), or use docker/login-action',
      '  - TSC-W10 jobs.build.steps[5] ("Tool"): with.args contains "${{ secrets.DOCKERHUB_TOKEN }}": a docker:// action gets its args on the container\'s command line. Fix: pass the secret through env: and read it from the environment inside the container',
    ]);
  });

  test('Compliance 1: the login action, --password-stdin, secrets only in env:', () => {
    const workflow = variant((w) => {
      w.jobs.build.steps.push({
        name: 'Login',
        env: { TOKEN: '${{ secrets.DOCKERHUB_TOKEN }}', USERNAME: '${{ vars.DOCKERHUB_USERNAME }}' },
        run: 'printf \'%s\' "${TOKEN}" | docker login --username "${USERNAME}" --password-stdin\n'
          + 'printf \'%s\' "${TOKEN}" | crane auth login index.docker.io -u "${USERNAME}" --password-stdin\n'
          + 'docker buildx build --platform linux/arm64 --push -t docker.io/acme/overlay:v1 .\n'
          + 'sha256sum secrets.txt  # the word alone is not the secrets context\n',
      });
    });
    expect(findingLines(rule, workflow)).toEqual([]);
  });
});

describe('TSC-W11: every job has a timeout', () => {
  const rule = new JobTimeoutRule();

  test('Noncompliance 1: missing, zero, text', () => {
    const workflow = variant((w) => {
      delete w.jobs.build['timeout-minutes'];
      w.jobs.release['timeout-minutes'] = 0;
      w.jobs.lint = { 'runs-on': 'ubuntu-24.04', 'timeout-minutes': 'ten', 'permissions': {}, 'steps': [{ run: 'true' }] };
    });
    expect(findingLines(rule, workflow)).toEqual([
      '  - TSC-W11 jobs.build: timeout-minutes is missing: a hung job holds its runner for 6 hours (GitHub-hosted) or up to 5 days (self-hosted). Fix: set timeout-minutes to a bit more than the job\'s longest normal run, e.g. timeout-minutes: 60',
      '  - TSC-W11 jobs.release: timeout-minutes = 0: must be a positive number of minutes. Fix: set timeout-minutes to a bit more than the job\'s longest normal run, e.g. timeout-minutes: 60',
      '  - TSC-W11 jobs.lint: timeout-minutes = "ten": must be a positive number of minutes. Fix: set timeout-minutes to a bit more than the job\'s longest normal run, e.g. timeout-minutes: 60',
    ]);
  });

  test('Compliance 1: numbers, an expression, and reusable-workflow jobs (which cannot set one)', () => {
    const workflow = variant((w) => {
      w.jobs.lint = { 'runs-on': 'ubuntu-24.04', 'timeout-minutes': '${{ vars.LINT_TIMEOUT }}', 'permissions': {}, 'steps': [{ run: 'true' }] };
      w.jobs.shared = { uses: './.github/workflows/shared.yml', permissions: {} };
    });
    expect(findingLines(rule, workflow)).toEqual([]);
  });
});

describe('TSC-W12: release workflows have a concurrency group that never cancels a run', () => {
  const rule = new ReleaseConcurrencyRule();

  test('Noncompliance 1: a tag-triggered workflow without concurrency', () => {
    expect(findingLines(rule, variant((w) => delete w.concurrency))).toEqual([
      '  - TSC-W12 concurrency: concurrency is missing in a tag-triggered workflow: two runs for the same tag race to push images and create the release. Fix: set concurrency: { group: release-${{ github.ref }}, cancel-in-progress: false }',
    ]);
  });

  test('Noncompliance 2: cancel-in-progress: true (workflow and job), on a bare push trigger and on release', () => {
    const workflow = variant((w) => {
      w.on = 'push';
      w.concurrency['cancel-in-progress'] = true;
      w.jobs.release.concurrency = { 'group': 'publish', 'cancel-in-progress': '${{ github.event_name == \'push\' }}' };
    });
    expect(findingLines(rule, workflow)).toEqual([
      '  - TSC-W12 concurrency: concurrency.cancel-in-progress = true: can cancel a release halfway (images pushed, no release). Fix: set cancel-in-progress: false (a later run for the same ref then waits)',
      '  - TSC-W12 jobs.release: concurrency.cancel-in-progress = "${{ github.event_name == \'push\' }}": can cancel a release job halfway. Fix: set cancel-in-progress: false (a later run for the same ref then waits)',
    ]);
    expect(findingLines(rule, variant((w) => {
      w.on = { release: { types: ['published'] } };
      delete w.concurrency;
    }))).toHaveLength(1);
  });

  test('Compliance 1: cancel-in-progress: false; a group string; branch-only workflows need none', () => {
    expect(findingLines(rule, compliantWorkflow())).toEqual([]);
    expect(findingLines(rule, variant((w) => w.concurrency = 'release-${{ github.ref }}'))).toEqual([]);
    expect(findingLines(rule, variant((w) => {
      w.on = { push: { branches: ['main'] }, pull_request: {} };
      w.concurrency = { 'group': 'ci-${{ github.ref }}', 'cancel-in-progress': true };
    }))).toEqual([]);
  });
});

test('rules tolerate malformed documents', () => {
  const odd: any[] = [
    {},
    { jobs: null },
    { on: 42, jobs: { a: null, b: { steps: 'no' }, c: { steps: [null, 3, { uses: 7 }, { run: 8 }] } } },
    { permissions: null, concurrency: [], jobs: [] },
  ];
  for (const workflow of odd) {
    expect(() => new WorkflowAudit().audit(workflow)).not.toThrow();
  }
  expect(errorOf(() => new WorkflowAudit().audit(null as any))).toBe(
    '[talos-sbc-constructs] WorkflowAudit cannot audit the workflow:\n'
    + '  - workflow = null: must be a workflow document (an object with on and jobs). Fix: pass the parsed workflow object');
});

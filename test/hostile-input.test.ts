/**
 * Hostile-input corpus: invalid declarations of every construct, each with the EXACT error it
 * must produce, and proof that nothing was written.
 *
 * - projen constructs (OverlayBoard, ReleaseWorkflow): each row is a whole `.projenrc.ts`
 *   program (declare, then `project.synth()`) run in a fresh temporary folder; the folder must
 *   stay empty (no `.github`, not even projen's own files).
 * - cdktf constructs (DockerHubRepo, RepoSecrets): each row is a whole settings app (declare
 *   under a `TerraformStack` of `Testing.app()`, then `app.synth()`); the construct must throw
 *   at creation, so `app.synth()` is never reached and the output folder stays empty.
 *
 * Rows marked `gap` are validation gaps found by this corpus: the hostile value is accepted
 * today (or the message is poor). Their `expected` is the proposed message; they run as
 * `test.failing` until the construct is fixed (then jest reports them, and `gap` is removed).
 */
import { existsSync, readdirSync } from 'fs';
import { join } from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { Project } from 'projen';
import { dockerHubRepo, releaseOf, repoSecrets, Row } from './hostile/common';
import { OVERLAY_BOARD_ROWS } from './hostile/overlay-board-rows';
import { RELEASE_WORKFLOW_ROWS } from './hostile/release-workflow-rows';
import { DOCKER_HUB_REPO_ROWS, REPO_SECRETS_ROWS } from './hostile/terraform-rows';
import { tempProject } from './support/projen';

// The rows (one per hostile declaration, with the exact error) are in ./hostile/: the valid
// baselines each row changes in common.ts, then one module per construct.

// ---------------------------------------------------------------------------------------------
// Runners: each row is a whole program
// ---------------------------------------------------------------------------------------------

interface Outcome {
  /** The message of the error the program threw (undefined: no error). */
  readonly message?: string;
  /** Entries of the output folder after the program. */
  readonly written: string[];
  /** Whether `app.synth()` ran (cdktf only). */
  readonly synthesized?: boolean;
}

/** A `.projenrc.ts` program: declare, then synthesise, in a fresh temporary folder. */
function runProjen(declare: (project: Project) => void): Outcome {
  const project = tempProject();
  let message: string | undefined;
  try {
    declare(project);
    project.synth();
  } catch (e) {
    message = (e as Error).message;
  }
  return { message, written: existsSync(project.outdir) ? readdirSync(project.outdir) : [] };
}

/** Every file below `dir` (cdktf creates an empty `stacks` folder when a stack is constructed). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)).map((f) => join(entry.name, f)) : [entry.name]));
}

/** A settings app: declare under a stack of `Testing.app()`, then `app.synth()`. */
function runTerraform(declare: (stack: TerraformStack) => void): Outcome {
  const app = Testing.app();
  const synth = jest.spyOn(app, 'synth');
  let message: string | undefined;
  try {
    declare(new TerraformStack(app, 'settings'));
    app.synth();
  } catch (e) {
    message = (e as Error).message;
  }
  return { message, written: filesUnder(app.outdir), synthesized: synth.mock.calls.length > 0 };
}

function describeRows<S>(name: string, rows: Row<S>[], run: (declare: (scope: S) => void) => Outcome, proof: (outcome: Outcome) => void): void {
  describe(name, () => {
    const rejected = rows.filter((r) => r.gap === undefined);
    const gaps = rows.filter((r) => r.gap !== undefined);
    test.each(rejected)('$title', (row) => {
      const outcome = run(row.declare);
      expect(outcome.message).toBe(row.expected);
      proof(outcome);
    });
    if (gaps.length > 0) {
      // Validation gaps: these fail today (the value is accepted); see each row's `gap`.
      test.failing.each(gaps)('GAP: $title', (row) => {
        const outcome = run(row.declare);
        expect(outcome.message).toBe(row.expected);
        proof(outcome);
      });
    }
  });
}

const nothingWritten = (outcome: Outcome) => {
  expect(outcome.written).toEqual([]); // not even .github or projen's own files
};
const neverSynthesized = (outcome: Outcome) => {
  expect(outcome.synthesized).toBe(false); // the construct threw at creation
  expect(outcome.written).toEqual([]); // no cdk.tf.json, no manifest.json
};

describeRows('OverlayBoard', OVERLAY_BOARD_ROWS, runProjen, nothingWritten);
describeRows('ReleaseWorkflow', RELEASE_WORKFLOW_ROWS, runProjen, nothingWritten);
describeRows('DockerHubRepo (cdktf)', DOCKER_HUB_REPO_ROWS, runTerraform, neverSynthesized);
describeRows('RepoSecrets (cdktf)', REPO_SECRETS_ROWS, runTerraform, neverSynthesized);

// ---------------------------------------------------------------------------------------------
// Terraform templates: in cdk.tf.json every string is a template, so "${…}" and "%{…}" in a
// literal value are evaluated by `terraform apply` (checked with terraform 1.x:
// "${file(\"/etc/hostname\")}" in a resource argument is replaced by the file's content).
// Such text is legitimate in a README, so the fix is to escape it ("$${", "%%{"), not to reject
// it. These are gaps today: the values are written raw.
// ---------------------------------------------------------------------------------------------

interface TemplateRow {
  readonly title: string;
  readonly declare: (stack: TerraformStack) => void;
  /** Reads the written attribute from the synthesised JSON. */
  readonly written: (json: any) => unknown;
  /** The escaped value Terraform turns back into the literal text. */
  readonly expected: string;
}

const first = (resources: { [id: string]: any } | undefined): any => Object.values(resources ?? {})[0];

const TEMPLATE_ROWS: TemplateRow[] = [
  {
    title: 'DockerHubRepo description with ${file(…)} (would publish a local file on Docker Hub)',
    declare: (s) => dockerHubRepo(s, { description: 'Overlay ${file("~/.docker/config.json")}' }),
    written: (json) => first(json.resource.docker_hub_repository).description,
    expected: 'Overlay $${file("~/.docker/config.json")}',
  },
  {
    title: 'DockerHubRepo fullDescription with a %{ } directive (Fn.rawString escapes only "${")',
    declare: (s) => dockerHubRepo(s, { fullDescription: '# Overlay\n%{ if fileexists("/root/.ssh/id_ed25519") }key present%{ endif }\n' }),
    written: (json) => first(json.resource.docker_hub_repository).full_description,
    expected: '# Overlay\n%%{ if fileexists("/root/.ssh/id_ed25519") }key present%%{ endif }\n',
  },
  {
    title: 'RepoSecrets usernameValue with ${file(…)} (would store a local file in an Actions variable)',
    declare: (s) => repoSecrets(s, { usernameValue: '${file("~/.docker/config.json")}' }),
    written: (json) => first(json.resource.github_actions_variable).value,
    expected: '$${file("~/.docker/config.json")}',
  },
  {
    title: 'RepoSecrets variable value with a %{ } directive',
    declare: (s) => repoSecrets(s, { variables: { NOTE: '%{ for k, v in {} }x%{ endfor }' } }),
    written: (json) => (Object.values(json.resource.github_actions_variable) as any[]).find((v) => v.variable_name === 'NOTE').value,
    expected: '%%{ for k, v in {} }x%%{ endfor }',
  },
];

describe('Terraform template injection: literal values are written escaped', () => {
  test.each(TEMPLATE_ROWS)('$title', (row) => {
    const stack = new TerraformStack(Testing.app(), 'settings');
    row.declare(stack);
    expect(row.written(JSON.parse(Testing.synth(stack)))).toBe(row.expected);
  });
});

test('the corpus has at least 40 rows, and every row is unique', () => {
  const all = [...OVERLAY_BOARD_ROWS, ...RELEASE_WORKFLOW_ROWS, ...DOCKER_HUB_REPO_ROWS, ...REPO_SECRETS_ROWS];
  expect(all.length).toBeGreaterThanOrEqual(40);
  expect(new Set(all.map((r) => r.title)).size).toBe(all.length);
  // the baselines themselves are valid: nothing hostile hides in them
  expect(runProjen((p) => releaseOf(p)).message).toBeUndefined();
  expect(runTerraform((s) => {
    dockerHubRepo(s, {});
    repoSecrets(s, {});
  }).message).toBeUndefined();
});

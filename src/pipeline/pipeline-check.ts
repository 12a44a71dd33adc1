import { parse } from 'yaml';
import { OverlayPipeline } from './overlay-pipeline';

/** `${{ vars.NAME }}` / `${{ secrets.NAME }}` reads in a workflow. */
const READ = /\b(vars|secrets)\.([A-Za-z_][A-Za-z0-9_]*)/g;

/** Secrets GitHub provides itself (not created by Terraform). */
const BUILT_IN_SECRETS = new Set(['GITHUB_TOKEN']);

/**
 * What the release workflow reads and pushes, extracted from its YAML.
 */
interface WorkflowSide {
  /** `vars`/`secrets` reads: kind, name, job and the job's environment ('' = none). */
  readonly reads: { kind: 'vars' | 'secrets'; name: string; job: string; environment: string }[];
  /** `on.push.tags` patterns. */
  readonly tagTriggers: string[];
  /** Environments the jobs run in. */
  readonly environments: string[];
  /** Image repositories pushed by `docker/build-push-action` (tag part removed). */
  readonly pushedImages: string[];
}

/**
 * What the settings stack creates, extracted from its `cdk.tf.json`.
 */
interface SettingsSide {
  readonly variables: { name: string; environment: string }[];
  readonly secrets: { name: string; environment: string }[];
  /** Deployment tag policies per environment. */
  readonly tagPolicies: { environment: string; pattern: string }[];
  /** Managed Docker Hub repositories as `docker.io/<namespace>/<name>`. */
  readonly dockerHubRepositories: string[];
}

/**
 * The cross-side check of an overlay repository's pipeline: the release workflow (written by
 * projen) and the settings stack (written by cdktf) must agree, or the first release fails
 * with an empty variable, a missing secret, a rejected deployment or a denied push.
 *
 * Rules: every `vars.X` and `secrets.X` the workflow reads is created by Terraform in a
 * scope the reading job sees (the repository, or the job's environment); the workflow's
 * tag triggers equal the deployment tag policies of every environment its jobs use; every
 * image the workflow pushes is a Docker Hub repository the stack manages.
 *
 * `TalosOverlayProject` runs it at both synths (`npx projen` and the `cdktf.json` app).
 */
export class PipelineCheck {
  /**
   * The problems between a release workflow and a settings stack, one sentence each
   * (empty when they agree).
   * @param workflowYaml the generated workflow file's text
   * @param terraformJson the settings stack's `cdk.tf.json` text
   */
  public static problems(workflowYaml: string, terraformJson: string): string[] {
    return PipelineCheck.problemsOfAll([workflowYaml], terraformJson);
  }

  /**
   * The problems between the release workflows of one repository (e.g. one per release line)
   * and its settings stack: the workflows' tag triggers together must equal each environment's
   * deployment tag policies.
   * @param workflowYamls the generated workflow files' texts
   * @param terraformJson the settings stack's `cdk.tf.json` text
   */
  public static problemsOfAll(workflowYamls: string[], terraformJson: string): string[] {
    const workflow = readWorkflows(workflowYamls);
    return problemsBetween(workflow, readSettings(terraformJson));
  }

  /**
   * The problems between the release workflows and the settings a declaration's settings stack
   * creates, derived from the declaration without synthesising the stack (no cdktf is loaded):
   * what `npx projen` checks. The settings app checks the synthesised stack itself.
   * @param workflowYamls the generated workflow files' texts
   * @param pipeline the derived pipeline (`OverlayPipeline.resolve`)
   */
  public static problemsAgainstPipeline(workflowYamls: string[], pipeline: OverlayPipeline): string[] {
    return problemsBetween(readWorkflows(workflowYamls), settingsOfPipeline(pipeline));
  }

  /**
   * Throws one error listing every problem between the release workflows and the settings the
   * declaration's settings stack creates.
   * @param workflowYamls the generated workflow files' texts
   * @param pipeline the derived pipeline (`OverlayPipeline.resolve`)
   */
  public static verifyAgainstPipeline(workflowYamls: string[], pipeline: OverlayPipeline): void {
    throwIfAny(PipelineCheck.problemsAgainstPipeline(workflowYamls, pipeline));
  }

  /**
   * Throws one error listing every problem between a release workflow and a settings stack.
   * @param workflowYaml the generated workflow file's text
   * @param terraformJson the settings stack's `cdk.tf.json` text
   */
  public static verify(workflowYaml: string, terraformJson: string): void {
    PipelineCheck.verifyAll([workflowYaml], terraformJson);
  }

  /**
   * Throws one error listing every problem between the release workflows of one repository
   * and its settings stack.
   * @param workflowYamls the generated workflow files' texts
   * @param terraformJson the settings stack's `cdk.tf.json` text
   */
  public static verifyAll(workflowYamls: string[], terraformJson: string): void {
    throwIfAny(PipelineCheck.problemsOfAll(workflowYamls, terraformJson));
  }

  private constructor() {}
}

function throwIfAny(problems: string[]): void {
  if (problems.length > 0) {
    throw new Error(`[talos-sbc-constructs] the release workflow and the settings stack disagree:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`
      + 'Fix: declare both from the same TalosOverlayProject options and run "npx projen" and "npx projen settings:synth" again.');
  }
}

function readWorkflows(workflowYamls: string[]): WorkflowSide {
  const sides = workflowYamls.map(readWorkflow);
  return {
    reads: sides.flatMap((w) => w.reads),
    tagTriggers: sides.flatMap((w) => w.tagTriggers),
    environments: [...new Set(sides.flatMap((w) => w.environments))],
    pushedImages: [...new Set(sides.flatMap((w) => w.pushedImages))],
  };
}

/**
 * What `buildSettingsStack` (src/project/settings.ts) creates for a pipeline: the credentials as
 * an environment variable and secret of the release environment, one deployment tag policy per
 * tag pattern, and the overlay (and installer) Docker Hub repositories. A test compares it with
 * the synthesised stack of every example.
 */
function settingsOfPipeline(pipeline: OverlayPipeline): SettingsSide {
  const environment = pipeline.environmentName;
  return {
    variables: [{ name: pipeline.registryCredentials.usernameVariable, environment }],
    secrets: [{ name: pipeline.registryCredentials.tokenSecret, environment }],
    tagPolicies: pipeline.tagPatterns.map((pattern) => ({ environment, pattern })),
    dockerHubRepositories: [pipeline.overlayImage, ...(pipeline.installerImage === undefined ? [] : [pipeline.installerImage])]
      .map((image) => `docker.io/${image.namespace}/${image.name}`),
  };
}

function problemsBetween(workflow: WorkflowSide, settings: SettingsSide): string[] {
  const problems: string[] = [];

  for (const read of workflow.reads) {
    if (read.kind === 'secrets' && BUILT_IN_SECRETS.has(read.name)) {
      continue;
    }
    const created = read.kind === 'vars' ? settings.variables : settings.secrets;
    const what = read.kind === 'vars' ? 'variable' : 'secret';
    const visible = created.some((c) => c.name === read.name && (c.environment === '' || c.environment === read.environment));
    if (!visible) {
      const elsewhere = created.filter((c) => c.name === read.name).map((c) => c.environment === '' ? 'the repository' : `environment "${c.environment}"`);
      const scope = read.environment === '' ? 'the repository (the job has no environment)' : `the repository or environment "${read.environment}"`;
      problems.push(`job "${read.job}" reads ${read.kind}.${read.name}, but the settings stack creates no ${what} ${read.name} in ${scope}`
          + (elsewhere.length > 0 ? ` (only in ${elsewhere.join(', ')})` : ''));
    }
  }

  const triggers = [...new Set(workflow.tagTriggers)].sort();
  for (const environment of workflow.environments) {
    const policies = [...new Set(settings.tagPolicies.filter((p) => p.environment === environment).map((p) => p.pattern))].sort();
    if (JSON.stringify(policies) !== JSON.stringify(triggers)) {
      problems.push(`the workflow runs on tags ${JSON.stringify(triggers)}, but environment "${environment}" lets tags ${JSON.stringify(policies)} deploy`);
    }
  }

  for (const image of workflow.pushedImages) {
    if (!settings.dockerHubRepositories.includes(normaliseImage(image))) {
      problems.push(`the workflow pushes ${image}, but the settings stack manages ${settings.dockerHubRepositories.length > 0 ? settings.dockerHubRepositories.join(', ') : 'no Docker Hub repository'}`);
    }
  }
  return problems;
}

function readWorkflow(text: string): WorkflowSide {
  const doc = parse(text) ?? {};
  const on = doc.on ?? {};
  const tags: unknown = on.push?.tags;
  const tagTriggers = Array.isArray(tags) ? tags.map(String) : [];
  const reads: WorkflowSide['reads'] = [];
  const environments = new Set<string>();
  const pushedImages: string[] = [];
  for (const [job, body] of Object.entries<any>(doc.jobs ?? {})) {
    const env = body?.environment;
    const environment = typeof env === 'string' ? env : typeof env?.name === 'string' ? env.name : '';
    if (environment !== '') {
      environments.add(environment);
    }
    const seen = new Set<string>();
    for (const m of JSON.stringify(body).matchAll(READ)) {
      const key = `${m[1]}.${m[2]}`;
      if (!seen.has(key)) {
        seen.add(key);
        reads.push({ kind: m[1] as 'vars' | 'secrets', name: m[2], job, environment });
      }
    }
    for (const step of body?.steps ?? []) {
      const uses = typeof step?.uses === 'string' ? step.uses : '';
      const push = step?.with?.push;
      if (uses.startsWith('docker/build-push-action@') && (push === true || push === 'true')) {
        for (const tag of String(step.with.tags ?? '').split(/[\n,]/).map((t) => t.trim()).filter((t) => t.length > 0)) {
          pushedImages.push(stripTag(tag));
        }
      }
    }
  }
  return { reads, tagTriggers, environments: [...environments].sort(), pushedImages: [...new Set(pushedImages)] };
}

function readSettings(text: string): SettingsSide {
  const doc = JSON.parse(text);
  const resources = doc.resource ?? {};
  const all = (type: string): any[] => Object.values(resources[type] ?? {});
  return {
    variables: [
      ...all('github_actions_variable').map((r) => ({ name: String(r.variable_name), environment: '' })),
      ...all('github_actions_environment_variable').map((r) => ({ name: String(r.variable_name), environment: String(r.environment) })),
    ],
    secrets: [
      ...all('github_actions_secret').map((r) => ({ name: String(r.secret_name), environment: '' })),
      ...all('github_actions_environment_secret').map((r) => ({ name: String(r.secret_name), environment: String(r.environment) })),
    ],
    tagPolicies: all('github_repository_environment_deployment_policy')
      .filter((r) => typeof r.tag_pattern === 'string')
      .map((r) => ({ environment: String(r.environment), pattern: String(r.tag_pattern) })),
    dockerHubRepositories: all('docker_hub_repository').map((r) => `docker.io/${r.namespace}/${r.name}`),
  };
}

/** `docker.io/ns/name:${{ github.ref_name }}` -> `docker.io/ns/name`. */
function stripTag(reference: string): string {
  const slash = reference.lastIndexOf('/');
  const colon = reference.indexOf(':', slash + 1);
  return colon >= 0 ? reference.slice(0, colon) : reference;
}

/** Docker Hub references without a registry or with `index.docker.io` name `docker.io`. */
function normaliseImage(image: string): string {
  const parts = image.split('/');
  if (parts.length === 2 || !parts[0].includes('.')) {
    return `docker.io/${image}`;
  }
  if (parts[0] === 'index.docker.io' || parts[0] === 'registry-1.docker.io') {
    return ['docker.io', ...parts.slice(1)].join('/');
  }
  return image;
}

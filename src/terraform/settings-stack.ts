import { basename } from 'path';
import { Construct, IConstruct } from 'constructs';
import { Aspects, LocalBackend, TerraformBackend, TerraformProvider, TerraformStack } from './core';
import { DockerHubProvider } from './docker-provider';
import { checkSettingsProps } from './prop-types';
import {
  dockerHubProviderOf,
  githubProviderOf,
  githubProviderVersionConstraint,
  isGithubProvider,
  pinGithubProviderVersion,
  setGithubOwner,
} from './providers';
import { formatProblems, pathOf, Problems } from '../private/validation';

/**
 * Stack names: one folder name under `cdktf.out/stacks/` (no separators, no `..`), so the stack's
 * `cdk.tf.json` cannot be written outside the output directory.
 */
const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/** Default folder of the local state, relative to the project root (git-ignored, see the README). */
export const DEFAULT_STATE_FOLDER = 'terraform-state';

/**
 * From the stack's working directory `<project root>/<output dir>/stacks/<stack>` (where
 * Terraform runs for `cdktf deploy`) back to the project root.
 */
const STACK_DIR_TO_PROJECT_ROOT = '../../..';

/** GitHub user and organisation names. */
const GITHUB_OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/**
 * Properties of a `SettingsStack`.
 */
export interface SettingsStackProps {
  /**
   * Whether the stack declares a `LocalBackend` (with `localStatePath`).
   *
   * Set false to keep the state elsewhere, and declare the backend yourself right after the
   * stack, e.g. `new S3Backend(stack, { bucket, key, region, encrypt: true })`, `new
   * RemoteBackend(stack, {...})` or `new CloudBackend(stack, {...})` from `cdktf`. The state holds
   * every secret value Terraform manages (see `SecretValue`), so an encrypted, access-controlled
   * backend is preferable to a local file. Synthesis fails if no backend is declared (cdktf would
   * otherwise fall back to a local backend with an absolute path).
   * @default true
   * @see https://developer.hashicorp.com/terraform/cdktf/concepts/remote-backends
   */
  readonly localBackend?: boolean;

  /**
   * Path of the local state file, relative to the project root: the folder that holds the output
   * directory (`cdktf.out`, cdktf.json's `output`), i.e. the folder of `cdktf.json`. It must stay
   * inside the project root, outside the output directory (cdktf deletes
   * `cdktf.out/stacks/<stack>` when a stack is renamed or removed, and `cdktf.out` is often
   * committed), and end in `.tfstate` so that the `*.tfstate` ignore rule covers it. The backend
   * path is written relative to the stack's working directory (`../../../<localStatePath>`):
   * cdktf's default would be an absolute path of the machine that synthesised the stack.
   *
   * The state holds every secret value Terraform manages: git-ignore `*.tfstate`,
   * `*.tfstate.backup` and `.terraform/` (and commit `.terraform.lock.hcl`). Only with
   * `localBackend`.
   * @default "terraform-state/<stackName>.tfstate"
   */
  readonly localStatePath?: string;

  /**
   * GitHub user or organisation that owns the repositories, written into the GitHub provider
   * that the stack creates.
   * @default - not written; the provider reads `GITHUB_OWNER` at plan/apply time
   */
  readonly githubOwner?: string;
}

/**
 * A Terraform stack for a pipeline's settings (Docker Hub repository, GitHub Actions variables,
 * secrets, release environment, tag ruleset, Actions policy).
 *
 * - A local backend with a relative state path, unless `localBackend: false` (then declare a
 *   remote backend yourself).
 * - Providers are created on first use by the settings constructs with no credentials in
 *   the configuration: GitHub reads `GITHUB_TOKEN` (or `gh auth token`), docker/docker reads
 *   `DOCKER_USERNAME` / `DOCKER_PASSWORD` (or the `docker login` store).
 * - The GitHub provider's version constraint is `~> 6.12.0` (6.12.x only; the prebuilt binding
 *   pins exactly `6.9.0`), also for a GitHub provider you create yourself; docker/docker is
 *   `~> 0.6.0`. A new provider minor is a deliberate upgrade: re-check the provider schemas
 *   (`scripts/check-provider-schemas.mjs`) and raise the pins together.
 * - The local state lives in `terraform-state/<stack>.tfstate` under the project root, outside
 *   `cdktf.out` (see `localStatePath`).
 *
 * @example
 * const app = new App();
 * const stack = new SettingsStack(app, 'nanopi-m6-settings', { githubOwner: 'talos-sbc' });
 * new DockerHubRepo(stack, 'Overlay', { imageRepository: ImageRepository.dockerHub('123417', 'talos-sbc-nanopi-m6') });
 * app.synth();
 */
export class SettingsStack extends TerraformStack {
  /**
   * The default docker/docker provider of the stack that contains `scope`, created (with id
   * `DockerHubProvider` and no configuration) if the stack has none.
   * @param scope any construct inside a `TerraformStack`
   */
  public static dockerHubProviderOf(scope: IConstruct): DockerHubProvider {
    return dockerHubProviderOf(scope);
  }

  /**
   * The default integrations/github provider of the stack that contains `scope`, created (with id
   * `GithubProvider`, no token, and the stack's `githubOwner` if any) if the stack has none.
   * @param scope any construct inside a `TerraformStack`
   */
  public static githubProviderOf(scope: IConstruct): TerraformProvider {
    return githubProviderOf(scope);
  }

  /**
   * The local state path relative to the project root (the backend path is
   * `../../../<localStatePath>`), or undefined with `localBackend: false`.
   */
  public readonly localStatePath?: string;

  /** The GitHub owner written into the GitHub provider, if any. */
  public readonly githubOwner?: string;

  /**
   * @param scope the cdktf `App`
   * @param id stack name (the output folder `cdktf.out/stacks/<id>`): letters, digits, `_` and `-`
   * @param props stack properties
   */
  constructor(scope: Construct, id: string, props: SettingsStackProps = {}) {
    super(scope, id);
    checkSettingsProps(this, 'SettingsStack', props, { localBackend: 'boolean?', localStatePath: 'string?', githubOwner: 'string?' }, {
      localStatePath: 'use a relative path such as "terraform-state/settings.tfstate"',
      githubOwner: 'use the GitHub user or organisation, e.g. "talos-sbc"',
    }, ['localStatePath', 'githubOwner']);
    const localBackend = props.localBackend ?? true;
    const localStatePath = localBackend ? props.localStatePath ?? `${DEFAULT_STATE_FOLDER}/${id}.tfstate` : undefined;
    validate(this, id, props, localStatePath);

    this.localStatePath = localStatePath;
    this.githubOwner = props.githubOwner;
    if (props.githubOwner !== undefined) {
      setGithubOwner(this, props.githubOwner);
    }
    if (localStatePath !== undefined) {
      new LocalBackend(this, { path: `${STACK_DIR_TO_PROJECT_ROOT}/${localStatePath}` });
    } else {
      this.node.addValidation({ validate: () => this.checkBackend() });
    }

    const stack = this;
    Aspects.of(this).add({
      visit(node: IConstruct) {
        if (TerraformProvider.isTerraformProvider(node) && isGithubProvider(node) && TerraformStack.of(node) === stack) {
          pinGithubProviderVersion(stack, node);
        }
      },
    });
  }

  /**
   * The version constraint written for the GitHub provider: `~> 6.12.0`.
   */
  public get githubProviderVersionConstraint(): string {
    return githubProviderVersionConstraint(this);
  }

  /** With `localBackend: false`: a backend must be declared, and not cdktf's absolute-path fallback. */
  private checkBackend(): string[] {
    const backends = this.node.findAll().filter((c): c is TerraformBackend => TerraformBackend.isBackend(c));
    const fallback = backends.length === 1 && backends[0] instanceof LocalBackend && isAbsolute(localPathOf(backends[0]) ?? '');
    if (backends.length > 0 && !fallback) {
      return [];
    }
    return [formatProblems('SettingsStack', pathOf(this), [{
      field: 'localBackend',
      value: false,
      rule: 'no backend is declared, so cdktf falls back to a local backend with an absolute path of this machine',
      fix: 'declare the backend right after the stack (e.g. new S3Backend(stack, {...}) from cdktf), or remove localBackend: false',
    }])];
  }
}

/** The `path` a local backend writes, if any. */
function localPathOf(backend: TerraformBackend): string | undefined {
  return (backend.toTerraform() as any)?.terraform?.backend?.local?.path;
}

function validate(stack: SettingsStack, id: string, props: SettingsStackProps, localStatePath: string | undefined): void {
  const problems = new Problems('SettingsStack', pathOf(stack));
  const idOk = STACK_NAME.test(id);
  if (!idOk) {
    problems.add('id', id,
      `a stack name is one folder under cdktf.out/stacks/ and must match ${STACK_NAME.source} (no "/", "\\" or "..", which would write cdk.tf.json elsewhere)`,
      'use a name such as "nanopi-m6-settings"');
  }
  if (localStatePath === undefined) {
    if (props.localStatePath !== undefined) {
      problems.add('localStatePath', props.localStatePath, 'applies only to the local backend, and localBackend is false',
        'remove localStatePath, or remove localBackend: false');
    }
  } else if (idOk || props.localStatePath !== undefined) {
    // a default path derived from a bad id is not reported twice
    checkStatePath(problems, stack, localStatePath);
  }
  if (props.githubOwner !== undefined && !GITHUB_OWNER.test(props.githubOwner)) {
    problems.add('githubOwner', props.githubOwner,
      'a GitHub user or organisation name is 1 to 39 letters, digits or single hyphens, not starting or ending with a hyphen',
      'use the owner as in https://github.com/<owner>, or omit it and set GITHUB_OWNER');
  }
  problems.throwIfAny();
}

/** The state path must be a plain relative path inside the project root, outside the output directory. */
function checkStatePath(problems: Problems, stack: SettingsStack, statePath: string): void {
  const segments = statePath.split(/[\\/]/);
  const example = `"${DEFAULT_STATE_FOLDER}/${stack.node.id}.tfstate"`;
  if (statePath.length === 0 || isAbsolute(statePath)) {
    problems.add('localStatePath', statePath,
      'must be a non-empty path relative to the project root (an absolute path bakes one machine\'s layout into cdk.tf.json)',
      `use a path such as ${example}`);
  } else if (segments.some((s) => s === '..' || s === '.' || s === '') || statePath.includes('\\')) {
    problems.add('localStatePath', statePath,
      'must stay inside the project root: no "..", "." or empty segments, and "/" as the separator',
      `use a path such as ${example}`);
  } else if (segments[0] === outputFolderOf(stack)) {
    problems.add('localStatePath', statePath,
      `must be outside the output directory "${segments[0]}": cdktf deletes stacks/<stack> there when a stack is renamed, and the folder is often committed`,
      `use a path such as ${example}`);
  } else if (!statePath.endsWith('.tfstate') || /[\u0000-\u001f\u007f]/.test(statePath)) {
    problems.add('localStatePath', statePath,
      'must end in ".tfstate" (so the *.tfstate ignore rule keeps it out of git) and hold no control characters',
      `use a path such as ${example}`);
  }
}

/** The name of the app's output folder (e.g. `cdktf.out`). */
function outputFolderOf(stack: SettingsStack): string {
  const root = stack.node.root as { outdir?: unknown };
  return typeof root.outdir === 'string' ? basename(root.outdir) : 'cdktf.out';
}

/** Absolute on POSIX or Windows, or home-relative. */
function isAbsolute(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || path.startsWith('~') || /^[A-Za-z]:/.test(path);
}

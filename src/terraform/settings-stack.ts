import { Construct, IConstruct } from 'constructs';
import { Aspects, LocalBackend, TerraformBackend, TerraformProvider, TerraformStack } from './core';
import { DockerHubProvider } from './docker-provider';
import {
  dockerHubProviderOf,
  githubProviderOf,
  githubProviderVersionConstraint,
  isGithubProvider,
  pinGithubProviderVersion,
  setGithubOwner,
} from './providers';
import { formatProblems, pathOf, Problems } from '../private/validation';

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
   * Path of the local state file, relative to the stack's output directory
   * (`cdktf.out/stacks/<stackName>`). Must be relative: cdktf's default writes an absolute path
   * of the machine that synthesised the stack. Only with `localBackend`.
   * @default "terraform.<stackName>.tfstate"
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
 * - The GitHub provider's version constraint is `~> 6.9` (the prebuilt binding pins exactly
 *   `6.9.0`), or `~> 6.11` once `ActionsPermissions` requires SHA pinning, also for a GitHub
 *   provider you create yourself.
 *
 * @example
 * const app = new App();
 * const stack = new SettingsStack(app, 'nanopi-m6-settings', { githubOwner: 'talos-sbc' });
 * new DockerHubRepo(stack, 'Overlay', { repository: ImageRepository.dockerHub('123417', 'talos-sbc-nanopi-m6') });
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

  /** The local state path written into the backend (relative), or undefined with `localBackend: false`. */
  public readonly localStatePath?: string;

  /** The GitHub owner written into the GitHub provider, if any. */
  public readonly githubOwner?: string;

  /**
   * @param scope the cdktf `App`
   * @param id stack name (the output folder `cdktf.out/stacks/<id>`)
   * @param props stack properties
   */
  constructor(scope: Construct, id: string, props: SettingsStackProps = {}) {
    super(scope, id);
    const localBackend = props.localBackend ?? true;
    const localStatePath = localBackend ? props.localStatePath ?? `terraform.${id}.tfstate` : undefined;
    validate(this, props, localStatePath);

    this.localStatePath = localStatePath;
    this.githubOwner = props.githubOwner;
    if (props.githubOwner !== undefined) {
      setGithubOwner(this, props.githubOwner);
    }
    if (localStatePath !== undefined) {
      new LocalBackend(this, { path: localStatePath });
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
   * The version constraint written for the GitHub provider: `~> 6.9`, or `~> 6.11` once a
   * construct of the stack needs `sha_pinning_required`.
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

function validate(stack: SettingsStack, props: SettingsStackProps, localStatePath: string | undefined): void {
  const problems = new Problems('SettingsStack', pathOf(stack));
  if (localStatePath === undefined) {
    if (props.localStatePath !== undefined) {
      problems.add('localStatePath', props.localStatePath, 'applies only to the local backend, and localBackend is false',
        'remove localStatePath, or remove localBackend: false');
    }
  } else if (localStatePath.length === 0 || isAbsolute(localStatePath)) {
    problems.add('localStatePath', localStatePath, 'must be a non-empty relative path (an absolute path bakes one machine\'s layout into cdk.tf.json)',
      `use a path relative to cdktf.out/stacks/${stack.node.id}, e.g. "terraform.${stack.node.id}.tfstate"`);
  }
  if (props.githubOwner !== undefined && !GITHUB_OWNER.test(props.githubOwner)) {
    problems.add('githubOwner', props.githubOwner,
      'a GitHub user or organisation name is 1 to 39 letters, digits or single hyphens, not starting or ending with a hyphen',
      'use the owner as in https://github.com/<owner>, or omit it and set GITHUB_OWNER');
  }
  problems.throwIfAny();
}

/** Absolute on POSIX or Windows, or home-relative. */
function isAbsolute(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || path.startsWith('~') || /^[A-Za-z]:/.test(path);
}

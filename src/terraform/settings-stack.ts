import { Construct, IConstruct } from 'constructs';
import { Aspects, LocalBackend, TerraformProvider, TerraformStack } from './core';
import { DockerHubProvider } from './docker-provider';
import { dockerHubProviderOf, githubProviderOf, isGithubProvider, pinGithubProviderVersion, setGithubOwner } from './providers';
import { pathOf, Problems } from '../private/validation';

/** GitHub user and organisation names. */
const GITHUB_OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/**
 * Properties of a `SettingsStack`.
 */
export interface SettingsStackProps {
  /**
   * Path of the local state file, relative to the stack's output directory
   * (`cdktf.out/stacks/<stackName>`). Must be relative: cdktf's default writes an absolute path
   * of the machine that synthesised the stack.
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
 * A Terraform stack for a pipeline's settings (Docker Hub repository, GitHub Actions variables
 * and secrets).
 *
 * - A local backend with a relative state path.
 * - Providers are created on first use by `DockerHubRepo` / `RepoSecrets` with no credentials in
 *   the configuration: GitHub reads `GITHUB_TOKEN` (or `gh auth token`), docker/docker reads
 *   `DOCKER_USERNAME` / `DOCKER_PASSWORD` (or the `docker login` store).
 * - The GitHub provider's version constraint is `~> 6.9` (the prebuilt binding pins exactly
 *   `6.9.0`), also for a GitHub provider you create yourself.
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

  /** The local state path written into the backend (relative). */
  public readonly localStatePath: string;

  /** The GitHub owner written into the GitHub provider, if any. */
  public readonly githubOwner?: string;

  /**
   * @param scope the cdktf `App`
   * @param id stack name (the output folder `cdktf.out/stacks/<id>`)
   * @param props stack properties
   */
  constructor(scope: Construct, id: string, props: SettingsStackProps = {}) {
    super(scope, id);
    const localStatePath = props.localStatePath ?? `terraform.${id}.tfstate`;
    validate(this, props, localStatePath);

    this.localStatePath = localStatePath;
    this.githubOwner = props.githubOwner;
    if (props.githubOwner !== undefined) {
      setGithubOwner(this, props.githubOwner);
    }
    new LocalBackend(this, { path: localStatePath });

    const stack = this;
    Aspects.of(this).add({
      visit(node: IConstruct) {
        if (TerraformProvider.isTerraformProvider(node) && isGithubProvider(node) && TerraformStack.of(node) === stack) {
          pinGithubProviderVersion(stack, node);
        }
      },
    });
  }
}

function validate(stack: SettingsStack, props: SettingsStackProps, localStatePath: string): void {
  const problems = new Problems('SettingsStack', pathOf(stack));
  if (localStatePath.length === 0 || isAbsolute(localStatePath)) {
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

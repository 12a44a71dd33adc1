import { ActionsEnvironmentSecret } from '@cdktf/provider-github/lib/actions-environment-secret';
import { ActionsEnvironmentVariable } from '@cdktf/provider-github/lib/actions-environment-variable';
import { ActionsSecret } from '@cdktf/provider-github/lib/actions-secret';
import { ActionsVariable } from '@cdktf/provider-github/lib/actions-variable';
import { DataGithubActionsEnvironmentPublicKey } from '@cdktf/provider-github/lib/data-github-actions-environment-public-key';
import { DataGithubActionsPublicKey } from '@cdktf/provider-github/lib/data-github-actions-public-key';
import { Construct } from 'constructs';
import { Annotations, Op, TerraformProvider, TerraformResource, TerraformStack } from './core';
import { checkGithubProvider, checkNotPrototypeKey, checkRepository } from './github-names';
import { checkTerraformText, terraformLiteral } from './literal';
import { checkSettingsProps } from './prop-types';
import { useGithubProvider } from './providers';
import { ReleaseEnvironment } from './release-environment';
import { SecretValue, SecretValueBinding } from './secret-value';
import { RegistryCredentials } from '../image/registry-credentials';
import { checkGithubName } from '../private/names';
import { keyField } from '../private/text';
import { pathOf, Problems } from '../private/validation';

/**
 * Where an Actions variable or secret lives.
 */
export enum ActionsScope {
  /** Repository level: every workflow job of the repository can read it. */
  REPOSITORY = 'repository',
  /**
   * Environment level (`RepoSecretsProps.environment`): only jobs that declare
   * `environment: <name>` and pass its deployment policy (a release tag) can read it.
   */
  ENVIRONMENT = 'environment',
}

/**
 * Properties of `RepoSecrets`.
 */
export interface RepoSecretsProps {
  /**
   * The GitHub repository name, without the owner (the owner comes from the provider:
   * `SettingsStack` `githubOwner`, or `GITHUB_OWNER`), e.g. `talos-sbc-nanopi-m6`.
   */
  readonly githubRepository: string;

  /**
   * Names of the registry credentials, the same object the release workflow reads: creates the
   * Actions variable `credentials.usernameVariable` and the Actions secret `credentials.tokenSecret`.
   */
  readonly credentials: RegistryCredentials;

  /**
   * The registry user name stored in the `credentials.usernameVariable` variable, e.g. `123417`.
   * It is not a secret (workflow logs show it).
   */
  readonly usernameValue: string;

  /**
   * Where the value of the `credentials.tokenSecret` secret comes from.
   * @default SecretValue.fromTerraformVariable() - the sensitive variable named after the secret
   *   in lower case (e.g. `dockerhub_token`, set through `TF_VAR_dockerhub_token`)
   */
  readonly tokenValue?: SecretValue;

  /**
   * The release environment of the repository. When set, the registry token becomes an
   * environment secret (`github_actions_environment_secret`): only jobs that run in the
   * environment, on a tag its deployment policy admits, can read it. The release workflow's
   * publishing jobs must then declare `environment: <environmentName>`.
   * @default - the token is a repository secret
   */
  readonly environment?: ReleaseEnvironment;

  /**
   * Where the `credentials.usernameVariable` variable lives; `ActionsScope.ENVIRONMENT` needs
   * `environment`.
   * @default - `ActionsScope.ENVIRONMENT` with `environment` (next to the token), else
   *   `ActionsScope.REPOSITORY`
   */
  readonly usernameScope?: ActionsScope;

  /**
   * Further Actions variables of the repository: name → value (values are not secret).
   * @default {}
   */
  readonly variables?: { [name: string]: string };

  /**
   * Further Actions secrets of the repository: name → where its value comes from.
   * @default {}
   */
  readonly secrets?: { [name: string]: SecretValue };

  /**
   * Further Actions variables of the environment (needs `environment`): name → value.
   * @default {}
   */
  readonly environmentVariables?: { [name: string]: string };

  /**
   * Further Actions secrets of the environment (needs `environment`): name → where its value
   * comes from. A sealed box must be made against the environment's public key
   * (`GET /repos/{owner}/{repo}/environments/{name}/secrets/public-key`).
   * @default {}
   */
  readonly environmentSecrets?: { [name: string]: SecretValue };

  /**
   * The integrations/github provider to use (a `GithubProvider` of `@cdktf/provider-github`).
   * @default - the stack's default GitHub provider, created with id `GithubProvider` (token from
   *   `GITHUB_TOKEN` or `gh auth token`) if the stack has none
   */
  readonly provider?: TerraformProvider;
}

/**
 * The GitHub Actions variables and secrets of one repository: the registry user name
 * (`github_actions_variable`), the registry token (`github_actions_secret`), and any further ones;
 * with `environment`, the credentials are scoped to the release environment
 * (`github_actions_environment_variable` / `github_actions_environment_secret`).
 *
 * Secret values never appear as literals in the synthesised configuration: they come from a
 * sensitive Terraform variable (`TF_VAR_…`), a sealed box made once offline, or are left
 * unmanaged (`gh secret set`).
 *
 * @example
 * new RepoSecrets(stack, 'Secrets', {
 *   githubRepository: 'talos-sbc-nanopi-m6',
 *   credentials: RegistryCredentials.dockerHub(),
 *   usernameValue: '123417',
 * });
 */
export class RepoSecrets extends Construct {
  /** The GitHub repository name. */
  public readonly githubRepository: string;

  /** The environment the credentials are scoped to, if any (e.g. `release`). */
  public readonly environmentName?: string;

  /** Names of every Actions variable this construct creates (repository and environment level). */
  public readonly variableNames: string[];

  /**
   * Names of every Actions secret this construct declares (repository and environment level),
   * including the unmanaged ones (which must be set with `gh secret set`).
   */
  public readonly secretNames: string[];

  /** Names of the repository-level variables. */
  public readonly repositoryVariableNames: string[];

  /** Names of the repository-level secrets (including unmanaged ones). */
  public readonly repositorySecretNames: string[];

  /** Names of the environment-level variables (empty without `environment`). */
  public readonly environmentVariableNames: string[];

  /** Names of the environment-level secrets, including unmanaged ones (empty without `environment`). */
  public readonly environmentSecretNames: string[];

  /** Names of the secrets Terraform does not manage (set each with `gh secret set <NAME>`). */
  public readonly unmanagedSecretNames: string[];

  /**
   * @param scope parent construct, inside a `TerraformStack`
   * @param id construct id
   * @param props variables and secrets
   */
  constructor(scope: Construct, id: string, props: RepoSecretsProps) {
    super(scope, id);
    const secretFix = 'use SecretValue.fromTerraformVariable(), SecretValue.fromSealedBox(ciphertext, keyId) or SecretValue.unmanaged(); never the secret itself';
    checkSettingsProps(this, 'RepoSecrets', props, {
      githubRepository: 'string',
      credentials: { instance: RegistryCredentials, fix: 'use RegistryCredentials.dockerHub() or RegistryCredentials.usernameAndToken({ ... })' },
      usernameValue: 'string',
      tokenValue: { instance: SecretValue, optional: true, fix: secretFix, secret: true },
      environment: { instance: ReleaseEnvironment, optional: true, fix: 'pass the ReleaseEnvironment construct, or omit environment' },
      usernameScope: { enumObject: ActionsScope, enumName: 'ActionsScope', optional: true },
      variables: 'stringMap?',
      secrets: { instanceMap: SecretValue, fix: secretFix, secret: true },
      environmentVariables: 'stringMap?',
      environmentSecrets: { instanceMap: SecretValue, fix: secretFix, secret: true },
      provider: { instance: TerraformProvider, optional: true, fix: 'pass a GithubProvider from @cdktf/provider-github, or omit provider' },
    }, {
      githubRepository: 'use the repository name as on GitHub, e.g. "talos-sbc-nanopi-m6"',
      usernameValue: 'set the registry user name, e.g. "myuser"',
      variables: 'give each variable a string value',
      environmentVariables: 'give each variable a string value',
    }, ['githubRepository']);

    const env = props.environment;
    const usernameScope = props.usernameScope ?? (env ? ActionsScope.ENVIRONMENT : ActionsScope.REPOSITORY);
    const tokenScope = env ? ActionsScope.ENVIRONMENT : ActionsScope.REPOSITORY;
    const variables: Entry<string>[] = [
      { field: 'credentials.usernameVariable', name: props.credentials.usernameVariable, value: props.usernameValue, valueField: 'usernameValue', scope: usernameScope },
      ...entries('variables', props.variables, ActionsScope.REPOSITORY),
      ...entries('environmentVariables', props.environmentVariables, ActionsScope.ENVIRONMENT),
    ];
    const secrets: Entry<SecretValue>[] = [
      { field: 'credentials.tokenSecret', name: props.credentials.tokenSecret, value: props.tokenValue ?? SecretValue.fromTerraformVariable(), valueField: 'tokenValue', scope: tokenScope },
      ...entries('secrets', props.secrets, ActionsScope.REPOSITORY),
      ...entries('environmentSecrets', props.environmentSecrets, ActionsScope.ENVIRONMENT),
    ];
    validate(this, props, variables, secrets);

    this.githubRepository = props.githubRepository;
    this.environmentName = env?.environmentName;
    const provider = useGithubProvider(this, props.provider);
    const environmentResource = env?.node.defaultChild as TerraformResource | undefined;
    const inEnvironment = () => ({
      provider,
      repository: props.githubRepository,
      environment: env!.environmentName,
      dependsOn: [environmentResource!],
    });

    for (const variable of variables) {
      if (variable.scope === ActionsScope.ENVIRONMENT) {
        new ActionsEnvironmentVariable(this, `EnvironmentVariable-${variable.name}`, {
          ...inEnvironment(),
          variableName: variable.name,
          value: terraformLiteral(variable.value),
        });
      } else {
        new ActionsVariable(this, `Variable-${variable.name}`, {
          provider,
          repository: props.githubRepository,
          variableName: variable.name,
          value: terraformLiteral(variable.value),
        });
      }
    }

    const unmanaged: string[] = [];
    for (const secret of secrets) {
      const inEnv = secret.scope === ActionsScope.ENVIRONMENT;
      const binding = secret.value._bind(this, secret.name);
      if (binding === undefined) {
        unmanaged.push(secret.name);
        const where = inEnv ? ` --env ${env!.environmentName}` : '';
        Annotations.of(this).addInfo(`The secret ${secret.name} is not managed by Terraform: set it with "gh secret set ${secret.name}${where} --repo <owner>/${props.githubRepository}".`);
        continue;
      }
      const lifecycle = binding.keyId === undefined ? undefined : {
        precondition: [{
          condition: Op.eq(this.publicKeyId(provider, props.githubRepository, inEnv ? env : undefined), binding.keyId),
          errorMessage: `The sealed value of the Actions secret ${secret.name} was made against the public key ${binding.keyId}, `
            + `which is no longer the ${inEnv ? `"${env!.environmentName}" environment's` : 'repository\'s'} current key: seal the value again (talos-sbc-seal) and update SecretValue.fromSealedBox().`,
        }],
      };
      const resource = inEnv
        ? new ActionsEnvironmentSecret(this, `EnvironmentSecret-${secret.name}`, { ...inEnvironment(), secretName: secret.name, lifecycle })
        : new ActionsSecret(this, `Secret-${secret.name}`, { provider, repository: props.githubRepository, secretName: secret.name, lifecycle });
      writeSecretValue(resource, binding);
    }

    const names = <T>(list: Entry<T>[], level: ActionsScope) => list.filter((e) => e.scope === level).map((e) => e.name);
    this.variableNames = variables.map((v) => v.name);
    this.secretNames = secrets.map((s) => s.name);
    this.repositoryVariableNames = names(variables, ActionsScope.REPOSITORY);
    this.repositorySecretNames = names(secrets, ActionsScope.REPOSITORY);
    this.environmentVariableNames = names(variables, ActionsScope.ENVIRONMENT);
    this.environmentSecretNames = names(secrets, ActionsScope.ENVIRONMENT);
    this.unmanagedSecretNames = unmanaged;
  }

  /**
   * The `key_id` of the repository's (or environment's) current Actions public key, read by a
   * data source created on first use; a sealed box's precondition compares it with its key id.
   */
  private publicKeyId(provider: TerraformProvider, repository: string, environment: ReleaseEnvironment | undefined): string {
    if (environment === undefined) {
      const existing = this.node.tryFindChild('PublicKey') as DataGithubActionsPublicKey | undefined;
      return (existing ?? new DataGithubActionsPublicKey(this, 'PublicKey', { provider, repository })).keyId;
    }
    const existing = this.node.tryFindChild('EnvironmentPublicKey') as DataGithubActionsEnvironmentPublicKey | undefined;
    return (existing ?? new DataGithubActionsEnvironmentPublicKey(this, 'EnvironmentPublicKey', {
      provider,
      repository,
      environment: environment.environmentName,
      dependsOn: [environment.node.defaultChild as TerraformResource],
    })).keyId;
  }
}

/**
 * Writes the value with the github provider 6.12 attributes, which the prebuilt binding (6.9.0
 * schema) lacks: `value`, or `value_encrypted` with its `key_id`. The 6.9 names
 * `plaintext_value` / `encrypted_value` are deprecated from 6.12, and their `key_id` came from
 * state, not from the sealed box (integrations/terraform-provider-github
 * github/resource_github_actions_secret.go:53-92 @ v6.12.1,
 * github/resource_github_actions_environment_secret.go @ v6.12.1).
 */
function writeSecretValue(resource: TerraformResource, binding: SecretValueBinding): void {
  if (binding.valueEncrypted !== undefined) {
    resource.addOverride('value_encrypted', binding.valueEncrypted);
    resource.addOverride('key_id', binding.keyId);
  } else {
    resource.addOverride('value', binding.value);
  }
}

/** One variable or secret with the prop paths used in messages. */
interface Entry<T> {
  readonly field: string;
  readonly name: string;
  readonly value: T;
  readonly valueField: string;
  readonly scope: ActionsScope;
}

function entries<T>(prop: string, map: { [name: string]: T } | undefined, scope: ActionsScope): Entry<T>[] {
  return Object.entries(map ?? {}).map(([name, value]) => {
    const field = keyField(prop, name);
    return { field, name, value, valueField: field, scope };
  });
}

function validate(construct: RepoSecrets, props: RepoSecretsProps, variables: Entry<string>[], secrets: Entry<SecretValue>[]): void {
  const problems = new Problems('RepoSecrets', pathOf(construct));

  checkRepository(problems, 'githubRepository', props.githubRepository);

  props.credentials._validate(problems, 'credentials');
  for (const variable of variables.slice(1)) {
    if (checkNotPrototypeKey(problems, variable.field, variable.name, 'variable')) {
      checkGithubName(problems, variable.field, variable.name, 'variable');
    }
  }
  for (const secret of secrets.slice(1)) {
    if (checkNotPrototypeKey(problems, secret.field, secret.name, 'secret')) {
      checkGithubName(problems, secret.field, secret.name, 'secret');
    }
  }

  for (const variable of variables) {
    const bytes = Buffer.byteLength(variable.value, 'utf8');
    if (!checkTerraformText(problems, variable.valueField, variable.value)) {
      continue;
    } else if (variable.value.length === 0) {
      problems.add(variable.valueField, variable.value, 'GitHub rejects an empty Actions variable value', 'set a non-empty value');
    } else if (bytes > 48 * 1024) {
      problems.add(variable.valueField, variable.value, `GitHub limits an Actions variable to 48 KB (got ${bytes} bytes)`,
        'store large values in a file in the repository instead');
    }
  }
  for (const secret of secrets) {
    secret.value._validate(problems, secret.valueField, secret.name);
  }

  // Names are case-insensitive on GitHub; a variable and a secret with one name make vars.X and
  // secrets.X easy to confuse. Report each clash once, at the later declaration (the credentials
  // come first, so a clash is reported on the extra variable or secret).
  const seen = new Map<string, string>();
  const all: Entry<unknown>[] = [variables[0], secrets[0], ...variables.slice(1), ...secrets.slice(1)];
  for (const entry of all) {
    const key = entry.name.toUpperCase();
    const first = seen.get(key);
    const alreadyReported = first === 'credentials.usernameVariable' && entry.field === 'credentials.tokenSecret'
      && props.credentials.usernameVariable === props.credentials.tokenSecret;
    if (first !== undefined && !alreadyReported) {
      problems.add(entry.field, entry.name,
        `duplicates ${first}: variable and secret names must be unique in a repository (GitHub compares them case-insensitively)`,
        'give each variable and secret its own name');
    } else if (first === undefined) {
      seen.set(key, entry.field);
    }
  }

  const env = props.environment;
  if (env === undefined) {
    if (props.usernameScope === ActionsScope.ENVIRONMENT) {
      problems.add('usernameScope', 'ActionsScope.ENVIRONMENT', 'an environment-level variable needs environment',
        'pass environment (a ReleaseEnvironment of this repository), or use ActionsScope.REPOSITORY');
    }
    for (const field of ['environmentVariables', 'environmentSecrets'] as const) {
      const names = Object.keys(props[field] ?? {});
      if (names.length > 0) {
        problems.add(field, names, 'environment-level variables and secrets need environment',
          `pass environment (a ReleaseEnvironment of this repository), or move them to ${field === 'environmentVariables' ? 'variables' : 'secrets'}`);
      }
    }
  } else {
    if (env.githubRepository !== props.githubRepository) {
      problems.add('environment', pathOf(env), `the environment belongs to the repository "${env.githubRepository}", not "${props.githubRepository}"`,
        `pass the ReleaseEnvironment of "${props.githubRepository}"`);
    } else if (TerraformStack.of(env) !== TerraformStack.of(construct)) {
      problems.add('environment', pathOf(env), 'the environment must be declared in the same stack as the secrets',
        'create the ReleaseEnvironment in this stack');
    }
  }
  checkGithubProvider(problems, construct, props.provider, 'secrets');
  problems.throwIfAny();
}

import { ActionsSecret } from '@cdktf/provider-github/lib/actions-secret';
import { ActionsVariable } from '@cdktf/provider-github/lib/actions-variable';
import { Construct } from 'constructs';
import { Annotations, TerraformProvider } from './core';
import { githubProviderOf, inSameStack, isGithubProvider } from './providers';
import { SecretValue } from './secret-value';
import { RegistryCredentials } from '../image/registry-credentials';
import { checkGithubName } from '../private/names';
import { pathOf, Problems } from '../private/validation';

/** GitHub repository names (without the owner). */
const GITHUB_REPOSITORY_NAME = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Properties of `RepoSecrets`.
 */
export interface RepoSecretsProps {
  /**
   * The GitHub repository name, without the owner (the owner comes from the provider:
   * `SettingsStack` `githubOwner`, or `GITHUB_OWNER`), e.g. `talos-sbc-nanopi-m6`.
   */
  readonly repository: string;

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
   * The integrations/github provider to use (a `GithubProvider` of `@cdktf/provider-github`).
   * @default - the stack's default GitHub provider, created with id `GithubProvider` (token from
   *   `GITHUB_TOKEN` or `gh auth token`) if the stack has none
   */
  readonly provider?: TerraformProvider;
}

/**
 * The GitHub Actions variables and secrets of one repository: the registry user name
 * (`github_actions_variable`), the registry token (`github_actions_secret`), and any further ones.
 *
 * Secret values never appear as literals in the synthesised configuration: they come from a
 * sensitive Terraform variable (`TF_VAR_…`) or are left unmanaged (`gh secret set`).
 *
 * @example
 * new RepoSecrets(stack, 'Secrets', {
 *   repository: 'talos-sbc-nanopi-m6',
 *   credentials: RegistryCredentials.dockerHub(),
 *   usernameValue: '123417',
 * });
 */
export class RepoSecrets extends Construct {
  /** The GitHub repository name. */
  public readonly repository: string;

  /** Names of every Actions variable this construct creates. */
  public readonly variableNames: string[];

  /**
   * Names of every Actions secret this construct declares for the repository, including the
   * unmanaged ones (which must be set with `gh secret set`).
   */
  public readonly secretNames: string[];

  /** Names of the secrets Terraform does not manage (set each with `gh secret set <NAME>`). */
  public readonly unmanagedSecretNames: string[];

  /**
   * @param scope parent construct, inside a `TerraformStack`
   * @param id construct id
   * @param props variables and secrets
   */
  constructor(scope: Construct, id: string, props: RepoSecretsProps) {
    super(scope, id);

    const variables: Entry<string>[] = [
      { field: 'credentials.usernameVariable', name: props.credentials.usernameVariable, value: props.usernameValue, valueField: 'usernameValue' },
      ...Object.entries(props.variables ?? {}).map(([name, value]) => ({ field: `variables.${name}`, name, value, valueField: `variables.${name}` })),
    ];
    const secrets: Entry<SecretValue>[] = [
      { field: 'credentials.tokenSecret', name: props.credentials.tokenSecret, value: props.tokenValue ?? SecretValue.fromTerraformVariable(), valueField: 'tokenValue' },
      ...Object.entries(props.secrets ?? {}).map(([name, value]) => ({ field: `secrets.${name}`, name, value, valueField: `secrets.${name}` })),
    ];
    validate(this, props, variables, secrets);

    this.repository = props.repository;
    const provider = props.provider ?? githubProviderOf(this);

    for (const variable of variables) {
      new ActionsVariable(this, `Variable-${variable.name}`, {
        provider,
        repository: props.repository,
        variableName: variable.name,
        value: variable.value,
      });
    }
    const unmanaged: string[] = [];
    for (const secret of secrets) {
      const binding = secret.value._bind(this, secret.name);
      if (binding === undefined) {
        unmanaged.push(secret.name);
        Annotations.of(this).addInfo(`The secret ${secret.name} is not managed by Terraform: set it with "gh secret set ${secret.name} --repo <owner>/${props.repository}".`);
        continue;
      }
      new ActionsSecret(this, `Secret-${secret.name}`, {
        provider,
        repository: props.repository,
        secretName: secret.name,
        plaintextValue: binding.plaintextValue,
        encryptedValue: binding.encryptedValue,
      });
    }
    this.variableNames = variables.map((v) => v.name);
    this.secretNames = secrets.map((s) => s.name);
    this.unmanagedSecretNames = unmanaged;
  }
}

/** One variable or secret with the prop paths used in messages. */
interface Entry<T> {
  readonly field: string;
  readonly name: string;
  readonly value: T;
  readonly valueField: string;
}

function validate(construct: RepoSecrets, props: RepoSecretsProps, variables: Entry<string>[], secrets: Entry<SecretValue>[]): void {
  const problems = new Problems('RepoSecrets', pathOf(construct));

  const repository = props.repository;
  if (!GITHUB_REPOSITORY_NAME.test(repository) || repository === '.' || repository === '..') {
    const fix = repository.includes('/')
      ? `use the name without the owner, e.g. "${repository.split('/').pop()}" (the owner comes from githubOwner or GITHUB_OWNER)`
      : 'use the repository name as on GitHub, e.g. "talos-sbc-nanopi-m6"';
    problems.add('repository', repository, `a GitHub repository name must match ${GITHUB_REPOSITORY_NAME.source} and not be "." or ".."`, fix);
  }

  props.credentials._validate(problems, 'credentials');
  for (const variable of variables.slice(1)) {
    checkGithubName(problems, variable.field, variable.name, 'variable');
  }
  for (const secret of secrets.slice(1)) {
    checkGithubName(problems, secret.field, secret.name, 'secret');
  }

  for (const variable of variables) {
    if (variable.value.length === 0) {
      problems.add(variable.valueField, variable.value, 'GitHub rejects an empty Actions variable value', 'set a non-empty value');
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

  if (props.provider !== undefined) {
    if (!isGithubProvider(props.provider)) {
      problems.add('provider', pathOf(props.provider), `must be an integrations/github provider (got ${props.provider.terraformProviderSource ?? props.provider.terraformResourceType})`,
        'pass a GithubProvider from @cdktf/provider-github, or omit provider');
    } else if (!inSameStack(construct, props.provider)) {
      problems.add('provider', pathOf(props.provider), 'the provider must be declared in the same stack as the secrets',
        'omit provider to use the stack\'s GitHub provider, or create one in this stack');
    }
  }
  problems.throwIfAny();
}

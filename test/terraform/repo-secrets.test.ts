import 'cdktf/lib/testing/adapters/jest';
import * as fs from 'fs';
import * as path from 'path';
import { ActionsEnvironmentSecret } from '@cdktf/provider-github/lib/actions-environment-secret';
import { ActionsEnvironmentVariable } from '@cdktf/provider-github/lib/actions-environment-variable';
import { ActionsSecret } from '@cdktf/provider-github/lib/actions-secret';
import { ActionsVariable } from '@cdktf/provider-github/lib/actions-variable';
import { GithubProvider } from '@cdktf/provider-github/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { RegistryCredentials } from '../../src/image';
import { ActionsScope, ReleaseEnvironment, RepoSecrets, SecretValue } from '../../src/terraform';
import { DockerHubProvider } from '../../src/terraform/docker-provider';
import { errorOf as messageOf } from '../support/errors';
import { newStack, synthConforming } from '../support/terraform';

Testing.setupJest();

const CREDENTIALS = RegistryCredentials.dockerHub();

/** Every file under `dir`, concatenated. */
function readTree(dir: string): string {
  return fs.readdirSync(dir, { withFileTypes: true })
    .map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? readTree(full) : fs.readFileSync(full, 'utf8');
    })
    .join('\n');
}

describe('RepoSecrets', () => {
  test('defaults: user name variable and token secret from a sensitive TF_VAR variable', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const secrets = new RepoSecrets(stack, 'Secrets', {
      githubRepository: 'talos-sbc-nanopi-m6',
      credentials: CREDENTIALS,
      usernameValue: '123417',
    });

    // THEN
    const synthesized = synthConforming(stack); // provider-presence validation passes
    expect(synthesized).toMatchSnapshot();
    expect(synthesized).toHaveResourceWithProperties(ActionsVariable, {
      repository: 'talos-sbc-nanopi-m6',
      variable_name: 'DOCKERHUB_USERNAME',
      value: '123417',
      provider: 'github',
    });
    expect(synthesized).toHaveResourceWithProperties(ActionsSecret, {
      repository: 'talos-sbc-nanopi-m6',
      secret_name: 'DOCKERHUB_TOKEN',
      value: '${var.dockerhub_token}',
    });
    expect(synthesized).toHaveProviderWithProperties(GithubProvider, {});
    const json = JSON.parse(synthesized);
    expect(json.variable.dockerhub_token).toMatchObject({ type: 'string', sensitive: true, nullable: false });
    expect(json.variable.dockerhub_token.default).toBeUndefined();
    expect(json.provider.github).toEqual([{}]); // token from GITHUB_TOKEN / gh auth token, owner from GITHUB_OWNER
    expect(json.terraform.required_providers.github).toEqual({ source: 'integrations/github', version: '~> 6.12.0' });
    expect(secrets.variableNames).toEqual(['DOCKERHUB_USERNAME']);
    expect(secrets.secretNames).toEqual(['DOCKERHUB_TOKEN']);
    expect(secrets.unmanagedSecretNames).toEqual([]);
    expect(secrets.githubRepository).toBe('talos-sbc-nanopi-m6');
  });

  test('extra variables, an explicit variable name and an unmanaged secret', () => {
    const stack = newStack();

    const secrets = new RepoSecrets(stack, 'Secrets', {
      githubRepository: 'talos-sbc-nanopi-m6',
      credentials: RegistryCredentials.dockerHub({ usernameVariable: 'REGISTRY_USER', tokenSecret: 'REGISTRY_TOKEN' }),
      usernameValue: '123417',
      tokenValue: SecretValue.fromTerraformVariable('hub_token'),
      variables: { TALOS_VERSION: 'v1.11.5' },
      secrets: { COSIGN_KEY: SecretValue.unmanaged(), SLACK_WEBHOOK: SecretValue.fromTerraformVariable() },
    });

    const synthesized = synthConforming(stack);
    expect(synthesized).toMatchSnapshot();
    const json = JSON.parse(synthesized);
    expect(Object.keys(json.variable).sort()).toEqual(['hub_token', 'slack_webhook']);
    const secretNames = Object.values(json.resource.github_actions_secret).map((r: any) => [r.secret_name, r.value]);
    expect(secretNames).toEqual([['REGISTRY_TOKEN', '${var.hub_token}'], ['SLACK_WEBHOOK', '${var.slack_webhook}']]);
    expect(synthesized).not.toContain('COSIGN_KEY');
    expect(secrets.variableNames).toEqual(['REGISTRY_USER', 'TALOS_VERSION']);
    expect(secrets.secretNames).toEqual(['REGISTRY_TOKEN', 'COSIGN_KEY', 'SLACK_WEBHOOK']);
    expect(secrets.unmanagedSecretNames).toEqual(['COSIGN_KEY']);
    expect(SecretValue.unmanaged().isManagedByTerraform).toBe(false);
    expect(SecretValue.fromTerraformVariable().terraformVariableName('DOCKERHUB_TOKEN')).toBe('dockerhub_token');
  });

  test('an unmanaged token creates no secret resource and no variable', () => {
    const stack = newStack();
    new RepoSecrets(stack, 'Secrets', {
      githubRepository: 'talos-sbc-nanopi-m6',
      credentials: CREDENTIALS,
      usernameValue: '123417',
      tokenValue: SecretValue.unmanaged(),
    });
    const json = JSON.parse(synthConforming(stack));
    expect(json.resource.github_actions_secret).toBeUndefined();
    expect(json.variable).toBeUndefined();
    expect(json.resource.github_actions_variable).toBeDefined();
  });

  test('secret values never appear in the synthesised configuration', () => {
    const secret = 'dckr_pat_DO-NOT-LEAK-4f1e2d';
    const saved = { ...process.env };
    process.env.TF_VAR_dockerhub_token = secret;
    process.env.DOCKER_PASSWORD = secret;
    process.env.GITHUB_TOKEN = secret;
    try {
      const stack = newStack();
      new RepoSecrets(stack, 'Secrets', { githubRepository: 'talos-sbc-nanopi-m6', credentials: CREDENTIALS, usernameValue: '123417' });

      const synthesized = synthConforming(stack);
      const outdir = Testing.fullSynth(stack);

      expect(synthesized).not.toContain(secret);
      expect(readTree(outdir)).not.toContain(secret);
      const json = JSON.parse(synthesized);
      const [resource] = Object.values(json.resource.github_actions_secret) as any[];
      expect(resource.value).toBe('${var.dockerhub_token}');
      expect(resource.value_encrypted).toBeUndefined();
      expect(json.variable.dockerhub_token.sensitive).toBe(true);
    } finally {
      process.env = saved;
    }
  });

  test('environment: the token is an environment secret, the user name an environment variable', () => {
    // GIVEN
    const stack = newStack();
    const release = new ReleaseEnvironment(stack, 'Release', { githubRepository: 'talos-sbc-nanopi-m6', tagPatterns: ['v*-nanopi-m6'] });

    // WHEN
    const secrets = new RepoSecrets(stack, 'Secrets', {
      githubRepository: 'talos-sbc-nanopi-m6',
      credentials: CREDENTIALS,
      usernameValue: '123417',
      environment: release,
    });

    // THEN
    const synthesized = synthConforming(stack);
    expect(synthesized).toMatchSnapshot();
    expect(synthesized).toHaveResourceWithProperties(ActionsEnvironmentSecret, {
      repository: 'talos-sbc-nanopi-m6',
      environment: 'release',
      secret_name: 'DOCKERHUB_TOKEN',
      value: '${var.dockerhub_token}',
      depends_on: ['github_repository_environment.Release_6218179A'],
      provider: 'github',
    });
    expect(synthesized).toHaveResourceWithProperties(ActionsEnvironmentVariable, {
      repository: 'talos-sbc-nanopi-m6',
      environment: 'release',
      variable_name: 'DOCKERHUB_USERNAME',
      value: '123417',
      depends_on: ['github_repository_environment.Release_6218179A'],
    });
    expect(synthesized).not.toHaveResource(ActionsSecret);
    expect(synthesized).not.toHaveResource(ActionsVariable);
    expect(secrets.environmentName).toBe('release');
    expect(secrets.environmentSecretNames).toEqual(['DOCKERHUB_TOKEN']);
    expect(secrets.environmentVariableNames).toEqual(['DOCKERHUB_USERNAME']);
    expect(secrets.repositorySecretNames).toEqual([]);
    expect(secrets.repositoryVariableNames).toEqual([]);
    expect(secrets.secretNames).toEqual(['DOCKERHUB_TOKEN']);
    expect(secrets.variableNames).toEqual(['DOCKERHUB_USERNAME']);
  });

  test('environment with the user name kept at repository level, extra variables and secrets on both levels', () => {
    const stack = newStack();
    const release = new ReleaseEnvironment(stack, 'Release', {
      githubRepository: 'talos-sbc-nanopi-m6',
      environmentName: 'docker-hub',
      tagPatterns: ['v*-nanopi-m6'],
    });

    const secrets = new RepoSecrets(stack, 'Secrets', {
      githubRepository: 'talos-sbc-nanopi-m6',
      credentials: CREDENTIALS,
      usernameValue: '123417',
      environment: release,
      usernameScope: ActionsScope.REPOSITORY,
      variables: { TALOS_VERSION: 'v1.11.5' },
      secrets: { SLACK_WEBHOOK: SecretValue.unmanaged() },
      environmentVariables: { RELEASE_CHANNEL: 'stable' },
      environmentSecrets: { COSIGN_KEY: SecretValue.unmanaged() },
    });

    const synthesized = synthConforming(stack);
    expect(synthesized).toMatchSnapshot();
    const json = JSON.parse(synthesized);
    expect(Object.values(json.resource.github_actions_variable).map((r: any) => r.variable_name)).toEqual(['DOCKERHUB_USERNAME', 'TALOS_VERSION']);
    expect(Object.values(json.resource.github_actions_environment_variable).map((r: any) => [r.environment, r.variable_name])).toEqual([['docker-hub', 'RELEASE_CHANNEL']]);
    expect(Object.values(json.resource.github_actions_environment_secret).map((r: any) => [r.environment, r.secret_name])).toEqual([['docker-hub', 'DOCKERHUB_TOKEN']]);
    expect(json.resource.github_actions_secret).toBeUndefined();
    expect(secrets.repositoryVariableNames).toEqual(['DOCKERHUB_USERNAME', 'TALOS_VERSION']);
    expect(secrets.repositorySecretNames).toEqual(['SLACK_WEBHOOK']);
    expect(secrets.environmentVariableNames).toEqual(['RELEASE_CHANNEL']);
    expect(secrets.environmentSecretNames).toEqual(['DOCKERHUB_TOKEN', 'COSIGN_KEY']);
    expect(secrets.unmanagedSecretNames).toEqual(['SLACK_WEBHOOK', 'COSIGN_KEY']);
    expect(secrets.node.metadata.map((m) => m.data)).toEqual([
      'The secret SLACK_WEBHOOK is not managed by Terraform: set it with "gh secret set SLACK_WEBHOOK --repo <owner>/talos-sbc-nanopi-m6".',
      'The secret COSIGN_KEY is not managed by Terraform: set it with "gh secret set COSIGN_KEY --env docker-hub --repo <owner>/talos-sbc-nanopi-m6".',
    ]);
  });

  test('two repositories in one stack share one TF_VAR variable', () => {
    const stack = newStack();
    new RepoSecrets(stack, 'M6', { githubRepository: 'talos-sbc-nanopi-m6', credentials: CREDENTIALS, usernameValue: '123417' });
    new RepoSecrets(stack, 'R6S', { githubRepository: 'talos-sbc-nanopi-r6s', credentials: CREDENTIALS, usernameValue: '123417' });

    const json = JSON.parse(synthConforming(stack));
    expect(Object.keys(json.variable)).toEqual(['dockerhub_token']);
    expect(Object.keys(json.resource.github_actions_secret)).toHaveLength(2);
    expect(json.provider.github).toHaveLength(1);
  });

  test('an explicit GitHub provider is used as is', () => {
    const stack = newStack();
    const provider = new GithubProvider(stack, 'Org', { alias: 'org', owner: 'talos-sbc' });
    new RepoSecrets(stack, 'Secrets', { githubRepository: 'talos-sbc-nanopi-m6', credentials: CREDENTIALS, usernameValue: '123417', provider });

    const json = JSON.parse(synthConforming(stack));
    expect(json.provider.github).toEqual([{ alias: 'org', owner: 'talos-sbc' }]);
    for (const resource of Object.values(json.resource.github_actions_variable) as any[]) {
      expect(resource.provider).toBe('github.org');
    }
  });

  test('apply order: the environment exists before its variables, secrets and public-key read (depends_on)', () => {
    const stack = newStack();
    const release = new ReleaseEnvironment(stack, 'Release', { githubRepository: 'talos-sbc-nanopi-m6', tagPatterns: ['v*-nanopi-m6'] });
    new RepoSecrets(stack, 'Secrets', {
      githubRepository: 'talos-sbc-nanopi-m6',
      credentials: CREDENTIALS,
      usernameValue: '123417',
      environment: release,
      environmentVariables: { BOARD: 'nanopi-m6' },
      environmentSecrets: { COSIGN_KEY: SecretValue.fromSealedBox(Buffer.alloc(60, 7).toString('base64'), '568250167242549743') },
    });

    const json = JSON.parse(synthConforming(stack));
    const environment = `github_repository_environment.${Object.keys(json.resource.github_repository_environment)[0]}`;
    const scoped = [
      ...Object.values(json.resource.github_actions_environment_variable),
      ...Object.values(json.resource.github_actions_environment_secret),
      ...Object.values(json.resource.github_repository_environment_deployment_policy),
      ...Object.values(json.data.github_actions_environment_public_key),
    ] as any[];
    expect(scoped).toHaveLength(6); // user name, BOARD, token, COSIGN_KEY, one policy, one key read
    for (const item of scoped) {
      expect(item.depends_on).toEqual([environment]);
    }
  });

  test('a Terraform template in a variable value stays literal: TF_VAR variables cannot leak into a plain variable', () => {
    const stack = newStack();
    new RepoSecrets(stack, 'Secrets', {
      githubRepository: 'talos-sbc-nanopi-m6',
      credentials: CREDENTIALS,
      usernameValue: '${var.dockerhub_token}',
      variables: { NOTE: '%{ if true }${file("~/.docker/config.json")}%{ endif }' },
    });
    const json = JSON.parse(synthConforming(stack));
    const values = Object.values(json.resource.github_actions_variable).map((r: any) => r.value).sort();
    expect(values).toEqual(['$${var.dockerhub_token}', '%%{ if true }$${file("~/.docker/config.json")}%%{ endif }']);
  });

  describe('rejects bad input with one error naming path, field, value, rule and fix', () => {
    const props = { githubRepository: 'talos-sbc-nanopi-m6', credentials: CREDENTIALS, usernameValue: '123417' };

    test('cdktf token markup in variable values (known and unknown tokens): rejected, not resolved into the token variable, no crash', () => {
      const stack = newStack();
      new RepoSecrets(stack, 'Token', props); // creates the sensitive variable, an early token
      expect(messageOf(() => new RepoSecrets(stack, 'Secrets', {
        ...props,
        githubRepository: 'other',
        usernameValue: '${TfToken[TOKEN.0]}',
        variables: { NOTE: 'x #{TfToken[TOKEN.999999]} y' },
      }))).toBe(
        '[talos-sbc-constructs] RepoSecrets at "settings/Secrets" is invalid:\n'
        + '  - usernameValue = "${TfToken[TOKEN.0]}": contains cdktf token markup ("${TfToken[", "#{TfToken[" or "&{TfToken["), which cdktf would replace with a Terraform reference such as a secret variable. '
        + 'Fix: pass plain text; write the text without the "{TfToken[" sequence\n'
        + '  - variables.NOTE = "x #{TfToken[TOKEN.999999]} y": contains cdktf token markup ("${TfToken[", "#{TfToken[" or "&{TfToken["), which cdktf would replace with a Terraform reference such as a secret variable. '
        + 'Fix: pass plain text; write the text without the "{TfToken[" sequence',
      );
      expect(() => synthConforming(stack)).not.toThrow();
    });

    test('"__proto__" and other Object.prototype keys as variable, secret or Terraform variable names', () => {
      expect(messageOf(() => new RepoSecrets(newStack(), 'Secrets', {
        ...props,
        variables: JSON.parse('{"__proto__": "x", "constructor": "y"}'),
        secrets: { TOKEN2: SecretValue.fromTerraformVariable('__proto__') },
      }))).toBe(
        '[talos-sbc-constructs] RepoSecrets at "settings/Secrets" is invalid:\n'
        + '  - variables.__proto__ = "__proto__": "__proto__" is a property of every JavaScript object and cannot name a variable: as "__proto__" it is dropped from the synthesised JSON, leaving a dangling reference. Fix: use another variable name, e.g. "proto_VALUE"\n'
        + '  - variables.constructor = "constructor": "constructor" is a property of every JavaScript object and cannot name a variable: as "__proto__" it is dropped from the synthesised JSON, leaving a dangling reference. Fix: use another variable name, e.g. "constructor_VALUE"\n'
        + '  - secrets.TOKEN2.variableName = "__proto__": "__proto__" is a property of every JavaScript object and cannot name a Terraform variable: as "__proto__" it is dropped from the synthesised JSON, leaving a dangling reference. Fix: use another Terraform variable name, e.g. "proto_value"',
      );
    });

    test('a secret named GITHUB_TOKEN', () => {
      expect(messageOf(() => new RepoSecrets(newStack(), 'Secrets', {
        ...props,
        credentials: RegistryCredentials.dockerHub({ tokenSecret: 'GITHUB_TOKEN' }),
      }))).toBe(
        '[talos-sbc-constructs] RepoSecrets at "settings/Secrets" is invalid:\n'
        + '  - credentials.tokenSecret = "GITHUB_TOKEN": GitHub reserves secret names starting with "GITHUB_". '
        + 'Fix: choose a name without the GITHUB_ prefix, e.g. "REGISTRY_TOKEN"',
      );
    });

    test('a variable name with a dash', () => {
      expect(messageOf(() => new RepoSecrets(newStack(), 'Secrets', { ...props, variables: { 'BOARD-NAME': 'nanopi-m6' } }))).toBe(
        '[talos-sbc-constructs] RepoSecrets at "settings/Secrets" is invalid:\n'
        + '  - variables.BOARD-NAME = "BOARD-NAME": a GitHub Actions variable name must match ^[A-Za-z_][A-Za-z0-9_]*$ '
        + '(letters, digits and underscores, not starting with a digit). Fix: rename it, e.g. "BOARD_NAME"',
      );
    });

    test('duplicate names across variables and secrets (case-insensitive)', () => {
      expect(messageOf(() => new RepoSecrets(newStack(), 'Secrets', {
        ...props,
        variables: { dockerhub_token: 'x' },
        secrets: { DOCKERHUB_USERNAME: SecretValue.unmanaged() },
      }))).toBe([
        '[talos-sbc-constructs] RepoSecrets at "settings/Secrets" is invalid:',
        '  - variables.dockerhub_token = "dockerhub_token": duplicates credentials.tokenSecret: variable and secret names must be unique in a repository '
        + '(GitHub compares them case-insensitively). Fix: give each variable and secret its own name',
        '  - secrets.DOCKERHUB_USERNAME = "DOCKERHUB_USERNAME": duplicates credentials.usernameVariable: variable and secret names must be unique in a repository '
        + '(GitHub compares them case-insensitively). Fix: give each variable and secret its own name',
      ].join('\n'));
    });

    test('the same name for the user name variable and the token secret is reported once', () => {
      expect(messageOf(() => new RepoSecrets(newStack(), 'Secrets', {
        ...props,
        credentials: RegistryCredentials.dockerHub({ usernameVariable: 'HUB', tokenSecret: 'HUB' }),
      }))).toBe(
        '[talos-sbc-constructs] RepoSecrets at "settings/Secrets" is invalid:\n'
        + '  - credentials.tokenSecret = "HUB": the token secret and the user name variable must have different names. '
        + 'Fix: use e.g. DOCKERHUB_USERNAME for the variable and DOCKERHUB_TOKEN for the secret',
      );
    });

    test('a repository given as owner/name', () => {
      expect(messageOf(() => new RepoSecrets(newStack(), 'Secrets', { ...props, githubRepository: 'talos-sbc/talos-sbc-nanopi-m6' }))).toBe(
        '[talos-sbc-constructs] RepoSecrets at "settings/Secrets" is invalid:\n'
        + '  - githubRepository = "talos-sbc/talos-sbc-nanopi-m6": a GitHub repository name must match ^[A-Za-z0-9._-]{1,100}$ and not be "." or "..". '
        + 'Fix: use the name without the owner, e.g. "talos-sbc-nanopi-m6" (the owner comes from githubOwner or GITHUB_OWNER)',
      );
    });

    test('every problem at once: "..", empty user name, bad Terraform variable names', () => {
      expect(messageOf(() => new RepoSecrets(newStack(), 'Secrets', {
        ...props,
        githubRepository: '..',
        usernameValue: '',
        tokenValue: SecretValue.fromTerraformVariable('count'),
        secrets: { COSIGN_KEY: SecretValue.fromTerraformVariable('cosign-key') },
      }))).toBe([
        '[talos-sbc-constructs] RepoSecrets at "settings/Secrets" is invalid:',
        '  - githubRepository = "..": a GitHub repository name must match ^[A-Za-z0-9._-]{1,100}$ and not be "." or "..". '
        + 'Fix: use the repository name as on GitHub, e.g. "talos-sbc-nanopi-m6"',
        '  - usernameValue = "": GitHub rejects an empty Actions variable value. Fix: set a non-empty value',
        '  - tokenValue.variableName = "count": Terraform reserves the variable names source, version, providers, count, for_each, lifecycle, depends_on, locals. '
        + 'Fix: pass another name, e.g. "count_secret", to SecretValue.fromTerraformVariable()',
        '  - secrets.COSIGN_KEY.variableName = "cosign-key": a Terraform variable name set through TF_VAR_<name> must match ^[A-Za-z_][A-Za-z0-9_]*$. '
        + 'Fix: pass a name such as "cosign_key" to SecretValue.fromTerraformVariable()',
      ].join('\n'));
    });

    test('environment-level names without an environment', () => {
      expect(messageOf(() => new RepoSecrets(newStack(), 'Secrets', {
        ...props,
        usernameScope: ActionsScope.ENVIRONMENT,
        environmentVariables: { RELEASE_CHANNEL: 'stable' },
        environmentSecrets: { COSIGN_KEY: SecretValue.unmanaged() },
      }))).toBe([
        '[talos-sbc-constructs] RepoSecrets at "settings/Secrets" is invalid:',
        '  - usernameScope = "ActionsScope.ENVIRONMENT": an environment-level variable needs environment. '
        + 'Fix: pass environment (a ReleaseEnvironment of this repository), or use ActionsScope.REPOSITORY',
        '  - environmentVariables = ["RELEASE_CHANNEL"]: environment-level variables and secrets need environment. '
        + 'Fix: pass environment (a ReleaseEnvironment of this repository), or move them to variables',
        '  - environmentSecrets = ["COSIGN_KEY"]: environment-level variables and secrets need environment. '
        + 'Fix: pass environment (a ReleaseEnvironment of this repository), or move them to secrets',
      ].join('\n'));
    });

    test('the environment of another repository', () => {
      const stack = newStack();
      const release = new ReleaseEnvironment(stack, 'Release', { githubRepository: 'talos-sbc-nanopi-r6s', tagPatterns: ['v*-nanopi-r6s'] });
      expect(messageOf(() => new RepoSecrets(stack, 'Secrets', { ...props, environment: release }))).toBe(
        '[talos-sbc-constructs] RepoSecrets at "settings/Secrets" is invalid:\n'
        + '  - environment = "settings/Release": the environment belongs to the repository "talos-sbc-nanopi-r6s", not "talos-sbc-nanopi-m6". '
        + 'Fix: pass the ReleaseEnvironment of "talos-sbc-nanopi-m6"',
      );
    });

    test('an environment from another stack', () => {
      const app = Testing.app();
      const release = new ReleaseEnvironment(new TerraformStack(app, 'other'), 'Release', { githubRepository: 'talos-sbc-nanopi-m6', tagPatterns: ['v*-nanopi-m6'] });
      expect(messageOf(() => new RepoSecrets(new TerraformStack(app, 'settings'), 'Secrets', { ...props, environment: release }))).toBe(
        '[talos-sbc-constructs] RepoSecrets at "settings/Secrets" is invalid:\n'
        + '  - environment = "other/Release": the environment must be declared in the same stack as the secrets. '
        + 'Fix: create the ReleaseEnvironment in this stack',
      );
    });

    test('an environment secret with a repository secret\'s name', () => {
      const stack = newStack();
      const release = new ReleaseEnvironment(stack, 'Release', { githubRepository: 'talos-sbc-nanopi-m6', tagPatterns: ['v*-nanopi-m6'] });
      expect(messageOf(() => new RepoSecrets(stack, 'Secrets', {
        ...props,
        environment: release,
        secrets: { COSIGN_KEY: SecretValue.unmanaged() },
        environmentSecrets: { cosign_key: SecretValue.unmanaged() },
      }))).toBe(
        '[talos-sbc-constructs] RepoSecrets at "settings/Secrets" is invalid:\n'
        + '  - environmentSecrets.cosign_key = "cosign_key": duplicates secrets.COSIGN_KEY: variable and secret names must be unique in a repository '
        + '(GitHub compares them case-insensitively). Fix: give each variable and secret its own name',
      );
    });

    test('a provider that is not integrations/github', () => {
      const stack = newStack();
      const provider = new DockerHubProvider(stack, 'Docker');
      expect(messageOf(() => new RepoSecrets(stack, 'Secrets', { ...props, provider }))).toBe(
        '[talos-sbc-constructs] RepoSecrets at "settings/Secrets" is invalid:\n'
        + '  - provider = "settings/Docker": must be an integrations/github provider (got docker/docker). '
        + 'Fix: pass a GithubProvider from @cdktf/provider-github, or omit provider',
      );
    });
  });
});

import 'cdktf/lib/testing/adapters/jest';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GithubProvider } from '@cdktf/provider-github/lib/provider';
import { App, LocalBackend, S3Backend, TerraformStack, Testing } from 'cdktf';
import { ImageRepository, RegistryCredentials } from '../../src/image';
import {
  ActionsPermissions,
  DockerHubRepo,
  ReleaseEnvironment,
  ReleaseTagRuleset,
  RepoSecrets,
  SettingsStack,
} from '../../src/terraform';
import { DockerHubProvider, DockerHubRepositoryResource } from '../../src/terraform/docker-provider';
import { errorOf as messageOf } from '../support/errors';
import { synthConforming } from '../support/terraform';

Testing.setupJest();

const REPOSITORY = ImageRepository.dockerHub('user1234', 'talos-sbc-nanopi-m6');
const CREDENTIALS = RegistryCredentials.dockerHub();

/** The settings of one overlay repository, as the example settings app declares them. */
function declareSettings(stack: TerraformStack): void {
  new DockerHubRepo(stack, 'Overlay', {
    imageRepository: REPOSITORY,
    description: 'Talos Linux overlay for the FriendlyElec NanoPi M6',
  });
  new RepoSecrets(stack, 'Secrets', {
    githubRepository: 'talos-sbc-nanopi-m6',
    credentials: CREDENTIALS,
    usernameValue: REPOSITORY.namespace,
  });
}

describe('SettingsStack', () => {
  test('an empty stack has only a relative local backend and no providers', () => {
    const stack = new SettingsStack(Testing.app(), 'nanopi-m6-settings');

    const synthesized = synthConforming(stack);
    expect(synthesized).toMatchSnapshot();
    const json = JSON.parse(synthesized);
    // from cdktf.out/stacks/<stack> (where Terraform runs) up to the project root, then the git-ignored state folder
    expect(json.terraform).toEqual({ backend: { local: { path: '../../../terraform-state/nanopi-m6-settings.tfstate' } } });
    expect(json.provider).toBeUndefined();
    expect(stack.localStatePath).toBe('terraform-state/nanopi-m6-settings.tfstate');
  });

  test('the whole settings stack: providers without credentials, version constraints, relative state', () => {
    // GIVEN
    const stack = new SettingsStack(Testing.app(), 'nanopi-m6-settings');

    // WHEN
    declareSettings(stack);

    // THEN
    const synthesized = synthConforming(stack); // provider-presence validation passes
    expect(synthesized).toMatchSnapshot();
    const json = JSON.parse(synthesized);
    expect(json.terraform).toEqual({
      backend: { local: { path: '../../../terraform-state/nanopi-m6-settings.tfstate' } },
      required_providers: {
        docker: { source: 'docker/docker', version: '~> 0.6.0' },
        github: { source: 'integrations/github', version: '~> 6.12.0' },
      },
    });
    expect(json.provider).toEqual({ docker: [{}], github: [{}] });
    expect(synthesized).toHaveProvider(DockerHubProvider);
    expect(synthesized).toHaveProvider(GithubProvider);
    expect(synthesized).toHaveResourceWithProperties(DockerHubRepositoryResource, { lifecycle: { prevent_destroy: true } });
  });

  test('App.synth writes a relative state path into the project root, outside cdktf.out, so the state survives a stack rename', () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'settings-stack-'));
    const outdir = path.join(project, 'cdktf.out');
    try {
      const app = new App({ outdir });
      const stack = new SettingsStack(app, 'nanopi-m6-settings', { localStatePath: 'state/nanopi-m6.tfstate' });
      declareSettings(stack);
      app.synth();

      const stackDir = path.join(outdir, 'stacks', 'nanopi-m6-settings');
      const written = fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8');
      const json = JSON.parse(written);
      expect(json.terraform.backend).toEqual({ local: { path: '../../../state/nanopi-m6.tfstate' } });
      expect(json.terraform.required_providers.github.version).toBe('~> 6.12.0');
      expect(written).not.toContain(process.cwd());
      expect(written).not.toContain(project);

      // Terraform resolves the path from the stack's folder: the state lands in the project root
      const statePath = path.resolve(stackDir, json.terraform.backend.local.path);
      expect(statePath).toBe(path.join(project, 'state', 'nanopi-m6.tfstate'));
      fs.mkdirSync(path.dirname(statePath));
      fs.writeFileSync(statePath, '{}');
      // renaming the stack: `cdktf synth` deletes cdktf.out/stacks/<old name>; the state is elsewhere
      fs.rmSync(stackDir, { recursive: true });
      expect(fs.existsSync(statePath)).toBe(true);
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });

  test.each([
    ['a state path that leaves the project root', { localStatePath: '../elsewhere/settings.tfstate' }, 'settings',
      'localStatePath = "../elsewhere/settings.tfstate": must stay inside the project root: no "..", "." or empty segments, and "/" as the separator. Fix: use a path such as "terraform-state/settings.tfstate"'],
    ['a state path inside the output directory, which cdktf deletes on a stack rename', { localStatePath: 'OUTDIR/settings.tfstate' }, 'settings',
      'localStatePath = "OUTDIR/settings.tfstate": must be outside the output directory "OUTDIR": cdktf deletes stacks/<stack> there when a stack is renamed, and the folder is often committed. Fix: use a path such as "terraform-state/settings.tfstate"'],
    ['a state path that the *.tfstate ignore rule misses', { localStatePath: 'state/settings.json' }, 'settings',
      'localStatePath = "state/settings.json": must end in ".tfstate" (so the *.tfstate ignore rule keeps it out of git) and hold no control characters. Fix: use a path such as "terraform-state/settings.tfstate"'],
    ['a stack id that leaves cdktf.out/stacks', {}, '../../escaped',
      'id = "../../escaped": a stack name is one folder under cdktf.out/stacks/ and must match ^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$ (no "/", "\\" or "..", which would write cdk.tf.json elsewhere). Fix: use a name such as "nanopi-m6-settings"'],
  ])('rejects %s', (_name, props, id, problem) => {
    const app = Testing.app();
    const outdirName = path.basename(app.outdir);
    const resolvedProps = JSON.parse(JSON.stringify(props).split('OUTDIR').join(outdirName));
    const message = messageOf(() => new SettingsStack(app, id, resolvedProps));
    const expected = problem.split('OUTDIR').join(outdirName);
    // constructs turns "/" in an id into "--" for the path, but the id as given is what is reported
    expect(message).toBe(`[talos-sbc-constructs] SettingsStack at "${id.split('/').join('--')}" is invalid:\n  - ${expected}`);
  });

  test('githubOwner is written into the GitHub provider the stack creates', () => {
    const stack = new SettingsStack(Testing.app(), 'settings', { githubOwner: 'talos-sbc' });
    declareSettings(stack);

    const synthesized = synthConforming(stack);
    expect(JSON.parse(synthesized).provider.github).toEqual([{ owner: 'talos-sbc' }]);
    expect(synthesized).toHaveProviderWithProperties(GithubProvider, { owner: 'talos-sbc' });
  });

  test('a GitHub provider declared by hand also gets "~> 6.12.0" instead of the exact "6.9.0" pin', () => {
    const stack = new SettingsStack(Testing.app(), 'settings');
    new GithubProvider(stack, 'Github', {});

    const json = JSON.parse(synthConforming(stack));
    expect(json.terraform.required_providers.github).toEqual({ source: 'integrations/github', version: '~> 6.12.0' });

    // outside a SettingsStack the binding's exact pin stays, until a settings construct uses the provider
    const plain = new TerraformStack(Testing.app(), 'plain');
    const provider = new GithubProvider(plain, 'Github', {});
    expect(JSON.parse(Testing.synth(plain)).terraform.required_providers.github.version).toBe('6.9.0');
    new ReleaseEnvironment(plain, 'Release', { githubRepository: 'talos-sbc-nanopi-m6', tagPatterns: ['v*-nanopi-m6'], provider });
    expect(JSON.parse(synthConforming(plain)).terraform.required_providers.github.version).toBe('~> 6.12.0');
  });

  test('provider helpers find the stack default provider or create it once', () => {
    const stack = new SettingsStack(Testing.app(), 'settings');
    const docker = SettingsStack.dockerHubProviderOf(stack);
    const github = SettingsStack.githubProviderOf(stack);

    declareSettings(stack);

    expect(SettingsStack.dockerHubProviderOf(stack)).toBe(docker);
    expect(SettingsStack.githubProviderOf(stack)).toBe(github);
    expect(docker.node.id).toBe('DockerHubProvider');
    expect(github.node.id).toBe('GithubProvider');
    const json = JSON.parse(synthConforming(stack));
    expect(json.provider.docker).toHaveLength(1);
    expect(json.provider.github).toHaveLength(1);
  });

  test('a hardened release setup: environment-scoped token, tag ruleset, SHA-pinning policy, S3 state', () => {
    // GIVEN a stack that keeps its state in S3
    const stack = new SettingsStack(Testing.app(), 'nanopi-m6-settings', { localBackend: false, githubOwner: 'talos-sbc' });
    new S3Backend(stack, { bucket: 'talos-sbc-terraform-state', key: 'nanopi-m6-settings.tfstate', region: 'eu-central-1', encrypt: true });

    // WHEN
    new DockerHubRepo(stack, 'Overlay', {
      imageRepository: REPOSITORY,
      description: 'Talos Linux overlay for the FriendlyElec NanoPi M6',
      immutableTags: true,
      immutableTagRules: ['v.*'],
    });
    const release = new ReleaseEnvironment(stack, 'Release', { githubRepository: 'talos-sbc-nanopi-m6', tagPatterns: ['v*-nanopi-m6'] });
    const secrets = new RepoSecrets(stack, 'Secrets', {
      githubRepository: 'talos-sbc-nanopi-m6',
      credentials: CREDENTIALS,
      usernameValue: REPOSITORY.namespace,
      environment: release,
    });
    new ReleaseTagRuleset(stack, 'ReleaseTags', { githubRepository: 'talos-sbc-nanopi-m6', tagPatterns: release.tagPatterns });
    new ActionsPermissions(stack, 'ActionsPolicy', { githubRepository: 'talos-sbc-nanopi-m6' });

    // THEN
    const synthesized = synthConforming(stack); // validations pass: a backend is declared
    expect(synthesized).toMatchSnapshot();
    const json = JSON.parse(synthesized);
    expect(json.terraform).toEqual({
      backend: { s3: { bucket: 'talos-sbc-terraform-state', key: 'nanopi-m6-settings.tfstate', region: 'eu-central-1', encrypt: true } },
      required_providers: {
        docker: { source: 'docker/docker', version: '~> 0.6.0' },
        github: { source: 'integrations/github', version: '~> 6.12.0' },
      },
    });
    expect(stack.localStatePath).toBeUndefined();
    expect(stack.githubProviderVersionConstraint).toBe('~> 6.12.0');
    expect(secrets.environmentName).toBe('release');
  });

  test('localBackend: false with no backend fails synthesis instead of writing an absolute path', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'settings-stack-'));
    try {
      const app = new App({ outdir });
      const stack = new SettingsStack(app, 'settings', { localBackend: false });
      declareSettings(stack);

      const expected = '[talos-sbc-constructs] SettingsStack at "settings" is invalid:\n'
        + '  - localBackend = false: no backend is declared, so cdktf falls back to a local backend with an absolute path of this machine. '
        + 'Fix: declare the backend right after the stack (e.g. new S3Backend(stack, {...}) from cdktf), or remove localBackend: false';
      expect(() => synthConforming(stack)).toThrow(`Validation failed with the following errors:\n  [settings] ${expected}`);
      expect(() => app.synth()).toThrow(`Validation failed with the following errors:\n  [settings] ${expected}`);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('localBackend: false with a relative LocalBackend of your own is accepted', () => {
    const stack = new SettingsStack(Testing.app(), 'settings', { localBackend: false });
    new LocalBackend(stack, { path: 'state/settings.tfstate' });
    expect(JSON.parse(synthConforming(stack)).terraform.backend).toEqual({ local: { path: 'state/settings.tfstate' } });
  });

  test('localStatePath together with localBackend: false', () => {
    expect(messageOf(() => new SettingsStack(Testing.app(), 'settings', { localBackend: false, localStatePath: 'terraform.settings.tfstate' }))).toBe(
      '[talos-sbc-constructs] SettingsStack at "settings" is invalid:\n'
      + '  - localStatePath = "terraform.settings.tfstate": applies only to the local backend, and localBackend is false. '
      + 'Fix: remove localStatePath, or remove localBackend: false',
    );
  });

  test('rejects an absolute state path and a bad owner in one error', () => {
    expect(messageOf(() => new SettingsStack(Testing.app(), 'settings', { localStatePath: '/var/lib/terraform.tfstate', githubOwner: '-talos--sbc' }))).toBe([
      '[talos-sbc-constructs] SettingsStack at "settings" is invalid:',
      '  - localStatePath = "/var/lib/terraform.tfstate": must be a non-empty path relative to the project root (an absolute path bakes one machine\'s layout into cdk.tf.json). '
      + 'Fix: use a path such as "terraform-state/settings.tfstate"',
      '  - githubOwner = "-talos--sbc": a GitHub user or organisation name is 1 to 39 letters, digits or single hyphens, not starting or ending with a hyphen. '
      + 'Fix: use the owner as in https://github.com/<owner>, or omit it and set GITHUB_OWNER',
    ].join('\n'));
  });
});

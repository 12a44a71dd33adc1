import 'cdktf/lib/testing/adapters/jest';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { ImageRepository } from '../../src/image';
import { DockerHubProvider, DockerHubRepo, DockerHubRepositoryResource } from '../../src/terraform';

Testing.setupJest();

const REPOSITORY = ImageRepository.dockerHub('user1234', 'talos-sbc-nanopi-m6');

function newStack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'settings');
}

/** The message of the error `fn` throws (fails the test when nothing is thrown). */
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

function synthJson(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack, true));
}

describe('DockerHubRepo', () => {
  test('defaults: every field written, prevent_destroy on, provider created once', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const repo = new DockerHubRepo(stack, 'Overlay', { repository: REPOSITORY });

    // THEN
    const synthesized = Testing.synth(stack, true); // provider-presence validation passes
    expect(synthesized).toMatchSnapshot();
    expect(synthesized).toHaveResourceWithProperties(DockerHubRepositoryResource, {
      namespace: 'user1234',
      name: 'talos-sbc-nanopi-m6',
      description: '',
      full_description: '',
      private: false,
      immutable_tags_settings: { enabled: false, rules: [] },
      lifecycle: { prevent_destroy: true },
    });
    expect(synthesized).toHaveProvider(DockerHubProvider);
    const json = JSON.parse(synthesized);
    expect(json.terraform.required_providers.docker).toEqual({ source: 'docker/docker', version: '~> 0.6' });
    expect(json.provider.docker).toEqual([{}]); // no credentials: DOCKER_USERNAME / DOCKER_PASSWORD
    expect(json.import).toBeUndefined();
    expect(repo.imageReference).toBe('docker.io/user1234/talos-sbc-nanopi-m6');
    expect(repo.repository).toBe(REPOSITORY);
    expect(repo.node.defaultChild).toBeInstanceOf(DockerHubRepositoryResource);
  });

  test('all options: private, immutable tags, descriptions, import of an existing repository', () => {
    const stack = newStack();

    new DockerHubRepo(stack, 'Overlay', {
      repository: REPOSITORY,
      description: 'Talos Linux overlay for the FriendlyElec NanoPi M6',
      fullDescription: '# talos-sbc-nanopi-m6\n\nOverlay image for the Talos imager.',
      private: true,
      immutableTags: true,
      immutableTagRules: ['^v[0-9]+[.][0-9]+[.][0-9]+$'],
      importExisting: true,
    });

    const synthesized = Testing.synth(stack, true);
    expect(synthesized).toMatchSnapshot();
    expect(synthesized).toHaveResourceWithProperties(DockerHubRepositoryResource, {
      description: 'Talos Linux overlay for the FriendlyElec NanoPi M6',
      full_description: '# talos-sbc-nanopi-m6\n\nOverlay image for the Talos imager.',
      private: true,
      immutable_tags_settings: { enabled: true, rules: ['^v[0-9]+[.][0-9]+[.][0-9]+$'] },
    });
    const json = JSON.parse(synthesized);
    const [address] = Object.keys(json.resource.docker_hub_repository);
    expect(json.import).toEqual([{ id: 'user1234/talos-sbc-nanopi-m6', to: `docker_hub_repository.${address}`, provider: 'docker' }]);
  });

  test('preventDestroy: false with a reason drops the lifecycle guard', () => {
    const stack = newStack();

    new DockerHubRepo(stack, 'Scratch', {
      repository: ImageRepository.dockerHub('user1234', 'scratch'),
      preventDestroy: false,
      destroyReason: 'scratch repository for CI tests',
    });

    const json = synthJson(stack);
    const resource = Object.values(json.resource.docker_hub_repository)[0] as any;
    expect(resource.lifecycle).toBeUndefined();
    expect(resource.private).toBe(false);
  });

  test('repository ID is a reference to the resource attribute', () => {
    const stack = newStack();
    const repo = new DockerHubRepo(stack, 'Overlay', { repository: REPOSITORY });
    new TerraformOutput(stack, 'repository_id', { value: repo.repositoryId });
    const json = synthJson(stack);
    expect(json.output.repository_id.value).toMatch(/^\$\{docker_hub_repository\.Overlay_[0-9A-F]{8}\.id\}$/);
  });

  test('reuses the stack default provider and honours an explicit aliased one', () => {
    const stack = newStack();
    const alias = new DockerHubProvider(stack, 'OrgProvider', { alias: 'org', username: 'talossbc' });

    new DockerHubRepo(stack, 'First', { repository: REPOSITORY });
    new DockerHubRepo(stack, 'Second', { repository: ImageRepository.dockerHub('user1234', 'second') });
    new DockerHubRepo(stack, 'Third', { repository: ImageRepository.dockerHub('talossbc', 'third'), provider: alias });

    const json = synthJson(stack);
    expect(json.provider.docker).toEqual([{ alias: 'org', username: 'talossbc' }, {}]);
    const providers = Object.values(json.resource.docker_hub_repository).map((r: any) => r.provider);
    expect(providers.sort()).toEqual(['docker', 'docker', 'docker.org']);
  });

  test('provider-presence validation is real: a bare resource without its provider fails it', () => {
    const stack = newStack();
    new DockerHubRepositoryResource(stack, 'Bare', { namespace: 'user1234', name: 'bare' });
    expect(() => Testing.synth(stack, true)).toThrow(/Found resources without a matching provider construct/);

    new DockerHubProvider(stack, 'Provider');
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('works with Testing.synthScope', () => {
    const synthesized = Testing.synthScope((scope) => {
      new DockerHubRepo(scope, 'Overlay', { repository: REPOSITORY });
    });
    expect(synthesized).toHaveResourceWithProperties(DockerHubRepositoryResource, { namespace: 'user1234', lifecycle: { prevent_destroy: true } });
    expect(synthesized).toHaveProvider(DockerHubProvider);
  });

  describe('rejects bad input with one error naming path, field, value, rule and fix', () => {
    test('uppercase Docker Hub namespace', () => {
      expect(messageOf(() => new DockerHubRepo(newStack(), 'Overlay', { repository: ImageRepository.dockerHub('MyUser', 'talos-sbc-nanopi-m6') }))).toBe(
        '[talos-sbc-constructs] DockerHubRepo at "settings/Overlay" is invalid:\n'
        + '  - repository.namespace = "MyUser": a Docker Hub namespace must be 4 to 30 lowercase letters or digits. '
        + 'Fix: use the Docker Hub account or organisation name in lowercase, e.g. "myuser"',
      );
    });

    test('description longer than 100 characters', () => {
      const description = 'x'.repeat(101);
      expect(messageOf(() => new DockerHubRepo(newStack(), 'Overlay', { repository: REPOSITORY, description }))).toBe(
        '[talos-sbc-constructs] DockerHubRepo at "settings/Overlay" is invalid:\n'
        + `  - description = "${description}": Docker Hub allows at most 100 characters (got 101). `
        + 'Fix: shorten it and put the details in fullDescription',
      );
    });

    test('a repository on another registry', () => {
      const repository = ImageRepository.of({ registry: 'ghcr.io', namespace: 'talos-sbc', name: 'overlay' });
      expect(messageOf(() => new DockerHubRepo(newStack(), 'Overlay', { repository }))).toBe(
        '[talos-sbc-constructs] DockerHubRepo at "settings/Overlay" is invalid:\n'
        + '  - repository.registry = "ghcr.io": DockerHubRepo manages Docker Hub repositories only. '
        + 'Fix: use ImageRepository.dockerHub("talos-sbc", "overlay"), or manage the repository on ghcr.io by other means',
      );
    });

    test('preventDestroy: false without a reason', () => {
      expect(messageOf(() => new DockerHubRepo(newStack(), 'Overlay', { repository: REPOSITORY, preventDestroy: false }))).toBe(
        '[talos-sbc-constructs] DockerHubRepo at "settings/Overlay" is invalid:\n'
        + '  - destroyReason = undefined: preventDestroy: false needs a reason: destroying the repository deletes every image in it. '
        + 'Fix: set destroyReason (e.g. "scratch repository for CI tests"), or keep preventDestroy: true',
      );
    });

    test('every problem at once, in one error', () => {
      const message = messageOf(() => new DockerHubRepo(newStack(), 'Overlay', {
        repository: ImageRepository.dockerHub('My_User', '-talos'),
        fullDescription: 'y'.repeat(25_001),
        immutableTagRules: ['(', ''],
      }));
      expect(message).toBe([
        '[talos-sbc-constructs] DockerHubRepo at "settings/Overlay" is invalid:',
        '  - repository.namespace = "My_User": a Docker Hub namespace must be 4 to 30 lowercase letters or digits. '
        + 'Fix: use the Docker Hub account or organisation name in lowercase, e.g. "myuser"',
        '  - repository.name = "-talos": a Docker Hub repository name must be 2 to 255 characters matching ^[a-z0-9]+(?:[._-][a-z0-9]+)*$. '
        + 'Fix: use lowercase letters and digits separated by single ".", "_" or "-", e.g. "talos-sbc-nanopi-m6"',
        `  - fullDescription = "${'y'.repeat(40)}…": Docker Hub allows at most 25000 characters (got 25001). `
        + 'Fix: shorten the README and link to the full documentation',
        '  - immutableTagRules = ["(",""]: rules take effect only when immutableTags is true. Fix: set immutableTags: true, or remove immutableTagRules',
        '  - immutableTagRules[0] = "(": must be a non-empty regular expression. Fix: use a pattern such as "^v[0-9]+[.][0-9]+[.][0-9]+$"',
        '  - immutableTagRules[1] = "": must be a non-empty regular expression. Fix: use a pattern such as "^v[0-9]+[.][0-9]+[.][0-9]+$"',
      ].join('\n'));
    });

    test('a provider from another stack', () => {
      const app = Testing.app();
      const other = new TerraformStack(app, 'other');
      const provider = new DockerHubProvider(other, 'Provider');
      expect(messageOf(() => new DockerHubRepo(new TerraformStack(app, 'settings'), 'Overlay', { repository: REPOSITORY, provider }))).toBe(
        '[talos-sbc-constructs] DockerHubRepo at "settings/Overlay" is invalid:\n'
        + '  - provider = "other/Provider": the provider must be declared in the same stack as the repository. '
        + 'Fix: omit provider to use the stack\'s DockerHubProvider, or create one in this stack',
      );
    });
  });
});

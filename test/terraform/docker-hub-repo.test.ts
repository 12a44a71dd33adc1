import 'cdktf/lib/testing/adapters/jest';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TerraformOutput, TerraformProvider, TerraformStack, Testing } from 'cdktf';
import { ImageRepository } from '../../src/image';
import { DockerHubRepo } from '../../src/terraform';
import { DockerHubProvider, DockerHubRepositoryResource } from '../../src/terraform/docker-provider';
import { errorOf as messageOf } from '../support/errors';
import { newStack, synthJson, synthConforming } from '../support/terraform';

Testing.setupJest();

const REPOSITORY = ImageRepository.dockerHub('user1234', 'talos-sbc-nanopi-m6');

/** A stand-in for `@cdktf/provider-docker` (kreuzwerker/docker), which also uses the local name `docker`. */
class KreuzwerkerDockerProvider extends TerraformProvider {
  public static readonly tfResourceType = 'docker';
  constructor(scope: TerraformStack, id: string) {
    super(scope, id, {
      terraformResourceType: 'docker',
      terraformGeneratorMetadata: { providerName: 'docker', providerVersion: '3.6.2' },
      terraformProviderSource: 'kreuzwerker/docker',
    });
  }
  protected synthesizeAttributes(): { [name: string]: any } {
    return { host: 'unix:///var/run/docker.sock' };
  }
}

/** Runs `fn` with a temporary directory holding `files` (name → content), then removes it. */
function withFiles<T>(files: { [name: string]: string }, fn: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-hub-repo-'));
  try {
    for (const [name, content] of Object.entries(files)) {
      fs.writeFileSync(path.join(dir, name), content);
    }
    return fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `fn` with `dir` as the working directory. */
function inDirectory<T>(dir: string, fn: () => T): T {
  const saved = process.cwd();
  process.chdir(dir);
  try {
    return fn();
  } finally {
    process.chdir(saved);
  }
}

const TOKEN_RULE = 'contains cdktf token markup ("${TfToken[", "#{TfToken[" or "&{TfToken["), which cdktf would replace with a Terraform reference such as a secret variable. '
  + 'Fix: pass plain text; write the text without the "{TfToken[" sequence';

const FILE_FIX = 'give a path to a regular Markdown file inside the project (relative to the folder of cdktf.json), e.g. "README.md"';

describe('DockerHubRepo', () => {
  test('defaults: every field the provider reads back non-null written, no empty strings, prevent_destroy on, provider created once', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const repo = new DockerHubRepo(stack, 'Overlay', { imageRepository: REPOSITORY });

    // THEN
    const synthesized = synthConforming(stack); // provider-presence validation passes
    expect(synthesized).toMatchSnapshot();
    expect(synthesized).toHaveResourceWithProperties(DockerHubRepositoryResource, {
      namespace: 'user1234',
      name: 'talos-sbc-nanopi-m6',
      private: false,
      immutable_tags_settings: { enabled: false, rules: [] },
      lifecycle: { prevent_destroy: true },
    });
    expect(synthesized).toHaveProvider(DockerHubProvider);
    const json = JSON.parse(synthesized);
    // the provider reads "" back as null (stringNullIfEmpty, resource_repository.go:245-246 @ v0.6.0): never written
    const [resource] = Object.values(json.resource.docker_hub_repository) as any[];
    expect(Object.keys(resource)).not.toContain('description');
    expect(Object.keys(resource)).not.toContain('full_description');
    // 0.6.x only: 0.7 is a deliberate upgrade
    expect(json.terraform.required_providers.docker).toEqual({ source: 'docker/docker', version: '~> 0.6.0' });
    expect(json.provider.docker).toEqual([{}]); // no credentials: DOCKER_USERNAME / DOCKER_PASSWORD
    expect(json.import).toBeUndefined();
    expect(repo.imageRepositoryName).toBe('docker.io/user1234/talos-sbc-nanopi-m6');
    expect(repo.imageRepository).toBe(REPOSITORY);
    expect(repo.node.defaultChild).toBeInstanceOf(DockerHubRepositoryResource);
  });

  test('all options: private, immutable tags, descriptions, import of an existing repository', () => {
    const stack = newStack();

    new DockerHubRepo(stack, 'Overlay', {
      imageRepository: REPOSITORY,
      description: 'Talos Linux overlay for the FriendlyElec NanoPi M6',
      fullDescription: '# talos-sbc-nanopi-m6\n\nOverlay image for the Talos imager.',
      private: true,
      immutableTags: true,
      immutableTagRules: ['^v[0-9]+[.][0-9]+[.][0-9]+$'],
      importExisting: true,
    });

    const synthesized = synthConforming(stack);
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
      imageRepository: ImageRepository.dockerHub('user1234', 'scratch'),
      preventDestroy: false,
      destroyReason: 'scratch repository for CI tests',
    });

    const json = synthJson(stack);
    const resource = Object.values(json.resource.docker_hub_repository)[0] as any;
    expect(resource.lifecycle).toBeUndefined();
    expect(resource.private).toBe(false);
  });

  test('fullDescriptionFile: the README is read at synthesis, relative to the working directory', () => {
    const readme = '# talos-sbc-nanopi-m6\n\nOverlay image for the Talos imager.\n';
    withFiles({ 'README.md': readme }, (dir) => {
      const stack = newStack();
      const repo = inDirectory(dir, () => new DockerHubRepo(stack, 'Overlay', {
        imageRepository: REPOSITORY,
        fullDescriptionFile: 'README.md',
        private: false,
        immutableTags: true,
        immutableTagRules: ['v.*'],
      }));

      const synthesized = synthConforming(stack);
      expect(synthesized).toMatchSnapshot();
      expect(synthesized).toHaveResourceWithProperties(DockerHubRepositoryResource, {
        full_description: readme,
        immutable_tags_settings: { enabled: true, rules: ['v.*'] },
      });
      expect(repo.fullDescription).toBe(readme);

      // an absolute path inside the project works too
      const other = newStack();
      inDirectory(dir, () => new DockerHubRepo(other, 'Overlay', { imageRepository: REPOSITORY, fullDescriptionFile: path.join(fs.realpathSync(dir), 'README.md') }));
      const [resource] = Object.values(synthJson(other).resource.docker_hub_repository) as any[];
      expect(resource.full_description).toBe(readme);
    });
  });

  test('adoption with an explicit private: import block and every field written', () => {
    const stack = newStack();
    const repo = new DockerHubRepo(stack, 'Overlay', { imageRepository: REPOSITORY, private: true, importExisting: true });

    const json = synthJson(stack);
    expect(repo.importsExisting).toBe(true);
    expect(json.import).toEqual([{ id: 'user1234/talos-sbc-nanopi-m6', to: 'docker_hub_repository.Overlay_157D5642', provider: 'docker' }]);
    expect(json.resource.docker_hub_repository.Overlay_157D5642).toMatchObject({
      private: true,
      immutable_tags_settings: { enabled: false, rules: [] },
      lifecycle: { prevent_destroy: true },
    });
  });

  test('localName: docker/docker as "dockerhub" next to kreuzwerker/docker as "docker"', () => {
    // GIVEN a stack that also manages the Docker engine with kreuzwerker/docker
    const stack = newStack();
    new KreuzwerkerDockerProvider(stack, 'Engine');
    const hub = new DockerHubProvider(stack, 'Hub', { localName: 'dockerhub' });

    // WHEN
    new DockerHubRepo(stack, 'Overlay', { imageRepository: REPOSITORY, private: false, importExisting: true });

    // THEN
    const synthesized = synthConforming(stack); // provider-presence validation passes
    expect(synthesized).toMatchSnapshot();
    const json = JSON.parse(synthesized);
    expect(hub.localName).toBe('dockerhub');
    expect(json.terraform.required_providers).toEqual({
      docker: { source: 'kreuzwerker/docker', version: '3.6.2' },
      dockerhub: { source: 'docker/docker', version: '~> 0.6.0' },
    });
    expect(json.provider).toEqual({ docker: [{ host: 'unix:///var/run/docker.sock' }], dockerhub: [{}] });
    expect(json.resource.docker_hub_repository.Overlay_157D5642.provider).toBe('dockerhub');
    expect(json.import[0].provider).toBe('dockerhub');
  });

  test('repository ID is a reference to the resource attribute', () => {
    const stack = newStack();
    const repo = new DockerHubRepo(stack, 'Overlay', { imageRepository: REPOSITORY });
    new TerraformOutput(stack, 'repository_id', { value: repo.imageRepositoryId });
    const json = synthJson(stack);
    expect(json.output.repository_id.value).toMatch(/^\$\{docker_hub_repository\.Overlay_[0-9A-F]{8}\.id\}$/);
  });

  test('reuses the stack default provider and honours an explicit aliased one', () => {
    const stack = newStack();
    const alias = new DockerHubProvider(stack, 'OrgProvider', { alias: 'org', username: 'talossbc' });

    new DockerHubRepo(stack, 'First', { imageRepository: REPOSITORY });
    new DockerHubRepo(stack, 'Second', { imageRepository: ImageRepository.dockerHub('user1234', 'second') });
    new DockerHubRepo(stack, 'Third', { imageRepository: ImageRepository.dockerHub('talossbc', 'third'), provider: alias });

    const json = synthJson(stack);
    expect(json.provider.docker).toEqual([{ alias: 'org', username: 'talossbc' }, {}]);
    const providers = Object.values(json.resource.docker_hub_repository).map((r: any) => r.provider);
    expect(providers.sort()).toEqual(['docker', 'docker', 'docker.org']);
  });

  test('provider-presence validation is real: a bare resource without its provider fails it', () => {
    const stack = newStack();
    new DockerHubRepositoryResource(stack, 'Bare', { namespace: 'user1234', name: 'bare' });
    expect(() => synthConforming(stack)).toThrow(/Found resources without a matching provider construct/);

    new DockerHubProvider(stack, 'Provider');
    expect(() => synthConforming(stack)).not.toThrow();
  });

  test('works with Testing.synthScope', () => {
    const synthesized = Testing.synthScope((scope) => {
      new DockerHubRepo(scope, 'Overlay', { imageRepository: REPOSITORY });
    });
    expect(synthesized).toHaveResourceWithProperties(DockerHubRepositoryResource, { namespace: 'user1234', lifecycle: { prevent_destroy: true } });
    expect(synthesized).toHaveProvider(DockerHubProvider);
  });

  test('immutableTags without rules writes [".*"], what the provider sends and Hub reads back (resource_repository.go:431 @ v0.6.0)', () => {
    const stack = newStack();
    new DockerHubRepo(stack, 'Overlay', { imageRepository: REPOSITORY, immutableTags: true });
    const [resource] = Object.values(synthJson(stack).resource.docker_hub_repository) as any[];
    expect(resource.immutable_tags_settings).toEqual({ enabled: true, rules: ['.*'] });
  });

  test('Terraform template sequences in user text stay literal (escaped), and an empty description is left out', () => {
    const stack = newStack();
    new DockerHubRepo(stack, 'Overlay', { imageRepository: REPOSITORY, description: '', fullDescription: 'Use ${var.dockerhub_token} and %{ if true }x%{ endif }' });
    const [resource] = Object.values(synthJson(stack).resource.docker_hub_repository) as any[];
    expect(resource.full_description).toBe('Use $${var.dockerhub_token} and %%{ if true }x%%{ endif }');
    expect('description' in resource).toBe(false);
  });

  test('one repository is managed once per app', () => {
    const app = Testing.app();
    new DockerHubRepo(new TerraformStack(app, 'first'), 'Overlay', { imageRepository: REPOSITORY, private: false });
    expect(messageOf(() => new DockerHubRepo(new TerraformStack(app, 'second'), 'Again', {
      imageRepository: ImageRepository.dockerHub('user1234', 'talos-sbc-nanopi-m6'),
      private: true,
    }))).toBe(
      '[talos-sbc-constructs] DockerHubRepo at "second/Again" is invalid:\n'
      + '  - imageRepository = "user1234/talos-sbc-nanopi-m6": is already managed by the DockerHubRepo at "first/Overlay": two resources for one repository overwrite each other on every apply. '
      + 'Fix: declare each Docker Hub repository once per app, and pass that DockerHubRepo\'s imageRepository wherever it is needed',
    );
    // another app is another configuration
    expect(() => new DockerHubRepo(newStack(), 'Overlay', { imageRepository: REPOSITORY })).not.toThrow();
  });

  describe('files are read only if they are regular files inside the project', () => {
    test.each([
      ['a symbolic link to a file outside the project', (dir: string) => fs.symlinkSync('/etc/passwd', path.join(dir, 'README.md')), 'README.md',
        'must not be or pass through a symbolic link ("README.md" is one): a link can publish any file of this machine'],
      ['a symbolic link to /proc/self/environ (TF_VAR_… of the synthesising process)', (dir: string) => fs.symlinkSync('/proc/self/environ', path.join(dir, 'env.md')), 'env.md',
        'must not be or pass through a symbolic link ("env.md" is one): a link can publish any file of this machine'],
      ['a path through a symbolic link to a directory', (dir: string) => { fs.mkdirSync(path.join(dir, 'real')); fs.writeFileSync(path.join(dir, 'real', 'README.md'), '# x'); fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'docs')); }, 'docs/README.md',
        'must not be or pass through a symbolic link ("docs" is one): a link can publish any file of this machine'],
      ['a path that leaves the project', () => undefined, '../README.md', 'ROOT'],
      ['an absolute path outside the project', () => undefined, '/proc/self/environ.md', 'ROOT'],
      ['a directory', (dir: string) => fs.mkdirSync(path.join(dir, 'dir.md')), 'dir.md', 'must be a regular file (not a directory, device, FIFO or socket)'],
      ['a FIFO (reading one would block synthesis)', (dir: string) => execFileSync('mkfifo', [path.join(dir, 'fifo.md')]), 'fifo.md', 'must be a regular file (not a directory, device, FIFO or socket)'],
    ])('%s', (_name, setup, file, rule) => {
      withFiles({}, (dir) => {
        setup(dir);
        const message = inDirectory(dir, () => messageOf(() => new DockerHubRepo(newStack(), 'Overlay', { imageRepository: REPOSITORY, fullDescriptionFile: file })));
        const expectedRule = rule === 'ROOT' ? `must stay inside the project root ${JSON.stringify(process.cwd() === dir ? dir : fs.realpathSync(dir))}: its content is published on Docker Hub` : rule;
        expect(message).toBe(
          '[talos-sbc-constructs] DockerHubRepo at "settings/Overlay" is invalid:\n'
          + `  - fullDescriptionFile = ${JSON.stringify(file)}: ${expectedRule}. Fix: ${FILE_FIX}`,
        );
      });
    });

    test('a file larger than 100 000 bytes is not read', () => {
      withFiles({ 'README.md': 'x'.repeat(100_001) }, (dir) => {
        expect(inDirectory(dir, () => messageOf(() => new DockerHubRepo(newStack(), 'Overlay', { imageRepository: REPOSITORY, fullDescriptionFile: 'README.md' })))).toBe(
          '[talos-sbc-constructs] DockerHubRepo at "settings/Overlay" is invalid:\n'
          + '  - fullDescriptionFile = "README.md": must be at most 100000 bytes (got 100001). Fix: shorten the README and link to the full documentation',
        );
      });
    });
  });

  describe('cdktf token markup in user text is rejected: it would be resolved into a reference such as the token variable', () => {
    test('in the description, and nothing is written', () => {
      const stack = newStack();
      new DockerHubRepo(stack, 'Existing', { imageRepository: ImageRepository.dockerHub('user1234', 'other') });
      expect(messageOf(() => new DockerHubRepo(stack, 'Overlay', { imageRepository: REPOSITORY, description: 'see ${TfToken[TOKEN.1]}' }))).toBe(
        '[talos-sbc-constructs] DockerHubRepo at "settings/Overlay" is invalid:\n'
        + `  - description = "see \${TfToken[TOKEN.1]}": ${TOKEN_RULE}`,
      );
    });

    test('in a README file: a TF_VAR variable of the stack cannot leak into the public full description', () => {
      withFiles({ 'README.md': '# hi\n${TfToken[TOKEN.0]} #{TfToken[TOKEN.1]} &{TfToken[TOKEN.2]} ${TfToken[TOKEN.999999]}\n' }, (dir) => {
        const stack = newStack();
        const message = inDirectory(dir, () => messageOf(() => new DockerHubRepo(stack, 'Overlay', { imageRepository: REPOSITORY, fullDescriptionFile: 'README.md' })));
        expect(message).toBe(
          '[talos-sbc-constructs] DockerHubRepo at "settings/Overlay" is invalid:\n'
          + `  - fullDescriptionFile = "README.md": ${TOKEN_RULE}`,
        );
        expect(stack.node.tryFindChild('Overlay')?.node.tryFindChild('Resource')).toBeUndefined();
      });
    });

    test('in an immutable tag rule', () => {
      expect(messageOf(() => new DockerHubRepo(newStack(), 'Overlay', { imageRepository: REPOSITORY, immutableTags: true, immutableTagRules: ['#{TfToken[TOKEN.3]}'] }))).toBe(
        '[talos-sbc-constructs] DockerHubRepo at "settings/Overlay" is invalid:\n'
        + `  - immutableTagRules[0] = "#{TfToken[TOKEN.3]}": ${TOKEN_RULE}`,
      );
    });
  });

  describe('rejects bad input with one error naming path, field, value, rule and fix', () => {
    test('an immutable tag rule with ",", which the provider uses as the rule separator', () => {
      expect(messageOf(() => new DockerHubRepo(newStack(), 'Overlay', { imageRepository: REPOSITORY, immutableTags: true, immutableTagRules: ['^v[0-9]{1,3}$'] }))).toBe(
        '[talos-sbc-constructs] DockerHubRepo at "settings/Overlay" is invalid:\n'
        + '  - immutableTagRules[0] = "^v[0-9]{1,3}$": must not contain ",": the provider joins the rules with "," and Docker Hub splits them there. '
        + 'Fix: give each alternative as its own rule, and write a count such as {1,3} without the comma (e.g. [0-9]+)',
      );
    });

    test('uppercase Docker Hub namespace', () => {
      expect(messageOf(() => new DockerHubRepo(newStack(), 'Overlay', { imageRepository: ImageRepository.dockerHub('MyUser', 'talos-sbc-nanopi-m6') }))).toBe(
        '[talos-sbc-constructs] DockerHubRepo at "settings/Overlay" is invalid:\n'
        + '  - imageRepository.namespace = "MyUser": a Docker Hub namespace must be 4 to 30 lowercase letters or digits. '
        + 'Fix: use the Docker Hub account or organisation name in lowercase, e.g. "myuser"',
      );
    });

    test('description longer than 100 characters', () => {
      const description = 'x'.repeat(101);
      expect(messageOf(() => new DockerHubRepo(newStack(), 'Overlay', { imageRepository: REPOSITORY, description }))).toBe(
        '[talos-sbc-constructs] DockerHubRepo at "settings/Overlay" is invalid:\n'
        + `  - description = "${description}": Docker Hub allows at most 100 characters (got 101). `
        + 'Fix: shorten it and put the details in fullDescription',
      );
    });

    test('a repository on another registry', () => {
      const repository = ImageRepository.of({ registry: 'ghcr.io', namespace: 'talos-sbc', name: 'overlay' });
      expect(messageOf(() => new DockerHubRepo(newStack(), 'Overlay', { imageRepository: repository }))).toBe(
        '[talos-sbc-constructs] DockerHubRepo at "settings/Overlay" is invalid:\n'
        + '  - imageRepository.registry = "ghcr.io": DockerHubRepo manages Docker Hub repositories only. '
        + 'Fix: use ImageRepository.dockerHub("talos-sbc", "overlay"), or manage the repository on ghcr.io by other means',
      );
    });

    test('preventDestroy: false without a reason', () => {
      expect(messageOf(() => new DockerHubRepo(newStack(), 'Overlay', { imageRepository: REPOSITORY, preventDestroy: false }))).toBe(
        '[talos-sbc-constructs] DockerHubRepo at "settings/Overlay" is invalid:\n'
        + '  - destroyReason = (not set): preventDestroy: false needs a reason: destroying the repository deletes every image in it. '
        + 'Fix: set destroyReason (e.g. "scratch repository for CI tests"), or keep preventDestroy: true',
      );
    });

    test('every problem at once, in one error', () => {
      const message = messageOf(() => new DockerHubRepo(newStack(), 'Overlay', {
        imageRepository: ImageRepository.dockerHub('My_User', '-talos'),
        fullDescription: 'y'.repeat(25_001),
        immutableTagRules: ['(', ''],
      }));
      expect(message).toBe([
        '[talos-sbc-constructs] DockerHubRepo at "settings/Overlay" is invalid:',
        '  - imageRepository.namespace = "My_User": a Docker Hub namespace must be 4 to 30 lowercase letters or digits. '
        + 'Fix: use the Docker Hub account or organisation name in lowercase, e.g. "myuser"',
        '  - imageRepository.name = "-talos": a Docker Hub repository name must be 2 to 255 characters matching ^[a-z0-9]+(?:[._-][a-z0-9]+)*$. '
        + 'Fix: use lowercase letters and digits separated by single ".", "_" or "-", e.g. "talos-sbc-nanopi-m6"',
        `  - fullDescription = "${'y'.repeat(40)}…": Docker Hub allows at most 25000 characters (got 25001). `
        + 'Fix: shorten the README and link to the full documentation',
        '  - immutableTagRules = ["(",""]: rules take effect only when immutableTags is true. Fix: set immutableTags: true, or remove immutableTagRules',
        '  - immutableTagRules[0] = "(": must be a non-empty regular expression. Fix: use a pattern such as "^v[0-9]+[.][0-9]+[.][0-9]+$"',
        '  - immutableTagRules[1] = "": must be a non-empty regular expression. Fix: use a pattern such as "^v[0-9]+[.][0-9]+[.][0-9]+$"',
      ].join('\n'));
    });

    test('fullDescription and fullDescriptionFile together', () => {
      expect(messageOf(() => new DockerHubRepo(newStack(), 'Overlay', {
        imageRepository: REPOSITORY,
        fullDescription: '# inline',
        fullDescriptionFile: 'README.md',
      }))).toBe(
        '[talos-sbc-constructs] DockerHubRepo at "settings/Overlay" is invalid:\n'
        + '  - fullDescriptionFile = "README.md": fullDescription and fullDescriptionFile are mutually exclusive. '
        + 'Fix: keep one: the README file (fullDescriptionFile) or the inline Markdown (fullDescription)',
      );
    });

    test('a fullDescriptionFile that does not exist', () => {
      withFiles({}, (dir) => {
        const message = inDirectory(dir, () => messageOf(() => new DockerHubRepo(newStack(), 'Overlay', {
          imageRepository: REPOSITORY,
          fullDescriptionFile: 'docs/README.md',
        })));
        expect(message).toBe(
          '[talos-sbc-constructs] DockerHubRepo at "settings/Overlay" is invalid:\n'
          + '  - fullDescriptionFile = "docs/README.md": must name a readable file ("docs/README.md": ENOENT). '
          + `Fix: ${FILE_FIX}`,
        );
      });
    });

    test('a fullDescriptionFile longer than 25 000 characters', () => {
      withFiles({ 'README.md': 'é'.repeat(25_001) }, (dir) => {
        const file = path.join(fs.realpathSync(dir), 'README.md');
        expect(inDirectory(dir, () => messageOf(() => new DockerHubRepo(newStack(), 'Overlay', { imageRepository: REPOSITORY, fullDescriptionFile: file })))).toBe(
          '[talos-sbc-constructs] DockerHubRepo at "settings/Overlay" is invalid:\n'
          + `  - fullDescriptionFile = ${JSON.stringify(file)}: Docker Hub allows at most 25000 characters (got 25001). `
          + 'Fix: shorten the README and link to the full documentation',
        );
      });
    });

    test('adopting an existing repository without an explicit private', () => {
      expect(messageOf(() => new DockerHubRepo(newStack(), 'Overlay', { imageRepository: REPOSITORY, importExisting: true }))).toBe(
        '[talos-sbc-constructs] DockerHubRepo at "settings/Overlay" is invalid:\n'
        + '  - private = (not set): adopting an existing repository (importExisting: true) needs private set explicitly: '
        + 'the provider makes the repository public when it is omitted. '
        + 'Fix: set private: true to keep a private repository private, or private: false if it is public',
      );
    });

    test('a provider local name and alias that Terraform rejects', () => {
      expect(messageOf(() => new DockerHubProvider(newStack(), 'Hub', { localName: 'Docker Hub', alias: 'org.main' }))).toBe(
        '[talos-sbc-constructs] DockerHubProvider at "settings/Hub" is invalid:\n'
        + '  - localName = "Docker Hub": a Terraform provider local name must match ^[a-z][a-z0-9_-]{0,63}$. Fix: use a lowercase name such as "dockerhub"\n'
        + '  - alias = "org.main": a Terraform provider alias must match ^[A-Za-z_][A-Za-z0-9_-]{0,63}$. Fix: use an identifier such as "org"',
      );
    });

    test('the local name "github"', () => {
      expect(messageOf(() => new DockerHubProvider(newStack(), 'Hub', { localName: 'github' }))).toBe(
        '[talos-sbc-constructs] DockerHubProvider at "settings/Hub" is invalid:\n'
        + '  - localName = "github": the local name "github" belongs to the integrations/github provider of the same stack. Fix: use a name such as "dockerhub"',
      );
    });

    test('a provider from another stack', () => {
      const app = Testing.app();
      const other = new TerraformStack(app, 'other');
      const provider = new DockerHubProvider(other, 'Provider');
      expect(messageOf(() => new DockerHubRepo(new TerraformStack(app, 'settings'), 'Overlay', { imageRepository: REPOSITORY, provider }))).toBe(
        '[talos-sbc-constructs] DockerHubRepo at "settings/Overlay" is invalid:\n'
        + '  - provider = "other/Provider": the provider must be declared in the same stack as the repository. '
        + 'Fix: omit provider to use the stack\'s DockerHubProvider, or create one in this stack',
      );
    });
  });
});

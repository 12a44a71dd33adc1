import * as fs from 'fs';
import * as path from 'path';
import { Construct, IConstruct } from 'constructs';
import { DockerHubProvider, DockerHubRepositoryResource } from './docker-provider';
import { checkTerraformText, terraformLiteral } from './literal';
import { checkSettingsProps } from './prop-types';
import { dockerHubProviderOf, inSameStack } from './providers';
import { ImageRepository } from '../image/image-repository';
import { freeTextProblem, visibleLength } from '../private/text';
import { pathOf, Problems } from '../private/validation';

// docker/terraform-provider-docker internal/provider/resource_repository.go @ v0.6.0 (read only at
// that tag): Create/Read/Update store Hub strings with stringNullIfEmpty (:159-160, :245-246,
// :385-386, defined at :413), so a planned "" is read back as null and Terraform fails the apply
// ("Provider produced inconsistent result after apply"). Empty strings are therefore never written.
// serializeImmutableTagsRules (:424-436) sends ".*" for enabled settings without rules and joins
// rules with hubclient.ImmutableTagRulesSeparator ("," internal/hubclient/client_repository.go:25).

/** Docker Hub limit of the short description. */
const MAX_DESCRIPTION = 100;
/** Docker Hub limit of the full description (README). */
const MAX_FULL_DESCRIPTION = 25_000;
/** Largest full-description file read: 25 000 code points of at most 4 UTF-8 bytes each. */
const MAX_FULL_DESCRIPTION_FILE_BYTES = MAX_FULL_DESCRIPTION * 4;
/** What the provider sends for enabled immutable tags without rules (resource_repository.go:431 @ v0.6.0). */
const ALL_TAGS_RULE = '.*';

/** Per construct tree (cdktf App): the managed repositories (`namespace/name`, lower case) and the path managing each. */
const MANAGED_REPOSITORIES = new WeakMap<IConstruct, Map<string, string>>();

/**
 * Properties of a `DockerHubRepo`.
 */
export interface DockerHubRepoProps {
  /**
   * The Docker Hub repository, e.g. `ImageRepository.dockerHub('123417', 'talos-sbc-nanopi-m6')`.
   * The same object is given to the release workflow, so the pushed image is the managed one.
   */
  readonly imageRepository: ImageRepository;

  /**
   * Short description shown in Docker Hub search results (at most 100 characters).
   * An empty description is not written (the provider reads Hub's empty value back as null, so a
   * written `""` would fail the apply); the provider then sends an empty description.
   * @default - no description
   */
  readonly description?: string;

  /**
   * Full description (README, Markdown, at most 25 000 characters).
   * An empty full description is not written (see `description`).
   * Mutually exclusive with `fullDescriptionFile`.
   * @default - no full description, unless `fullDescriptionFile` is set
   */
  readonly fullDescription?: string;

  /**
   * A Markdown file whose content becomes the full description, read when the app runs
   * (`cdktf synth`): e.g. `README.md`. The path is resolved against the project root, the working
   * directory of the synthesising process (the folder of `cdktf.json` for `cdktf synth`), and must
   * stay inside it. Only a regular file is read: not a symbolic link (nor a path through one), a
   * device or `/proc` file, and at most 100 000 bytes / 25 000 characters, since its content is
   * published on Docker Hub. Mutually exclusive with `fullDescription`.
   * @default - none; `fullDescription` is used
   */
  readonly fullDescriptionFile?: string;

  /**
   * Whether the repository is private.
   * Always written: the provider makes a repository public when it is omitted. Required when
   * `importExisting` is true, so an adopted private repository never turns public by default.
   * @default false
   */
  readonly private?: boolean;

  /**
   * Whether tags are immutable (a pushed tag can never be overwritten).
   * @default false
   * @see https://docs.docker.com/docker-hub/repos/manage/hub-images/immutable-tags/
   */
  readonly immutableTags?: boolean;

  /**
   * Regular expressions of the tags that are immutable when `immutableTags` is true; empty
   * means every tag (written as `[".*"]`, what the provider sends and Hub reads back). E.g.
   * `["^v.*"]` makes release tags immutable and leaves `latest` movable. A rule must not contain
   * `,`: the provider joins the rules with `,`.
   * @default - every tag (`[".*"]`) when `immutableTags` is true
   */
  readonly immutableTagRules?: string[];

  /**
   * Protects the repository with `lifecycle.prevent_destroy`: destroying it deletes every image.
   * Setting false requires `destroyReason`.
   * @default true
   */
  readonly preventDestroy?: boolean;

  /**
   * Why destroying the repository is acceptable; required when `preventDestroy` is false.
   * @default - none
   */
  readonly destroyReason?: string;

  /**
   * Adopts an existing repository: emits a Terraform `import` block with ID `<namespace>/<name>`
   * (Terraform ≥ 1.5). Every field is then written over what is set on Docker Hub, so declare the
   * current values, and `private` must be given explicitly.
   * @default false
   * @see https://developer.hashicorp.com/terraform/language/import
   */
  readonly importExisting?: boolean;

  /**
   * The docker/docker provider to use, e.g. one with `localName: 'dockerhub'` next to
   * kreuzwerker/docker.
   * @default - the stack's default `DockerHubProvider`, created with id `DockerHubProvider` and
   *   credentials from `DOCKER_USERNAME` / `DOCKER_PASSWORD` if the stack has none
   */
  readonly provider?: DockerHubProvider;
}

/**
 * A Docker Hub repository managed by Terraform (`docker_hub_repository` of docker/docker).
 *
 * Every attribute the provider reads back non-null is written explicitly (the provider clears
 * omitted ones, and reads empty strings back as null, so those are left out), the repository is
 * protected by `prevent_destroy` unless a reason is given, and an existing repository can be
 * adopted with `importExisting` (with `private` declared explicitly). One app may manage a
 * repository only once.
 *
 * @example
 * new DockerHubRepo(stack, 'Overlay', {
 *   imageRepository: ImageRepository.dockerHub('123417', 'talos-sbc-nanopi-m6'),
 *   description: 'Talos Linux overlay for the NanoPi M6',
 * });
 */
export class DockerHubRepo extends Construct {
  /** The managed image repository. */
  public readonly imageRepository: ImageRepository;

  /** The image repository name (no tag, no digest), e.g. `docker.io/123417/talos-sbc-nanopi-m6`. */
  public readonly imageRepositoryName: string;

  /** The image repository ID attribute (`<namespace>/<name>`, a token resolved by Terraform). */
  public readonly imageRepositoryId: string;

  /** The full description written to Docker Hub (from `fullDescription` or `fullDescriptionFile`). */
  public readonly fullDescription: string;

  /** Whether Terraform adopts an existing repository (an `import` block is emitted). */
  public readonly importsExisting: boolean;

  /**
   * @param scope parent construct, inside a `TerraformStack`
   * @param id construct id
   * @param props repository properties
   */
  constructor(scope: Construct, id: string, props: DockerHubRepoProps) {
    super(scope, id);
    checkSettingsProps(this, 'DockerHubRepo', props, {
      imageRepository: { instance: ImageRepository, fix: 'use ImageRepository.dockerHub(namespace, name)' },
      description: 'string?',
      fullDescription: 'string?',
      fullDescriptionFile: 'string?',
      private: 'boolean?',
      immutableTags: 'boolean?',
      immutableTagRules: 'string[]?',
      preventDestroy: 'boolean?',
      destroyReason: 'string?',
      importExisting: 'boolean?',
      provider: { instance: DockerHubProvider, optional: true, fix: 'pass a DockerHubProvider of this stack, or omit provider' },
    }, {
      description: 'write a one-line description, or leave it unset',
      fullDescription: 'write the Markdown text, or leave it unset',
      fullDescriptionFile: 'give the README path, e.g. "README.md", or leave it unset',
      immutableTagRules: 'use regular expressions such as "^v[0-9]+"',
      destroyReason: 'say why the repository may be destroyed',
    }, ['fullDescriptionFile']);
    const fullDescription = validate(this, props);

    this.imageRepository = props.imageRepository;
    this.imageRepositoryName = props.imageRepository.fullName;
    this.fullDescription = fullDescription;
    this.importsExisting = props.importExisting ?? false;

    const provider = props.provider ?? dockerHubProviderOf(this);
    const preventDestroy = props.preventDestroy ?? true;
    const immutableTags = props.immutableTags ?? false;
    const rules = props.immutableTagRules ?? [];
    const resource = new DockerHubRepositoryResource(this, 'Resource', {
      provider,
      namespace: props.imageRepository.namespace,
      name: props.imageRepository.name,
      description: nonEmpty(props.description),
      fullDescription: nonEmpty(fullDescription),
      private: props.private ?? false,
      immutableTagsSettings: immutableTags
        ? { enabled: true, rules: (rules.length > 0 ? rules : [ALL_TAGS_RULE]).map(terraformLiteral) }
        : { enabled: false, rules: [] },
      lifecycle: preventDestroy ? { preventDestroy: true } : undefined,
    });
    if (props.importExisting) {
      resource.importFrom(`${props.imageRepository.namespace}/${props.imageRepository.name}`, provider);
    }
    if (!preventDestroy) {
      this.node.addMetadata('talos-sbc-constructs:destroyReason', props.destroyReason);
    }
    this.imageRepositoryId = resource.id;
  }
}

/** The escaped value, or undefined for an empty or absent one (never written, see the note at the top). */
function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.length === 0 ? undefined : terraformLiteral(value);
}

/** Validates `props` and returns the full description (read from `fullDescriptionFile` if set). */
function validate(repo: DockerHubRepo, props: DockerHubRepoProps): string {
  const problems = new Problems('DockerHubRepo', pathOf(repo));
  const repository = props.imageRepository;
  if (!repository.isDockerHub) {
    problems.add('imageRepository.registry', repository.registry, 'DockerHubRepo manages Docker Hub repositories only',
      `use ImageRepository.dockerHub("${repository.namespace}", "${repository.name}"), or manage the repository on ${repository.registry} by other means`);
  }
  repository._validate(problems, 'imageRepository');

  const description = props.description ?? '';
  checkTerraformText(problems, 'description', description);
  const descriptionProblem = freeTextProblem(description, { allowEmpty: true });
  if (descriptionProblem !== undefined) {
    problems.add('description', description, `${descriptionProblem} (Docker Hub shows it as one line)`, 'write the description as one line of plain text');
  }
  if (lengthOf(description) > MAX_DESCRIPTION) {
    problems.add('description', description, `Docker Hub allows at most ${MAX_DESCRIPTION} characters (got ${lengthOf(description)})`,
      'shorten it and put the details in fullDescription');
  }
  const fullDescription = fullDescriptionOf(problems, props);
  checkTerraformText(problems, fullDescription.field, fullDescription.value,
    fullDescription.field === 'fullDescription' ? `${[...fullDescription.value].slice(0, 40).join('')}…` : props.fullDescriptionFile);
  const markdownProblem = freeTextProblem(fullDescription.value, { multiLine: true, allowEmpty: true });
  if (markdownProblem !== undefined && !markdownProblem.startsWith('must show')) {
    problems.add(fullDescription.field, fullDescription.field === 'fullDescription' ? fullDescription.value : props.fullDescriptionFile,
      `${markdownProblem} (Docker Hub shows it as the repository's README)`, 'remove the character from the Markdown');
  }
  if (lengthOf(fullDescription.value) > MAX_FULL_DESCRIPTION) {
    const shown = fullDescription.field === 'fullDescription' ? `${[...fullDescription.value].slice(0, 40).join('')}…` : props.fullDescriptionFile;
    problems.add(fullDescription.field, shown,
      `Docker Hub allows at most ${MAX_FULL_DESCRIPTION} characters (got ${lengthOf(fullDescription.value)})`,
      'shorten the README and link to the full documentation');
  }

  const rules = props.immutableTagRules ?? [];
  if (rules.length > 0 && props.immutableTags !== true) {
    problems.add('immutableTagRules', rules, 'rules take effect only when immutableTags is true',
      'set immutableTags: true, or remove immutableTagRules');
  }
  rules.forEach((rule, i) => {
    if (rule.length === 0 || !compiles(rule)) {
      problems.add(`immutableTagRules[${i}]`, rule, 'must be a non-empty regular expression',
        'use a pattern such as "^v[0-9]+[.][0-9]+[.][0-9]+$"');
    } else if (rule.includes(',')) {
      problems.add(`immutableTagRules[${i}]`, rule, 'must not contain ",": the provider joins the rules with "," and Docker Hub splits them there',
        'give each alternative as its own rule, and write a count such as {1,3} without the comma (e.g. [0-9]+)');
    } else {
      checkTerraformText(problems, `immutableTagRules[${i}]`, rule);
    }
  });

  if (props.importExisting === true && props.private === undefined) {
    problems.add('private', props.private,
      'adopting an existing repository (importExisting: true) needs private set explicitly: the provider makes the repository public when it is omitted',
      'set private: true to keep a private repository private, or private: false if it is public');
  }

  const reasonProblem = props.destroyReason === undefined ? undefined : freeTextProblem(props.destroyReason, { maxCodePoints: 500 });
  if (reasonProblem !== undefined && !reasonProblem.startsWith('must show') && reasonProblem !== 'must not be empty') {
    problems.add('destroyReason', props.destroyReason, `${reasonProblem} (it is recorded as construct metadata)`, 'say in plain words why the repository may be destroyed');
  } else if (props.preventDestroy === false && visibleLength(props.destroyReason ?? '') === 0) {
    problems.add('destroyReason', props.destroyReason,
      'preventDestroy: false needs a reason: destroying the repository deletes every image in it',
      'set destroyReason (e.g. "scratch repository for CI tests"), or keep preventDestroy: true');
  }

  if (repository.isDockerHub) {
    const key = `${repository.namespace}/${repository.name}`.toLowerCase();
    const managed = MANAGED_REPOSITORIES.get(repo.node.root) ?? new Map<string, string>();
    MANAGED_REPOSITORIES.set(repo.node.root, managed);
    const first = managed.get(key);
    if (first !== undefined) {
      problems.add('imageRepository', `${repository.namespace}/${repository.name}`,
        `is already managed by the DockerHubRepo at "${first}": two resources for one repository overwrite each other on every apply`,
        'declare each Docker Hub repository once per app, and pass that DockerHubRepo\'s imageRepository wherever it is needed');
    } else {
      managed.set(key, pathOf(repo));
    }
  }

  if (props.provider !== undefined && !inSameStack(repo, props.provider)) {
    problems.add('provider', pathOf(props.provider), 'the provider must be declared in the same stack as the repository',
      'omit provider to use the stack\'s DockerHubProvider, or create one in this stack');
  }
  problems.throwIfAny();
  return fullDescription.value;
}

/** The full description and the prop it came from; problems for a clash or an unreadable file. */
function fullDescriptionOf(problems: Problems, props: DockerHubRepoProps): { readonly field: string; readonly value: string } {
  const file = props.fullDescriptionFile;
  if (file === undefined) {
    return { field: 'fullDescription', value: props.fullDescription ?? '' };
  }
  if (props.fullDescription !== undefined) {
    problems.add('fullDescriptionFile', file, 'fullDescription and fullDescriptionFile are mutually exclusive',
      'keep one: the README file (fullDescriptionFile) or the inline Markdown (fullDescription)');
    return { field: 'fullDescription', value: props.fullDescription };
  }
  if (!/\.(?:md|markdown)$/i.test(file)) {
    problems.add('fullDescriptionFile', file, 'must name a Markdown file (.md or .markdown): its content is published on Docker Hub',
      'use a path such as "README.md"');
    return { field: 'fullDescriptionFile', value: '' };
  }
  const read = readProjectFile(file, MAX_FULL_DESCRIPTION_FILE_BYTES);
  if (typeof read !== 'string') {
    problems.add('fullDescriptionFile', file, read.rule, read.fix);
    return { field: 'fullDescriptionFile', value: '' };
  }
  return { field: 'fullDescriptionFile', value: read };
}

/**
 * Reads `file` only if it is a regular file inside the project root (the working directory), with
 * no symbolic link on the way and at most `maxBytes` bytes; else says why not. The file is opened
 * with O_NOFOLLOW and checked again on the open descriptor, so a swap after the checks is caught.
 */
function readProjectFile(file: string, maxBytes: number): string | { rule: string; fix: string } {
  const root = process.cwd();
  const resolved = path.resolve(root, file);
  const relative = path.relative(root, resolved);
  const fix = 'give a path to a regular Markdown file inside the project (relative to the folder of cdktf.json), e.g. "README.md"';
  if (relative.length === 0 || relative.split(path.sep)[0] === '..' || path.isAbsolute(relative)) {
    return { rule: `must stay inside the project root ${JSON.stringify(root)}: its content is published on Docker Hub`, fix };
  }
  let current = root;
  for (const part of relative.split(path.sep)) {
    current = path.join(current, part);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(current);
    } catch (e) {
      return { rule: `must name a readable file (${JSON.stringify(relative)}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`, fix };
    }
    if (stat.isSymbolicLink()) {
      return { rule: `must not be or pass through a symbolic link (${JSON.stringify(path.relative(root, current))} is one): a link can publish any file of this machine`, fix };
    }
    if (current === resolved && !stat.isFile()) {
      // checked before opening: opening a FIFO would block
      return { rule: 'must be a regular file (not a directory, device, FIFO or socket)', fix };
    }
  }
  let fd: number | undefined;
  try {
    // O_NOFOLLOW: a link swapped in after the checks is refused; O_NONBLOCK: a FIFO swapped in does not hang
    // eslint-disable-next-line no-bitwise
    fd = fs.openSync(resolved, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) {
      return { rule: 'must be a regular file (not a directory, device, FIFO or socket)', fix };
    }
    if (stat.size > maxBytes) {
      return { rule: `must be at most ${maxBytes} bytes (got ${stat.size})`, fix: 'shorten the README and link to the full documentation' };
    }
    const buffer = Buffer.alloc(maxBytes + 1);
    const length = fs.readSync(fd, buffer, 0, buffer.length, 0);
    if (length > maxBytes) {
      return { rule: `must be at most ${maxBytes} bytes (it grew while being read)`, fix: 'shorten the README and link to the full documentation' };
    }
    return buffer.subarray(0, length).toString('utf8');
  } catch (e) {
    return { rule: `must name a readable regular file (${JSON.stringify(relative)}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`, fix };
  } finally {
    if (fd !== undefined) {
      fs.closeSync(fd);
    }
  }
}

/** Length in Unicode code points (how Docker Hub counts). */
function lengthOf(value: string): number {
  return [...value].length;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

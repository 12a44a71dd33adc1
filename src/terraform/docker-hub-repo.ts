import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { DockerHubProvider, DockerHubRepositoryResource } from './docker-provider';
import { terraformLiteral } from './literal';
import { dockerHubProviderOf, inSameStack } from './providers';
import { ImageRepository } from '../image/image-repository';
import { pathOf, Problems } from '../private/validation';

/** Docker Hub limit of the short description. */
const MAX_DESCRIPTION = 100;
/** Docker Hub limit of the full description (README). */
const MAX_FULL_DESCRIPTION = 25_000;

/**
 * Properties of a `DockerHubRepo`.
 */
export interface DockerHubRepoProps {
  /**
   * The Docker Hub repository, e.g. `ImageRepository.dockerHub('123417', 'talos-sbc-nanopi-m6')`.
   * The same object is given to the release workflow, so the pushed image is the managed one.
   */
  readonly repository: ImageRepository;

  /**
   * Short description shown in Docker Hub search results (at most 100 characters).
   * Always written: the provider clears an omitted description.
   * @default ""
   */
  readonly description?: string;

  /**
   * Full description (README, Markdown, at most 25 000 characters).
   * Always written: the provider clears an omitted full description.
   * Mutually exclusive with `fullDescriptionFile`.
   * @default - empty (`""`), unless `fullDescriptionFile` is set
   */
  readonly fullDescription?: string;

  /**
   * A Markdown file whose content becomes the full description, read when the app runs
   * (`cdktf synth`): e.g. `README.md`. A relative path is resolved against the working directory
   * of the synthesising process (the folder of `cdktf.json` for `cdktf synth`); at most 25 000
   * characters. Mutually exclusive with `fullDescription`.
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
   * means every tag. E.g. `["^v.*"]` makes release tags immutable and leaves `latest` movable.
   * @default []
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
 * Every attribute is written explicitly (the provider clears omitted ones), the repository is
 * protected by `prevent_destroy` unless a reason is given, and an existing repository can be
 * adopted with `importExisting` (with `private` declared explicitly).
 *
 * @example
 * new DockerHubRepo(stack, 'Overlay', {
 *   repository: ImageRepository.dockerHub('123417', 'talos-sbc-nanopi-m6'),
 *   description: 'Talos Linux overlay for the NanoPi M6',
 * });
 */
export class DockerHubRepo extends Construct {
  /** The managed repository. */
  public readonly repository: ImageRepository;

  /** The image reference without tag, e.g. `docker.io/123417/talos-sbc-nanopi-m6`. */
  public readonly imageReference: string;

  /** The repository ID attribute (`<namespace>/<name>`, a token resolved by Terraform). */
  public readonly repositoryId: string;

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
    const fullDescription = validate(this, props);

    this.repository = props.repository;
    this.imageReference = props.repository.repository;
    this.fullDescription = fullDescription;
    this.importsExisting = props.importExisting ?? false;

    const provider = props.provider ?? dockerHubProviderOf(this);
    const preventDestroy = props.preventDestroy ?? true;
    const resource = new DockerHubRepositoryResource(this, 'Resource', {
      provider,
      namespace: props.repository.namespace,
      name: props.repository.name,
      description: terraformLiteral(props.description ?? ''),
      fullDescription: terraformLiteral(fullDescription),
      private: props.private ?? false,
      immutableTagsSettings: {
        enabled: props.immutableTags ?? false,
        rules: (props.immutableTagRules ?? []).map(terraformLiteral),
      },
      lifecycle: preventDestroy ? { preventDestroy: true } : undefined,
    });
    if (props.importExisting) {
      resource.importFrom(`${props.repository.namespace}/${props.repository.name}`, provider);
    }
    if (!preventDestroy) {
      this.node.addMetadata('talos-sbc-constructs:destroyReason', props.destroyReason);
    }
    this.repositoryId = resource.id;
  }
}

/** Validates `props` and returns the full description (read from `fullDescriptionFile` if set). */
function validate(repo: DockerHubRepo, props: DockerHubRepoProps): string {
  const problems = new Problems('DockerHubRepo', pathOf(repo));
  const repository = props.repository;
  if (!repository.isDockerHub) {
    problems.add('repository.registry', repository.registry, 'DockerHubRepo manages Docker Hub repositories only',
      `use ImageRepository.dockerHub("${repository.namespace}", "${repository.name}"), or manage the repository on ${repository.registry} by other means`);
  }
  repository._validate(problems, 'repository');

  const description = props.description ?? '';
  if (lengthOf(description) > MAX_DESCRIPTION) {
    problems.add('description', description, `Docker Hub allows at most ${MAX_DESCRIPTION} characters (got ${lengthOf(description)})`,
      'shorten it and put the details in fullDescription');
  }
  const fullDescription = fullDescriptionOf(problems, props);
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
    }
  });

  if (props.importExisting === true && props.private === undefined) {
    problems.add('private', props.private,
      'adopting an existing repository (importExisting: true) needs private set explicitly: the provider makes the repository public when it is omitted',
      'set private: true to keep a private repository private, or private: false if it is public');
  }

  if (props.preventDestroy === false && (props.destroyReason ?? '').trim().length === 0) {
    problems.add('destroyReason', props.destroyReason,
      'preventDestroy: false needs a reason: destroying the repository deletes every image in it',
      'set destroyReason (e.g. "scratch repository for CI tests"), or keep preventDestroy: true');
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
  const resolved = path.resolve(file);
  let value: string;
  try {
    value = fs.readFileSync(resolved, 'utf8');
  } catch (e) {
    problems.add('fullDescriptionFile', file,
      `must name a readable file (resolved to ${JSON.stringify(resolved)}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`,
      'give a path relative to the directory the app runs in (the folder of cdktf.json), or an absolute path');
    return { field: 'fullDescriptionFile', value: '' };
  }
  return { field: 'fullDescriptionFile', value };
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

import { Construct } from 'constructs';
import { DockerHubProvider, DockerHubRepositoryResource } from './docker-provider';
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
   * @default ""
   */
  readonly fullDescription?: string;

  /**
   * Whether the repository is private.
   * Always written: adopting a private repository without it would make it public.
   * @default false
   */
  readonly private?: boolean;

  /**
   * Whether tags are immutable (a pushed tag can never be overwritten).
   * @default false
   */
  readonly immutableTags?: boolean;

  /**
   * Regular expressions of the tags that are immutable when `immutableTags` is true; empty
   * means every tag.
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
   * Adopts an existing repository: emits an `import` block with ID `<namespace>/<name>`.
   * Every field is then written over what is set on Docker Hub, so declare the current values.
   * @default false
   */
  readonly importExisting?: boolean;

  /**
   * The docker/docker provider to use.
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
 * adopted with `importExisting`.
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

  /**
   * @param scope parent construct, inside a `TerraformStack`
   * @param id construct id
   * @param props repository properties
   */
  constructor(scope: Construct, id: string, props: DockerHubRepoProps) {
    super(scope, id);
    validate(this, props);

    this.repository = props.repository;
    this.imageReference = props.repository.repository;

    const provider = props.provider ?? dockerHubProviderOf(this);
    const preventDestroy = props.preventDestroy ?? true;
    const resource = new DockerHubRepositoryResource(this, 'Resource', {
      provider,
      namespace: props.repository.namespace,
      name: props.repository.name,
      description: props.description ?? '',
      fullDescription: props.fullDescription ?? '',
      private: props.private ?? false,
      immutableTagsSettings: {
        enabled: props.immutableTags ?? false,
        rules: props.immutableTagRules ?? [],
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

function validate(repo: DockerHubRepo, props: DockerHubRepoProps): void {
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
  const fullDescription = props.fullDescription ?? '';
  if (lengthOf(fullDescription) > MAX_FULL_DESCRIPTION) {
    problems.add('fullDescription', `${[...fullDescription].slice(0, 40).join('')}…`,
      `Docker Hub allows at most ${MAX_FULL_DESCRIPTION} characters (got ${lengthOf(fullDescription)})`,
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

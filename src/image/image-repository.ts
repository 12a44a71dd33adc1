import { DOCKER_HUB_NAMESPACE, DOCKER_HUB_REGISTRY, DOCKER_HUB_REPOSITORY, isDockerHubRegistry, OCI_COMPONENT, REGISTRY_HOST } from '../private/names';
import { checkObject, checkOptionalString, checkString } from '../private/types';
import { Problems } from '../private/validation';

/**
 * Properties of an {@link ImageRepository} (no tag, no digest).
 */
export interface ImageRepositoryProps {
  /**
   * Registry host (with an optional port).
   * @default "docker.io"
   */
  readonly registry?: string;

  /**
   * Namespace (user or organisation) inside the registry, e.g. `123417`.
   */
  readonly namespace: string;

  /**
   * Repository name inside the namespace, e.g. `talos-sbc-nanopi-m6`.
   */
  readonly name: string;
}

/**
 * A container image repository: `registry/namespace/name`, without tag or digest.
 *
 * The same value object is handed to the release workflow (where the overlay is pushed)
 * and to the settings stack (which manages the Docker Hub repository), so the repository
 * is typed once. Values are checked by the construct that consumes them, so the error
 * names that construct's path.
 */
export class ImageRepository {
  /**
   * A Docker Hub repository, e.g. `ImageRepository.dockerHub('123417', 'talos-sbc-nanopi-m6')`.
   * @param namespace Docker Hub user or organisation
   * @param name repository name
   */
  public static dockerHub(namespace: string, name: string): ImageRepository {
    const problems = new Problems('ImageRepository', 'ImageRepository.dockerHub');
    checkString(problems, 'namespace', namespace, 'pass the Docker Hub account or organisation name, e.g. "myuser"');
    checkString(problems, 'name', name, 'pass the repository name, e.g. "talos-sbc-nanopi-m6"');
    problems.throwIfAny();
    return new ImageRepository({ registry: DOCKER_HUB_REGISTRY, namespace, name });
  }

  /**
   * Any registry.
   */
  public static of(props: ImageRepositoryProps): ImageRepository {
    const problems = new Problems('ImageRepository', 'ImageRepository.of');
    if (checkObject(problems, 'props', props, 'pass { registry, namespace, name }')) {
      checkOptionalString(problems, 'registry', props.registry, 'use a host such as "ghcr.io", or leave it unset for docker.io');
      checkString(problems, 'namespace', props.namespace, 'pass the user or organisation, e.g. "acme"');
      checkString(problems, 'name', props.name, 'pass the repository name, e.g. "talos-sbc-nanopi-m6"');
    }
    problems.throwIfAny();
    return new ImageRepository(props);
  }

  /** Registry host, e.g. `docker.io`. */
  public readonly registry: string;
  /** Namespace, e.g. `123417`. */
  public readonly namespace: string;
  /** Repository name, e.g. `talos-sbc-nanopi-m6`. */
  public readonly name: string;

  private constructor(props: ImageRepositoryProps) {
    this.registry = props.registry ?? DOCKER_HUB_REGISTRY;
    this.namespace = props.namespace;
    this.name = props.name;
  }

  /** Whether the repository lives on Docker Hub. */
  public get isDockerHub(): boolean {
    return isDockerHubRegistry(this.registry);
  }

  /** `registry/namespace/name`, e.g. `docker.io/123417/talos-sbc-nanopi-m6`. */
  public get fullName(): string {
    return `${this.registry}/${this.namespace}/${this.name}`;
  }

  /**
   * The name under which registries and attestation tools know the repository: Docker Hub
   * repositories are `index.docker.io/namespace/name`, others `registry/namespace/name`.
   */
  public get canonicalName(): string {
    return this.isDockerHub ? `index.docker.io/${this.namespace}/${this.name}` : this.fullName;
  }

  /** `registry/namespace/name:tag`. */
  public withTag(tag: string): string {
    return `${this.fullName}:${tag}`;
  }

  /** `registry/namespace/name@digest`. */
  public withDigest(digest: string): string {
    return `${this.fullName}@${digest}`;
  }

  /**
   * Adds every problem of this reference to `problems`, prefixing fields with `field`.
   * @internal
   */
  public _validate(problems: Problems, field: string): void {
    if (!REGISTRY_HOST.test(this.registry)) {
      problems.add(`${field}.registry`, this.registry, `must be a lowercase registry host name with an optional port (${REGISTRY_HOST.source})`,
        'use a host such as "docker.io" or "ghcr.io"');
    }
    if (this.isDockerHub) {
      if (!DOCKER_HUB_NAMESPACE.test(this.namespace)) {
        problems.add(`${field}.namespace`, this.namespace, 'a Docker Hub namespace must be 4 to 30 lowercase letters or digits',
          `use the Docker Hub account or organisation name in lowercase, e.g. "${suggestNamespace(this.namespace)}"`);
      }
      if (!DOCKER_HUB_REPOSITORY.test(this.name) || this.name.length < 2 || this.name.length > 255) {
        problems.add(`${field}.name`, this.name,
          `a Docker Hub repository name must be 2 to 255 characters matching ${DOCKER_HUB_REPOSITORY.source}`,
          'use lowercase letters and digits separated by single ".", "_" or "-", e.g. "talos-sbc-nanopi-m6"');
      }
    } else {
      for (const [key, value] of [['namespace', this.namespace], ['name', this.name]] as const) {
        if (!OCI_COMPONENT.test(value) || value.length > 255) {
          problems.add(`${field}.${key}`, value, `an image path component must match ${OCI_COMPONENT.source}`,
            'use lowercase letters and digits separated by ".", "_", "__" or "-"');
        }
      }
    }
  }
}

/** A valid Docker Hub namespace close to `namespace`, for error messages. */
function suggestNamespace(namespace: string): string {
  const cleaned = namespace.toLowerCase().replace(/[^a-z0-9]/g, '');
  return DOCKER_HUB_NAMESPACE.test(cleaned) ? cleaned : 'myuser';
}

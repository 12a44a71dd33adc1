/**
 * The low-level (L1) bindings of the docker/docker Terraform provider, exported as the
 * `providers` namespace: `DockerHubRepo` and `SettingsStack` create them; use them directly only
 * for what those constructs do not cover (e.g. an aliased provider for a second Docker Hub account).
 */
import { Construct } from 'constructs';
import {
  booleanToTerraform,
  listMapper,
  numberToTerraform,
  stringToTerraform,
  TerraformMetaArguments,
  TerraformProvider,
  TerraformProviderGeneratorMetadata,
  TerraformResource,
} from './core';
import { DOCKER_HUB_PROVIDER_VERSION_CONSTRAINT } from './provider-versions';
import { pathOf, Problems } from '../private/validation';

/** Terraform provider local names (lowercase, as Terraform recommends). */
const PROVIDER_LOCAL_NAME = /^[a-z][a-z0-9_-]{0,63}$/;

/** Terraform provider aliases (identifiers). */
const PROVIDER_ALIAS = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/**
 * Generator metadata shared by the docker/docker provider and its resources.
 * `providerName` must be identical on both, or cdktf's provider-presence validation fails.
 */
const DOCKER_HUB_PROVIDER_METADATA: TerraformProviderGeneratorMetadata = {
  providerName: 'docker',
  // 0.6.x only: every attribute written is checked against the provider source at v0.6.0
  // (src/terraform/schemas/docker.json); a new minor is a deliberate upgrade.
  providerVersionConstraint: DOCKER_HUB_PROVIDER_VERSION_CONSTRAINT,
};

/** Registry source address of the docker/docker provider. */
const DOCKER_HUB_PROVIDER_SOURCE = 'docker/docker';

/**
 * Configuration of the docker/docker (Docker Hub) Terraform provider.
 *
 * Every field is optional and none should be needed: the provider reads `DOCKER_USERNAME` /
 * `DOCKER_PASSWORD` (and `DOCKER_HUB_HOST`) from the environment, or falls back to the
 * `docker login` credential store. Never put a password literal here: provider configuration
 * is written into `cdk.tf.json` and saved plan files.
 *
 * @see https://registry.terraform.io/providers/docker/docker/latest/docs
 */
export interface DockerHubProviderConfig {
  /**
   * Docker Hub API host.
   * @default - none written; the provider uses `DOCKER_HUB_HOST` or `hub.docker.com`
   */
  readonly host?: string;

  /**
   * User name, or the organisation name when using an organisation access token.
   * @default - none written; the provider uses `DOCKER_USERNAME` or the docker login store
   */
  readonly username?: string;

  /**
   * Password, personal access token or organisation access token. Pass a token (for example a
   * sensitive `TerraformVariable`), never a literal.
   * @default - none written; the provider uses `DOCKER_PASSWORD` or the docker login store
   */
  readonly password?: string;

  /**
   * Page cap for paginated API calls; 0 means unlimited.
   * @default - none written; the provider uses 50
   */
  readonly maxPageResults?: number;

  /**
   * Provider alias, for a second configuration of the same provider.
   * @default - the default (unaliased) provider configuration
   */
  readonly alias?: string;

  /**
   * Terraform local name of the provider: the key under `terraform.required_providers` and the
   * `provider` meta-argument of every resource that uses it.
   *
   * The default `docker` clashes with kreuzwerker/docker (the Docker engine provider, which also
   * uses the local name `docker`). A stack that needs both gives this provider another name, e.g.
   * `dockerhub`; create it before the first `DockerHubRepo` so that the repositories use it.
   *
   * @default "docker"
   * @see https://developer.hashicorp.com/terraform/language/providers/requirements#local-names
   */
  readonly localName?: string;
}

/**
 * Hand-written L1 binding of the docker/docker Terraform provider (`source = "docker/docker"`,
 * `version = "~> 0.6.0"`: 0.6.x patches only, the release whose schema the constructs are
 * checked against).
 *
 * There is no prebuilt cdktf binding for docker/docker (`@cdktf/provider-docker` binds
 * kreuzwerker/docker, the Docker engine provider).
 *
 * @see https://registry.terraform.io/providers/docker/docker/latest/docs
 */
export class DockerHubProvider extends TerraformProvider {
  /**
   * Default Terraform local name of the provider; lets cdktf's jest matchers find it (a provider
   * with another `localName` is found under that name instead).
   */
  public static readonly tfResourceType = 'docker';

  /** Docker Hub API host, if configured. */
  public readonly host?: string;
  /** User name, if configured. */
  public readonly username?: string;
  /** Page cap for paginated API calls, if configured. */
  public readonly maxPageResults?: number;
  /** Terraform local name (`docker` unless configured otherwise). */
  public readonly localName: string;

  private readonly password?: string;
  private _alias?: string;

  /**
   * @param scope the stack (or a construct inside it)
   * @param id construct id
   * @param config provider configuration; normally empty (credentials come from the environment)
   */
  constructor(scope: Construct, id: string, config: DockerHubProviderConfig = {}) {
    const localName = config.localName ?? DockerHubProvider.tfResourceType;
    super(scope, id, {
      // The local name: cdktf writes it as the required_providers key and as every resource's
      // `provider`. Provider-presence validation matches on providerName ("docker"), not on it.
      terraformResourceType: localName,
      terraformGeneratorMetadata: DOCKER_HUB_PROVIDER_METADATA,
      terraformProviderSource: DOCKER_HUB_PROVIDER_SOURCE,
    });
    validateProvider(this, config, localName);
    this.localName = localName;
    this.host = config.host;
    this.username = config.username;
    this.password = config.password;
    this.maxPageResults = config.maxPageResults;
    this._alias = config.alias;
  }

  /** Provider alias, or undefined for the default configuration. */
  public get alias(): string | undefined {
    return this._alias;
  }

  public set alias(value: string | undefined) {
    this._alias = value;
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      host: stringToTerraform(this.host),
      username: stringToTerraform(this.username),
      password: stringToTerraform(this.password),
      max_page_results: numberToTerraform(this.maxPageResults),
      alias: stringToTerraform(this.alias),
    };
  }
}

function validateProvider(provider: DockerHubProvider, config: DockerHubProviderConfig, localName: string): void {
  const problems = new Problems('DockerHubProvider', pathOf(provider));
  if (!PROVIDER_LOCAL_NAME.test(localName)) {
    problems.add('localName', localName, `a Terraform provider local name must match ${PROVIDER_LOCAL_NAME.source}`,
      'use a lowercase name such as "dockerhub"');
  } else if (localName === 'github') {
    problems.add('localName', localName, 'the local name "github" belongs to the integrations/github provider of the same stack',
      'use a name such as "dockerhub"');
  }
  if (config.alias !== undefined && !PROVIDER_ALIAS.test(config.alias)) {
    problems.add('alias', config.alias, `a Terraform provider alias must match ${PROVIDER_ALIAS.source}`, 'use an identifier such as "org"');
  }
  problems.throwIfAny();
}

/**
 * Tag immutability of a Docker Hub repository.
 */
export interface DockerHubRepositoryImmutableTagsSettings {
  /**
   * Whether tags are immutable.
   * @default false
   */
  readonly enabled?: boolean;

  /**
   * Regular expressions of the immutable tags. Enabled with no rules means every tag (`.*`).
   * @default []
   */
  readonly rules?: string[];
}

/**
 * Configuration of a `docker_hub_repository` resource.
 *
 * Note that the provider sends `description`, `full_description` and the tag settings on every
 * update, so an omitted attribute clears what is set on Docker Hub; the `DockerHubRepo`
 * construct always writes every field.
 */
export interface DockerHubRepositoryResourceConfig extends TerraformMetaArguments {
  /** Docker Hub user or organisation that owns the repository. Changing it replaces the repository. */
  readonly namespace: string;

  /** Repository name. Changing it replaces the repository. */
  readonly name: string;

  /**
   * Short description (Docker Hub allows at most 100 characters).
   * @default - not written (the provider then clears it)
   */
  readonly description?: string;

  /**
   * Full description / README in Markdown (Docker Hub allows at most 25 000 characters).
   * @default - not written (the provider then clears it)
   */
  readonly fullDescription?: string;

  /**
   * Whether the repository is private.
   * @default - not written (the provider then makes it public)
   */
  readonly private?: boolean;

  /**
   * Tag immutability settings.
   * @default - not written (the provider then disables immutable tags)
   */
  readonly immutableTagsSettings?: DockerHubRepositoryImmutableTagsSettings;
}

/**
 * Hand-written L1 binding of the docker/docker `docker_hub_repository` resource.
 *
 * Do not write `""` for `description` or `fullDescription`: the provider reads an empty Hub value
 * back as null and the apply fails ("Provider produced inconsistent result after apply"); leave
 * them undefined instead (docker/terraform-provider-docker internal/provider/resource_repository.go
 * `stringNullIfEmpty` @ v0.6.0). The `DockerHubRepo` construct does this.
 *
 * Import ID: `<namespace>/<name>`. Destroying it deletes the repository and every image in it.
 *
 * @see https://registry.terraform.io/providers/docker/docker/latest/docs/resources/hub_repository
 */
export class DockerHubRepositoryResource extends TerraformResource {
  /** Terraform resource type; lets cdktf's jest matchers find it. */
  public static readonly tfResourceType = 'docker_hub_repository';

  private readonly config: DockerHubRepositoryResourceConfig;

  /**
   * @param scope parent construct
   * @param id construct id
   * @param config resource configuration
   */
  constructor(scope: Construct, id: string, config: DockerHubRepositoryResourceConfig) {
    super(scope, id, {
      terraformResourceType: DockerHubRepositoryResource.tfResourceType,
      terraformGeneratorMetadata: DOCKER_HUB_PROVIDER_METADATA,
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      forEach: config.forEach,
      provisioners: config.provisioners,
      connection: config.connection,
    });
    this.config = config;
  }

  /** Computed: the repository ID, `<namespace>/<name>`. */
  public get id(): string {
    return this.getStringAttribute('id');
  }

  /** Computed: the number of pulls. */
  public get pullCount(): number {
    return this.getNumberAttribute('pull_count');
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    const tags = this.config.immutableTagsSettings;
    return {
      namespace: stringToTerraform(this.config.namespace),
      name: stringToTerraform(this.config.name),
      description: stringToTerraform(this.config.description),
      full_description: stringToTerraform(this.config.fullDescription),
      private: booleanToTerraform(this.config.private),
      immutable_tags_settings: tags === undefined ? undefined : {
        enabled: booleanToTerraform(tags.enabled),
        rules: listMapper(stringToTerraform, false)(tags.rules),
      },
    };
  }
}

/**
 * The low-level (L1) bindings of the docker/docker Terraform provider, exported as the
 * `providers` namespace: `DockerHubRepo` and `SettingsStack` create them; use them directly only
 * for what those constructs do not cover (e.g. an aliased provider for a second Docker Hub account).
 */
export { DockerHubProvider, DockerHubRepositoryResource } from './docker-provider';
export type { DockerHubProviderConfig, DockerHubRepositoryImmutableTagsSettings, DockerHubRepositoryResourceConfig } from './docker-provider';

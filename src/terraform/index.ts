export { DockerHubProvider, DockerHubRepositoryResource } from './docker-provider';
export type { DockerHubProviderConfig, DockerHubRepositoryImmutableTagsSettings, DockerHubRepositoryResourceConfig } from './docker-provider';
export { DockerHubRepo } from './docker-hub-repo';
export type { DockerHubRepoProps } from './docker-hub-repo';
export { RepoSecrets } from './repo-secrets';
export type { RepoSecretsProps } from './repo-secrets';
export { SecretValue } from './secret-value';
export { SettingsStack } from './settings-stack';
export type { SettingsStackProps } from './settings-stack';

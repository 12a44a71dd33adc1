export { ImageRepository, ImageRepositoryProps } from './image-repository';
export { RegistryCredentials, DockerHubCredentialsOptions, UsernameTokenCredentialsOptions } from './registry-credentials';

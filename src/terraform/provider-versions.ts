/**
 * Version constraint of docker/docker: `~> 0.6.0` admits 0.6.x patches only (`~> 0.6` would
 * admit 0.7.x unseen). Not exported by the barrel.
 */
export const DOCKER_HUB_PROVIDER_VERSION_CONSTRAINT = '~> 0.6.0';

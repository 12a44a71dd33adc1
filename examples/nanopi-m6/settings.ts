import { App } from 'cdktf';
import { DOCKER_HUB_USERNAME, GITHUB_REPOSITORY, OVERLAY_IMAGE, REGISTRY_CREDENTIALS } from './pipeline';
import { DockerHubRepo, RepoSecrets, SecretValue, SettingsStack } from '../../src';

/** The stack name: `cdktf.out/stacks/<STACK_NAME>/cdk.tf.json`. */
export const STACK_NAME = 'nanopi-m6-settings';

/**
 * The overlay repository's settings: the Docker Hub repository the workflow pushes to, and
 * the GitHub Actions variable and secret it reads.
 * @param outdir the cdktf output directory
 */
export function createSettingsApp(outdir: string): App {
  const app = new App({ outdir });
  const stack = new SettingsStack(app, STACK_NAME);
  new DockerHubRepo(stack, 'OverlayRepository', {
    repository: OVERLAY_IMAGE,
    description: 'Talos Linux overlay for the FriendlyElec NanoPi M6 (RK3588S)',
  });
  new RepoSecrets(stack, 'ActionsSettings', {
    repository: GITHUB_REPOSITORY,
    credentials: REGISTRY_CREDENTIALS,
    usernameValue: DOCKER_HUB_USERNAME,
    // set with: export TF_VAR_dockerhub_token=<Docker Hub access token>
    tokenValue: SecretValue.fromTerraformVariable('dockerhub_token'),
  });
  return app;
}

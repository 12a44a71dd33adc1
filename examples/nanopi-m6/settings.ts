import { App } from 'cdktf';
import { NANOPI_M6_PIPELINE, PipelineDeclaration } from './pipeline';
import { DockerHubRepo, RepoSecrets, SecretValue, SettingsStack } from '../../src';

/** The stack name: `cdktf.out/stacks/<STACK_NAME>/cdk.tf.json`. */
export const STACK_NAME = 'nanopi-m6-settings';

/**
 * The overlay repository's settings: the Docker Hub repository the workflow pushes to, and
 * the GitHub Actions variable and secret the workflow reads.
 * @param outdir the cdktf output directory
 * @param pipeline the declaration
 */
export function createSettingsApp(outdir: string, pipeline: PipelineDeclaration = NANOPI_M6_PIPELINE): App {
  const app = new App({ outdir });
  const stack = new SettingsStack(app, STACK_NAME);
  new DockerHubRepo(stack, 'OverlayRepository', {
    repository: pipeline.overlayImage,
    description: 'Talos Linux overlay for the FriendlyElec NanoPi M6 (RK3588S)',
  });
  new RepoSecrets(stack, 'ActionsSettings', {
    repository: pipeline.githubRepository,
    credentials: pipeline.registryCredentials,
    usernameValue: pipeline.dockerHubUsername,
    // set with: export TF_VAR_dockerhub_token=<Docker Hub access token>
    tokenValue: SecretValue.fromTerraformVariable('dockerhub_token'),
  });
  return app;
}

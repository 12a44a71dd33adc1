import { App } from 'cdktf';
import { NANOPI_M6_PIPELINE, PipelineDeclaration, releaseTagPatterns } from './pipeline';
import { ActionsPermissions, DockerHubRepo, ReleaseEnvironment, ReleaseTagRuleset, RepoSecrets, SecretValue, SettingsStack } from '../../src';

/** The stack name: `cdktf.out/stacks/<STACK_NAME>/cdk.tf.json`. */
export const STACK_NAME = 'nanopi-m6-settings';

/**
 * The overlay repository's settings: the Docker Hub repository the workflow pushes to; the
 * `release` environment (only release tags deploy to it) holding the variable and secret the
 * workflow reads; a ruleset that keeps release tags from being moved or deleted; and an
 * Actions policy that requires actions pinned by commit SHA. The state (which holds the Docker Hub
 * token) is kept in `terraform-state/nanopi-m6-settings.tfstate`, git-ignored, outside `cdktf.out`.
 * @param outdir the cdktf output directory
 * @param pipeline the declaration
 */
export function createSettingsApp(outdir: string, pipeline: PipelineDeclaration = NANOPI_M6_PIPELINE): App {
  const app = new App({ outdir });
  const stack = new SettingsStack(app, STACK_NAME);
  new DockerHubRepo(stack, 'OverlayRepository', {
    imageRepository: pipeline.overlayImage,
    description: 'Talos Linux overlay for the FriendlyElec NanoPi M6 (RK3588S)',
  });
  const tagPatterns = releaseTagPatterns(pipeline);
  const environment = new ReleaseEnvironment(stack, 'ReleaseEnvironment', {
    githubRepository: pipeline.githubRepository,
    environmentName: pipeline.releaseEnvironment,
    tagPatterns,
  });
  new RepoSecrets(stack, 'ActionsSettings', {
    githubRepository: pipeline.githubRepository,
    credentials: pipeline.registryCredentials,
    usernameValue: pipeline.dockerHubUsername,
    environment,
    // set with: export TF_VAR_dockerhub_token=<Docker Hub access token>
    tokenValue: SecretValue.fromTerraformVariable('dockerhub_token'),
  });
  new ReleaseTagRuleset(stack, 'ReleaseTags', { githubRepository: pipeline.githubRepository, tagPatterns });
  new ActionsPermissions(stack, 'ActionsPolicy', { githubRepository: pipeline.githubRepository });
  return app;
}

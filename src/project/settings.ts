import { App } from 'cdktf';
import { Construct } from 'constructs';
import { TalosOverlayProjectOptions } from './options';
import { OverlayPipeline } from '../pipeline/overlay-pipeline';
import { ActionsPermissions } from '../terraform/actions-permissions';
import { DockerHubRepo } from '../terraform/docker-hub-repo';
import { ReleaseEnvironment } from '../terraform/release-environment';
import { ReleaseTagRuleset } from '../terraform/release-tag-ruleset';
import { RepoSecrets } from '../terraform/repo-secrets';
import { SecretValue } from '../terraform/secret-value';
import { SettingsStack } from '../terraform/settings-stack';

/** The settings stack's name: `cdktf.out/stacks/settings/cdk.tf.json`. */
export const SETTINGS_STACK = 'settings';

/**
 * The overlay repository's settings from the derived pipeline: the Docker Hub repository the
 * workflow pushes to; the release environment (only release tags deploy to it) holding the
 * variable and secret the workflow reads; a ruleset that keeps release tags from being moved
 * or deleted; and an Actions policy that requires actions pinned by commit SHA.
 */
export function buildSettingsStack(scope: Construct, pipeline: OverlayPipeline): SettingsStack {
  const stack = new SettingsStack(scope, SETTINGS_STACK);
  new DockerHubRepo(stack, 'OverlayRepository', {
    repository: pipeline.overlayImage,
    description: `Talos Linux overlay for ${pipeline.releaseLines[0].boards.map((b) => b.displayName ?? b.boardName).join(', ')}`,
  });
  if (pipeline.installerImage !== undefined) {
    new DockerHubRepo(stack, 'InstallerRepository', {
      repository: pipeline.installerImage,
      description: `Talos Linux installer images for ${pipeline.releaseLines[0].boards.map((b) => b.displayName ?? b.boardName).join(', ')}`,
    });
  }
  const environment = new ReleaseEnvironment(stack, 'ReleaseEnvironment', {
    repository: pipeline.githubRepository,
    environmentName: pipeline.environmentName,
    tagPatterns: pipeline.tagPatterns,
  });
  new RepoSecrets(stack, 'ActionsSettings', {
    repository: pipeline.githubRepository,
    credentials: pipeline.registryCredentials,
    usernameValue: pipeline.dockerHubUsername,
    environment,
    // set with: export TF_VAR_dockerhub_token=<Docker Hub access token>
    tokenValue: SecretValue.fromTerraformVariable('dockerhub_token'),
  });
  new ReleaseTagRuleset(stack, 'ReleaseTags', { repository: pipeline.githubRepository, tagPatterns: pipeline.tagPatterns });
  new ActionsPermissions(stack, 'ActionsPolicy', { repository: pipeline.githubRepository });
  return stack;
}

/**
 * The settings side of a `TalosOverlayProject` declaration: what the generated `cdktf.json` app
 * synthesises. Kept apart from the project type, which never loads cdktf: only the settings app
 * does.
 */
export class TalosOverlaySettings {
  /**
   * The settings stack of a declaration as a cdktf App.
   * @param options the declaration (the options of `TalosOverlayProject`)
   * @param outdir the cdktf output directory
   */
  public static app(options: TalosOverlayProjectOptions, outdir: string): App {
    const app = new App({ outdir });
    buildSettingsStack(app, OverlayPipeline.resolve(options));
    return app;
  }

  private constructor() {}
}

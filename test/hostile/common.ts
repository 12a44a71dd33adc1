/**
 * The hostile-input corpus (test/hostile-input.test.ts): the valid baselines each row changes,
 * the header of each construct's error, and the shape of a row.
 */
import { TerraformStack } from 'cdktf';
import { Project } from 'projen';
import {
  ImageRepository, OverlayBoard, OverlayBoardProps, OverlayBuild, RegistryCredentials, ReleaseWorkflow, ReleaseWorkflowProps,
} from '../../src';
import { DockerHubRepo, DockerHubRepoProps, RepoSecrets, RepoSecretsProps } from '../../src/terraform';
import { NANOPI_M6 } from '../support/fixtures';

// ---------------------------------------------------------------------------------------------
// Valid baselines: each row changes one thing (or a few, when the row is about a combination).
// ---------------------------------------------------------------------------------------------


export const WORKFLOW: ReleaseWorkflowProps = {
  overlayImage: ImageRepository.dockerHub('123417', 'talos-sbc-nanopi-m6'),
  overlayBuild: OverlayBuild.pkgfile({ target: 'talos-sbc-rk3588-mainline' }),
};

export const REPOSITORY = ImageRepository.dockerHub('user1234', 'talos-sbc-nanopi-m6');

/** A release of one board, with the board and workflow changed by the row. */
export function releaseOf(project: Project, boardProps: Partial<OverlayBoardProps> = {}, workflowProps: Partial<ReleaseWorkflowProps> = {}): void {
  const overlayBoard = new OverlayBoard(project, 'Board', { ...NANOPI_M6, ...boardProps });
  new ReleaseWorkflow(project, 'Release', { ...WORKFLOW, ...workflowProps, boards: [overlayBoard] });
}

/** A release whose board is changed by the row. */
export function withBoard(project: Project, props: Partial<OverlayBoardProps>): void {
  releaseOf(project, props);
}

/** A release whose workflow is changed by the row. */
export function withWorkflow(project: Project, props: Partial<ReleaseWorkflowProps>): void {
  releaseOf(project, {}, props);
}

export function dockerHubRepo(stack: TerraformStack, props: Partial<DockerHubRepoProps>): void {
  new DockerHubRepo(stack, 'Overlay', { imageRepository: REPOSITORY, ...props });
}

export function repoSecrets(stack: TerraformStack, props: Partial<RepoSecretsProps>): void {
  new RepoSecrets(stack, 'Secrets', {
    githubRepository: 'talos-sbc-nanopi-m6',
    credentials: RegistryCredentials.dockerHub(),
    usernameValue: '123417',
    ...props,
  });
}

/** The header of each construct's error. */
export const BOARD = '[talos-sbc-constructs] OverlayBoard at "Board" is invalid:\n';
export const RELEASE = '[talos-sbc-constructs] ReleaseWorkflow at "Release" is invalid:\n';
export const HUB = '[talos-sbc-constructs] DockerHubRepo at "settings/Overlay" is invalid:\n';
export const SECRETS = '[talos-sbc-constructs] RepoSecrets at "settings/Secrets" is invalid:\n';

export interface Row<S> {
  /** What is hostile about the declaration. */
  readonly title: string;
  /** The construct calls. */
  readonly declare: (scope: S) => void;
  /** The exact error message. */
  readonly expected: string;
  /** Set when the corpus found a validation gap: what is wrong today. */
  readonly gap?: string;
}

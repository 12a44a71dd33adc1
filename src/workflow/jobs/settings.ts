import { github } from 'projen';
import { Architecture } from '../../board/image-output';
import { OverlayBoard } from '../../board/overlay-board';
import { ImageRepository } from '../../image/image-repository';
import { RegistryCredentials } from '../../image/registry-credentials';
import { isDockerHubRegistry } from '../../private/names';
import { OverlayBuild } from '../overlay-build';
import { ActionPins, CHECKOUT, DOCKER_LOGIN } from '../pinned-actions';
import { Runner } from '../runner';

// What every job builder reads: the resolved, validated settings of one ReleaseWorkflow
// (internal: not exported from the package).

/** The resolved settings of a release workflow. */
export interface WorkflowSettings {
  readonly actions: ActionPins;
  readonly registryCredentials: RegistryCredentials;
  readonly overlayImage?: ImageRepository;
  readonly overlayBuild?: OverlayBuild;
  readonly installerImage?: ImageRepository;
  readonly baseInstallerImage?: string;
  readonly overlayPlatforms: Architecture[];
  /** Plan, release and check jobs. */
  readonly runner: Runner;
  /** The overlay build (and its check). */
  readonly overlayRunner: Runner;
  readonly imagerRunner: Runner;
  /** The declared imager of every leg (variants may override), if not the stock one. */
  readonly imagerImage?: string;
  readonly installerEmulation: boolean;
  readonly provenance: boolean;
  readonly buildAttestations: boolean;
  readonly replacePublishedRelease: boolean;
  readonly timeouts: { readonly overlay: number; readonly image: number; readonly release: number };
  readonly environment?: string;
  /** Whether any job pushes (overlay or installer images). */
  readonly needsLogin: boolean;
  readonly boards: OverlayBoard[];
}

/** Step-level Docker config directory, isolated per job. */
export const DOCKER_CONFIG_DIR = '${{ runner.temp }}/docker-config';

/** `runsOn` / `runsOnGroup` of a runner. */
export function placement(runner: Runner): Pick<github.workflows.Job, 'runsOn' | 'runsOnGroup'> {
  if (runner.runnerGroup !== undefined) {
    return { runsOnGroup: { group: runner.runnerGroup, labels: runner.labels.length > 0 ? [...runner.labels] : undefined } };
  }
  return { runsOn: [...runner.labels] };
}

/** The job's `environment`, when the publishing jobs run in one. */
export function environmentOf(settings: WorkflowSettings): Pick<github.workflows.Job, 'environment'> {
  return settings.environment ? { environment: settings.environment } : {};
}

/** docker/login-action with the declared credentials. */
export function loginStep(settings: WorkflowSettings, env?: { [name: string]: string }): github.workflows.JobStep {
  return {
    name: `Log in to ${settings.registryCredentials.registry}`,
    id: 'login',
    uses: settings.actions.uses(DOCKER_LOGIN),
    env,
    with: {
      registry: settings.registryCredentials.registry,
      username: settings.registryCredentials.usernameExpression,
      password: settings.registryCredentials.tokenExpression,
    },
  };
}

/** actions/checkout without persisted credentials. */
export function checkoutStep(settings: WorkflowSettings, fetchDepth?: number): github.workflows.JobStep {
  return {
    name: 'Check out the repository',
    id: 'checkout',
    uses: settings.actions.uses(CHECKOUT),
    with: { 'persist-credentials': false, ...(fetchDepth !== undefined ? { 'fetch-depth': fetchDepth } : {}) },
  };
}

/** Whether the board's imager run pulls an image from Docker Hub (a system extension). */
export function pullsFromDockerHub(board: OverlayBoard): boolean {
  return board.systemExtensions.some((ref) => {
    const first = ref.split('/')[0];
    const hasHost = ref.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
    return !hasHost || isDockerHubRegistry(first);
  });
}

export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

import { github } from 'projen';
import { buildDescription, buildInputs, buildSetupSteps } from './overlay-job';
import { placement, WorkflowSettings } from './settings';
import { BuiltOverlay } from '../legs';
import { BUILD_PUSH } from '../pinned-actions';

/** The pull request / branch check of one overlay build: never logs in, never pushes. */
export function checkJob(settings: WorkflowSettings, overlay: BuiltOverlay): github.workflows.Job {
  return {
    name: overlay.variant ? `Build the overlay image (${overlay.variant}, no push)` : 'Build the overlay image (no push)',
    ...placement(settings.overlayRunner),
    timeoutMinutes: settings.timeouts.overlay,
    permissions: { contents: github.workflows.JobPermission.READ },
    steps: [
      ...buildSetupSteps(settings),
      {
        name: `Build the overlay (${buildDescription(settings, overlay)})`,
        id: 'build',
        uses: settings.actions.uses(BUILD_PUSH),
        with: buildInputs(settings, overlay, false),
      },
    ],
  };
}

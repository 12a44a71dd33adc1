import { github } from 'projen';
import { placement, WorkflowSettings } from './settings';
import { OverlayBoard } from '../../board/overlay-board';
import { TALOS_VERSION_OF_TAG_BASH_REGEX, toBashRegex } from '../private/tag-glob';

/** The plan job's id. */
export const PLAN_JOB = 'plan';

/** The plan output that says whether the tag releases the board (`'true'` or `'false'`). */
export function releaseOutput(board: OverlayBoard): string {
  return `release-${board.boardName}`;
}

/** `if:` condition: the plan selected the board. */
export function boardSelected(board: OverlayBoard): string {
  return `needs.${PLAN_JOB}.outputs.${releaseOutput(board)} == 'true'`;
}

/** `if:` condition: the plan selected some board. */
export const ANY_BOARD_SELECTED = `needs.${PLAN_JOB}.outputs.any == 'true'`;

/**
 * The first job: from the pushed tag (`GITHUB_REF_NAME`, read from the environment, never
 * interpolated) it checks the tag's Talos version part (a leading `vX.Y.Z[-alpha|beta|rc.N]`
 * followed by `-` or the end) against the workflow's release and
 * computes which boards the tag releases (each board's tag pattern, translated exactly to an
 * anchored regular expression). Every later job follows its outputs.
 */
export function planJob(settings: WorkflowSettings): github.workflows.Job {
  const boards = settings.boards;
  // the Talos version rule and each tag pattern as bash EREs (src/workflow/private/tag-glob.ts,
  // tested equivalent to the TypeScript matcher), passed through env, never into the script
  const env: { [name: string]: string } = { TALOS_VERSION_OF_TAG_RE: TALOS_VERSION_OF_TAG_BASH_REGEX };
  boards.forEach((board, i) => {
    env[`BOARD_${i + 1}_TAG_REGEX`] = toBashRegex(board.tagPattern);
  });
  const script = [
    'set -euo pipefail',
    'tag="${GITHUB_REF_NAME}"',
    '# a tag that starts with a Talos version (<talos version>-<board>...) must name this release',
    'if [[ "${tag}" =~ ${TALOS_VERSION_OF_TAG_RE} && "${BASH_REMATCH[1]}" != "${TALOS_VERSION}" ]]; then',
    '  echo "::error::The tag ${tag} names Talos ${BASH_REMATCH[1]}, but this workflow releases Talos ${TALOS_VERSION}. Tag the release ${TALOS_VERSION}-..., or release it from the workflow of that Talos release."',
    '  exit 1',
    'fi',
    'any=false',
    ': > plan.out',
    ...boards.flatMap((board, i) => [
      `if [[ "\${tag}" =~ \${BOARD_${i + 1}_TAG_REGEX} ]]; then`,
      `  echo "${releaseOutput(board)}=true" >> plan.out`,
      '  any=true',
      `  echo "Releasing ${board.boardName}."`,
      'else',
      `  echo "${releaseOutput(board)}=false" >> plan.out`,
      'fi',
    ]),
    'echo "any=${any}" >> plan.out',
    'if [[ "${any}" != true ]]; then',
    '  echo "::error::The tag ${tag} matches no board\'s tag pattern in this workflow."',
    '  exit 1',
    'fi',
    'cat plan.out >> "${GITHUB_OUTPUT}"',
    'rm -f plan.out',
    '',
  ].join('\n');
  const outputs: { [name: string]: github.workflows.JobStepOutput } = {};
  for (const board of boards) {
    outputs[releaseOutput(board)] = { stepId: 'plan', outputName: releaseOutput(board) };
  }
  outputs.any = { stepId: 'plan', outputName: 'any' };
  return {
    name: 'Plan: the boards this tag releases',
    ...placement(settings.runner),
    timeoutMinutes: 5,
    permissions: {},
    outputs,
    steps: [{
      name: 'Select the boards of this tag and check its Talos version',
      id: 'plan',
      env,
      run: script,
    }],
  };
}

import { github } from 'projen';
import { PLAN_JOB, releaseOutput } from './plan-job';
import { environmentOf, placement, WorkflowSettings } from './settings';
import { BoardHealthScript } from '../../validation/board-validation';
import { BuiltOverlay, IMAGE_ARTIFACT_PREFIX, ImageLeg } from '../legs';
import { ATTEST_BUILD_PROVENANCE, DOWNLOAD_ARTIFACT, GH_RELEASE } from '../pinned-actions';
import { releaseNotesTemplate } from '../release-notes';

type JobStep = github.workflows.JobStep;
const JobPermission = github.workflows.JobPermission;

/**
 * The release job's condition: not cancelled, the plan and every overlay build succeeded, and
 * every leg of a selected board succeeded (a skipped leg is fine only when its board was not
 * selected). Explicit, because `!cancelled()` alone would also run after a failed leg.
 */
export function releaseCondition(overlays: readonly BuiltOverlay[], legs: readonly ImageLeg[]): string {
  const terms = [
    '!cancelled()',
    `needs.${PLAN_JOB}.result == 'success'`,
    `needs.${PLAN_JOB}.outputs.any == 'true'`,
    ...overlays.map((o) => `needs.${o.jobId}.result == 'success'`),
    ...legs.map((l) => `(needs.${l.jobId}.result == 'success' || (needs.${l.jobId}.result == 'skipped' && needs.${PLAN_JOB}.outputs.${releaseOutput(l.board)} != 'true'))`),
  ];
  return `\${{ ${terms.join(' && ')} }}`;
}

/**
 * Looks the release up before anything is uploaded: a published release is never altered
 * unless `replacePublishedRelease` is on. `gh release view` finds a draft by its pending tag
 * (cli/cli pkg/cmd/release/shared/fetch.go `fetchDraftRelease`) and reports "release not found"
 * when there is none.
 */
const EXISTING_RELEASE_SCRIPT = [
  'set -euo pipefail',
  'if draft=$(gh release view "${GITHUB_REF_NAME}" --repo "${GITHUB_REPOSITORY}" --json isDraft --template \'{{.isDraft}}\' 2> view.err); then',
  '  if [[ "${draft}" == true ]]; then',
  '    echo "published=false" >> "${GITHUB_OUTPUT}"',
  '  elif [[ "${REPLACE_PUBLISHED_RELEASE}" == true ]]; then',
  '    echo "::warning::The release ${GITHUB_REF_NAME} is already published; replacing its assets (replacePublishedRelease)."',
  '    echo "published=true" >> "${GITHUB_OUTPUT}"',
  '  else',
  '    echo "::error::The release ${GITHUB_REF_NAME} is already published, and this run does not alter a published release. Delete it to release again, or opt in with replacePublishedRelease."',
  '    exit 1',
  '  fi',
  'elif grep -qi "release not found" view.err; then',
  '  echo "published=false" >> "${GITHUB_OUTPUT}"',
  'else',
  '  cat view.err >&2',
  '  echo "::error::Could not look up the release ${GITHUB_REF_NAME}."',
  '  exit 1',
  'fi',
  'rm -f view.err',
  '',
].join('\n');

/** Downloads what the release now holds and checks it against SHA256SUMS. */
const VERIFY_SCRIPT = [
  'set -euo pipefail',
  'rm -rf verify',
  'patterns=(--pattern SHA256SUMS)',
  'while IFS= read -r asset; do',
  '  patterns+=(--pattern "${asset}")',
  'done < release/assets.txt',
  'gh release download "${GITHUB_REF_NAME}" --repo "${GITHUB_REPOSITORY}" --dir verify "${patterns[@]}"',
  '(cd verify && sha256sum -c --strict SHA256SUMS)',
  '',
].join('\n');

const PUBLISH_SCRIPT = [
  'set -euo pipefail',
  'gh release edit "${GITHUB_REF_NAME}" --repo "${GITHUB_REPOSITORY}" --draft=false',
  '',
].join('\n');

/** Publishes the GitHub release of the boards the tag selected. */
export function releaseJob(
  settings: WorkflowSettings, overlays: BuiltOverlay[], legs: ImageLeg[], withVariants: boolean, pipelineDiagramPath?: string,
): github.workflows.Job {
  const env: { [key: string]: string } = {};
  if (settings.overlayImage) {
    env.OVERLAY_REPOSITORY = settings.overlayImage.fullName;
  }
  for (const overlay of overlays) {
    env[overlay.digestEnv] = `\${{ needs.${overlay.jobId}.outputs.digest }}`;
  }
  env.RELEASE_NOTES_TEMPLATE = releaseNotesTemplate({
    boards: settings.boards,
    legs,
    overlays,
    withVariants,
    overlayImage: settings.overlayImage,
    installerImage: settings.installerImage,
    provenance: settings.provenance,
    pipelineDiagramPath,
  });
  legs.forEach((leg, i) => {
    env[`ASSET_${i + 1}`] = leg.assetName;
    env[`SELECTED_${i + 1}`] = `\${{ needs.${PLAN_JOB}.outputs.${releaseOutput(leg.board)} }}`;
  });
  // the after-flash validation script of each board with health checks, attached next to its
  // images: written from env (no checkout needed), checksummed into SHA256SUMS
  const validated = settings.boards.filter((b) => b.healthChecks !== undefined);
  validated.forEach((board, i) => {
    env[`VALIDATE_NAME_${i + 1}`] = BoardHealthScript.fileName(board);
    env[`VALIDATE_SCRIPT_${i + 1}`] = BoardHealthScript.render(board);
    env[`VALIDATE_SELECTED_${i + 1}`] = `\${{ needs.${PLAN_JOB}.outputs.${releaseOutput(board)} }}`;
  });
  const script = [
    'set -euo pipefail',
    'cd release',
    ': > SHA256SUMS',
    ': > assets.txt',
    'mkdir -p upload',
    `for n in $(seq 1 ${legs.length}); do`,
    '  selected="SELECTED_${n}"',
    '  asset="ASSET_${n}"',
    '  if [[ "${!selected}" == true ]]; then',
    '    sha256sum -c -- "${!asset}.sha256"',
    '    cat -- "${!asset}.sha256" >> SHA256SUMS',
    '    rm -- "${!asset}.sha256"',
    '    printf \'%s\\n\' "${!asset}" >> assets.txt',
    '    mv -- "${!asset}" upload/',
    '  fi',
    'done',
    ...(validated.length === 0 ? [] : [
      `for n in $(seq 1 ${validated.length}); do`,
      '  selected="VALIDATE_SELECTED_${n}"',
      '  name="VALIDATE_NAME_${n}"',
      '  content="VALIDATE_SCRIPT_${n}"',
      '  if [[ "${!selected}" == true ]]; then',
      '    printf \'%s\' "${!content}" > "upload/${!name}"',
      '    (cd upload && sha256sum -- "${!name}") >> SHA256SUMS',
      '    printf \'%s\\n\' "${!name}" >> assets.txt',
      '  fi',
      'done',
    ]),
    'notes="${RELEASE_NOTES_TEMPLATE}"',
    ...overlays.map((o) => `notes="\${notes//@${o.digestEnv}@/\${${o.digestEnv}}}"`),
    'notes="${notes//@SERVER_URL@/${GITHUB_SERVER_URL}}"',
    'notes="${notes//@REPOSITORY@/${GITHUB_REPOSITORY}}"',
    'notes="${notes//@TAG@/${GITHUB_REF_NAME}}"',
    '# keep the lines of the selected boards\' legs only',
    ': > RELEASE_NOTES.md',
    'while IFS= read -r line; do',
    '  if [[ "${line}" =~ ^@LEG_([0-9]+)@(.*)$ ]]; then',
    '    selected="SELECTED_${BASH_REMATCH[1]}"',
    '    if [[ "${!selected}" == true ]]; then',
    '      printf \'%s\\n\' "${BASH_REMATCH[2]}" >> RELEASE_NOTES.md',
    '    fi',
    '  else',
    '    printf \'%s\\n\' "${line}" >> RELEASE_NOTES.md',
    '  fi',
    'done <<< "${notes}"',
    'cp SHA256SUMS upload/',
    '',
  ].join('\n');
  const steps: JobStep[] = [];
  if (!settings.runner.isGithubHosted) {
    // GitHub-hosted runner images ship the GitHub CLI; a self-hosted runner must provide it
    steps.push({
      name: 'Check that the GitHub CLI is installed (self-hosted runner)',
      id: 'gh-cli',
      run: [
        'if ! command -v gh > /dev/null; then',
        '  echo "::error::The release job needs the GitHub CLI (gh) on this self-hosted runner: install it, or run the release job on a GitHub-hosted runner."',
        '  exit 1',
        'fi',
        '',
      ].join('\n'),
    });
  }
  const token = { GH_TOKEN: '${{ github.token }}' };
  steps.push(
    // first: a re-run that must not alter a published release stops before it attests or uploads
    {
      name: 'Check that the release is not published yet',
      id: 'existing-release',
      env: { ...token, REPLACE_PUBLISHED_RELEASE: String(settings.replacePublishedRelease) },
      run: EXISTING_RELEASE_SCRIPT,
    },
    {
      name: 'Download the disk images',
      id: 'download',
      uses: settings.actions.uses(DOWNLOAD_ARTIFACT),
      with: { 'pattern': `${IMAGE_ARTIFACT_PREFIX}*`, 'merge-multiple': true, 'path': 'release' },
    },
    {
      name: 'Verify checksums, write SHA256SUMS and release notes',
      id: 'checksums',
      env,
      run: script,
    },
  );
  if (settings.provenance) {
    steps.push({
      name: 'Attest build provenance of the disk images',
      id: 'attest',
      uses: settings.actions.uses(ATTEST_BUILD_PROVENANCE),
      // the selected assets, from the checksums file the previous step wrote
      with: { 'subject-checksums': 'release/SHA256SUMS' },
    });
  }
  steps.push(
    {
      // creates a draft, or updates the existing release keeping its draft state
      // (softprops/action-gh-release src/github.ts @ v3.0.0: findTagFromReleases, draft: existingRelease.draft)
      name: 'Create or update the draft release and upload the assets',
      id: 'draft',
      uses: settings.actions.uses(GH_RELEASE),
      with: {
        tag_name: '${{ github.ref_name }}',
        name: '${{ github.ref_name }}',
        body_path: 'release/RELEASE_NOTES.md',
        draft: true,
        files: 'release/upload/*',
        overwrite_files: true,
        fail_on_unmatched_files: true,
      },
    },
    {
      name: 'Verify the uploaded assets',
      id: 'verify',
      env: token,
      run: VERIFY_SCRIPT,
    },
    {
      name: 'Publish the release',
      id: 'publish',
      if: "steps.existing-release.outputs.published != 'true'",
      env: token,
      run: PUBLISH_SCRIPT,
    },
  );
  const permissions: github.workflows.JobPermissions = settings.provenance
    ? { contents: JobPermission.WRITE, idToken: JobPermission.WRITE, attestations: JobPermission.WRITE }
    : { contents: JobPermission.WRITE };
  return {
    name: 'Publish the GitHub release',
    needs: [PLAN_JOB, ...overlays.map((o) => o.jobId), ...legs.map((l) => l.jobId)],
    if: releaseCondition(overlays, legs),
    ...placement(settings.runner),
    ...environmentOf(settings),
    timeoutMinutes: settings.timeouts.release,
    permissions,
    steps,
  };
}

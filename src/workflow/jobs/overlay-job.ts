import { github } from 'projen';
import { ANY_BOARD_SELECTED, PLAN_JOB } from './plan-job';
import { checkoutStep, environmentOf, loginStep, placement, WorkflowSettings } from './settings';
import { BuiltOverlay } from '../legs';
import { SourceDateEpoch } from '../overlay-build';
import { ATTEST_BUILD_PROVENANCE, BUILD_PUSH, SETUP_BUILDX, SETUP_QEMU } from '../pinned-actions';

type JobStep = github.workflows.JobStep;
const JobPermission = github.workflows.JobPermission;

/** The overlay job's rule for the git tag, which it pushes as an image tag (a bash ERE, anchored). */
export const IMAGE_TAG_REGEX = '^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$';

/** The tag of the registry build cache of an overlay build (on the overlay's repository). */
export function cacheTag(overlay: BuiltOverlay): string {
  return `buildcache${overlay.tagSuffix}`;
}

/**
 * Checkout (with the history `SOURCE_DATE_EPOCH` needs), the `SOURCE_DATE_EPOCH` step, QEMU
 * for the platforms foreign to the overlay runner only, and buildx.
 */
export function buildSetupSteps(settings: WorkflowSettings): JobStep[] {
  const build = settings.overlayBuild!;
  const firstCommit = build.sourceDateEpoch === SourceDateEpoch.FIRST_COMMIT;
  const steps: JobStep[] = [
    // FIRST_COMMIT reads the root commit, so it needs the whole history
    checkoutStep(settings, firstCommit ? 0 : undefined),
    {
      name: firstCommit ? 'SOURCE_DATE_EPOCH from the first commit' : 'SOURCE_DATE_EPOCH from the tagged commit',
      id: 'source-date-epoch',
      run: [
        'set -euo pipefail',
        ...(firstCommit
          // as jhuynh08/nanopi-m6's Makefile: git log $(git rev-list --max-parents=0 HEAD | head -1) --pretty=%ct
          ? ['first=$(git rev-list --max-parents=0 HEAD | head -n 1)', 'epoch=$(git log -1 --format=%ct "${first}")']
          : ['epoch=$(git log -1 --format=%ct HEAD)']),
        'if [[ ! "${epoch}" =~ ^[0-9]+$ ]]; then',
        '  echo "::error::Could not read SOURCE_DATE_EPOCH from git."',
        '  exit 1',
        'fi',
        'echo "epoch=${epoch}" >> "${GITHUB_OUTPUT}"',
        '',
      ].join('\n'),
    },
  ];
  // QEMU only for what the runner cannot run natively
  const foreign = settings.overlayPlatforms.filter((p) => p !== settings.overlayRunner.arch);
  if (foreign.length > 0) {
    steps.push({
      name: 'Set up QEMU',
      id: 'setup-qemu',
      uses: settings.actions.uses(SETUP_QEMU),
      with: { platforms: foreign.join(',') },
    });
  }
  steps.push({ name: 'Set up Docker Buildx', id: 'setup-buildx', uses: settings.actions.uses(SETUP_BUILDX) });
  return steps;
}

/** Inputs of docker/build-push-action; `push` adds the tag, labels, push and cache writes. */
export function buildInputs(settings: WorkflowSettings, overlay: BuiltOverlay, push: boolean): { [key: string]: string | boolean } {
  const inputs: { [key: string]: string | boolean } = {
    context: '.',
    file: settings.overlayBuild!.file,
  };
  if (overlay.target) {
    inputs.target = overlay.target;
  }
  inputs.platforms = settings.overlayPlatforms.map((p) => `linux/${p}`).join(',');
  inputs.push = push;
  if (push) {
    inputs.tags = settings.overlayImage!.withTag(`\${{ github.ref_name }}${overlay.tagSuffix}`);
  }
  // every declared argument, and SOURCE_DATE_EPOCH from git (bldr renders a missing one as
  // "<no value>": siderolabs/bldr @ v0.3.0)
  inputs['build-args'] = [
    ...Object.entries(overlay.buildArgs).map(([k, v]) => `${k}=${v}`),
    'SOURCE_DATE_EPOCH=${{ steps.source-date-epoch.outputs.epoch }}',
  ].join('\n');
  if (push) {
    inputs.labels = [
      'org.opencontainers.image.source=${{ github.server_url }}/${{ github.repository }}',
      'org.opencontainers.image.revision=${{ github.sha }}',
      `org.opencontainers.image.version=\${{ github.ref_name }}${overlay.tagSuffix}`,
    ].join('\n');
  }
  // registry cache on the overlay's repository: release builds read and write it (mode=max keeps
  // every stage, so an unchanged kernel is not rebuilt); the check only reads it, anonymously
  const cacheRef = settings.overlayImage!.withTag(cacheTag(overlay));
  inputs['cache-from'] = `type=registry,ref=${cacheRef}`;
  if (push) {
    inputs['cache-to'] = `type=registry,ref=${cacheRef},mode=max`;
  }
  // BuildKit's SLSA provenance (max) and SBOM travel in the pushed image index as
  // attestation manifests; the imager picks its own platform's manifest from the index.
  const attest = push && settings.buildAttestations;
  inputs.provenance = attest ? 'mode=max' : false;
  inputs.sbom = attest;
  return inputs;
}

export function buildDescription(settings: WorkflowSettings, overlay: BuiltOverlay): string {
  return `${settings.overlayBuild!.file}${overlay.target ? `, target ${overlay.target}` : ''}`;
}

/**
 * Looks up the pushed tag: an existing tag is re-used (its digest), never moved. `--format
 * '{{json .Manifest}}'` prints the manifest or index descriptor as indented JSON, its own
 * `"digest"` first at top level (a format starting with `{{.Manifest` prints text instead):
 * docker/buildx util/imagetools/printers.go.
 */
const EXISTING_TAG_SCRIPT = [
  'set -euo pipefail',
  'ref="${OVERLAY_REPOSITORY}:${GITHUB_REF_NAME}${TAG_SUFFIX}"',
  'if manifest=$(docker buildx imagetools inspect "${ref}" --format \'{{json .Manifest}}\' 2> inspect.err); then',
  '  digest=$(sed -n -e \'s/^  "digest": "\\(sha256:[0-9a-f]*\\)",\\{0,1\\}$/\\1/p\' <<< "${manifest}" | head -n 1)',
  '  if [[ ! "${digest}" =~ ^sha256:[0-9a-f]{64}$ ]]; then',
  '    echo "::error::Could not read the digest of the existing ${ref}."',
  '    exit 1',
  '  fi',
  '  echo "::notice::${ref} was already pushed (${digest}): re-using it. A pushed tag is never moved, because an attestation names its digest."',
  '  echo "exists=true" >> "${GITHUB_OUTPUT}"',
  '  echo "digest=${digest}" >> "${GITHUB_OUTPUT}"',
  'elif grep -qi "not found" inspect.err; then',
  '  echo "exists=false" >> "${GITHUB_OUTPUT}"',
  'else',
  '  cat inspect.err >&2',
  '  echo "::error::Could not check whether ${ref} exists."',
  '  exit 1',
  'fi',
  'rm -f inspect.err',
  '',
].join('\n');

/** The digest of the tag: the one just pushed, or the existing one. */
const DIGEST_SCRIPT = [
  'set -euo pipefail',
  'digest="${PUSHED_DIGEST:-${EXISTING_DIGEST}}"',
  'if [[ ! "${digest}" =~ ^sha256:[0-9a-f]{64}$ ]]; then',
  '  echo "::error::No digest of the pushed overlay image."',
  '  exit 1',
  'fi',
  'echo "digest=${digest}" >> "${GITHUB_OUTPUT}"',
  '',
].join('\n');

/** Builds and pushes one overlay build (runs when the tag releases some board). */
export function overlayJob(settings: WorkflowSettings, overlay: BuiltOverlay): github.workflows.Job {
  const notExisting = 'steps.existing-tag.outputs.exists != \'true\'';
  const steps: JobStep[] = [
    {
      name: 'Check that the git tag is a valid image tag',
      id: 'check-tag',
      run: [
        `if [[ ! "\${GITHUB_REF_NAME}" =~ ${IMAGE_TAG_REGEX} ]]; then`,
        '  echo "::error::The pushed git tag cannot be used as an image tag (allowed: letters, digits, _ . -, at most 128 characters)."',
        '  exit 1',
        'fi',
        '',
      ].join('\n'),
    },
    ...buildSetupSteps(settings),
    loginStep(settings),
    {
      name: 'Re-use the overlay tag if it was already pushed',
      id: 'existing-tag',
      env: { OVERLAY_REPOSITORY: settings.overlayImage!.fullName, TAG_SUFFIX: overlay.tagSuffix },
      run: EXISTING_TAG_SCRIPT,
    },
    {
      name: `Build and push the overlay (${buildDescription(settings, overlay)})`,
      id: 'push',
      if: notExisting,
      uses: settings.actions.uses(BUILD_PUSH),
      with: buildInputs(settings, overlay, true),
    },
  ];
  const permissions: github.workflows.JobPermissions = settings.provenance
    ? { contents: JobPermission.READ, idToken: JobPermission.WRITE, attestations: JobPermission.WRITE }
    : { contents: JobPermission.READ };
  steps.push({
    name: 'Report the overlay digest',
    id: 'digest',
    env: { PUSHED_DIGEST: '${{ steps.push.outputs.digest }}', EXISTING_DIGEST: '${{ steps.existing-tag.outputs.digest }}' },
    run: DIGEST_SCRIPT,
  });
  if (settings.provenance) {
    // signed SLSA provenance of the index, stored next to the image. It runs for a re-used tag
    // too: a run whose attestation failed after the push must not leave the overlay unattested
    // on re-run (the release notes tell users to verify it); attesting a digest again is harmless.
    steps.push({
      name: 'Attest build provenance of the overlay image',
      id: 'attest',
      uses: settings.actions.uses(ATTEST_BUILD_PROVENANCE),
      with: {
        'subject-name': settings.overlayImage!.canonicalName,
        'subject-digest': '${{ steps.digest.outputs.digest }}',
        'push-to-registry': true,
      },
    });
  }
  return {
    name: overlay.variant ? `Build and push the overlay image (${overlay.variant})` : 'Build and push the overlay image',
    needs: [PLAN_JOB],
    if: ANY_BOARD_SELECTED,
    ...placement(settings.overlayRunner),
    ...environmentOf(settings),
    timeoutMinutes: settings.timeouts.overlay,
    permissions,
    outputs: { digest: { stepId: 'digest', outputName: 'digest' } },
    steps,
  };
}

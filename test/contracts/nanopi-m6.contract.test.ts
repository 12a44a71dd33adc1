/**
 * Contract tests: the NanoPi M6 example's committed release workflow, run job by job on
 * simulated runners whose docker, imager and actions enforce the upstream contracts
 * (test/contracts/act.ts, runner.mjs, stub-bin/docker, actions.mjs). The workflow generated
 * before issue 8 is run in ./nanopi-m6-before-issue-8.contract.test.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ActResult, overlayRepository } from './act';
import { diskImageProblems } from './disk-check';
import { nanopiM6Model } from './nanopi-m6-model';
import { failures, FIXED, lastRepository, run, TAG } from './nanopi-m6-run';

const WORKFLOW = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'nanopi-m6', '.github', 'workflows', 'release.yaml'), 'utf8');

/** One published run of the current workflow (with the declared fix), shared by the tests that only read it. */
let published: { result: ActResult & { workdir: string }; repository: ReturnType<typeof overlayRepository> } | undefined;
function publishedRun() {
  if (!published) {
    const result = run(WORKFLOW, nanopiM6Model(FIXED));
    published = { result, repository: lastRepository };
  }
  return published;
}

test('the NanoPi M6 release runs end to end on GitHub-hosted runners', () => {
  const { result } = publishedRun();
  expect(failures(result)).toEqual([]);
  expect(Object.fromEntries(Object.entries(result.jobs).map(([id, j]) => [id, j.result]))).toEqual({
    'plan': 'success', 'overlay': 'success', 'image-nanopi-m6': 'success', 'release': 'success',
  });
  const release = result.state.releases[TAG];
  expect(release.draft).toBe(false);
  expect(Object.keys(release.assets).sort()).toEqual(['SHA256SUMS', 'talos-v1.10.6-nanopi-m6-arm64.raw.xz', 'validate-nanopi-m6.sh']);
  expect(release.publishedChanges).toEqual([]);
});

describe('the current NanoPi M6 workflow', () => {
  const IMAGE = 'talos-v1.10.6-nanopi-m6-arm64.raw.xz';

  test('with the repository\'s installer offset unchanged (2048 * 10), verify-image fails the leg and nothing is released', () => {
    const result = run(WORKFLOW, nanopiM6Model({ partitionOffsetLba: 2048 * 10 }));
    const leg = result.jobs['image-nanopi-m6'];
    expect(leg.result).toBe('failure');
    expect(leg.failedStep).toBe('verify-image');
    expect(leg.error).toContain('::error::verify-image [gpt]: expected a valid GPT (sgdisk -v: "No problems found"), found: Caution! After loading partitions, the CRC doesn\'t check out!');
    expect(result.jobs.release.result).toBe('skipped');
    expect(result.state.releases).toBeUndefined();
    expect(result.state.artifacts).toBeUndefined();
  });

  test('with the declared fix (2048 * 12), the published image has a sound GPT', () => {
    const { result } = publishedRun();
    expect(failures(result)).toEqual([]);
    const release = result.state.releases[TAG];
    expect(release.draft).toBe(false);
    expect(diskImageProblems(Buffer.from(release.files[IMAGE], 'base64'))).toEqual([]);
  });

  test('a re-run reuses the pushed overlay tag and overwrites the uploads, and refuses to alter the published release', () => {
    const first = publishedRun().result;
    expect(failures(first)).toEqual([]);
    const before = JSON.parse(JSON.stringify(first.state.releases[TAG]));
    const again = run(WORKFLOW, nanopiM6Model(FIXED), { workdir: first.workdir, runAttempt: 2 });
    expect(again.jobs.overlay.result).toBe('success');
    expect(again.jobs.overlay.log.join('\n')).toContain(`::notice::docker.io/123417/talos-sbc-nanopi-m6:${TAG} was already pushed (${first.jobs.overlay.outputs.digest}): re-using it.`);
    expect(again.jobs.overlay.outputs.digest).toBe(first.jobs.overlay.outputs.digest);
    expect(again.state.builds).toBe(1);
    expect(again.state.movedTags).toBeUndefined();
    // upload-artifact overwrite: true replaces the artifact of the first attempt (no 409)
    expect(again.jobs['image-nanopi-m6'].result).toBe('success');
    expect(again.jobs.release.result).toBe('failure');
    expect(again.jobs.release.failedStep).toBe('existing-release');
    expect(again.jobs.release.error).toContain(`::error::The release ${TAG} is already published, and this run does not alter a published release. Delete it to release again, or opt in with replacePublishedRelease.`);
    expect(again.state.releases[TAG]).toEqual(before);
    expect(again.state.releases[TAG].publishedChanges).toEqual([]);
    // the refusal comes first: the refused run attests no disk image
    const diskAttestations = (state: any) => (state.attestations ?? []).filter((a: any) => a.file !== undefined || a.name === undefined).length;
    expect(diskAttestations(again.state)).toBe(diskAttestations(first.state));
  });

  // Found by this runner: when the first attempt pushed the overlay tag but its attestation failed,
  // a re-run found the tag and skipped both the push and the attestation, then published a release
  // whose notes say `gh attestation verify oci://...@<digest>`. The attestation now runs for a
  // re-used digest too.
  test('a re-run after a failed overlay attestation attests the reused overlay digest', () => {
    const first = run(WORKFLOW, { ...nanopiM6Model(FIXED), outages: ['sigstore'] } as ReturnType<typeof nanopiM6Model>);
    expect(first.jobs.overlay.failedStep).toBe('attest');
    const again = run(WORKFLOW, nanopiM6Model(FIXED), { workdir: first.workdir, runAttempt: 2 });
    expect(again.state.releases[TAG].draft).toBe(false);
    const digest = again.jobs.overlay.outputs.digest;
    expect(again.state.attestations).toContainEqual({ name: 'index.docker.io/123417/talos-sbc-nanopi-m6', digest });
  });

  test('a draft left by an earlier run is reused: its assets are replaced and it is published', () => {
    const stale = { draft: true, assets: { [IMAGE]: 'stale', SHA256SUMS: 'stale' }, files: {}, publishedChanges: [] };
    const result = run(WORKFLOW, nanopiM6Model(FIXED), { initialState: { releases: { [TAG]: stale } } });
    expect(failures(result)).toEqual([]);
    expect(result.jobs.release.log.join('\n')).not.toContain('already published');
    const release = result.state.releases[TAG];
    expect(release.draft).toBe(false);
    expect(release.assets[IMAGE]).not.toBe('stale');
    expect(release.publishedChanges).toEqual([]);
  });

  test('a tag of another board does not trigger it, and a tag of another Talos release is refused by the plan job', () => {
    const otherBoard = run(WORKFLOW, nanopiM6Model(FIXED), { tag: 'v1.10.6-rock-5b' });
    expect(otherBoard.triggered).toBe(false);
    expect(otherBoard.jobs).toEqual({});

    const otherTalos = run(WORKFLOW, nanopiM6Model(FIXED), { tag: 'v1.12.5-nanopi-m6' });
    expect(otherTalos.triggered).toBe(true);
    expect(otherTalos.jobs.plan.result).toBe('failure');
    expect(otherTalos.jobs.plan.error).toContain('::error::The tag v1.12.5-nanopi-m6 names Talos v1.12.5, but this workflow releases Talos v1.10.6. Tag the release v1.10.6-..., or release it from the workflow of that Talos release.');
    expect(otherTalos.jobs.overlay.result).toBe('skipped');
    expect(otherTalos.jobs['image-nanopi-m6'].result).toBe('skipped');
    expect(otherTalos.jobs.release.result).toBe('skipped');
    expect(otherTalos.state.registry).toBeUndefined();
    expect(otherTalos.state.builds).toBeUndefined();
  });

  test('SOURCE_DATE_EPOCH passed to the build is the time of the first commit (full history checked out)', () => {
    const { result, repository } = publishedRun();
    expect(result.state.buildArgs).toEqual([{
      target: 'talos-sbc-rk3588-mainline',
      args: {
        PKGS_PREFIX: 'ghcr.io/siderolabs',
        PKGS: 'v1.7.0',
        KERNEL_VARIANT: 'mainline',
        SOURCE_DATE_EPOCH: String(repository.firstCommitTime),
      },
    }]);
    // a shallow checkout (the default fetch-depth: 1) would date the build at the tagged commit
    // (no release catalogs in this registry: the leg stops at resolve-extensions, which keeps this run short)
    const shallow = run(WORKFLOW.replace('fetch-depth: 0', 'fetch-depth: 1'), { ...nanopiM6Model(FIXED), registry: {} });
    expect(shallow.jobs['image-nanopi-m6'].failedStep).toBe('resolve-extensions');
    expect(shallow.state.buildArgs[0].args.SOURCE_DATE_EPOCH).toBe(String(lastRepository.tagCommitTime));
  });
});

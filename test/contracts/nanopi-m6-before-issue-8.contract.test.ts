/**
 * Contract tests: the NanoPi M6 release workflow generated before issue 8
 * (fixtures/nanopi-m6-release-before-issue-8.yaml), run on the same simulated runners as the
 * current one (./nanopi-m6.contract.test.ts), fails where a real runner would.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nanopiM6Model } from './nanopi-m6-model';
import { releasedImageProblems, run, TAG } from './nanopi-m6-run';

describe('the workflow generated before issue 8 fails where a real runner would', () => {
  const OLD = fs.readFileSync(path.join(__dirname, 'fixtures', 'nanopi-m6-release-before-issue-8.yaml'), 'utf8');

  test('defect 1: SOURCE_DATE_EPOCH is not passed, so bldr renders <no value> and U-Boot fails', () => {
    const result = run(OLD);
    expect(result.jobs.overlay.result).toBe('failure');
    expect(result.jobs.overlay.error).toBe("artifacts/u-boot/rock5b/pkg.yaml:9: build arg SOURCE_DATE_EPOCH renders as \"<no value>\" (not passed): date: invalid date '@<no value>'");
    expect(result.jobs['image-nanopi-m6'].result).toBe('skipped');
    expect(result.jobs.release.result).toBe('skipped');
  });

  test('defect 2: the arm64 kernel is built under QEMU on an amd64 runner, past timeout-minutes', () => {
    const result = run(OLD, nanopiM6Model({ sourceDateEpochRequired: false }));
    expect(result.jobs.overlay.result).toBe('failure');
    expect(result.jobs.overlay.error).toMatch(/^The job has exceeded the maximum execution time of 120m0s \(stages pinned to another architecture run under QEMU: about 560 minutes\)$/);
  });

  test('defect 3: the arm64 installer is run on an amd64 imager host', () => {
    const model = nanopiM6Model({ sourceDateEpochRequired: false });
    for (const stage of model.overlay.targets['talos-sbc-rk3588-mainline'].pinnedStages) {
      stage.nativeMinutes = 1;
    }
    const result = run(OLD, model);
    expect(result.jobs.overlay.result).toBe('success');
    expect(result.jobs['image-nanopi-m6'].result).toBe('failure');
    expect(result.jobs['image-nanopi-m6'].error).toContain('error getting overlay options: fork/exec /tmp/imager/overlay/installers/rk3588: exec format error');
  });

  test('re-running the release re-uploads an existing artifact name (409) and moves the attested overlay tag', () => {
    const model = nanopiM6Model({ sourceDateEpochRequired: false });
    const target = model.overlay.targets['talos-sbc-rk3588-mainline'];
    target.pinnedStages.forEach((stage) => { stage.nativeMinutes = 1; });
    (target.installer as { pinnedArch?: string }).pinnedArch = undefined;
    const first = run(OLD, model);
    expect(Object.values(first.jobs).map((j) => j.result)).toEqual(['success', 'success', 'success']);
    const again = run(OLD, model, { workdir: first.workdir, runAttempt: 2 });
    expect(again.jobs['image-nanopi-m6'].error).toContain('(409) Conflict: an artifact with this name already exists on the workflow run');
    expect(again.state.movedTags).toEqual([expect.objectContaining({ repo: 'docker.io/123417/talos-sbc-nanopi-m6', tag: TAG, attested: true })]);
  });

  test('defect 5: uboot.img at 8 MiB overwrites the GPT entries and the EFI partition, and the image is released anyway', () => {
    const model = nanopiM6Model({ sourceDateEpochRequired: false });
    const target = model.overlay.targets['talos-sbc-rk3588-mainline'];
    target.pinnedStages.forEach((stage) => { stage.nativeMinutes = 1; });
    (target.installer as { pinnedArch?: string }).pinnedArch = undefined;
    const result = run(OLD, model);
    expect(result.jobs.release.result).toBe('success');
    expect(releasedImageProblems(result)).toEqual([
      expect.stringContaining('Main partition table CRC mismatch'),
    ]);
  });
});

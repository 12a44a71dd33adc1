/**
 * Issue 8: the NanoPi M6 example against a faithful model of its real overlay repository
 * (test/fixtures/overlay-repositories/nanopi-m6, written from jhuynh08/nanopi-m6 @ 040eb91).
 * The model as it is fails the inspection with the layout error; with the fix the example
 * declares (installer PartitionOptions.Offset raised to 2048 * 12) it passes.
 */
import { existsSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { OverlayRepositoryInspection, ReleaseWorkflow, RepositoryFindingSeverity, TalosOverlayProject } from '../../src';
import { nanopiM6Repository, raisedOffsetInstaller } from '../repository/support';
import { exampleOptions, withoutProjenPost } from '../support/examples';

const NANOPI_M6 = exampleOptions('nanopi-m6');

/** The example's project, written to a folder (as `npx projen` there, without npm install). */
function createProject(outdir: string): TalosOverlayProject {
  return new TalosOverlayProject({ ...NANOPI_M6, outdir });
}

/** Synthesises the example's project into a folder, without npm install. */
function synthInto(outdir: string): void {
  withoutProjenPost(() => createProject(outdir).synth());
}

function exampleWorkflow(): ReleaseWorkflow {
  return createProject(mkdtempSync(join(tmpdir(), 'nanopi-m6-inspect-'))).releaseWorkflow;
}

test('the faithful model of the real repository fails the example\'s inspection: its installer offset leaves uboot.img over the GPT', () => {
  const findings = exampleWorkflow().inspectRepository(nanopiM6Repository());
  const errors = findings.filter((f) => f.severity === RepositoryFindingSeverity.ERROR);
  expect(errors.map((f) => `${f.file}:${f.line} [${f.ruleId}]`)).toEqual([
    expect.stringMatching(/^installers\/rk3588\/src\/main\.go:\d+ \[/),
  ]);
  expect(OverlayRepositoryInspection.format(errors)).toMatch(/2048 \* 10|20480/);
});

test('with the fix the example declares (installer offset 2048 * 12), the model passes the inspection with no error', () => {
  const root = nanopiM6Repository(raisedOffsetInstaller('2048 * 12'));
  const findings = exampleWorkflow().inspectRepository(root);
  expect(findings.filter((f) => f.severity === RepositoryFindingSeverity.ERROR)).toEqual([]);
});

test('the example synthesises in the fixed model\'s folder (the inspection runs at synth), and refuses the unfixed one before writing', () => {
  const fixed = nanopiM6Repository(raisedOffsetInstaller('2048 * 12'));
  synthInto(fixed);
  const unfixed = nanopiM6Repository();
  expect(() => synthInto(unfixed)).toThrow(
    /the overlay repository does not fit the declaration.*\nERROR installers\/rk3588\/src\/main\.go:38 \[installer-offset\] the installer declares PartitionOptions\.Offset = 2048 \* 10 \(20480 LBAs\), but the declaration says partitionOffsetSectors 24576/s);
  expect(existsSync(join(unfixed, '.github'))).toBe(false);
});

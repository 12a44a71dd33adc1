import { parse } from 'yaml';
import { ImageRepository, OverlayBoard, OverlayBuild, ReleaseWorkflow } from '../../src';
import { toBashRegex } from '../../src/workflow/private/tag-glob';
import { NANOPI_M6 } from '../support/fixtures';
import { runScript, simulateRun } from '../support/job-conditions';
import { errorOf, synthWorkflows, tempProject } from '../support/projen';
import { expectValidWorkflow } from '../support/workflow-validators';

/**
 * Tag scoping (issue 9): the plan job's script runs under bash with GITHUB_REF_NAME=<tag> and a
 * GITHUB_OUTPUT file, and every later job's `if:` is evaluated against its outputs with GitHub's
 * own expression evaluator (@actions/expressions).
 */

const BOARDS = [
  { boardName: 'nanopi-m6', overlayOptions: { board: 'nanopi-m6', chipset: 'rk3588s' } },
  { boardName: 'rock-5b', overlayOptions: { board: 'rock-5b', chipset: 'rk3588' } },
  { boardName: 'orangepi-5', overlayOptions: { board: 'orangepi-5', chipset: 'rk3588s' } },
];

function threeBoards(): { workflow: any; yaml: string } {
  const project = tempProject();
  const boards = BOARDS.map((b, i) => new OverlayBoard(project, `Board${i}`, { ...NANOPI_M6, ...b }));
  new ReleaseWorkflow(project, 'Release', {
    boards,
    overlayImage: ImageRepository.dockerHub('123417', 'talos-sbc-rk3588'),
    overlayBuild: OverlayBuild.pkgfile({ target: 'talos-sbc-rk3588-mainline' }),
  });
  const yaml = synthWorkflows(project)['.github/workflows/release.yaml'];
  return { workflow: parse(yaml), yaml };
}

/** Runs the plan job's step as the runner would. */
function plan(workflow: any, tag: string) {
  const step = workflow.jobs.plan.steps[0];
  return runScript(step.run, { ...workflow.env, ...step.env, GITHUB_REF_NAME: tag });
}

describe('plan job: one tag releases only the boards whose pattern it matches', () => {
  const { workflow, yaml } = threeBoards();

  test('the workflow is valid', () => {
    expectValidWorkflow(yaml, 'release.yaml');
  });

  test.each(BOARDS.map((b) => b.boardName))('v1.10.6-%s runs the overlay build, that board\'s imager leg and the release; no other leg', (board) => {
    const { status, outputs } = plan(workflow, `v1.10.6-${board}`);
    expect(status).toBe(0);
    expect(outputs).toEqual({
      'release-nanopi-m6': String(board === 'nanopi-m6'),
      'release-rock-5b': String(board === 'rock-5b'),
      'release-orangepi-5': String(board === 'orangepi-5'),
      'any': 'true',
    });
    expect(simulateRun(workflow, outputs)).toEqual({
      'plan': 'success',
      'overlay': 'success',
      'image-nanopi-m6': board === 'nanopi-m6' ? 'success' : 'skipped',
      'image-rock-5b': board === 'rock-5b' ? 'success' : 'skipped',
      'image-orangepi-5': board === 'orangepi-5' ? 'success' : 'skipped',
      'release': 'success',
    });
    // the release job publishes the selected leg's asset only
    const checksums = workflow.jobs.release.steps.find((s: any) => s.id === 'checksums');
    const selected = Object.entries<string>(checksums.env).filter(([k]) => k.startsWith('SELECTED_'));
    expect(selected.map(([, v]) => v)).toEqual(BOARDS.map((b) => `\${{ needs.plan.outputs.release-${b.boardName} }}`));
  });

  test('the release job does not run when a selected board\'s leg failed, and the plan\'s failure stops everything', () => {
    const { outputs } = plan(workflow, 'v1.10.6-rock-5b');
    // a failed selected leg: the release condition's explicit success check is false
    const release = workflow.jobs.release.if as string;
    expect(release).toMatch(/^\$\{\{ !cancelled\(\) && /);
    expect(release).toContain('(needs.image-rock-5b.result == \'success\' || (needs.image-rock-5b.result == \'skipped\' && needs.plan.outputs.release-rock-5b != \'true\'))');
    expect(simulateRun(workflow, outputs, 'success', ['image-rock-5b'])).toEqual({
      'plan': 'success', 'overlay': 'success', 'image-nanopi-m6': 'skipped', 'image-rock-5b': 'failure', 'image-orangepi-5': 'skipped', 'release': 'skipped',
    });
    expect(simulateRun(workflow, outputs, 'failure')).toEqual({
      'plan': 'failure', 'overlay': 'skipped', 'image-nanopi-m6': 'skipped', 'image-rock-5b': 'skipped', 'image-orangepi-5': 'skipped', 'release': 'skipped',
    });
  });

  test('a tag whose Talos version part disagrees with the workflow\'s release fails in the plan job, before anything is built', () => {
    const { status, outputs, stdout } = plan(workflow, 'v1.12.5-nanopi-m6');
    expect(status).toBe(1);
    expect(outputs).toEqual({});
    expect(stdout).toBe('::error::The tag v1.12.5-nanopi-m6 names Talos v1.12.5, but this workflow releases Talos v1.10.6. '
      + 'Tag the release v1.10.6-..., or release it from the workflow of that Talos release.\n');
    // a prerelease part is part of the version
    expect(plan(workflow, 'v1.10.6-rc.1-nanopi-m6').status).toBe(1);
  });

  test('the old workflow released every board on one board\'s tag (the release job needed every leg, no plan)', () => {
    // every leg now has an if: on its own board's plan output
    for (const board of BOARDS) {
      expect(workflow.jobs[`image-${board.boardName}`].if).toBe(`needs.plan.outputs.release-${board.boardName} == 'true'`);
      expect(workflow.jobs[`image-${board.boardName}`].needs).toEqual(['plan', 'overlay']);
    }
    expect(workflow.jobs.overlay.if).toBe('needs.plan.outputs.any == \'true\'');
  });
});

describe('tag patterns: GitHub filter-pattern semantics, not bash globs', () => {
  // docs.github.com workflow syntax, "Filter pattern cheat sheet": * does not match /, ** does
  const cases: Array<[string, string, boolean]> = [
    ['v*-nanopi-m6', 'v1.10.6-nanopi-m6', true],
    ['v*-nanopi-m6', 'v1.10.6-rock-5b', false],
    ['v*-nanopi-m6', 'release/v1.10.6-nanopi-m6', false],
    ['v*-nanopi-m6', 'v1/10-nanopi-m6', false],
    ['v**-nanopi-m6', 'v1/10-nanopi-m6', true],
    ['v1.10.*-m6', 'v1x10.6-m6', false],
    ['v1.10.*-m6', 'v1.10.6-m6', true],
    ['v*-m6', 'v1.10.6-m6-extra', false],
  ];
  test.each(cases)('%s against %s: %s', (pattern, tag, matches) => {
    const { status, stdout } = runScript('[[ "${TAG}" =~ ${RE} ]] && echo yes || echo no', { TAG: tag, RE: toBashRegex(pattern) });
    expect(status).toBe(0);
    expect(stdout).toBe(matches ? 'yes\n' : 'no\n');
  });

  test('tag patterns of two release lines that one tag matches are rejected (glob intersection, not string equality)', () => {
    const project = tempProject();
    const line = (id: string, talosVersion: string, tagPattern: string, fileName: string) => new ReleaseWorkflow(project, id, {
      boards: [new OverlayBoard(project, `${id}Board`, { ...NANOPI_M6, talosVersion, tagPattern })],
      overlayImage: ImageRepository.dockerHub('123417', 'talos-sbc-rk3588'),
      overlayBuild: OverlayBuild.pkgfile({ target: 'talos-sbc-rk3588-mainline' }),
      fileName,
    });
    line('Current', 'v1.10.6', 'v*-nanopi-m6', 'release.yaml');
    expect(errorOf(() => line('Next', 'v1.12.5', 'v1.12.*-nanopi-m6', 'release-v1.12.yaml'))).toBe([
      '[talos-sbc-constructs] ReleaseWorkflow at "Next" is invalid:',
      '  - boards[0].tagPattern = "v1.12.*-nanopi-m6": tag pattern "v1.12.*-nanopi-m6" of workflow "Release (.github/workflows/release-v1.12.yaml)" and tag pattern "v*-nanopi-m6" of workflow "Release (.github/workflows/release.yaml)" both match tag "v1.12.0-nanopi-m6"; a tag would run both workflows (the ReleaseWorkflow at "Current"). Fix: make the patterns disjoint so that no tag matches both, e.g. "v1.12.*-nanopi-m6" in workflow "Release (.github/workflows/release-v1.12.yaml)" and "v1.10.*-nanopi-m6" in workflow "Release (.github/workflows/release.yaml)"',
    ].join('\n'));
  });

  test('disjoint release-line patterns are accepted', () => {
    const project = tempProject();
    for (const [id, talosVersion, fileName] of [['Current', 'v1.10.6', 'release.yaml'], ['Next', 'v1.12.5', 'release-v1.12.yaml']]) {
      new ReleaseWorkflow(project, id, {
        boards: [new OverlayBoard(project, `${id}Board`, { ...NANOPI_M6, talosVersion, tagPattern: `${talosVersion.replace(/\.\d+$/, '')}.*-nanopi-m6` })],
        overlayImage: ImageRepository.dockerHub('123417', 'talos-sbc-rk3588'),
        overlayBuild: OverlayBuild.pkgfile({ target: 'talos-sbc-rk3588-mainline' }),
        fileName,
      });
    }
    expect(Object.keys(synthWorkflows(project)).sort()).toEqual(['.github/workflows/release-v1.12.yaml', '.github/workflows/release.yaml']);
  });
});

import { parse } from 'yaml';
import { ImageRepository, OverlayBoard, OverlayBuild, ReleaseLine, ReleaseWorkflow } from '../../src';
import { matchesTagPattern, tagPatternsIntersect, talosVersionOfTag } from '../../src/workflow/private/tag-glob';
import { NANOPI_M6 } from '../support/fixtures';
import { errorOf, synthWorkflows, tempProject } from '../support/projen';

/** Release lines (issue 9): several Talos release lines in one repository, one workflow each. */

const LINES = ['v1.7.7', 'v1.8.4', 'v1.9.6', 'v1.10.6', 'v1.11.3', 'v1.12.5', 'v1.13.0-beta.1'];
const BOARDS = ['nanopi-m6', 'm6', 'rock-5b', 'rock-5b-plus', 'b'];

function releaseLines(talosVersions: string[], tagPattern: (board: string, version: string) => string | undefined) {
  const project = tempProject();
  for (const talosVersion of talosVersions) {
    const board = new OverlayBoard(project, `M6-${talosVersion}`, { ...NANOPI_M6, talosVersion, systemExtensions: [], tagPattern: tagPattern('nanopi-m6', talosVersion) });
    new ReleaseWorkflow(project, `Release-${talosVersion}`, {
      boards: [board],
      fileName: ReleaseLine.workflowFileName(talosVersion),
      workflowName: ReleaseLine.workflowName(talosVersion),
      overlayImage: ImageRepository.dockerHub('123417', 'talos-sbc-rk3588'),
      overlayBuild: OverlayBuild.pkgfile({ target: 'talos-sbc-rk3588-mainline' }),
    });
  }
  return project;
}

describe('ReleaseLine', () => {
  test('derives the tag pattern, workflow file and name from the release line', () => {
    expect(ReleaseLine.tagPattern('nanopi-m6', 'v1.10.6')).toBe('v1.10.*-nanopi-m6');
    expect(ReleaseLine.tagPattern('rock-5b', 'v1.12.0-beta.1')).toBe('v1.12.*-rock-5b');
    expect(ReleaseLine.workflowFileName('v1.10.6')).toBe('release-v1.10.yaml');
    expect(ReleaseLine.workflowName('v1.12.5')).toBe('Release v1.12');
  });

  test('a line\'s pattern matches its releases and pre-releases of that board, and no other line\'s', () => {
    const pattern = ReleaseLine.tagPattern('nanopi-m6', 'v1.10.6');
    for (const tag of ['v1.10.6-nanopi-m6', 'v1.10.0-nanopi-m6', 'v1.10.0-rc.1-nanopi-m6']) {
      expect([tag, matchesTagPattern(pattern, tag)]).toEqual([tag, true]);
    }
    for (const tag of ['v1.1.6-nanopi-m6', 'v1.100.0-nanopi-m6', 'v1.12.5-nanopi-m6', 'v1.10.6-rock-5b', 'v11.10.6-nanopi-m6']) {
      expect([tag, matchesTagPattern(pattern, tag)]).toEqual([tag, false]);
    }
  });

  test('two release lines\' patterns never overlap, for any two boards (whatever their names)', () => {
    for (const [i, a] of LINES.entries()) {
      for (const b of LINES.slice(i + 1)) {
        for (const boardA of BOARDS) {
          for (const boardB of BOARDS) {
            const pa = ReleaseLine.tagPattern(boardA, a);
            const pb = ReleaseLine.tagPattern(boardB, b);
            expect([pa, pb, tagPatternsIntersect(pa, pb)]).toEqual([pa, pb, undefined]);
          }
        }
      }
    }
    // the default pattern (v*-<board>) of two lines does overlap: that is what the lines fix
    expect(tagPatternsIntersect('v*-nanopi-m6', ReleaseLine.tagPattern('nanopi-m6', 'v1.12.5'))).toBe('v1.12.0-nanopi-m6');
  });

  test('every tag a line\'s pattern selects names a release of that line (the plan job\'s version check reads the same part)', () => {
    for (const tag of ['v1.12.5-nanopi-m6', 'v1.12.0-beta.1-nanopi-m6']) {
      expect(matchesTagPattern(ReleaseLine.tagPattern('nanopi-m6', 'v1.12.5'), tag)).toBe(true);
      expect(talosVersionOfTag(tag)).toMatch(/^v1\.12\./);
    }
  });

  test('the synthesised project has one workflow per line, each triggered by its line\'s tags only', () => {
    const files = synthWorkflows(releaseLines(['v1.10.6', 'v1.12.5'], (board, version) => ReleaseLine.tagPattern(board, version)));
    expect(Object.keys(files).filter((f) => f.startsWith('.github/workflows/')).sort()).toEqual([
      '.github/workflows/release-v1.10.yaml', '.github/workflows/release-v1.12.yaml',
    ]);
    const v110 = parse(files['.github/workflows/release-v1.10.yaml']);
    const v112 = parse(files['.github/workflows/release-v1.12.yaml']);
    expect([v110.name, v110.on, v110.env.TALOS_VERSION]).toEqual(['Release v1.10', { push: { tags: ['v1.10.*-nanopi-m6'] } }, 'v1.10.6']);
    expect([v112.name, v112.on, v112.env.TALOS_VERSION]).toEqual(['Release v1.12', { push: { tags: ['v1.12.*-nanopi-m6'] } }, 'v1.12.5']);
  });

  test('two lines on the default pattern are refused, naming both workflows', () => {
    expect(errorOf(() => releaseLines(['v1.10.6', 'v1.12.5'], () => undefined))).toContain(
      'tag pattern "v*-nanopi-m6" of workflow "Release v1.12 (.github/workflows/release-v1.12.yaml)" and tag pattern "v*-nanopi-m6" of workflow "Release v1.10 (.github/workflows/release-v1.10.yaml)" both match tag',
    );
  });

  test('refuses a malformed release or board name', () => {
    expect(errorOf(() => ReleaseLine.tagPattern('nanopi-m6', '1.10.6'))).toBe([
      '[talos-sbc-constructs] ReleaseLine at "ReleaseLine" is invalid:',
      '  - talosVersion = "1.10.6": a Talos version must look like "v1.10.6" (or "v1.14.0-rc.1"). Fix: use the exact release tag of siderolabs/talos, with the leading "v"',
    ].join('\n'));
    expect(errorOf(() => ReleaseLine.tagPattern('NanoPi*', 'v1.10.6'))).toBe([
      '[talos-sbc-constructs] ReleaseLine at "ReleaseLine" is invalid:',
      '  - boardName = "NanoPi*": must be 1 to 40 lowercase letters and digits separated by single "-" (^[a-z0-9]+(?:-[a-z0-9]+)*$). Fix: use the board\'s boardName, e.g. "nanopi"',
    ].join('\n'));
  });
});

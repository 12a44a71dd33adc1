import { TalosVersion } from '../board/talos-version';
import { suggestBoardName } from '../private/names';
import { checkString } from '../private/types';
import { Problems } from '../private/validation';

const BOARD_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_BOARD_NAME = 40;

/**
 * Release lines: several Talos release lines (e.g. v1.10 and v1.12) released from one
 * repository, one `ReleaseWorkflow` each. Every board of a line takes the line's tag pattern
 * (`v<major>.<minor>.*-<board>`) and the line's workflow file (`release-v<major>.<minor>.yaml`),
 * so one tag runs exactly one workflow: two lines' patterns differ in their fixed
 * `v<major>.<minor>.` prefix, and no tag starts with both.
 *
 * @example
 * for (const talosVersion of ['v1.10.6', 'v1.12.5']) {
 *   const board = new OverlayBoard(project, `NanoPiM6-${talosVersion}`, {
 *     ...nanopiM6,
 *     talosVersion,
 *     tagPattern: ReleaseLine.tagPattern('nanopi-m6', talosVersion),
 *   });
 *   new ReleaseWorkflow(project, `Release-${talosVersion}`, {
 *     boards: [board],
 *     fileName: ReleaseLine.workflowFileName(talosVersion),
 *     workflowName: ReleaseLine.workflowName(talosVersion),
 *   });
 * }
 */
export class ReleaseLine {
  /**
   * The tag pattern of one board on one release line: `v<major>.<minor>.*-<board>`, e.g.
   * `v1.10.*-nanopi-m6` for `nanopi-m6` on Talos v1.10.6.
   * @param boardName the board's name (lowercase letters, digits and single "-")
   * @param talosVersion the line's Talos release, e.g. `v1.10.6`
   */
  public static tagPattern(boardName: string, talosVersion: string): string {
    const version = ReleaseLine.check(talosVersion, boardName, true);
    return `v${version.major}.${version.minor}.*-${boardName}`;
  }

  /**
   * The workflow file of a release line: `release-v<major>.<minor>.yaml`, e.g. `release-v1.10.yaml`.
   * @param talosVersion the line's Talos release, e.g. `v1.10.6`
   */
  public static workflowFileName(talosVersion: string): string {
    const version = ReleaseLine.check(talosVersion);
    return `release-v${version.major}.${version.minor}.yaml`;
  }

  /**
   * The workflow name of a release line: `Release v<major>.<minor>`, e.g. `Release v1.10`.
   * @param talosVersion the line's Talos release, e.g. `v1.10.6`
   */
  public static workflowName(talosVersion: string): string {
    const version = ReleaseLine.check(talosVersion);
    return `Release v${version.major}.${version.minor}`;
  }

  private static check(talosVersion: string, boardName?: string, needsBoard: boolean = false): TalosVersion {
    const problems = new Problems('ReleaseLine', 'ReleaseLine');
    const version = checkString(problems, 'talosVersion', talosVersion, 'use the line\'s Talos release, e.g. "v1.10.6"')
      ? TalosVersion._check(problems, 'talosVersion', talosVersion, false) : undefined;
    if (needsBoard && typeof boardName !== 'string') {
      checkString(problems, 'boardName', boardName, 'pass the board\'s boardName, e.g. "rock-5b"');
    } else if (boardName !== undefined && (!BOARD_NAME.test(boardName) || boardName.length > MAX_BOARD_NAME)) {
      // the rule of OverlayBoard.boardName
      problems.add('boardName', boardName, `must be 1 to ${MAX_BOARD_NAME} lowercase letters and digits separated by single "-" (${BOARD_NAME.source})`, `use the board's boardName, e.g. "${suggestBoardName(boardName)}"`);
    }
    problems.throwIfAny();
    return version!;
  }

  private constructor() {}
}

/**
 * The board rules, run in one place. Each module holds one validation concern of an
 * `OverlayBoard`; this list fixes the order in which they report (the order of the error
 * message). Not exported by the barrel.
 */
import { catalogRule } from './catalog';
import { BoardFacts, BoardResolution, BoardRule } from './context';
import { systemExtensionsRule } from './extensions';
import { extraKernelArgsRule, kernelRule } from './kernel';
import { boardNameRule, displayNameRule, overlayNameRule } from './names';
import { overlayOptionsRule } from './overlay-options';
import { dtbPathRule } from './overlay-paths';
import { archRule, imageOutputRule, profileBootloaderRule, profileNameRule, profileReleaseRule, ubootStartsEfiRule } from './profile';
import { rawLayoutRule } from './raw-layout';
import { tagPatternRule } from './tag-pattern';
import { talosVersionRule } from './talos-version';
import { Problems } from '../../private/validation';
import type { OverlayBoardProps } from '../overlay-board';
import { OverlayProfile } from '../overlay-profile';

/** Every board rule, in reporting order. A rule may read what an earlier one resolved. */
export const BOARD_RULES: readonly BoardRule[] = [
  dtbPathRule,
  boardNameRule,
  displayNameRule,
  overlayNameRule,
  profileNameRule,
  overlayOptionsRule,
  archRule,
  talosVersionRule, // resolves the Talos release
  tagPatternRule,
  systemExtensionsRule, // resolves the system extensions
  extraKernelArgsRule,
  imageOutputRule,
  profileReleaseRule,
  ubootStartsEfiRule,
  profileBootloaderRule,
  kernelRule,
  catalogRule,
  rawLayoutRule, // resolves the raw writes
];

/**
 * Runs every board rule on a declaration and the values derived from it, collecting their
 * problems in `problems` (the caller throws them).
 * @returns what the rules resolved: the Talos release, the system extensions, the raw writes
 */
export function runBoardRules(problems: Problems, props: OverlayBoardProps, board: BoardFacts,
  explicitProfile: OverlayProfile | undefined): BoardResolution {
  const resolved: BoardResolution = { resolvedSystemExtensions: [], rawWrites: [] };
  for (const rule of BOARD_RULES) {
    rule.check({ problems, props, board, explicitProfile, resolved });
  }
  return resolved;
}

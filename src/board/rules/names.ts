/**
 * Names and identity: the board name, display name and overlay installer name, and the name
 * patterns the board model shares (profile names, platforms, built-in image kinds).
 */
import { BoardRule } from './context';
import { suggestBoardName } from '../../private/names';
import { freeTextProblem, plainText } from '../../private/text';

/** Image kinds built into the imager; an overlay profile must not be one of them. */
export const BUILT_IN_KINDS = ['metal', 'metal-4k', 'iso', 'installer', 'aws', 'gcp', 'azure', 'vmware', 'digital-ocean', 'hcloud', 'openstack',
  'oracle', 'scaleway', 'upcloud', 'vultr', 'exoscale', 'nocloud', 'akamai', 'cloudstack', 'opennebula', 'metal-uki'];

/** Installer and profile file names. */
export const OVERLAY_NAME = /^[a-z0-9][a-z0-9._-]*$/;

/** A Talos platform (`talos.platform`). */
export const PLATFORM = /^[a-z0-9-]{1,32}$/;

const BOARD_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Whether a profile name is one of the imager's built-in kinds. */
export function isBuiltInKind(name: string): boolean {
  return BUILT_IN_KINDS.includes(name) || name.startsWith('secureboot-');
}

/** Whether a board name is valid (job ids, release tags and asset names are made of it). */
export function isValidBoardName(name: string): boolean {
  return BOARD_NAME.test(name) && name.length <= 40;
}

export const boardNameRule: BoardRule = {
  id: 'board-name',
  check({ problems, board }) {
    if (!isValidBoardName(board.boardName)) {
      problems.add('boardName', board.boardName, `must be 1 to 40 lowercase letters and digits separated by single "-" (${BOARD_NAME.source})`,
        `use a short lowercase name such as "${suggestBoardName(board.boardName)}"`);
    }
  },
};

export const displayNameRule: BoardRule = {
  id: 'display-name',
  check({ problems, props, board }) {
    if (props.displayName === undefined) {
      return;
    }
    // lengths count code points (an emoji is one character); free-text rules: src/private/text.ts
    const name = board.displayName;
    const text = freeTextProblem(name, { maxCodePoints: 100 });
    const fix = `use a plain name such as "${plainText(name, 100) || board.boardName}"`;
    if (name.length === 0 || /[\u0000-\u001f\u007f`$\\]/.test(name) || text?.startsWith('must be at most')) {
      problems.add('displayName', name, 'must be 1 to 100 printable characters without "$", "`" or "\\"', fix);
    } else if (text !== undefined) {
      problems.add('displayName', name, text, fix);
    }
  },
};

export const overlayNameRule: BoardRule = {
  id: 'overlay-name',
  check({ problems, board }) {
    const preset = board.preset;
    if (!OVERLAY_NAME.test(board.overlayName) || board.overlayName.length > 63) {
      problems.add('overlayName', board.overlayName, `must be the installer file name under /installers/ (${OVERLAY_NAME.source}, at most 63 characters)`,
        'use the overlay installer name in lowercase, e.g. "rk3588" or "rpi_generic"');
    } else if (preset && board.overlayName !== preset.overlayName) {
      problems.add('overlayName', board.overlayName, `must be the installer of the catalog board ${preset.name} ("${preset.overlayName}")`,
        `use "${preset.overlayName}", or do not use the preset`);
    }
  },
};

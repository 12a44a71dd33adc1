/**
 * Presence and runtime types of the board properties, checked before any rule or derived value
 * reads them: untyped callers (JavaScript, JSON, Python and Java through jsii) can pass
 * undefined, null, holes, strings for numbers and plain values for classes.
 */
import { SystemExtension } from '../../extensions/system-extension';
import { keyField } from '../../private/text';
import { checkArray, checkInstance, checkObject, checkOptionalBoolean, checkShape, Shape } from '../../private/types';
import { Problems } from '../../private/validation';
import { BoardPreset } from '../board-preset';
import { OverlayOptionType } from '../overlay-options';
import { OverlayProfile } from '../overlay-profile';

// Enum values (arch, kernel, imageOutput formats) are checked by their rules, which report them
// with every other problem: an unknown enum value cannot crash a later rule.

const PROFILE_FIX = 'use OverlayProfile.generate({ name }) or OverlayProfile.fromName(name, {...})';

/** The shapes both kinds of board share. */
const COMMON: { [name: string]: Shape } = {
  talosVersion: 'string',
  displayName: 'string?',
  tagPattern: 'string?',
  overlayOptions: 'stringMap?',
  overlayTextOptions: 'stringMap?',
  extraKernelArgs: 'string[]?',
  ubootStartsEfi: 'boolean?',
  profile: { instance: OverlayProfile, optional: true, fix: PROFILE_FIX },
  artifactsDirectory: 'string?',
};

const FIXES: { [name: string]: string } = {
  talosVersion: 'use the exact release tag of siderolabs/talos, e.g. "v1.10.6"',
  boardName: 'use a short lowercase name such as "my-board"',
  displayName: 'use a plain name, or leave it unset',
  overlayName: 'use the overlay installer name in lowercase, e.g. "rk3588"',
  profileName: 'use the profile file base name, e.g. "board-rk3588"',
  tagPattern: 'use a pattern such as "v*-<board name>", or leave it unset',
  overlayOptions: 'give each option a string value',
  overlayTextOptions: 'give each option its text',
  extraKernelArgs: 'pass one argument per entry, e.g. "console=ttyS2,1500000n8"',
  installerKernelArgs: 'pass one argument per entry',
  partitionOffsetSectors: 'give the installer\'s PartitionOptions.Offset in LBAs, e.g. 2048',
  dtb: 'give the DTB path the installer writes, or leave it unset',
  artifactsDirectory: 'give the repository root, or leave it unset',
  nonGrubBootloaderReason: 'say why the board boots without GRUB, or leave it unset',
};

/** Maps of booleans, entries of system extensions, U-Boot artifacts and the option schema. */
function checkDetails(problems: Problems, p: { [key: string]: unknown }): void {
  const booleans = p.overlayBooleanOptions;
  if (booleans !== undefined && checkObject(problems, 'overlayBooleanOptions', booleans, 'pass { key: true }')) {
    for (const [key, value] of Object.entries(booleans)) {
      checkOptionalBoolean(problems, keyField('overlayBooleanOptions', key), value === undefined ? null : value);
    }
  }
  if (p.systemExtensions !== undefined) {
    checkArray(problems, 'systemExtensions', p.systemExtensions, 'pass [SystemExtension.official(\'<name>\'), ...]', (item, field) => {
      if (typeof item === 'string' || item instanceof SystemExtension) {
        return true;
      }
      return checkInstance(problems, field, item, SystemExtension, 'use SystemExtension.official(\'<name>\') or SystemExtension.fromImage(\'<image>@sha256:…\')');
    });
  }
  if (p.ubootArtifacts !== undefined) {
    checkArray(problems, 'ubootArtifacts', p.ubootArtifacts, 'pass [{ file, offsetBytes, path }]', (item, field) => {
      if (!checkObject(problems, field, item, 'pass { file, offsetBytes, path }')) {
        return false;
      }
      const n = problems.count;
      checkShape(problems, item, { file: 'string', offsetBytes: 'number?', path: 'string?', sizeBytes: 'number?' }, {
        file: 'name the file the installer writes, e.g. "u-boot-rockchip.bin"',
        offsetBytes: 'give the byte offset, e.g. 32768',
        path: 'give the path as committed',
        sizeBytes: 'give the file size in bytes',
      }, `${field}.`);
      return problems.count === n;
    });
  }
  if (p.overlayOptionSchema !== undefined) {
    checkArray(problems, 'overlayOptionSchema', p.overlayOptionSchema, 'pass [{ key, type }]', (item, field) => {
      const n = problems.count;
      checkShape(problems, item, {
        key: 'string', type: { enumObject: OverlayOptionType, enumName: 'OverlayOptionType' }, required: 'boolean?', description: 'string?', sinceOverlayVersion: 'string?',
      }, { key: 'use the YAML key the installer reads, e.g. "board"' }, `${field}.`);
      return problems.count === n;
    });
  }
}

/** Throws the library's error when a property of `new OverlayBoard(...)` is missing or of the wrong type. */
export function checkBoardProps(problems: Problems, props: unknown): void {
  if (checkShape(problems, props, {
    ...COMMON,
    boardName: 'string',
    overlayName: 'string',
    profileName: 'string?',
    installerKernelArgs: 'string[]?',
    partitionOffsetSectors: 'number?',
    dtb: 'string?',
    preset: { instance: BoardPreset, optional: true, fix: 'use a BoardPreset constant, e.g. BoardPreset.RK3588_ROCK_5B, or BoardCatalog.get(name)' },
  }, FIXES)) {
    const p = props as { [key: string]: unknown };
    checkDetails(problems, p);
    const output = p.imageOutput;
    if (output !== undefined) {
      checkShape(problems, output, {
        platform: 'string?', secureBoot: 'boolean?',
      }, { platform: 'use "metal" for SBC images' }, 'imageOutput.');
    }
  }
  problems.throwIfAny();
}

/** Throws the library's error when a property of `OverlayBoard.fromCatalog(...)` is missing or of the wrong type. */
export function checkCatalogBoardProps(problems: Problems, props: unknown): void {
  if (checkShape(problems, props, {
    ...COMMON,
    preset: { instance: BoardPreset, fix: 'use a BoardPreset constant, e.g. BoardPreset.RK3588_ROCK_5B, or BoardCatalog.get(name)' },
    boardName: 'string?',
    nonGrubBootloaderReason: 'string?',
  }, FIXES)) {
    checkDetails(problems, props as { [key: string]: unknown });
  }
  problems.throwIfAny();
}


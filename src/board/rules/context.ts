/**
 * What every board rule reads and writes: the declaration, the values the board derived from
 * it, and what earlier rules resolved. Not exported by the barrel.
 */
import { ResolvedSystemExtension } from '../../extensions/system-extension';
import { Problems } from '../../private/validation';
import { BoardPreset } from '../board-preset';
import { Architecture, Compression, DiskFormat } from '../image-output';
import { KernelFlavour } from '../kernel';
import type { OverlayBoardProps } from '../overlay-board';
import { OverlayOptionSpec } from '../overlay-options';
import { OverlayProfile } from '../overlay-profile';
import { RawWrite } from '../raw-layout';
import { TalosVersion } from '../talos-version';

/** The values an `OverlayBoard` derives from its props before its rules run. */
export interface BoardFacts {
  readonly boardName: string;
  readonly displayName: string;
  readonly overlayName: string;
  readonly overlayOptions: { [key: string]: string };
  readonly overlayBooleanOptions: { [key: string]: boolean };
  readonly overlayTextOptions: { [key: string]: string };
  readonly overlayOptionSchema: OverlayOptionSpec[];
  readonly profileName: string;
  readonly arch: Architecture;
  readonly talosVersion: string;
  readonly tagPattern: string;
  readonly extraKernelArgs: string[];
  readonly platform: string;
  readonly diskFormat: DiskFormat;
  readonly compression: Compression;
  readonly kernel: KernelFlavour;
  readonly ubootStartsEfi?: boolean;
  readonly installerKernelArgs: string[];
  readonly partitionOffsetSectors?: number;
  readonly preset?: BoardPreset;
}

/** What the rules resolve while they run; a later rule reads what an earlier one set. */
export interface BoardResolution {
  /** The Talos release, set by the Talos version rule when it is valid and supported. */
  version?: TalosVersion;
  /** Set by the system extensions rule. */
  resolvedSystemExtensions: ResolvedSystemExtension[];
  /** Set by the raw layout rule (last). */
  rawWrites: RawWrite[];
}

/** The input of one board rule. */
export interface BoardRuleContext {
  /** Where a rule reports; the board throws them all at once after the last rule. */
  readonly problems: Problems;
  /** The declaration as given. */
  readonly props: OverlayBoardProps;
  /** The values derived from it. */
  readonly board: BoardFacts;
  /** The profile given, or the preset's; undefined when only a profile name is known. */
  readonly explicitProfile?: OverlayProfile;
  /** What earlier rules resolved. */
  readonly resolved: BoardResolution;
}

/** One board validation concern. */
export interface BoardRule {
  /** What the rule checks, e.g. `board-name` (for readers and the runner's order list). */
  readonly id: string;
  /** Reports the rule's problems in `context.problems`. */
  check(context: BoardRuleContext): void;
}

/** Reports entries that repeat an earlier entry of the same list. */
export function reportDuplicates(problems: Problems, field: string, values: readonly string[]): void {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    if (seen.has(value)) {
      problems.add(`${field}[${i}]`, value, 'must not repeat an earlier entry', 'remove the duplicate');
    }
    seen.add(value);
  });
}

/**
 * Lookups in the generated table of official system extensions (`private-extension-data.ts`).
 * Not exported by the barrel.
 *
 * Coverage: every stable Talos release from v1.7.0 (the first with overlays) to the newest tag
 * of siderolabs/extensions when the table was generated. A release that is not in the table
 * (a pre-release, or a release newer than the table) has no known extension versions: an
 * official extension on a board of that release is an error naming the nearest releases the
 * table knows, and the fix (use a release of the table, or pin the image with
 * `SystemExtension.fromImage`).
 */
import { EXTENSION_RELEASES, ExtensionRow } from './private-extension-data';
import { compareSemver, parseSemver, semver } from '../board/private-semver';

/** The official image repository of an extension. */
export const OFFICIAL_REGISTRY_PATH = 'ghcr.io/siderolabs/';

/** One official extension of one release. */
export interface OfficialExtension {
  readonly name: string;
  readonly version: string;
  readonly kernelModules: boolean;
  readonly firmwareRoot?: string;
  /** The Talos release (extensions tag) it belongs to. */
  readonly talosVersion: string;
}

function toExtension(row: ExtensionRow, talosVersion: string): OfficialExtension {
  const [name, version, kind] = row;
  const firmwareRoot = kind.includes('F') ? '/rootfs/usr/lib/firmware' : kind.includes('f') ? '/rootfs/lib/firmware' : undefined;
  return { name, version, kernelModules: kind.includes('m'), firmwareRoot, talosVersion };
}

/** Every release of the table, oldest first. */
export const KNOWN_RELEASES: readonly string[] = Object.keys(EXTENSION_RELEASES)
  .sort((a, b) => compareSemver(semver(a), semver(b)));

/** Every extension name of any release. */
const ALL_NAMES: ReadonlySet<string> = new Set(
  Object.values(EXTENSION_RELEASES).flatMap((release) => release.extensions.map((row) => row[0])));

/** Whether the table knows this release. */
export function isKnownRelease(talosVersion: string): boolean {
  return Object.prototype.hasOwnProperty.call(EXTENSION_RELEASES, talosVersion);
}

/** Whether `name` is an official extension of any release of the table. */
export function isOfficialName(name: string): boolean {
  return ALL_NAMES.has(name);
}

/** The official extension `name` of a release; undefined when the release or the name is unknown. */
export function officialExtension(talosVersion: string, name: string): OfficialExtension | undefined {
  if (!isKnownRelease(talosVersion)) {
    return undefined;
  }
  const row = EXTENSION_RELEASES[talosVersion].extensions.find((r) => r[0] === name);
  return row ? toExtension(row, talosVersion) : undefined;
}

/** Every extension name of a release (empty for an unknown release). */
export function extensionNames(talosVersion: string): string[] {
  return isKnownRelease(talosVersion) ? EXTENSION_RELEASES[talosVersion].extensions.map((r) => r[0]) : [];
}

/** The releases (oldest first) whose extension `name` has `version`. */
export function releasesWithVersion(name: string, version: string): string[] {
  return KNOWN_RELEASES.filter((release) => EXTENSION_RELEASES[release].extensions.some((r) => r[0] === name && r[1] === version));
}

/** The releases (oldest first) that ship the extension `name`. */
export function releasesWithName(name: string): string[] {
  return KNOWN_RELEASES.filter((release) => EXTENSION_RELEASES[release].extensions.some((r) => r[0] === name));
}

/** The nearest releases of the table around a release that is not in it: the newest older one and the oldest newer one. */
export function nearestReleases(talosVersion: string): string[] {
  const wanted = parseSemver(talosVersion);
  if (!wanted) {
    return [];
  }
  const older = KNOWN_RELEASES.filter((r) => compareSemver(semver(r), wanted) < 0);
  const newer = KNOWN_RELEASES.filter((r) => compareSemver(semver(r), wanted) > 0);
  return [older[older.length - 1], newer[0]].filter((r): r is string => r !== undefined);
}

/** "Talos v1.7.4", or "Talos v1.7.0 to v1.7.7" for several releases. */
export function describeReleases(releases: readonly string[]): string {
  if (releases.length === 1) {
    return `Talos ${releases[0]}`;
  }
  return `Talos ${releases[0]} to ${releases[releases.length - 1]}`;
}

/** The first and last release of the table, for messages. */
export function tableRange(): string {
  return `${KNOWN_RELEASES[0]} to ${KNOWN_RELEASES[KNOWN_RELEASES.length - 1]}`;
}

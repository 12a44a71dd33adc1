/**
 * Semantic versions as siderolabs tags them (`v1.10.6`, `v1.14.0-rc.1`, `v0.1.0-beta.4`).
 * Not exported by the barrel.
 */

const SEMVER = /^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-(alpha|beta|rc)\.(0|[1-9][0-9]*))?$/;

const PRERELEASE_RANK: { [kind: string]: number } = { alpha: 0, beta: 1, rc: 2 };

/** A parsed `vX.Y.Z[-alpha|beta|rc.N]`. */
export interface Semver {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** `alpha` | `beta` | `rc`, or undefined for a release. */
  readonly preKind?: string;
  readonly preNumber?: number;
}

/** Parses a tag; undefined when malformed. */
export function parseSemver(text: string): Semver | undefined {
  const m = SEMVER.exec(text);
  if (!m) {
    return undefined;
  }
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    preKind: m[4],
    preNumber: m[5] === undefined ? undefined : Number(m[5]),
  };
}

/** Parses a tag known to be well-formed (table data); throws otherwise. */
export function semver(text: string): Semver {
  const parsed = parseSemver(text);
  if (!parsed) {
    throw new Error(`internal error: malformed version "${text}" in a built-in table`);
  }
  return parsed;
}

/** Orders two versions: negative, zero or positive. A pre-release sorts before its release. */
export function compareSemver(a: Semver, b: Semver): number {
  if (a.major !== b.major) return a.major - b.major;
  if (a.minor !== b.minor) return a.minor - b.minor;
  if (a.patch !== b.patch) return a.patch - b.patch;
  const aRelease = a.preKind === undefined;
  const bRelease = b.preKind === undefined;
  if (aRelease || bRelease) {
    return (aRelease ? 1 : 0) - (bRelease ? 1 : 0);
  }
  const kind = PRERELEASE_RANK[a.preKind!] - PRERELEASE_RANK[b.preKind!];
  return kind !== 0 ? kind : a.preNumber! - b.preNumber!;
}

/** Whether `version` is at least `minimum` (both tags). */
export function atLeastTag(version: Semver, minimum: string): boolean {
  return compareSemver(version, semver(minimum)) >= 0;
}

import { Problems } from '../private/validation';

const VERSION = /^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-((?:alpha|beta|rc)\.(?:0|[1-9][0-9]*)))?$/;

/** Oldest Talos minor release with overlay support in the imager. */
const MIN_SUPPORTED = { major: 1, minor: 7 };
/** Newest Talos minor release whose imager behaviour this library knows. */
const MAX_SUPPORTED = { major: 1, minor: 14 };

/**
 * A Talos Linux release, `vX.Y.Z` or `vX.Y.Z-alpha.N|beta.N|rc.N`.
 *
 * It drives the imager image tag and every version-dependent behaviour of the imager
 * (privileges, default compression, base installer), from one table.
 */
export class TalosVersion {
  /**
   * Parses a version string; returns undefined when it is malformed.
   * @internal
   */
  public static _tryParse(version: string): TalosVersion | undefined {
    const m = VERSION.exec(version);
    if (!m) {
      return undefined;
    }
    return new TalosVersion(version, Number(m[1]), Number(m[2]), Number(m[3]), m[4]);
  }

  /**
   * Parses and checks a Talos version, reporting problems under `field`.
   * @internal
   */
  public static _check(problems: Problems, field: string, version: string): TalosVersion | undefined {
    const parsed = TalosVersion._tryParse(version);
    if (!parsed) {
      problems.add(field, version, 'a Talos version must look like "v1.10.6" (or "v1.14.0-rc.1")', 'use the exact release tag of siderolabs/talos, with the leading "v"');
      return undefined;
    }
    if (!parsed.isSupported) {
      problems.add(field, version,
        `Talos v${MIN_SUPPORTED.major}.${MIN_SUPPORTED.minor}.0 through v${MAX_SUPPORTED.major}.${MAX_SUPPORTED.minor}.x are supported (overlays need v1.7+; newer imagers are not yet modelled)`,
        `use a release between v${MIN_SUPPORTED.major}.${MIN_SUPPORTED.minor}.0 and v${MAX_SUPPORTED.major}.${MAX_SUPPORTED.minor}.x`);
      return undefined;
    }
    return parsed;
  }

  private constructor(
    /** The version as written, e.g. `v1.10.6`. */
    public readonly version: string,
    /** Major version. */
    public readonly major: number,
    /** Minor version. */
    public readonly minor: number,
    /** Patch version. */
    public readonly patch: number,
    /** Pre-release suffix, e.g. `rc.1`. */
    public readonly prerelease?: string,
  ) {}

  /** Whether this library models the imager of this release. */
  public get isSupported(): boolean {
    return this.atLeast(MIN_SUPPORTED.major, MIN_SUPPORTED.minor) && !this.atLeast(MAX_SUPPORTED.major, MAX_SUPPORTED.minor + 1);
  }

  /** Whether this version is at least `major.minor` (pre-releases of that minor count). */
  public atLeast(major: number, minor: number): boolean {
    return this.major > major || (this.major === major && this.minor >= minor);
  }

  /**
   * Whether the imager needs `--privileged -v /dev:/dev` to write disk images
   * (loop devices). The imager runs rootless from v1.13.0.
   */
  public get imagerNeedsPrivileges(): boolean {
    return !this.atLeast(1, 13);
  }

  /** The official imager image, `ghcr.io/siderolabs/imager:<version>`. */
  public get imagerImage(): string {
    return `ghcr.io/siderolabs/imager:${this.version}`;
  }

  /**
   * The default base installer image of this release: `installer-base` from v1.10,
   * `installer` before.
   */
  public get baseInstallerImage(): string {
    return this.atLeast(1, 10)
      ? `ghcr.io/siderolabs/installer-base:${this.version}`
      : `ghcr.io/siderolabs/installer:${this.version}`;
  }

  /**
   * Whether arm64 disk images default to systemd-boot (v1.10+), so SBC profiles must
   * pin `bootloader: grub`.
   */
  public get arm64DefaultsToSystemdBoot(): boolean {
    return this.atLeast(1, 10);
  }

  /** Whether the imager knows `.zst` output (v1.8+). */
  public get supportsZstd(): boolean {
    return this.atLeast(1, 8);
  }
}

import { Architecture, Compression } from './image-output';
import { atLeastTag, compareSemver, parseSemver, Semver } from './private-semver';
import { IMAGER_FLAGS, KNOWN_BROKEN, SINCE } from './private-version-table';
import { checkString } from '../private/types';
import { fail, Problems } from '../private/validation';

const VERSION = /^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-((?:alpha|beta|rc)\.(?:0|[1-9][0-9]*)))?$/;

/** Oldest Talos minor release with overlay support in the imager. */
const MIN_SUPPORTED = { major: 1, minor: 7 };
/** Newest Talos minor release whose imager behaviour this library knows. */
const MAX_SUPPORTED = { major: 1, minor: 14 };

/**
 * A Talos Linux release, `vX.Y.Z` or `vX.Y.Z-alpha.N|beta.N|rc.N`.
 *
 * It drives the imager image tag and every version-dependent behaviour of the imager
 * (privileges, default compression, bootloader, base installer, flags, installer Go API),
 * from one table. Each switch is the first siderolabs/talos tag that has the behaviour.
 *
 * @example
 * const talos = TalosVersion.of('v1.10.6');
 * talos.supportsImagerFlag('--embedded-config-path'); // false (v1.12+)
 * talos.requiresGrubBootloader(Architecture.ARM64);  // true (v1.10+)
 */
export class TalosVersion {
  /**
   * Parses a supported Talos release (v1.7.0 through v1.14.x). Releases known to build broken
   * SBC images (from v1.14.0-rc.1, talos#14226) parse, but boards refuse them.
   * @param version the release tag, e.g. `v1.10.6`
   * @throws when the version is malformed or outside the supported range
   */
  public static of(version: string): TalosVersion {
    const problems = new Problems('TalosVersion', 'TalosVersion.of');
    const parsed = TalosVersion._check(problems, 'version', version, false);
    problems.throwIfAny();
    return parsed!;
  }

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
   * Parses and checks a Talos version, reporting problems under `field`. A release of the
   * known-broken table is refused for building images (`refuseBroken`), but still parses for
   * table lookups (`TalosVersion.of`).
   * @internal
   */
  public static _check(problems: Problems, field: string, version: string, refuseBroken: boolean = true): TalosVersion | undefined {
    if (!checkString(problems, field, version, 'use the exact release tag of siderolabs/talos, e.g. "v1.10.6"')) {
      return undefined;
    }
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
    const broken = parsed._knownBroken;
    if (broken && refuseBroken) {
      problems.add(field, version,
        `Talos ${broken.since}${broken.fixedIn ? ` up to ${broken.fixedIn}` : ' and later'} is known to build broken SBC images: ${broken.what} (${broken.issue})`,
        broken.fixedIn ? `use ${broken.fixedIn} or later, or a release before ${broken.since}` : `use a release before ${broken.since} until a fixed release is verified`);
      return undefined;
    }
    return parsed;
  }

  /** The parsed version, for table lookups. */
  private readonly semver: Semver;

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
  ) {
    this.semver = parseSemver(version)!;
  }

  /** Whether this library models the imager of this release. */
  public get isSupported(): boolean {
    return this.atLeast(MIN_SUPPORTED.major, MIN_SUPPORTED.minor) && !this.atLeast(MAX_SUPPORTED.major, MAX_SUPPORTED.minor + 1);
  }

  /**
   * The known-broken release range this version is in (refused by `of`), if any.
   * @internal
   */
  public get _knownBroken(): { since: string; fixedIn?: string; what: string; issue: string } | undefined {
    return KNOWN_BROKEN.find((range) => this.since(range.since) && (range.fixedIn === undefined || !this.since(range.fixedIn)));
  }

  /** Whether this version is at least `major.minor` (pre-releases of that minor count). */
  public atLeast(major: number, minor: number): boolean {
    return this.major > major || (this.major === major && this.minor >= minor);
  }

  /**
   * Orders this release against another: negative when older, zero when equal, positive
   * when newer. A pre-release sorts before its release (`v1.14.0-rc.1` < `v1.14.0`).
   */
  public compareTo(other: TalosVersion): number {
    return compareSemver(this.semver, other.semver);
  }

  /**
   * Whether this release is `version` or newer.
   * @param version a release tag, e.g. `v1.12.0`
   */
  public isAtLeast(version: string): boolean {
    return this.compareTo(TalosVersion.of(version)) >= 0;
  }

  /**
   * Whether the imager needs `--privileged -v /dev:/dev` to write disk images
   * (loop devices). The imager runs rootless from v1.13.0.
   */
  public get imagerNeedsPrivileges(): boolean {
    return !this.since(SINCE.rootlessImager);
  }

  /** The official imager image, `ghcr.io/siderolabs/imager:<version>`. */
  public get imagerImage(): string {
    return `ghcr.io/siderolabs/imager:${this.version}`;
  }

  /**
   * The default base installer image of this release: `installer-base` from v1.10,
   * `installer` before. Pass it explicitly (`--base-installer-image`): the imager's own
   * default uses its baked-in tag, which is wrong for custom-tagged imagers.
   */
  public get baseInstallerImage(): string {
    return this.since(SINCE.installerBase)
      ? `ghcr.io/siderolabs/installer-base:${this.version}`
      : `ghcr.io/siderolabs/installer:${this.version}`;
  }

  /**
   * Whether arm64 disk images default to systemd-boot (v1.10+), so SBC profiles must
   * pin `bootloader: grub`.
   */
  public get arm64DefaultsToSystemdBoot(): boolean {
    return this.since(SINCE.arm64SystemdBoot);
  }

  /**
   * Whether a profile must pin `output.imageOptions.bootloader: grub` for an SBC image of
   * this architecture: arm64 from v1.10 (U-Boot starts GRUB through EFI; talos#10859).
   */
  public requiresGrubBootloader(arch: Architecture): boolean {
    return arch === Architecture.ARM64 && this.arm64DefaultsToSystemdBoot;
  }

  /** Whether profiles may set `output.imageOptions.bootloader` (v1.10.0-alpha.2+). */
  public get supportsBootloaderOption(): boolean {
    return this.since(SINCE.bootloaderKey);
  }

  /** Whether the imager knows `.zst` output (v1.8+). */
  public get supportsZstd(): boolean {
    return this.since(SINCE.zstd);
  }

  /**
   * Compression of the built-in `metal` profile: `.xz` up to v1.7, `.zst` from v1.8.
   * Overlay profiles set their own (every official SBC profile: `.xz`).
   */
  public get defaultMetalCompression(): Compression {
    return this.supportsZstd ? Compression.ZSTD : Compression.XZ;
  }

  /**
   * Whether the overlay installer Go API (`github.com/siderolabs/talos/pkg/machinery/overlay`
   * at this version) takes a `context.Context`: `GetOptions(ctx, extra)`, `Install(ctx, options)`
   * and `adapter.Execute(ctx, installer)` from machinery v1.12. The stdin/stdout protocol is
   * unchanged, so only installer source must follow its go.mod.
   */
  public get installerApiHasContext(): boolean {
    return this.since(SINCE.installerApiContext);
  }

  /**
   * The imager flags (without `--`) this release accepts, in a fixed order.
   */
  public get imagerFlags(): string[] {
    return IMAGER_FLAGS.filter((rule) => this.hasFlag(rule.flag)).map((rule) => rule.flag);
  }

  /**
   * Whether the imager of this release accepts a flag: `--board` and `--image-disk-size`
   * are gone in v1.13, `--embedded-config-path` arrived in v1.12, `--image-cache` in v1.9,
   * `--secureboot-include-well-known-certs` in v1.8.
   * @param flag the flag, with or without the leading `--` (e.g. `--image-cache`)
   * @throws when the flag is not a Talos imager flag of any release v1.7 to v1.14
   */
  public supportsImagerFlag(flag: string): boolean {
    const name = flag.replace(/^--/, '');
    if (!IMAGER_FLAGS.some((rule) => rule.flag === name)) {
      fail('TalosVersion', this.version, 'flag', flag, 'is not a flag of the Talos imager (v1.7 to v1.14)',
        `use one of ${IMAGER_FLAGS.map((rule) => `--${rule.flag}`).join(', ')}`);
    }
    return this.hasFlag(name);
  }

  private hasFlag(name: string): boolean {
    const rule = IMAGER_FLAGS.find((r) => r.flag === name);
    if (!rule) {
      return false;
    }
    return (rule.since === undefined || this.since(rule.since)) && (rule.removedIn === undefined || !this.since(rule.removedIn));
  }

  private since(tag: string): boolean {
    return atLeastTag(this.semver, tag);
  }
}

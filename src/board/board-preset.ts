import { Architecture, Compression, DiskFormat } from './image-output';
import { OverlayFamily } from './overlay-family';
import { OverlayOptionSpec } from './overlay-options';
import { Bootloader, OverlayProfile } from './overlay-profile';
import { CATALOG_EPOCHS, GRUB_PROFILE_SINCE, PresetData, PRESETS } from './private-catalog-data';
import { atLeastTag, compareSemver, parseSemver, semver } from './private-semver';
import { MIN_RAW_DISK_SIZE } from './private-version-table';
import { RawWrite } from './raw-layout';
import { TalosVersion } from './talos-version';
import { checkString } from '../private/types';
import { fail, Problems } from '../private/validation';

/** One instance per catalog board (declared before the class: its statics fill it). */
const presetCache: { instances?: Map<string, BoardPreset> } = {};

/**
 * A board of the catalog: an official siderolabs SBC overlay (the catalog name is the
 * overlay name, e.g. `rock5b`, `rpi_5`) or a board of the community rk3588 overlay
 * (`rk3588/nanopi-m6`), with the facts a pipeline needs: overlay and profile names, the
 * option schema, DTB, U-Boot files and raw offsets, partition offset, the installer's kernel
 * arguments and, for official overlays, the image of each Talos release's catalog.
 *
 * Build a board from it with `OverlayBoard.fromCatalog`.
 *
 * @example
 * BoardPreset.ROCK5B.officialOverlayImage('v1.10.6'); // ghcr.io/siderolabs/sbc-rockchip:v0.1.5
 */
export class BoardPreset {
  /** FriendlyElec CM3588 NAS (`friendlyelec-cm3588-nas`, official overlay). */
  public static readonly FRIENDLYELEC_CM3588_NAS = BoardPreset.named('friendlyelec-cm3588-nas');
  /** Kobol Helios64 (`helios64`, official overlay). */
  public static readonly HELIOS64 = BoardPreset.named('helios64');
  /** NanoPi R4S (`nanopi-r4s`, official overlay). */
  public static readonly NANOPI_R4S = BoardPreset.named('nanopi-r4s');
  /** NanoPi R5S (`nanopi-r5s`, official overlay). */
  public static readonly NANOPI_R5S = BoardPreset.named('nanopi-r5s');
  /** Hardkernel Odroid M1 (`odroid-m1`, official overlay). */
  public static readonly ODROID_M1 = BoardPreset.named('odroid-m1');
  /** Orange Pi 5 Max (`orangepi-5-max`, official overlay). */
  public static readonly ORANGEPI_5_MAX = BoardPreset.named('orangepi-5-max');
  /** Orange Pi 5 Plus (`orangepi-5-plus`, official overlay). */
  public static readonly ORANGEPI_5_PLUS = BoardPreset.named('orangepi-5-plus');
  /** Orange Pi 5 (`orangepi-5`, official overlay). */
  public static readonly ORANGEPI_5 = BoardPreset.named('orangepi-5');
  /** Orange Pi R1 Plus LTS (`orangepi-r1-plus-lts`, official overlay). */
  public static readonly ORANGEPI_R1_PLUS_LTS = BoardPreset.named('orangepi-r1-plus-lts');
  /** Radxa ZERO 3E (`radxa-zero-3e`, official overlay). */
  public static readonly RADXA_ZERO_3E = BoardPreset.named('radxa-zero-3e');
  /** Radxa ROCK 3B (`rock3b`, official overlay). */
  public static readonly ROCK3B = BoardPreset.named('rock3b');
  /** Radxa ROCK 4C+ (`rock4cplus`, official overlay). */
  public static readonly ROCK4CPLUS = BoardPreset.named('rock4cplus');
  /** Rock 4 SE (`rock4se`, official overlay). */
  public static readonly ROCK4SE = BoardPreset.named('rock4se');
  /** Radxa ROCK 5A (`rock5a`, official overlay). */
  public static readonly ROCK5A = BoardPreset.named('rock5a');
  /** Radxa ROCK 5B+ (`rock5b-plus`, official overlay). */
  public static readonly ROCK5B_PLUS = BoardPreset.named('rock5b-plus');
  /** Radxa ROCK 5B (`rock5b`, official overlay). */
  public static readonly ROCK5B = BoardPreset.named('rock5b');
  /** Radxa ROCK 5T (`rock5t`, official overlay). */
  public static readonly ROCK5T = BoardPreset.named('rock5t');
  /** Pine64 Rock64 (`rock64`, official overlay). */
  public static readonly ROCK64 = BoardPreset.named('rock64');
  /** Rock Pi 4A,Rock Pi 4B (`rockpi4`, official overlay). */
  public static readonly ROCKPI4 = BoardPreset.named('rockpi4');
  /** Rock Pi 4C (`rockpi4c`, official overlay). */
  public static readonly ROCKPI4C = BoardPreset.named('rockpi4c');
  /** Pine64 ROCKPro64 (`rockpro64`, official overlay). */
  public static readonly ROCKPRO64 = BoardPreset.named('rockpro64');
  /** Turing Machines RK1 (`turingrk1`, official overlay). */
  public static readonly TURINGRK1 = BoardPreset.named('turingrk1');
  /** BananaPi M64 (`bananapi_m64`, official overlay). */
  public static readonly BANANAPI_M64 = BoardPreset.named('bananapi_m64');
  /** LibreTech H3 CC H5 (`libretech_all_h3_cc_h5`, official overlay). */
  public static readonly LIBRETECH_ALL_H3_CC_H5 = BoardPreset.named('libretech_all_h3_cc_h5');
  /** Pine64 A64 (`pine64`, official overlay). */
  public static readonly PINE64 = BoardPreset.named('pine64');
  /** Jetson Nano (`jetson_nano`, official overlay). */
  public static readonly JETSON_NANO = BoardPreset.named('jetson_nano');
  /** Raspberry Pi 4 / Compute Module 4 (and older) (`rpi_generic`, official overlay). */
  public static readonly RPI_GENERIC = BoardPreset.named('rpi_generic');
  /** Raspberry Pi 5 (`rpi_5`, official overlay). */
  public static readonly RPI_5 = BoardPreset.named('rpi_5');
  /** Revolution Pi (`revpi_generic`, official overlay). */
  public static readonly REVPI_GENERIC = BoardPreset.named('revpi_generic');
  /** FriendlyElec NanoPi M6 (`rk3588/nanopi-m6`, community rk3588 overlay). */
  public static readonly RK3588_NANOPI_M6 = BoardPreset.named('rk3588/nanopi-m6');
  /** Radxa ROCK 5A (`rk3588/rock-5a`, community rk3588 overlay). */
  public static readonly RK3588_ROCK_5A = BoardPreset.named('rk3588/rock-5a');
  /** Radxa ROCK 5B (`rk3588/rock-5b`, community rk3588 overlay). */
  public static readonly RK3588_ROCK_5B = BoardPreset.named('rk3588/rock-5b');

  /** @internal */
  public static _all(): BoardPreset[] {
    return PRESETS.map((data) => BoardPreset.named(data.name));
  }

  private static named(name: string): BoardPreset {
    if (!presetCache.instances) {
      presetCache.instances = new Map(PRESETS.map((data) => [data.name, new BoardPreset(data)]));
    }
    const preset = presetCache.instances.get(name);
    if (!preset) {
      throw new Error(`internal error: no catalog board "${name}"`);
    }
    return preset;
  }

  /** Catalog name: the overlay name of an official board (`rock5b`, `rpi_5`), `rk3588/<board>` for a community one. */
  public readonly name: string;
  /** Default board name for job ids, release tags and asset names, e.g. `rpi-5`, `nanopi-m6`. */
  public readonly boardName: string;
  /** Human-readable board name. */
  public readonly displayName: string;
  /** Overlay installer name (`--overlay-name`). */
  public readonly overlayName: string;
  /** Where the overlay comes from. */
  public readonly family: OverlayFamily;
  /** Whether siderolabs publishes the overlay (it is in the siderolabs/overlays catalog). */
  public readonly isOfficial: boolean;
  /** SoC, e.g. `RK3588`. */
  public readonly soc?: string;
  /** Chipset: the SoC prefix of the DTB file (official), or the `chipset` option (community). */
  public readonly chipset?: string;
  /** Where the installer puts the DTB in the image, e.g. `/boot/EFI/dtb/rockchip/rk3588-rock-5b.dtb`. */
  public readonly dtb?: string;
  /** The DTB inside the overlay image. */
  public readonly dtbArtifact?: string;
  /** The U-Boot directory inside the overlay image. */
  public readonly ubootArtifactDirectory: string;
  /** Every U-Boot file the overlay ships for the board. */
  public readonly ubootFiles: string[];
  /** Files the installer writes to the raw disk, by byte offset (no sizes: they are build outputs). */
  public readonly rawWrites: RawWrite[];
  /** `PartitionOptions.Offset` of the installer, in 512-byte LBAs (undefined: none). */
  public readonly partitionOffsetSectors?: number;
  /** Kernel arguments the installer adds (`GetOptions().KernelArgs`). */
  public readonly installerKernelArgs: string[];
  /** Profile name (the imager image kind): the overlay name for official boards, `board-rk3588` for community ones. */
  public readonly profileName: string;
  /** Option keys the installer reads. */
  public readonly optionSchema: OverlayOptionSpec[];
  /** Options the installer needs for this board (community: `board` and `chipset`). */
  public readonly defaultOptions: { [key: string]: string };
  /** First Talos release whose overlays catalog lists the board (official boards). */
  public readonly catalogSince?: string;
  /** First tag of the official overlay repository with the board. */
  public readonly firstOverlayVersion?: string;
  /** Known quirks. */
  public readonly notes?: string;
  /** Where the facts were read. */
  public readonly source: string;

  private constructor(data: PresetData) {
    this.name = data.name;
    this.boardName = data.boardName;
    this.displayName = data.displayName;
    this.overlayName = data.overlayName;
    this.family = data.family;
    this.isOfficial = data.family !== OverlayFamily.COMMUNITY_RK3588;
    this.soc = data.soc;
    this.chipset = data.chipset;
    this.dtb = data.dtb;
    this.dtbArtifact = data.dtbArtifact;
    this.ubootArtifactDirectory = data.ubootArtifactDirectory;
    this.ubootFiles = [...data.ubootFiles];
    this.rawWrites = data.rawWrites.map((w) => ({ file: w.file, offsetBytes: w.offsetBytes }));
    this.partitionOffsetSectors = data.partitionOffsetSectors;
    this.installerKernelArgs = [...data.installerKernelArgs];
    this.profileName = data.profileName;
    this.optionSchema = data.options.map((o) => ({ ...o }));
    this.defaultOptions = { ...(data.defaultOptions ?? {}) };
    this.catalogSince = data.catalogSince;
    this.firstOverlayVersion = data.firstOverlayVersion;
    this.notes = data.notes;
    this.source = data.source;
  }

  /** The official image repository, e.g. `ghcr.io/siderolabs/sbc-rockchip`; undefined for a community overlay. */
  public get officialOverlayImageRepository(): string | undefined {
    return this.isOfficial ? `ghcr.io/siderolabs/${this.family}` : undefined;
  }

  /**
   * Whether the siderolabs/overlays catalog of a Talos release lists this board.
   * @param talosVersion e.g. `v1.10.6`
   */
  public isInCatalog(talosVersion: string): boolean {
    return this._catalogProblem(TalosVersion.of(talosVersion)) === undefined;
  }

  /**
   * The official overlay image version of a Talos release's catalog, e.g. `v0.1.5` for
   * sbc-rockchip at Talos v1.10.6.
   * @param talosVersion e.g. `v1.10.6`
   * @throws for a community board, or when the release's catalog lacks the board
   */
  public officialOverlayVersion(talosVersion: string): string {
    const version = TalosVersion.of(talosVersion);
    const problem = this._catalogProblem(version);
    if (problem) {
      fail('BoardPreset', this.name, 'talosVersion', talosVersion, problem.rule, problem.fix);
    }
    return this.imageVersionAt(version)!;
  }

  /**
   * The official overlay image of a Talos release's catalog, e.g.
   * `ghcr.io/siderolabs/sbc-rockchip:v0.1.5` for `rock5b` at Talos v1.10.6. (The catalog
   * image `ghcr.io/siderolabs/overlays:<talos version>` has the digests; pin by digest.)
   * @param talosVersion e.g. `v1.10.6`
   * @throws for a community board, or when the release's catalog lacks the board
   */
  public officialOverlayImage(talosVersion: string): string {
    return `${this.officialOverlayImageRepository}:${this.officialOverlayVersion(talosVersion)}`;
  }

  /**
   * The profile the board's overlay ships, as used with a Talos release (official boards:
   * the catalog image's profile; `bootloader: grub` from the Talos v1.10.1 catalog on).
   * @param talosVersion e.g. `v1.10.6`
   */
  public profileFor(talosVersion: string): OverlayProfile {
    return this._profile(TalosVersion.of(talosVersion));
  }

  /** @internal */
  public _profile(version: TalosVersion, nonGrubBootloaderReason?: string): OverlayProfile {
    const common = {
      nonGrubBootloaderReason,
      arch: Architecture.ARM64,
      platform: 'metal',
      secureBoot: false,
      diskFormat: DiskFormat.RAW,
      compression: Compression.XZ,
      diskSizeBytes: MIN_RAW_DISK_SIZE,
    };
    if (!this.isOfficial) {
      return OverlayProfile._reference(this.profileName, common,
        `the community ${this.profileName} profile has no bootloader key: generate it (profile: OverlayProfile.generate({ name: '${this.profileName}' })) `
        + 'and ship the rendered YAML in the overlay, or give nonGrubBootloaderReason');
    }
    const imageVersion = this.imageVersionAt(version);
    const grub = imageVersion !== undefined && atLeastTag(semver(imageVersion), GRUB_PROFILE_SINCE[this.family]);
    return OverlayProfile._reference(this.profileName, { ...common, bootloader: grub ? Bootloader.GRUB : undefined },
      `the ${this.family}:${imageVersion} profile has no bootloader key (GRUB is pinned from ${this.family}:${GRUB_PROFILE_SINCE[this.family]}, `
      + 'the Talos v1.10.1 catalog): use Talos v1.10.1 or newer, or give nonGrubBootloaderReason');
  }

  /**
   * Why the board cannot be used with the official overlay of a Talos release; undefined
   * when it can (or when it is a community board, which has no official image).
   * @internal
   */
  public _catalogProblem(version: TalosVersion): { rule: string; fix: string } | undefined {
    if (!this.isOfficial) {
      return {
        rule: `${this.name} is a board of the community rk3588 overlay; siderolabs publishes no image for it`,
        fix: 'build and push the overlay from its repository (ReleaseWorkflow) and use that image',
      };
    }
    const epoch = epochAt(version);
    const since = TalosVersion.of(this.catalogSince!);
    if (!epoch || version.compareTo(since) < 0) {
      const image = this.imageVersionAt(version);
      const at = image ? ` (${this.family}:${image})` : '';
      return {
        rule: `the siderolabs/overlays catalog of Talos ${version.version}${at} has no ${this.name}; it first appears in Talos ${this.catalogSince} `
          + `(${this.family}:${epochAt(since)!.images[this.family]})`,
        fix: `use Talos ${this.catalogSince} or newer, or a board that catalog has`,
      };
    }
    return undefined;
  }

  /**
   * Why the official image of a Talos release does not read an option key; undefined when
   * it does (or the board is not official).
   * @internal
   */
  public _optionUnavailable(key: string, version: TalosVersion): string | undefined {
    const spec = this.optionSchema.find((o) => o.key === key);
    const image = this.isOfficial ? this.imageVersionAt(version) : undefined;
    if (!spec || !spec.sinceOverlayVersion || image === undefined) {
      return undefined;
    }
    if (compareSemver(semver(image), semver(spec.sinceOverlayVersion)) >= 0) {
      return undefined;
    }
    return `the ${this.name} installer reads ${key} from ${this.family}:${spec.sinceOverlayVersion}; the Talos ${version.version} catalog has ${this.family}:${image}`;
  }

  private imageVersionAt(version: TalosVersion): string | undefined {
    return this.isOfficial ? epochAt(version)?.images[this.family] : undefined;
  }
}

/**
 * Looks boards up in the catalog by name.
 */
export class BoardCatalog {
  /**
   * The board with a catalog name: an official overlay name (`rock5b`, `rpi_5`) or
   * `rk3588/<board>` for the community rk3588 overlay (`rk3588/nanopi-m6`).
   * @throws for an unknown name, suggesting the catalog spelling (e.g. `rpi5` → `rpi_5`)
   */
  public static get(name: string): BoardPreset {
    const problems = new Problems('BoardCatalog', 'BoardCatalog.get');
    checkString(problems, 'name', name, 'use a catalog name, e.g. "rock5b" (BoardCatalog.names())');
    problems.throwIfAny();
    const preset = BoardCatalog.tryGet(name);
    if (preset) {
      return preset;
    }
    const key = normalise(name);
    const similar = BoardPreset._all().filter((p) => normalise(p.name) === key || normalise(p.boardName) === key || normalise(p.overlayName) === key)
      .map((p) => `"${p.name}"${p.isOfficial ? '' : ' (community rk3588)'}`);
    return fail('BoardCatalog', 'BoardCatalog.get', 'name', name,
      similar.length > 0 ? `is not a catalog name; the catalog spells it ${similar.join(' or ')}` : 'is not a catalog board',
      similar.length > 0 ? `use ${similar.join(' or ')}` : `use one of ${BoardCatalog.names().map((n) => `"${n}"`).join(', ')}`);
  }

  /** The board with a catalog name, or undefined. */
  public static tryGet(name: string): BoardPreset | undefined {
    return BoardPreset._all().find((p) => p.name === name);
  }

  /** Every catalog name, sorted. */
  public static names(): string[] {
    return BoardPreset._all().map((p) => p.name).sort();
  }

  /** Every catalog board, sorted by name. */
  public static all(): BoardPreset[] {
    return BoardPreset._all().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /**
   * The official boards in the siderolabs/overlays catalog of a Talos release, sorted by name.
   * @param talosVersion e.g. `v1.10.6`
   */
  public static officialBoards(talosVersion: string): BoardPreset[] {
    const version = TalosVersion.of(talosVersion);
    return BoardCatalog.all().filter((p) => p.isOfficial && p._catalogProblem(version) === undefined);
  }

  private constructor() {}
}

function epochAt(version: TalosVersion) {
  const parsed = parseSemver(version.version)!;
  let found: (typeof CATALOG_EPOCHS)[number] | undefined;
  for (const epoch of CATALOG_EPOCHS) {
    if (compareSemver(parsed, semver(epoch.since)) >= 0) {
      found = epoch;
    }
  }
  return found;
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/^rk3588\//, '').replace(/[^a-z0-9]/g, '');
}

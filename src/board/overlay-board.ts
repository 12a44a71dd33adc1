import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { BoardPreset } from './board-preset';
import { Architecture, Compression, DiskFormat, ImageOutputOptions } from './image-output';
import { KernelFlavour } from './kernel';
import { OverlayOptionSpec } from './overlay-options';
import { OverlayProfile } from './overlay-profile';
import { RawWrite, UbootArtifact } from './raw-layout';
import { runBoardRules } from './rules';
import { checkBoardProps, checkCatalogBoardProps } from './rules/prop-types';
import { TalosVersion } from './talos-version';
import { ResolvedSystemExtension, SystemExtension } from '../extensions/system-extension';
import { hasHostileCharacters } from '../private/shell';
import { sortedMap } from '../private/sorted-map';
import { fail, pathOf, Problems } from '../private/validation';
import { BoardHealthChecks } from '../validation/board-health-checks';

/**
 * Properties of an {@link OverlayBoard}.
 */
export interface OverlayBoardProps {
  /**
   * Short identifier of the board, used in job ids, release tags and asset names,
   * e.g. `nanopi-m6`.
   */
  readonly boardName: string;

  /**
   * Human-readable board name for release notes.
   * @default - the board name
   */
  readonly displayName?: string;

  /**
   * Name of the overlay installer (`--overlay-name`): the binary under `/installers/`
   * in the overlay image, e.g. `rk3588`.
   */
  readonly overlayName: string;

  /**
   * Installer options (`--overlay-option key=value`), e.g. `{ board: 'nanopi-m6', chipset: 'rk3588s' }`.
   * Keys are YAML keys the installer reads; values are plain strings.
   * @default - no options
   */
  readonly overlayOptions?: { [key: string]: string };

  /**
   * Boolean installer options, e.g. `{ spi_boot: true }`. They reach the imager through
   * the options YAML file (`typedOptionsYaml`, `--overlay-option=@<file>`): `key=value`
   * always makes a string, which the installer's `bool` field rejects.
   * @default - none
   */
  readonly overlayBooleanOptions?: { [key: string]: boolean };

  /**
   * Free-text string options (may contain spaces and newlines), e.g.
   * `{ configTxtAppend: 'dtoverlay=vc4-kms-v3d\n' }` for Raspberry Pi. They reach the
   * imager through the options YAML file, like `overlayBooleanOptions`.
   * @default - none
   */
  readonly overlayTextOptions?: { [key: string]: string };

  /**
   * The option keys the installer reads. When given, an unknown key, a missing required
   * key or a value of the wrong type is an error.
   * @default - the preset's schema with `preset`; otherwise options are not checked against a schema
   */
  readonly overlayOptionSchema?: OverlayOptionSpec[];

  /**
   * Name of the overlay's profile (`/profiles/<profileName>.yaml`), passed to the imager
   * as the image kind. Never a built-in kind such as `metal`: since Talos v1.8 `metal`
   * ignores the overlay profile.
   * @default - the name of `profile` (or of the preset's profile); one of them is required
   */
  readonly profileName?: string;

  /**
   * The overlay's profile, generated (`OverlayProfile.generate`) or referenced with its
   * facts (`OverlayProfile.fromName`). The image kind is its name and the output file
   * name is derived from it (so `imageOutput` must not contradict it). Checked against
   * the Talos release: disk size, `.zst` (v1.8+), `bootloader: grub` on arm64 (v1.10+).
   * @default - a reference named `profileName` described by `imageOutput`, whose bootloader is not checked
   */
  readonly profile?: OverlayProfile;

  /**
   * Architecture of the Talos image (`--arch`).
   * @default Architecture.ARM64
   */
  readonly arch?: Architecture;

  /**
   * Talos release to build, e.g. `v1.10.6`. Selects the imager image and every
   * version-dependent flag.
   */
  readonly talosVersion: string;

  /**
   * Git tag pattern that releases this board (GitHub `on.push.tags` filter syntax), in the
   * subset that rulesets and deployment policies (fnmatch) read the same way: letters, digits,
   * `.`, `_`, `-` and `/`, the wildcard `*` (which stops at `/`) and classes such as `[0-9]`.
   * `**`, `?`, `+`, `\` and a leading `!` are refused.
   * @default `v*-<boardName>`
   */
  readonly tagPattern?: string;

  /**
   * System extensions baked into every image of this board (`--system-extension-image`):
   * `SystemExtension.official('realtek-firmware')` (the version of this Talos release; the
   * workflow resolves its digest), `SystemExtension.fromImage(...)`, or a digest-pinned
   * reference string `registry/path:tag@sha256:<64 hex>`. An official image
   * (`ghcr.io/siderolabs/<name>:<version>`) of another Talos release is rejected.
   * @default - none
   */
  readonly systemExtensions?: Array<string | SystemExtension>;

  /**
   * Extra kernel arguments (`--extra-kernel-arg`); a leading `-` removes a default argument.
   * @default - none
   */
  readonly extraKernelArgs?: string[];

  /**
   * What the overlay profile writes (platform, SecureBoot, disk format, compression):
   * the imager output file name is derived from it.
   * @default - metal, no SecureBoot, raw, xz (the profile of every official SBC overlay)
   */
  readonly imageOutput?: ImageOutputOptions;

  /**
   * Whether the board's U-Boot starts EFI binaries (`bootefi`, `CONFIG_EFI_LOADER`): Talos
   * boots arm64 boards through GRUB (or systemd-boot) as an EFI application, so a U-Boot
   * without EFI cannot boot it (talos#11885). Check at the U-Boot prompt with `bootefi hello`.
   * @default - true for official catalog boards (their mainline U-Boot has EFI); unknown
   * (an error on arm64) for every other board until declared
   */
  readonly ubootStartsEfi?: boolean;

  /**
   * Which kernel the image boots; decides which console devices exist (`ttyFIQ0` is
   * Rockchip BSP only).
   * @default KernelFlavour.MAINLINE
   */
  readonly kernel?: KernelFlavour;

  /**
   * Kernel arguments the overlay installer adds (`GetOptions().KernelArgs`), for checks and
   * documentation; they are not passed to the imager.
   * @default - the preset's with `preset`; none otherwise
   */
  readonly installerKernelArgs?: string[];

  /**
   * `PartitionOptions.Offset` of the installer, in 512-byte LBAs (e.g. 20480 = 10 MiB).
   * Raw bootloader writes must end before it.
   * @default - the preset's with `preset`; required when `ubootArtifacts` are given
   */
  readonly partitionOffsetSectors?: number;

  /**
   * Where the installer puts the board's DTB in the image, e.g.
   * `/boot/EFI/dtb/rockchip/rk3588s-nanopi-m6.dtb` (`/boot/EFI` is the EFI partition). The image
   * verification step of each imager leg checks that the file is in the EFI partition.
   * @default - the preset's with `preset`; not checked otherwise
   */
  readonly dtb?: string;

  /**
   * Bootloader files the installer writes to the raw disk, with their sizes (from the
   * committed files or given), checked against each other and the partition offset.
   * @default - none (a preset's raw writes are checked by their offsets only)
   */
  readonly ubootArtifacts?: UbootArtifact[];

  /**
   * The directory `ubootArtifacts[].path` is relative to.
   * @default - the current working directory (the repository root when `npx projen` runs)
   */
  readonly artifactsDirectory?: string;

  /**
   * The catalog board this board is built from (see `OverlayBoard.fromCatalog`). It
   * supplies the option schema, installer kernel arguments, raw writes and partition offset,
   * the profile, and (official boards) the catalog check for the Talos release.
   * @default - none
   */
  readonly preset?: BoardPreset;

  /**
   * What a healthy board shows after flashing (device-tree compatible strings, links, disks,
   * PCI devices, kernel modules): the release attaches `validate-<boardName>.sh`, which checks
   * them with `talosctl`, and `npx projen validate -- --nodes <ip>` runs it.
   * @default - no checks: no validation script
   */
  readonly healthChecks?: BoardHealthChecks;
}

/**
 * Properties of a board built from the catalog ({@link OverlayBoard.fromCatalog}).
 */
export interface CatalogBoardProps {
  /**
   * The catalog board, e.g. `BoardPreset.ROCK5B` or `BoardCatalog.get('rpi_5')`.
   */
  readonly preset: BoardPreset;

  /**
   * Talos release to build, e.g. `v1.10.6`. For an official board, the release's catalog
   * must list it.
   */
  readonly talosVersion: string;

  /**
   * Short identifier of the board (job ids, release tags, asset names).
   * @default - the preset's board name, e.g. `rock5b`, `rpi-5`, `nanopi-m6`
   */
  readonly boardName?: string;

  /**
   * Human-readable board name.
   * @default - the preset's display name
   */
  readonly displayName?: string;

  /**
   * Git tag pattern that releases this board.
   * @default `v*-<boardName>`
   */
  readonly tagPattern?: string;

  /**
   * String options (`key=value`). A community preset's `board` and `chipset` are filled in.
   * @default - the preset's default options
   */
  readonly overlayOptions?: { [key: string]: string };

  /**
   * Boolean options, e.g. `{ spi_boot: true }`.
   * @default - none
   */
  readonly overlayBooleanOptions?: { [key: string]: boolean };

  /**
   * Free-text string options, e.g. `{ configTxtAppend: '...' }`.
   * @default - none
   */
  readonly overlayTextOptions?: { [key: string]: string };

  /**
   * System extensions: official ones (`SystemExtension.official`) or digest-pinned images.
   * @default - none
   */
  readonly systemExtensions?: Array<string | SystemExtension>;

  /**
   * Extra kernel arguments.
   * @default - none
   */
  readonly extraKernelArgs?: string[];

  /**
   * Whether the board's U-Boot starts EFI binaries (`bootefi`, `CONFIG_EFI_LOADER`): Talos
   * boots arm64 boards through GRUB (or systemd-boot) as an EFI application, so a U-Boot
   * without EFI cannot boot it (talos#11885). Check at the U-Boot prompt with `bootefi hello`.
   * @default - true for official catalog boards; unknown (an error on arm64) for the community boards until declared
   */
  readonly ubootStartsEfi?: boolean;

  /**
   * Which kernel the image boots.
   * @default KernelFlavour.MAINLINE
   */
  readonly kernel?: KernelFlavour;

  /**
   * A community board's own profile (e.g. `OverlayProfile.generate({ name: 'board-rk3588' })`,
   * shipped in the overlay). Official boards use the profile their catalog image ships.
   * @default - the profile the preset's overlay ships
   */
  readonly profile?: OverlayProfile;

  /**
   * Why the preset's shipped profile may lack `bootloader: grub` on Talos v1.10+ (the
   * community rk3588 profile, or official images of the Talos v1.10.0 catalog). Ignored when
   * `profile` is given: set it on that profile.
   * @default - none: the missing bootloader is an error
   */
  readonly nonGrubBootloaderReason?: string;

  /**
   * Sizes of the raw-written bootloader files (offsets default to the preset's).
   * @default - none
   */
  readonly ubootArtifacts?: UbootArtifact[];

  /**
   * The directory `ubootArtifacts[].path` is relative to.
   * @default - the current working directory
   */
  readonly artifactsDirectory?: string;
}

/** Where the imager container reads the options YAML file unless told otherwise. */
const DEFAULT_TYPED_OPTIONS_FILE = '/overlay-options.yaml';

/**
 * A single-board computer as the Talos imager sees it: which overlay installer and
 * options, which profile, which Talos release, which extensions and kernel arguments,
 * and which tags release it. Validated when constructed.
 *
 * @example
 * new OverlayBoard(project, 'NanoPiM6', {
 *   boardName: 'nanopi-m6',
 *   overlayName: 'rk3588',
 *   overlayOptions: { board: 'nanopi-m6', chipset: 'rk3588s' },
 *   profileName: 'board-rk3588',
 *   talosVersion: 'v1.10.6',
 * });
 */
export class OverlayBoard extends Construct {
  /**
   * A board built from a catalog preset: overlay and profile names, option schema, kernel
   * arguments, raw writes and partition offset come from the preset; for an official
   * board the Talos release's catalog must list it.
   *
   * @example
   * OverlayBoard.fromCatalog(project, 'Rock5B', {
   *   preset: BoardPreset.ROCK5B,
   *   talosVersion: 'v1.12.5',
   *   overlayBooleanOptions: { spi_boot: true },
   * });
   */
  public static fromCatalog(scope: Construct, id: string, props: CatalogBoardProps): OverlayBoard {
    const path = [...scope.node.scopes.slice(1).map((s) => s.node.id), id].filter((part) => part.length > 0).join('/');
    checkCatalogBoardProps(new Problems('OverlayBoard', path), props);
    const preset = props.preset;
    const parsed = TalosVersion._tryParse(props.talosVersion);
    const profile = props.profile
      ?? (parsed?.isSupported ? preset._profile(parsed, props.nonGrubBootloaderReason) : undefined);
    return new OverlayBoard(scope, id, {
      boardName: props.boardName ?? preset.boardName,
      displayName: props.displayName ?? preset.displayName,
      overlayName: preset.overlayName,
      overlayOptions: { ...preset.defaultOptions, ...(props.overlayOptions ?? {}) },
      overlayBooleanOptions: props.overlayBooleanOptions,
      overlayTextOptions: props.overlayTextOptions,
      profileName: profile ? undefined : preset.profileName,
      profile,
      talosVersion: props.talosVersion,
      tagPattern: props.tagPattern,
      systemExtensions: props.systemExtensions,
      extraKernelArgs: props.extraKernelArgs,
      kernel: props.kernel,
      ubootStartsEfi: props.ubootStartsEfi,
      ubootArtifacts: props.ubootArtifacts,
      artifactsDirectory: props.artifactsDirectory,
      preset,
    });
  }

  /** Short identifier of the board. */
  public readonly boardName: string;
  /** Human-readable name. */
  public readonly displayName: string;
  /** Overlay installer name. */
  public readonly overlayName: string;
  /** String installer options passed as `--overlay-option=key=value`, sorted by key. */
  public readonly overlayOptions: { [key: string]: string };
  /** Boolean installer options (in `typedOptionsYaml`), sorted by key. */
  public readonly overlayBooleanOptions: { [key: string]: boolean };
  /** Free-text installer options (in `typedOptionsYaml`), sorted by key. */
  public readonly overlayTextOptions: { [key: string]: string };
  /** The option keys the installer reads (empty: not checked). */
  public readonly overlayOptionSchema: OverlayOptionSpec[];
  /** Profile name (the imager image kind). */
  public readonly profileName: string;
  /**
   * The overlay profile. When only `profileName` was given it is a reference described by
   * `imageOutput` whose bootloader is unknown (undefined, and not checked).
   */
  public readonly profile: OverlayProfile;
  /** Architecture. */
  public readonly arch: Architecture;
  /** Talos release. */
  public readonly talosVersion: string;
  /** Git tag pattern that releases this board. */
  public readonly tagPattern: string;
  /**
   * System extension image references, in order: digest-pinned, or (official extensions
   * whose digest the workflow resolves) `ghcr.io/siderolabs/<name>:<version>` of this release.
   */
  public readonly systemExtensions: string[];
  /** The system extensions as resolved for this board's Talos release, in order. */
  public readonly resolvedSystemExtensions: ResolvedSystemExtension[];
  /** Extra kernel arguments. */
  public readonly extraKernelArgs: string[];
  /** Profile platform. */
  public readonly platform: string;
  /** Whether the profile is SecureBoot. */
  public readonly secureBoot: boolean;
  /** Disk format of the image. */
  public readonly diskFormat: DiskFormat;
  /** Compression of the image. */
  public readonly compression: Compression;
  /** Which kernel the image boots. */
  public readonly kernel: KernelFlavour;
  /** Whether the board's U-Boot starts EFI binaries (undefined: not declared). */
  public readonly ubootStartsEfi?: boolean;
  /** Kernel arguments the overlay installer adds (not passed to the imager). */
  public readonly installerKernelArgs: string[];
  /** `PartitionOptions.Offset` of the installer in 512-byte LBAs, when known. */
  public readonly partitionOffsetSectors?: number;
  /** Where the installer puts the DTB (e.g. `/boot/EFI/dtb/rockchip/rk3588s-nanopi-m6.dtb`), when known. */
  public readonly dtb?: string;
  /** Files the installer writes to the raw disk, sorted by offset (sizes when known). */
  public readonly rawWrites: RawWrite[];
  /** The catalog board this board is built from. */
  public readonly preset?: BoardPreset;
  /** What a healthy board shows after flashing (validated; every list present), when declared. */
  public readonly healthChecks?: BoardHealthChecks;

  private readonly version: TalosVersion;

  constructor(scope: Construct, id: string, props: OverlayBoardProps) {
    super(scope, id);
    const problems = new Problems('OverlayBoard', pathOf(this));
    // presence and runtime types first: the derived values below read every property
    checkBoardProps(problems, props);
    const preset = props.preset;
    const parsed = TalosVersion._tryParse(props.talosVersion);
    const usableVersion = parsed?.isSupported ? parsed : undefined;

    // The profile: explicit, the preset's, or a reference described by imageOutput.
    const explicitProfile = props.profile ?? (preset && usableVersion ? preset._profile(usableVersion) : undefined);

    this.preset = preset;
    this.boardName = props.boardName;
    this.displayName = props.displayName ?? props.boardName;
    this.overlayName = props.overlayName;
    this.overlayOptions = sortedMap(props.overlayOptions ?? {});
    this.overlayBooleanOptions = sortedMap(props.overlayBooleanOptions ?? {});
    this.overlayTextOptions = sortedMap(props.overlayTextOptions ?? {});
    this.overlayOptionSchema = preset ? preset.optionSchema : [...(props.overlayOptionSchema ?? [])];
    this.profileName = explicitProfile?.name ?? props.profileName ?? preset?.profileName ?? '';
    this.arch = props.arch ?? explicitProfile?.arch ?? Architecture.ARM64;
    this.talosVersion = props.talosVersion;
    this.tagPattern = props.tagPattern ?? `v*-${props.boardName}`;
    this.extraKernelArgs = [...(props.extraKernelArgs ?? [])];
    this.platform = explicitProfile?.platform ?? props.imageOutput?.platform ?? 'metal';
    this.secureBoot = explicitProfile?.secureBoot ?? props.imageOutput?.secureBoot ?? false;
    this.diskFormat = explicitProfile?.diskFormat ?? props.imageOutput?.diskFormat ?? DiskFormat.RAW;
    this.compression = explicitProfile?.compression ?? props.imageOutput?.compression ?? Compression.XZ;
    this.kernel = props.kernel ?? KernelFlavour.MAINLINE;
    this.ubootStartsEfi = props.ubootStartsEfi ?? (props.preset?.isOfficial ? true : undefined);
    this.installerKernelArgs = [...(preset ? preset.installerKernelArgs : props.installerKernelArgs ?? [])];
    this.partitionOffsetSectors = preset?.partitionOffsetSectors ?? props.partitionOffsetSectors;
    this.dtb = preset?.dtb ?? props.dtb;
    this.profile = explicitProfile ?? OverlayProfile.fromName(this.profileName, {
      arch: this.arch, platform: this.platform, secureBoot: this.secureBoot, diskFormat: this.diskFormat, compression: this.compression,
    });

    const resolved = runBoardRules(problems, props, this, explicitProfile);
    this.resolvedSystemExtensions = resolved.resolvedSystemExtensions;
    this.systemExtensions = this.resolvedSystemExtensions.map((ext) => ext.reference);
    this.rawWrites = resolved.rawWrites;
    this.healthChecks = resolved.healthChecks;

    problems.throwIfAny();
    this.version = resolved.version!;
  }

  /** The parsed Talos release, with its version-dependent behaviour. */
  public get talosRelease(): TalosVersion {
    return this.version;
  }

  /** The imager image for this board's Talos release. */
  public get imagerImage(): string {
    return this.version.imagerImage;
  }

  /** Whether the imager must run `--privileged` with `/dev` mounted (Talos < 1.13). */
  public get imagerNeedsPrivileges(): boolean {
    return this.version.imagerNeedsPrivileges;
  }

  /**
   * The file the imager writes, derived from the profile:
   * `<platform>-<arch>[-secureboot].<diskFormat>[.xz|.zst|.gz]`, e.g. `metal-arm64.raw.xz`.
   */
  public get imagerOutputFile(): string {
    return this.profile.outputFile;
  }

  /**
   * The unique release asset name of this board's image,
   * e.g. `talos-v1.10.6-nanopi-m6-arm64.raw.xz`.
   */
  public get assetName(): string {
    // the imager's own name without the platform, prefixed by the release and the board
    return `talos-${this.talosVersion}-${this.boardName}-${this.imagerOutputFile.slice(this.platform.length + 1)}`;
  }

  /**
   * The YAML document of the boolean and free-text options, sorted by key (YAML 1.1
   * quoting, so Go decoders read strings as strings), or undefined when there are none.
   * Write it to a file and pass `--overlay-option=@<file>` (see `imagerArguments`).
   */
  public get typedOptionsYaml(): string | undefined {
    const merged: { [key: string]: string | boolean } = { ...this.overlayBooleanOptions, ...this.overlayTextOptions };
    if (Object.keys(merged).length === 0) {
      return undefined;
    }
    return stringify(sortedMap(merged), { version: '1.1', lineWidth: 0 });
  }

  /**
   * The profile YAML to ship in the overlay (`profiles/<name>/<name>.yaml`) when the
   * profile is generated; undefined for a referenced profile.
   */
  public get profileYaml(): string | undefined {
    return this.profile.isGenerated ? this.profile._render(this.version) : undefined;
  }

  /**
   * The official overlay image of the Talos release's catalog for an official catalog
   * board, e.g. `ghcr.io/siderolabs/sbc-rockchip:v0.1.5`; undefined otherwise.
   */
  public get officialOverlayImage(): string | undefined {
    return this.preset?.isOfficial ? this.preset.officialOverlayImage(this.talosVersion) : undefined;
  }

  /**
   * The base installer image for `installer` output: `installer-base` from Talos v1.10,
   * `installer` before (pass it explicitly).
   */
  public get baseInstallerImage(): string {
    return this.version.baseInstallerImage;
  }

  /** The file the imager writes for `installer` output, e.g. `installer-arm64.tar`. */
  public get installerOutputFile(): string {
    return `installer-${this.arch}.tar`;
  }

  /**
   * The imager arguments after the image kind, in order, for this board and the
   * given overlay image reference. Values are literal (the workflow passes them through
   * environment variables).
   * @param overlayImage the overlay image reference (ideally by digest)
   * @param typedOptionsFile where the imager container reads `typedOptionsYaml`; used only when the board has typed options
   */
  public imagerArguments(overlayImage: string, typedOptionsFile?: string): string[] {
    return [this.profileName, `--arch=${this.arch}`, ...this.overlayArguments(overlayImage, typedOptionsFile)];
  }

  /**
   * The imager arguments of the `installer` output (the upgrade installer image), with the
   * same overlay, options, extensions and kernel arguments as the disk image.
   * @param overlayImage the overlay image reference (ideally by digest)
   * @param baseInstallerImage the base installer
   * @param typedOptionsFile where the imager container reads `typedOptionsYaml`
   */
  public installerImagerArguments(overlayImage: string, baseInstallerImage?: string, typedOptionsFile?: string): string[] {
    return ['installer', `--arch=${this.arch}`, `--base-installer-image=${baseInstallerImage ?? this.baseInstallerImage}`,
      ...this.overlayArguments(overlayImage, typedOptionsFile)];
  }

  private overlayArguments(overlayImage: string, typedOptionsFile: string | undefined): string[] {
    const args = [`--overlay-image=${overlayImage}`, `--overlay-name=${this.overlayName}`];
    for (const [key, value] of Object.entries(this.overlayOptions)) {
      args.push(`--overlay-option=${key}=${value}`);
    }
    if (this.typedOptionsYaml !== undefined) {
      const file = typedOptionsFile ?? DEFAULT_TYPED_OPTIONS_FILE;
      if (file.length === 0 || hasHostileCharacters(file)) {
        fail('OverlayBoard', pathOf(this), 'typedOptionsFile', file, 'must be a path in the imager container without whitespace or shell characters',
          'use a plain path such as "/overlay-options.yaml" and mount the options file there');
      }
      args.push(`--overlay-option=@${file}`);
    }
    for (const ext of this.systemExtensions) {
      args.push(`--system-extension-image=${ext}`);
    }
    for (const arg of this.extraKernelArgs) {
      args.push(`--extra-kernel-arg=${arg}`);
    }
    return args;
  }
}

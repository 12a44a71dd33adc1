import { statSync } from 'fs';
import { isAbsolute, resolve } from 'path';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { BoardPreset } from './board-preset';
import { Architecture, Compression, DiskFormat, ImageOutputOptions } from './image-output';
import { KernelFlavour } from './kernel';
import { OverlayOptionSpec, OverlayOptionType } from './overlay-options';
import { OverlayProfile } from './overlay-profile';
import { checkKernelArgs, checkRawLayout, LayoutEntry } from './private-checks';
import { checkDtbPath, overlayPathsOf } from './private-overlay-paths';
import { isBuiltInKind, OVERLAY_NAME, sortedMap } from './private-rules';
import { GptLayout, RawWrite, UbootArtifact } from './raw-layout';
import { TalosVersion } from './talos-version';
import { ResolvedSystemExtension, SystemExtension } from '../extensions/system-extension';
import { checkSafeValue } from '../private/names';
import { hasHostileCharacters } from '../private/shell';
import { fail, pathOf, Problems } from '../private/validation';
import { tagPatternProblem } from '../workflow/private/tag-glob';

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

const BOARD_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const UBOOT_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Where the imager container reads the options YAML file unless told otherwise. */
const DEFAULT_TYPED_OPTIONS_FILE = '/overlay-options.yaml';
const OPTION_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KERNEL_ARG = /^-?[A-Za-z0-9_.,:\/=@+-]+$/;

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

  private readonly version: TalosVersion;

  constructor(scope: Construct, id: string, props: OverlayBoardProps) {
    super(scope, id);
    const problems = new Problems('OverlayBoard', pathOf(this));
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
    checkDtbPath(problems, props.dtb);
    this.profile = explicitProfile ?? OverlayProfile.fromName(this.profileName, {
      arch: this.arch, platform: this.platform, secureBoot: this.secureBoot, diskFormat: this.diskFormat, compression: this.compression,
    });

    const boardNameOk = BOARD_NAME.test(this.boardName) && this.boardName.length <= 40;
    if (!boardNameOk) {
      problems.add('boardName', this.boardName, `must be 1 to 40 lowercase letters and digits separated by single "-" (${BOARD_NAME.source})`,
        'use a short lowercase name such as "nanopi-m6"');
    }
    if (props.displayName !== undefined && !/^[^\u0000-\u001f\u007f`$\\]{1,100}$/.test(this.displayName)) {
      problems.add('displayName', this.displayName, 'must be 1 to 100 printable characters without "$", "`" or "\\"',
        'use a plain name such as "FriendlyElec NanoPi M6"');
    }
    if (!OVERLAY_NAME.test(this.overlayName) || this.overlayName.length > 63) {
      problems.add('overlayName', this.overlayName, `must be the installer file name under /installers/ (${OVERLAY_NAME.source}, at most 63 characters)`,
        'use the overlay installer name in lowercase, e.g. "rk3588" or "rpi_generic"');
    } else if (preset && this.overlayName !== preset.overlayName) {
      problems.add('overlayName', this.overlayName, `must be the installer of the catalog board ${preset.name} ("${preset.overlayName}")`,
        `use "${preset.overlayName}", or do not use the preset`);
    }
    if (props.profile === undefined) {
      this.checkProfileName(problems, props.profileName);
    } else if (props.profileName !== undefined && props.profileName !== props.profile.name) {
      problems.add('profileName', props.profileName, `conflicts with profile.name ("${props.profile.name}"): the image kind is the profile's name`,
        'remove profileName (it is derived from profile)');
    }
    this.checkOptions(problems);
    if (!Object.values(Architecture).includes(this.arch)) {
      problems.add('arch', this.arch, 'must be an Architecture', 'use Architecture.ARM64 or Architecture.AMD64');
    } else if (props.arch !== undefined && explicitProfile && props.arch !== explicitProfile.arch) {
      problems.add('arch', props.arch, `conflicts with the profile's arch (${explicitProfile.arch})`, 'remove arch (it is derived from the profile), or change the profile');
    }
    const version = TalosVersion._check(problems, 'talosVersion', this.talosVersion);
    if (props.tagPattern === undefined && !boardNameOk) {
      // derived from the board name, which is already reported
    } else {
      const problem = tagPatternProblem(this.tagPattern, `v*-${this.boardName}`);
      if (problem) {
        problems.add('tagPattern', this.tagPattern, problem.rule, problem.fix);
      }
    }
    // pitfall 6: official extensions are built per Talos release (siderolabs/extensions at each tag)
    const extensions = (props.systemExtensions ?? []).map((ext, i) =>
      SystemExtension._of(ext)._resolve(problems, `systemExtensions[${i}]`, version?.version, this.kernel));
    this.resolvedSystemExtensions = extensions.filter((ext): ext is ResolvedSystemExtension => ext !== undefined);
    this.systemExtensions = this.resolvedSystemExtensions.map((ext) => ext.reference);
    reportDuplicates(problems, 'systemExtensions', this.systemExtensions);
    this.extraKernelArgs.forEach((arg, i) => {
      if (checkSafeValue(problems, `extraKernelArgs[${i}]`, arg, 'pass one argument per entry, e.g. "console=ttyS2,1500000n8"') && !KERNEL_ARG.test(arg)) {
        problems.add(`extraKernelArgs[${i}]`, arg, `a kernel argument must match ${KERNEL_ARG.source}`, 'pass one argument per entry, e.g. "console=ttyS2,1500000n8"');
      }
    });
    reportDuplicates(problems, 'extraKernelArgs', this.extraKernelArgs);
    if (explicitProfile) {
      this.checkImageOutputAgainstProfile(problems, props.imageOutput, explicitProfile);
    } else {
      this.checkImageOutput(problems, version);
    }

    // what follows is new in this version of the board model
    if (explicitProfile && version) {
      explicitProfile._validate(problems, 'profile', version);
    }
    if (this.arch === Architecture.ARM64 && this.ubootStartsEfi !== true) {
      // pitfall 2: GRUB (and systemd-boot) are EFI applications started by U-Boot's bootefi
      problems.add('ubootStartsEfi', this.ubootStartsEfi,
        'Talos boots arm64 boards through an EFI bootloader that U-Boot starts with bootefi; a U-Boot without EFI support (CONFIG_EFI_LOADER) cannot boot Talos (talos#11885)',
        this.ubootStartsEfi === false
          ? 'ship a U-Boot with CONFIG_EFI_LOADER (mainline U-Boot has it)'
          : 'check at the U-Boot prompt with "bootefi hello" and declare ubootStartsEfi: true, or ship a mainline U-Boot');
    }
    if (!explicitProfile && version && version.requiresGrubBootloader(this.arch) && props.profileName !== undefined
      && OVERLAY_NAME.test(props.profileName) && !isBuiltInKind(props.profileName)) {
      // pitfall 2: a profile known only by name may lack "bootloader: grub" (the NanoPi M6 fork's did)
      problems.add('profileName', props.profileName,
        `the bootloader of the profile "${props.profileName}" is unknown: Talos ${this.talosVersion} defaults arm64 disk images to systemd-boot, so an SBC profile must pin "bootloader: grub" (talos#10859)`,
        `declare the profile: profile: OverlayProfile.fromName('${props.profileName}', { bootloader: Bootloader.GRUB }) once its YAML has "bootloader: grub", `
        + `or OverlayProfile.generate({ name: '${props.profileName}' }) to write it`);
    }
    if (!Object.values(KernelFlavour).includes(this.kernel)) {
      problems.add('kernel', this.kernel, 'must be a KernelFlavour', 'use KernelFlavour.MAINLINE or KernelFlavour.BSP');
    } else {
      checkKernelArgs(problems, 'extraKernelArgs', this.extraKernelArgs, this.kernel, 'extra');
      if (!preset?.isOfficial) {
        // an official installer's arguments are upstream facts (see the preset's notes)
        checkKernelArgs(problems, 'installerKernelArgs', this.installerKernelArgs, this.kernel, 'installer');
      }
    }
    if (preset) {
      this.checkPreset(problems, props, preset, version);
    }
    this.rawWrites = this.resolveRawWrites(problems, props);

    problems.throwIfAny();
    this.version = version!;
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

  private checkProfileName(problems: Problems, given: string | undefined): void {
    if (given === undefined && this.profileName === '') {
      problems.add('profileName', undefined, 'is required (the imager image kind is the overlay profile\'s name)',
        'give profileName, or profile: OverlayProfile.generate({ name }) / OverlayProfile.fromName(name, {...})');
    } else if (!OVERLAY_NAME.test(this.profileName) || this.profileName.length > 63) {
      problems.add('profileName', this.profileName, `must be the profile file base name under /profiles/ (${OVERLAY_NAME.source}, at most 63 characters)`,
        'use the profile name in lowercase, e.g. "board-rk3588"');
    } else if (isBuiltInKind(this.profileName)) {
      problems.add('profileName', this.profileName,
        'must be the overlay\'s own profile, not a built-in imager kind (since Talos v1.8 "metal" ignores the overlay profile and writes .raw.zst)',
        'use the base name of the profile YAML the overlay ships under /profiles/, e.g. "board-rk3588"');
    } else if (given !== undefined && this.preset && given !== this.profileName) {
      problems.add('profileName', given, `conflicts with the profile of the catalog board ${this.preset.name} ("${this.profileName}")`, 'remove profileName');
    }
  }

  private checkOptions(problems: Problems): void {
    for (const [key, value] of Object.entries(this.overlayOptions)) {
      if (!OPTION_KEY.test(key)) {
        problems.add(`overlayOptions.${key}`, key, `an overlay option key must match ${OPTION_KEY.source}`, 'use the YAML key the installer reads, e.g. "board"');
      }
      if (value.startsWith('@')) {
        // siderolabs/talos cmd/installer/cmd/imager/root.go @ v1.10.6: for "--overlay-option=k=v", a value
        // starting with "@" is read as a file path (os.ReadFile(v[1:])), not passed as text
        problems.add(`overlayOptions.${key}`, value, 'the imager reads an overlay option value starting with "@" as a file path (cmd/imager root.go)',
          'pass the literal text without the leading "@", or free text in overlayTextOptions');
      } else if (value.length === 0) {
        problems.add(`overlayOptions.${key}`, value, 'an overlay option value must not be empty', 'give the value or remove the option');
      } else {
        checkSafeValue(problems, `overlayOptions.${key}`, value, 'use a plain value such as "nanopi-m6", or pass free text in overlayTextOptions');
      }
    }
    for (const [key, value] of Object.entries(this.overlayBooleanOptions)) {
      if (!OPTION_KEY.test(key)) {
        problems.add(`overlayBooleanOptions.${key}`, key, `an overlay option key must match ${OPTION_KEY.source}`, 'use the YAML key the installer reads, e.g. "spi_boot"');
      }
      if (typeof value !== 'boolean') {
        problems.add(`overlayBooleanOptions.${key}`, value, 'must be true or false', 'use a boolean');
      }
    }
    for (const [key, value] of Object.entries(this.overlayTextOptions)) {
      if (!OPTION_KEY.test(key)) {
        problems.add(`overlayTextOptions.${key}`, key, `an overlay option key must match ${OPTION_KEY.source}`, 'use the YAML key the installer reads, e.g. "configTxtAppend"');
      }
      if (typeof value !== 'string' || value.length === 0 || value.length > 65536 || /[\u0000-\u0008\u000b-\u001f\u007f]/.test(value)) {
        problems.add(`overlayTextOptions.${key}`, value, 'must be 1 to 65536 characters of text (tabs and newlines allowed, no other control characters)',
          'give the text or remove the option');
      }
      if (typeof value === 'string' && value.includes('${{')) {
        problems.add(`overlayTextOptions.${key}`, value,
          'must not contain "${{": GitHub Actions evaluates it anywhere in the workflow file (env: included), so a secret or event value would be written into the image',
          'write the text without "${{"');
      }
    }
    const maps: Array<[string, object]> = [
      ['overlayOptions', this.overlayOptions], ['overlayBooleanOptions', this.overlayBooleanOptions], ['overlayTextOptions', this.overlayTextOptions],
    ];
    for (const [field, map] of maps) {
      if (Object.keys(map).includes('__proto__')) {
        problems.add(`${field}.__proto__`, '__proto__', '"__proto__" cannot be an option key (a JavaScript object drops it)', 'use the YAML key the installer reads, e.g. "board"');
      }
    }
    const seen = new Map<string, string>();
    for (const [field, map] of maps) {
      for (const key of Object.keys(map)) {
        const earlier = seen.get(key);
        if (earlier) {
          problems.add(`${field}.${key}`, key, `is also given in ${earlier}`, 'give each option once');
        }
        seen.set(key, field);
      }
    }
    if (this.overlayOptionSchema.length === 0 && !this.preset) {
      return;
    }
    const installer = this.preset ? `the ${this.preset.name} installer` : `the ${this.overlayName} installer`;
    const allowed = this.overlayOptionSchema.length === 0
      ? 'it reads no options'
      : `it reads only ${this.overlayOptionSchema.map((o) => `${o.key} (${o.type})`).join(', ')}`;
    for (const [field, map] of maps) {
      for (const key of Object.keys(map)) {
        const spec = this.overlayOptionSchema.find((o) => o.key === key);
        if (!spec) {
          problems.add(`${field}.${key}`, key, `is not an option of ${installer}; ${allowed}`,
            this.overlayOptionSchema.length === 0 ? 'remove the option' : `use one of ${this.overlayOptionSchema.map((o) => `"${o.key}"`).join(', ')}`);
        } else if (spec.type === OverlayOptionType.BOOLEAN && field !== 'overlayBooleanOptions') {
          problems.add(`${field}.${key}`, (map as { [k: string]: unknown })[key],
            `${key} is a boolean option: as key=value or text it reaches the installer as a string, which its bool field rejects`,
            `pass it in overlayBooleanOptions, e.g. { ${key}: true }`);
        } else if (spec.type === OverlayOptionType.STRING && field === 'overlayBooleanOptions') {
          problems.add(`${field}.${key}`, (map as { [k: string]: unknown })[key], `${key} is a string option`,
            'pass it in overlayOptions (plain value) or overlayTextOptions (free text)');
        }
      }
    }
    for (const spec of this.overlayOptionSchema) {
      if (spec.required && !seen.has(spec.key)) {
        const where = spec.type === OverlayOptionType.BOOLEAN ? 'overlayBooleanOptions' : 'overlayOptions';
        problems.add(`${where}.${spec.key}`, undefined, `is required by ${installer}${spec.description ? ` (${spec.description})` : ''}`,
          `give ${spec.key}`);
      }
    }
  }

  private checkImageOutput(problems: Problems, version: TalosVersion | undefined): void {
    if (!/^[a-z0-9-]{1,32}$/.test(this.platform)) {
      problems.add('imageOutput.platform', this.platform, 'a Talos platform must be 1 to 32 lowercase letters, digits or "-"', 'use "metal" for SBC images');
    }
    if (!Object.values(DiskFormat).includes(this.diskFormat)) {
      problems.add('imageOutput.diskFormat', this.diskFormat, 'must be a DiskFormat', 'use DiskFormat.RAW');
    }
    if (!Object.values(Compression).includes(this.compression)) {
      problems.add('imageOutput.compression', this.compression, 'must be a Compression', 'use Compression.XZ');
    } else if (version && this.compression === Compression.ZSTD && !version.supportsZstd) {
      problems.add('imageOutput.compression', this.compression, `.zst output needs Talos v1.8 or newer (talosVersion is ${this.talosVersion})`,
        'use Compression.XZ, or a newer Talos release');
    }
  }

  private checkImageOutputAgainstProfile(problems: Problems, imageOutput: ImageOutputOptions | undefined, profile: OverlayProfile): void {
    if (!imageOutput) {
      return;
    }
    const pairs: Array<[string, unknown, unknown]> = [
      ['platform', imageOutput.platform, profile.platform],
      ['secureBoot', imageOutput.secureBoot, profile.secureBoot],
      ['diskFormat', imageOutput.diskFormat, profile.diskFormat],
      ['compression', imageOutput.compression, profile.compression],
    ];
    for (const [key, given, derived] of pairs) {
      if (given !== undefined && given !== derived) {
        problems.add(`imageOutput.${key}`, given, `conflicts with the profile "${profile.name}" (${key} ${JSON.stringify(derived)}): the output file name is derived from the profile`,
          'remove imageOutput (it is derived from the profile), or change the profile');
      }
    }
  }

  private checkPreset(problems: Problems, props: OverlayBoardProps, preset: BoardPreset, version: TalosVersion | undefined): void {
    if (preset.isOfficial && props.profile && (props.profile.isGenerated || props.profile.name !== preset.profileName)) {
      problems.add('profile.name', props.profile.name,
        `the official ${preset.family} image ships only its own profile "${preset.profileName}" for ${preset.name}`,
        'remove profile (the catalog image\'s profile is used)');
    }
    if (props.overlayOptionSchema !== undefined) {
      problems.add('overlayOptionSchema', props.overlayOptionSchema.map((o) => o.key), `comes from the catalog board ${preset.name}`, 'remove overlayOptionSchema');
    }
    if (props.installerKernelArgs !== undefined) {
      problems.add('installerKernelArgs', props.installerKernelArgs, `come from the catalog board ${preset.name}`, 'remove installerKernelArgs');
    }
    if (props.partitionOffsetSectors !== undefined && props.partitionOffsetSectors !== preset.partitionOffsetSectors) {
      problems.add('partitionOffsetSectors', props.partitionOffsetSectors,
        `conflicts with the catalog board ${preset.name} (${preset.partitionOffsetSectors ?? 'no partition offset'})`, 'remove partitionOffsetSectors');
    }
    for (const [key, value] of Object.entries(preset.defaultOptions)) {
      const given = this.overlayOptions[key];
      if (given !== undefined && given !== value) {
        problems.add(`overlayOptions.${key}`, given, `the catalog board ${preset.name} needs ${key}=${value}`,
          `remove overlayOptions.${key}, or use the catalog board for "${given}"`);
      }
    }
    if (!version || !preset.isOfficial) {
      return;
    }
    const problem = preset._catalogProblem(version);
    if (problem) {
      problems.add('talosVersion', this.talosVersion, problem.rule, problem.fix);
      return;
    }
    const maps: Array<[string, object]> = [
      ['overlayOptions', this.overlayOptions], ['overlayBooleanOptions', this.overlayBooleanOptions], ['overlayTextOptions', this.overlayTextOptions],
    ];
    for (const [field, map] of maps) {
      for (const key of Object.keys(map)) {
        const why = preset._optionUnavailable(key, version);
        if (why) {
          problems.add(`${field}.${key}`, (map as { [k: string]: unknown })[key], why, `use a Talos release whose catalog has a newer ${preset.family}, or remove ${key}`);
        }
      }
    }
  }

  private resolveRawWrites(problems: Problems, props: OverlayBoardProps): RawWrite[] {
    const preset = this.preset;
    const entries: LayoutEntry[] = (preset?.rawWrites ?? []).map((w) => ({ file: w.file, offsetBytes: w.offsetBytes }));
    const base = props.artifactsDirectory ?? process.cwd();
    let valid = true;
    (props.ubootArtifacts ?? []).forEach((artifact, i) => {
      const field = `ubootArtifacts[${i}]`;
      const fromPreset = entries.findIndex((e) => e.file === artifact.file && e.field === undefined);
      if (!UBOOT_FILE.test(artifact.file ?? '')) {
        problems.add(`${field}.file`, artifact.file, `must be a file name (${UBOOT_FILE.source})`, 'use the name the installer writes, e.g. "idbloader.img"');
        valid = false;
        return;
      }
      if (preset && fromPreset < 0) {
        const written = preset.rawWrites.map((w) => w.file);
        problems.add(`${field}.file`, artifact.file,
          `the ${preset.name} installer writes ${written.length === 0 ? 'nothing to the raw disk' : `only ${written.join(', ')} to the raw disk`}`,
          written.length === 0 ? 'remove ubootArtifacts' : `use ${written.map((w) => `"${w}"`).join(' or ')}`);
        valid = false;
        return;
      }
      const presetOffset = fromPreset >= 0 ? entries[fromPreset].offsetBytes : undefined;
      const offset = artifact.offsetBytes ?? presetOffset;
      if (offset === undefined) {
        problems.add(`${field}.offsetBytes`, undefined, `is required: no catalog board declares where ${artifact.file} is written`,
          'give the byte offset the installer writes it at, e.g. 32768');
        valid = false;
        return;
      }
      if (!Number.isSafeInteger(offset) || offset < 0) {
        problems.add(`${field}.offsetBytes`, offset, 'must be a whole number of bytes, 0 or more', 'give the byte offset the installer writes it at, e.g. 32768');
        valid = false;
        return;
      }
      if (presetOffset !== undefined && offset !== presetOffset) {
        problems.add(`${field}.offsetBytes`, offset, `conflicts with the catalog board ${preset!.name}, whose installer writes ${artifact.file} at byte ${presetOffset}`,
          'remove offsetBytes');
        valid = false;
        return;
      }
      let size: number | undefined;
      if (artifact.path !== undefined) {
        if (artifact.path.length === 0 || isAbsolute(artifact.path) || /^[A-Za-z]:/.test(artifact.path)) {
          problems.add(`${field}.path`, artifact.path, 'must be relative to the repository root (artifactsDirectory)', 'give the path as committed, e.g. "artifacts/u-boot/nanopi-m6/uboot.img"');
          valid = false;
          return;
        }
        if (artifact.path.split(/[\\/]/).includes('..')) {
          problems.add(`${field}.path`, artifact.path, 'must not contain ".." segments: an artifact is a file of the repository, not a path out of it',
            'give the path as committed, below the repository root, e.g. "artifacts/u-boot/uboot.img"');
          valid = false;
          return;
        }
        try {
          const stat = statSync(resolve(base, artifact.path));
          if (!stat.isFile()) {
            throw new Error('not a file');
          }
          size = stat.size;
        } catch {
          problems.add(`${field}.path`, artifact.path, `no such file relative to the repository root, so the size of ${artifact.file} is unknown`,
            'commit the file at that path (or run from the repository root), or give sizeBytes instead of path');
          valid = false;
          return;
        }
      }
      if (artifact.sizeBytes !== undefined) {
        if (!Number.isSafeInteger(artifact.sizeBytes) || artifact.sizeBytes <= 0) {
          problems.add(`${field}.sizeBytes`, artifact.sizeBytes, 'must be a whole number of bytes, more than 0', 'give the file size in bytes');
          valid = false;
          return;
        }
        if (size !== undefined && size !== artifact.sizeBytes) {
          problems.add(`${field}.sizeBytes`, artifact.sizeBytes, `conflicts with the committed file ${artifact.path} (${size} bytes)`, 'remove sizeBytes (the file size is read)');
          valid = false;
          return;
        }
        size = artifact.sizeBytes;
      }
      if (size === undefined) {
        problems.add(field, { file: artifact.file, offsetBytes: offset }, `the size of ${artifact.file} is unknown, so its end cannot be checked against the partitions`,
          'give path (the committed file) or sizeBytes');
        valid = false;
        return;
      }
      const entry: LayoutEntry = { file: artifact.file, offsetBytes: offset, sizeBytes: size, field };
      if (fromPreset >= 0) {
        entries[fromPreset] = entry;
      } else if (entries.some((e) => e.file === artifact.file)) {
        problems.add(`${field}.file`, artifact.file, 'is listed twice', 'list each file once');
        valid = false;
      } else {
        entries.push(entry);
      }
    });
    const sectors = this.partitionOffsetSectors;
    if (sectors !== undefined && (!Number.isSafeInteger(sectors) || sectors <= 0)) {
      problems.add('partitionOffsetSectors', sectors, 'must be a whole number of 512-byte LBAs, more than 0', 'use the installer\'s PartitionOptions.Offset, e.g. 20480 (10 MiB)');
      valid = false;
    } else if (sectors === undefined && entries.length > 0) {
      problems.add('partitionOffsetSectors', undefined, 'is required when the installer writes files to the raw disk (they must end before the first partition)',
        'give the installer\'s PartitionOptions.Offset in LBAs, e.g. 20480 (10 MiB)');
      valid = false;
    }
    if (valid && TalosVersion._tryParse(this.talosVersion)) {
      checkRawLayout(problems, entries, GptLayout.forTalos(this.talosVersion, sectors));
    }
    const overlayPath = overlayPathsOf(problems, this, props.ubootArtifacts ?? []);
    return [...entries].sort((a, b) => a.offsetBytes - b.offsetBytes)
      .map((e) => ({
        file: e.file,
        offsetBytes: e.offsetBytes,
        ...(e.sizeBytes === undefined ? {} : { sizeBytes: e.sizeBytes }),
        overlayPath: overlayPath(e.file),
      }));
  }
}


function reportDuplicates(problems: Problems, field: string, values: readonly string[]): void {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    if (seen.has(value)) {
      problems.add(`${field}[${i}]`, value, 'must not repeat an earlier entry', 'remove the duplicate');
    }
    seen.add(value);
  });
}

import { Construct } from 'constructs';
import { Architecture, Compression, DiskFormat, ImageOutputOptions } from './image-output';
import { TalosVersion } from './talos-version';
import { checkPinnedImage, checkSafeValue } from '../private/names';
import { compressionSuffix } from '../private/output-names';
import { pathOf, Problems } from '../private/validation';

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
   * Name of the overlay's profile (`/profiles/<profileName>.yaml`), passed to the imager
   * as the image kind. Never a built-in kind such as `metal`: since Talos v1.8 `metal`
   * ignores the overlay profile.
   */
  readonly profileName: string;

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
   * Git tag pattern that releases this board (GitHub `on.push.tags` filter syntax).
   * @default `v*-<boardName>`
   */
  readonly tagPattern?: string;

  /**
   * System extensions baked into every image of this board (`--system-extension-image`),
   * each pinned by digest: `registry/path:tag@sha256:<64 hex>`.
   * @default - none
   */
  readonly systemExtensions?: string[];

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
}

/** Image kinds built into the imager; an overlay profile must not be one of them. */
const BUILT_IN_KINDS = ['metal', 'metal-4k', 'iso', 'installer', 'aws', 'gcp', 'azure', 'vmware', 'digital-ocean', 'hcloud', 'openstack',
  'oracle', 'scaleway', 'upcloud', 'vultr', 'exoscale', 'nocloud', 'akamai', 'cloudstack', 'opennebula', 'metal-uki'];

const BOARD_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const OVERLAY_NAME = /^[a-z0-9][a-z0-9._-]*$/;
const OPTION_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TAG_PATTERN = /^[A-Za-z0-9._*+\/-]+$/;
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
  /** Short identifier of the board. */
  public readonly boardName: string;
  /** Human-readable name. */
  public readonly displayName: string;
  /** Overlay installer name. */
  public readonly overlayName: string;
  /** Installer options, sorted by key. */
  public readonly overlayOptions: { [key: string]: string };
  /** Profile name (the imager image kind). */
  public readonly profileName: string;
  /** Architecture. */
  public readonly arch: Architecture;
  /** Talos release. */
  public readonly talosVersion: string;
  /** Git tag pattern that releases this board. */
  public readonly tagPattern: string;
  /** Digest-pinned system extension images. */
  public readonly systemExtensions: string[];
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

  private readonly version: TalosVersion;

  constructor(scope: Construct, id: string, props: OverlayBoardProps) {
    super(scope, id);
    const problems = new Problems('OverlayBoard', pathOf(this));

    this.boardName = props.boardName;
    this.displayName = props.displayName ?? props.boardName;
    this.overlayName = props.overlayName;
    this.overlayOptions = sortedMap(props.overlayOptions ?? {});
    this.profileName = props.profileName;
    this.arch = props.arch ?? Architecture.ARM64;
    this.talosVersion = props.talosVersion;
    this.tagPattern = props.tagPattern ?? `v*-${props.boardName}`;
    this.systemExtensions = [...(props.systemExtensions ?? [])];
    this.extraKernelArgs = [...(props.extraKernelArgs ?? [])];
    this.platform = props.imageOutput?.platform ?? 'metal';
    this.secureBoot = props.imageOutput?.secureBoot ?? false;
    this.diskFormat = props.imageOutput?.diskFormat ?? DiskFormat.RAW;
    this.compression = props.imageOutput?.compression ?? Compression.XZ;

    const boardNameOk = BOARD_NAME.test(this.boardName) && this.boardName.length <= 40;
    if (!boardNameOk) {
      problems.add('boardName', this.boardName, `must be 1 to 40 lowercase letters and digits separated by single "-" (${BOARD_NAME.source})`,
        'use a short lowercase name such as "nanopi-m6"');
    }
    if (!/^[^\u0000-\u001f\u007f`$\\]{1,100}$/.test(this.displayName)) {
      problems.add('displayName', this.displayName, 'must be 1 to 100 printable characters without "$", "`" or "\\"',
        'use a plain name such as "FriendlyElec NanoPi M6"');
    }
    if (!OVERLAY_NAME.test(this.overlayName) || this.overlayName.length > 63) {
      problems.add('overlayName', this.overlayName, `must be the installer file name under /installers/ (${OVERLAY_NAME.source}, at most 63 characters)`,
        'use the overlay installer name in lowercase, e.g. "rk3588" or "rpi_generic"');
    }
    if (!OVERLAY_NAME.test(this.profileName) || this.profileName.length > 63) {
      problems.add('profileName', this.profileName, `must be the profile file base name under /profiles/ (${OVERLAY_NAME.source}, at most 63 characters)`,
        'use the profile name in lowercase, e.g. "board-rk3588"');
    } else if (BUILT_IN_KINDS.includes(this.profileName) || this.profileName.startsWith('secureboot-')) {
      problems.add('profileName', this.profileName,
        'must be the overlay\'s own profile, not a built-in imager kind (since Talos v1.8 "metal" ignores the overlay profile and writes .raw.zst)',
        'use the base name of the profile YAML the overlay ships under /profiles/, e.g. "board-rk3588"');
    }
    for (const [key, value] of Object.entries(this.overlayOptions)) {
      if (!OPTION_KEY.test(key)) {
        problems.add(`overlayOptions.${key}`, key, `an overlay option key must match ${OPTION_KEY.source}`, 'use the YAML key the installer reads, e.g. "board"');
      }
      if (value.length === 0) {
        problems.add(`overlayOptions.${key}`, value, 'an overlay option value must not be empty', 'give the value or remove the option');
      } else {
        checkSafeValue(problems, `overlayOptions.${key}`, value, 'use a plain value such as "nanopi-m6"');
      }
    }
    if (!Object.values(Architecture).includes(this.arch)) {
      problems.add('arch', this.arch, 'must be an Architecture', 'use Architecture.ARM64 or Architecture.AMD64');
    }
    const version = TalosVersion._check(problems, 'talosVersion', this.talosVersion);
    if (props.tagPattern === undefined && !boardNameOk) {
      // derived from the board name, which is already reported
    } else if (!TAG_PATTERN.test(this.tagPattern)) {
      problems.add('tagPattern', this.tagPattern, `a tag pattern must match ${TAG_PATTERN.source}`, `use a pattern such as "v*-${this.boardName}"`);
    } else if (this.tagPattern.replace(/[*?+]/g, '').replace(/^v/, '').replace(/[-._\/]/g, '').length === 0) {
      problems.add('tagPattern', this.tagPattern, 'a tag pattern must name the board or release line (a bare wildcard releases on unrelated tags)',
        `use a pattern such as "v*-${this.boardName}"`);
    }
    this.systemExtensions.forEach((ref, i) => checkPinnedImage(problems, `systemExtensions[${i}]`, ref));
    reportDuplicates(problems, 'systemExtensions', this.systemExtensions);
    this.extraKernelArgs.forEach((arg, i) => {
      if (checkSafeValue(problems, `extraKernelArgs[${i}]`, arg, 'pass one argument per entry, e.g. "console=ttyS2,1500000n8"') && !KERNEL_ARG.test(arg)) {
        problems.add(`extraKernelArgs[${i}]`, arg, `a kernel argument must match ${KERNEL_ARG.source}`, 'pass one argument per entry, e.g. "console=ttyS2,1500000n8"');
      }
    });
    reportDuplicates(problems, 'extraKernelArgs', this.extraKernelArgs);
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

    problems.throwIfAny();
    this.version = version!;
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
    return `${this.platform}-${this.arch}${this.secureBoot ? '-secureboot' : ''}.${this.diskFormat}${compressionSuffix(this.compression)}`;
  }

  /**
   * The unique release asset name of this board's image,
   * e.g. `talos-v1.10.6-nanopi-m6-arm64.raw.xz`.
   */
  public get assetName(): string {
    return `talos-${this.talosVersion}-${this.boardName}-${this.arch}${this.secureBoot ? '-secureboot' : ''}.${this.diskFormat}${compressionSuffix(this.compression)}`;
  }

  /**
   * The imager arguments after the image kind, in order, for this board and the
   * given overlay image reference. Values are literal (the workflow passes them through
   * environment variables).
   */
  public imagerArguments(overlayImage: string): string[] {
    const args = [this.profileName, `--arch=${this.arch}`, `--overlay-image=${overlayImage}`, `--overlay-name=${this.overlayName}`];
    for (const [key, value] of Object.entries(this.overlayOptions)) {
      args.push(`--overlay-option=${key}=${value}`);
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

function sortedMap(map: { [key: string]: string }): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  for (const key of Object.keys(map).sort()) {
    out[key] = map[key];
  }
  return out;
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

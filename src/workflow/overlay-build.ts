import { Architecture } from '../board/image-output';
import { BUILD_FILE, BUILD_TARGET, checkBuildArgs } from './private/build-args';
import { keyField } from '../private/text';
import { checkObject, checkOptionalEnum, checkOptionalString, checkString, checkStringMap } from '../private/types';
import { Problems } from '../private/validation';

/**
 * Where the overlay build's `SOURCE_DATE_EPOCH` build argument comes from. The workflow
 * computes it from git at run time and passes it as a build argument: bldr imports build
 * arguments as `BUILD_ARG_<NAME>` (siderolabs/bldr `internal/pkg/pkgfile/build.go` @ v0.3.0) and
 * renders each `pkg.yaml` with Go `text/template` without a `missingkey` option
 * (`internal/pkg/types/v1alpha2/pkg.go` @ v0.3.0), so an argument nobody passes renders as
 * `<no value>`, and a stage that runs `date -d @{{ .BUILD_ARG_SOURCE_DATE_EPOCH }}` fails.
 */
export enum SourceDateEpoch {
  /**
   * The commit time of the tagged commit (`git log -1 --format=%ct`): every release has its
   * own timestamp. Needs only the tagged commit (`fetch-depth: 1`).
   */
  TAGGED_COMMIT = 'tagged-commit',
  /**
   * The commit time of the repository's first commit, as jhuynh08/nanopi-m6's `Makefile`
   * does (`git rev-list --max-parents=0 HEAD | head -1`, then `git log <sha> --pretty=%ct`):
   * the timestamp never changes between releases. Checks out the full history (`fetch-depth: 0`).
   */
  FIRST_COMMIT = 'first-commit',
}

/**
 * Options shared by both kinds of overlay build.
 */
export interface OverlayBuildCommonOptions {
  /**
   * Where `SOURCE_DATE_EPOCH` comes from (always passed as a build argument; do not put it in
   * `buildArgs`).
   * @default SourceDateEpoch.TAGGED_COMMIT
   */
  readonly sourceDateEpoch?: SourceDateEpoch;

  /**
   * The architecture the build's expensive stages are pinned to (bldr `platform: linux/arm64`
   * in a `pkg.yaml` dependency, e.g. a kernel build). The overlay job must then run on a native
   * runner of that architecture (`overlayRunner`): under QEMU a kernel build takes hours.
   * @default - nothing is pinned: every platform builds its own stages
   */
  readonly pinnedArchitecture?: Architecture;

  /**
   * The architecture of the installer binary inside the overlay image, when the installer is
   * built in a stage pinned to one platform (so every platform of the image holds that binary).
   * The imager extracts the overlay for its own architecture and runs that installer on the
   * host, so the imager runner must be of this architecture (or `installerEmulation` is on).
   * @default - the installer is built per platform (unpinned stage), one per pushed platform
   */
  readonly installerArchitecture?: Architecture;
}

/**
 * Options for building the overlay from a bldr `Pkgfile`.
 */
export interface PkgfileBuildOptions extends OverlayBuildCommonOptions {
  /**
   * The Pkgfile stage that produces the overlay image, e.g. `talos-sbc-rk3588-mainline`.
   */
  readonly target: string;

  /**
   * Build arguments, e.g. `{ PKGS_PREFIX: 'ghcr.io/siderolabs', PKGS: 'v1.7.0' }`. Names match
   * `^[A-Z_][A-Z0-9_]*$` (bldr reads them as `BUILD_ARG_<NAME>`); values are plain text.
   * @default - none
   */
  readonly buildArgs?: { [name: string]: string };

  /**
   * Path of the Pkgfile, relative to the repository root.
   * @default "Pkgfile"
   */
  readonly file?: string;
}

/**
 * Options for building the overlay from a Dockerfile.
 */
export interface DockerfileBuildOptions extends OverlayBuildCommonOptions {
  /**
   * Path of the Dockerfile, relative to the repository root.
   * @default "Dockerfile"
   */
  readonly file?: string;

  /**
   * Build stage to build.
   * @default - the last stage
   */
  readonly target?: string;

  /**
   * Build arguments (names match `^[A-Z_][A-Z0-9_]*$`).
   * @default - none
   */
  readonly buildArgs?: { [name: string]: string };
}

/**
 * How the overlay image is built from the repository (with `docker buildx`, pushed
 * straight to the registry).
 */
export class OverlayBuild {
  /**
   * Build a bldr `Pkgfile` target (the siderolabs overlay layout; buildx reads the
   * `# syntax = ghcr.io/siderolabs/bldr:…` frontend line of the Pkgfile).
   */
  public static pkgfile(options: PkgfileBuildOptions): OverlayBuild {
    checkBuildTypes('OverlayBuild.pkgfile', options, true);
    return new OverlayBuild(options.file ?? 'Pkgfile', options.target, options.buildArgs ?? {}, options);
  }

  /**
   * Build a Dockerfile.
   */
  public static dockerfile(options: DockerfileBuildOptions = {}): OverlayBuild {
    checkBuildTypes('OverlayBuild.dockerfile', options, false);
    return new OverlayBuild(options.file ?? 'Dockerfile', options.target, options.buildArgs ?? {}, options);
  }

  /** Where `SOURCE_DATE_EPOCH` comes from. */
  public readonly sourceDateEpoch: SourceDateEpoch;
  /** The architecture the expensive stages are pinned to, if any. */
  public readonly pinnedArchitecture?: Architecture;
  /** The architecture of the installer in the overlay image, if pinned. */
  public readonly installerArchitecture?: Architecture;

  private constructor(
    /** Build definition file. */
    public readonly file: string,
    /** Target stage. */
    public readonly target: string | undefined,
    /** Build arguments (without `SOURCE_DATE_EPOCH`, which the workflow computes). */
    public readonly buildArgs: { [name: string]: string },
    common: OverlayBuildCommonOptions,
  ) {
    this.buildArgs = { ...buildArgs };
    this.sourceDateEpoch = common.sourceDateEpoch ?? SourceDateEpoch.TAGGED_COMMIT;
    this.pinnedArchitecture = common.pinnedArchitecture;
    this.installerArchitecture = common.installerArchitecture;
  }

  /**
   * The names of every build argument the workflow passes (declared ones and `SOURCE_DATE_EPOCH`),
   * for the repository inspection to compare with what the build reads.
   */
  public get buildArgNames(): string[] {
    return [...Object.keys(this.buildArgs), 'SOURCE_DATE_EPOCH'].sort();
  }

  /**
   * Adds every problem of the build to `problems`.
   * @internal
   */
  public _validate(problems: Problems, field: string): void {
    if (!BUILD_FILE.test(this.file)) {
      problems.add(`${field}.file`, this.file, 'must be a relative path inside the repository (letters, digits, "._/-", no ".." segments)',
        'use a path such as "Pkgfile" or "docker/Dockerfile"');
    }
    if (this.target !== undefined && !BUILD_TARGET.test(this.target)) {
      problems.add(`${field}.target`, this.target, `a build target must match ${BUILD_TARGET.source}`, 'use the stage name, e.g. "talos-sbc-rk3588-mainline"');
    }
    checkBuildArgs(problems, `${field}.buildArgs`, this.buildArgs);
    if (!Object.values(SourceDateEpoch).includes(this.sourceDateEpoch)) {
      problems.add(`${field}.sourceDateEpoch`, this.sourceDateEpoch, 'must be a SourceDateEpoch', 'use SourceDateEpoch.TAGGED_COMMIT or SourceDateEpoch.FIRST_COMMIT');
    }
    for (const [name, arch] of [['pinnedArchitecture', this.pinnedArchitecture], ['installerArchitecture', this.installerArchitecture]] as const) {
      if (arch !== undefined && !Object.values(Architecture).includes(arch)) {
        problems.add(`${field}.${name}`, arch, 'must be an Architecture', 'use Architecture.ARM64 or Architecture.AMD64');
      }
    }
  }
}

/** Presence and runtime types of a build factory's options, before they are used. */
function checkBuildTypes(factory: string, options: unknown, needsTarget: boolean): void {
  const problems = new Problems('OverlayBuild', factory);
  if (checkObject(problems, 'options', options, needsTarget ? 'pass { target: "<Pkgfile stage>" }' : 'pass { file, target, buildArgs }, or nothing')) {
    if (needsTarget) {
      checkString(problems, 'target', options.target, 'name the Pkgfile stage that produces the overlay, e.g. "talos-sbc-rk3588-mainline"');
    } else {
      checkOptionalString(problems, 'target', options.target, 'name the build stage, or leave it unset for the last stage');
    }
    checkOptionalString(problems, 'file', options.file, 'use a path such as "Pkgfile" or "docker/Dockerfile"');
    checkStringMap(problems, 'buildArgs', options.buildArgs, 'give each build argument a string value, e.g. "ghcr.io/siderolabs"', (key) => keyField('buildArgs', key));
    checkOptionalEnum(problems, 'sourceDateEpoch', options.sourceDateEpoch, SourceDateEpoch, 'SourceDateEpoch');
    checkOptionalEnum(problems, 'pinnedArchitecture', options.pinnedArchitecture, Architecture, 'Architecture');
    checkOptionalEnum(problems, 'installerArchitecture', options.installerArchitecture, Architecture, 'Architecture');
  }
  problems.throwIfAny();
}

/**
 * A variant of the overlay build (e.g. U-Boot or DTB `vendor` and `mainline`): each variant is
 * built and pushed separately, and every board is imaged once per variant. The variant name is
 * part of every pushed tag, job id and asset name, so legs never collide.
 *
 * The Talos kernel comes from the imager image, not from the overlay (siderolabs/talos
 * `pkg/imager/profile/input.go` `Input.FillDefaults` @ v1.10.6 fills the kernel path from the
 * imager). A variant that builds another kernel must therefore name the imager built with that
 * kernel (`imagerImage`); without it the variant changes only the overlay (DTBs, U-Boot,
 * installer), and the release notes say so.
 */
export interface OverlayVariant {
  /**
   * Variant name, e.g. `vendor-uboot` (lowercase letters, digits and single "-").
   */
  readonly name: string;

  /**
   * Build target of this variant, e.g. `talos-sbc-rk3588-bsp`.
   * @default - the target of the overlay build
   */
  readonly target?: string;

  /**
   * Build arguments of this variant, merged over the overlay build's, e.g. `{ KERNEL_VARIANT: 'bsp' }`.
   * @default - the overlay build's arguments only
   */
  readonly buildArgs?: { [name: string]: string };

  /**
   * The imager image built with this variant's kernel (talos `make imager PKG_KERNEL=…`),
   * e.g. `ghcr.io/example/imager:v1.10.6-bsp@sha256:…`. Its initramfs modules and any
   * module-carrying extension must match that kernel.
   * @default - the stock `ghcr.io/siderolabs/imager:<talos version>` (the variant changes only DTBs/U-Boot/installer)
   */
  readonly imagerImage?: string;
}

/**
 * Options for building the overlay from a bldr `Pkgfile`.
 */
export interface PkgfileBuildOptions {
  /**
   * The Pkgfile stage that produces the overlay image, e.g. `talos-sbc-rk3588-mainline`.
   */
  readonly target: string;

  /**
   * Build arguments, e.g. `{ PKGS_PREFIX: 'ghcr.io/siderolabs', PKGS: 'v1.7.0' }`.
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
export interface DockerfileBuildOptions {
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
   * Build arguments.
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
    return new OverlayBuild(options.file ?? 'Pkgfile', options.target, options.buildArgs ?? {});
  }

  /**
   * Build a Dockerfile.
   */
  public static dockerfile(options: DockerfileBuildOptions = {}): OverlayBuild {
    return new OverlayBuild(options.file ?? 'Dockerfile', options.target, options.buildArgs ?? {});
  }

  private constructor(
    /** Build definition file. */
    public readonly file: string,
    /** Target stage. */
    public readonly target: string | undefined,
    /** Build arguments. */
    public readonly buildArgs: { [name: string]: string },
  ) {}
}

/**
 * A variant of the overlay build (e.g. kernel `bsp` and `mainline`): each variant is built
 * and pushed separately, and every board is imaged once per variant. The variant name is part
 * of every pushed tag, job id and asset name, so legs never collide.
 */
export interface OverlayVariant {
  /**
   * Variant name, e.g. `bsp` (lowercase letters, digits and single "-").
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
}

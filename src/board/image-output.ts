/**
 * CPU architecture of a Talos image.
 */
export enum Architecture {
  /** 64-bit ARM (every SBC overlay today). */
  ARM64 = 'arm64',
  /** 64-bit x86. */
  AMD64 = 'amd64',
}

/**
 * Disk image format written by the imager (`output.imageOptions.diskFormat`).
 */
export enum DiskFormat {
  /** Raw disk image (what SBC users flash). */
  RAW = 'raw',
  /** QEMU copy-on-write image. */
  QCOW2 = 'qcow2',
  /** Hyper-V / Azure VHD. */
  VHD = 'vhd',
  /** VMware OVA. */
  OVA = 'ova',
}

/**
 * Compression of the disk image (`output.outFormat`).
 */
export enum Compression {
  /** No compression (`outFormat: raw`). */
  NONE = 'none',
  /** `.xz` (every official SBC profile). */
  XZ = 'xz',
  /** `.zst` (Talos v1.8+; the built-in `metal` default from v1.8). */
  ZSTD = 'zstd',
  /** `.gz`. */
  GZIP = 'gzip',
}

/**
 * What the overlay's profile makes the imager write. These must mirror the profile
 * YAML shipped in the overlay (`/profiles/<profileName>.yaml`): the output file name is
 * derived from them, never typed.
 */
export interface ImageOutputOptions {
  /**
   * `platform` of the profile (the value of `talos.platform`).
   * @default "metal"
   */
  readonly platform?: string;

  /**
   * Whether the profile builds a SecureBoot image (adds `-secureboot` to the file name).
   * @default false
   */
  readonly secureBoot?: boolean;

  /**
   * `output.imageOptions.diskFormat` of the profile.
   * @default DiskFormat.RAW
   */
  readonly diskFormat?: DiskFormat;

  /**
   * `output.outFormat` of the profile.
   * @default Compression.XZ
   */
  readonly compression?: Compression;
}

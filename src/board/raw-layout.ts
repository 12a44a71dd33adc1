/**
 * A bootloader file the overlay installer writes to the raw disk, outside any partition
 * (e.g. Rockchip `idbloader.img` at byte 32768).
 */
export interface UbootArtifact {
  /**
   * File name as the installer writes it, e.g. `idbloader.img` or `u-boot-rockchip.bin`.
   */
  readonly file: string;

  /**
   * Byte offset on the disk where the installer writes the file.
   * @default - the offset the board's catalog preset declares for this file (required otherwise)
   */
  readonly offsetBytes?: number;

  /**
   * Path of the committed file, relative to the repository root (see
   * `artifactsDirectory`), e.g. `artifacts/u-boot/nanopi-m6/uboot.img`. Its size is read
   * when the board is constructed.
   * @default - no file; `sizeBytes` must be given
   */
  readonly path?: string;

  /**
   * Size of the file in bytes, when it is not committed (e.g. built by the overlay build).
   * When `path` is given too, the two must agree.
   * @default - the size of the file at `path`
   */
  readonly sizeBytes?: number;
}

/**
 * A resolved raw write of the board's installer: which file, where, and how big
 * (when known).
 */
export interface RawWrite {
  /** File name as the installer writes it. */
  readonly file: string;

  /** Byte offset on the disk. */
  readonly offsetBytes: number;

  /**
   * Size in bytes.
   * @default - unknown (only the start offset is checked)
   */
  readonly sizeBytes?: number;
}

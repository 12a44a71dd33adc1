import { TalosVersion } from './talos-version';
import { checkNumber, checkString } from '../private/types';
import { Problems } from '../private/validation';

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

  /**
   * Path of the file inside the overlay image, where the image verification step of each imager
   * leg reads it to compare it byte for byte with the disk image.
   * @default - `artifacts/<arch>/u-boot/<board>/<file>`, the layout of the siderolabs/sbc-rockchip
   * installers (`installers/<board>/src/main.go` @ v0.2.0 read `<ArtifactsPath>/arm64/u-boot/<board>/…`),
   * where `<board>` is the `board` overlay option, else the board name
   */
  readonly overlayPath?: string;
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

  /**
   * Path of the file inside the overlay image.
   * @default - `artifacts/<arch>/u-boot/<board>/<file>` (see `UbootArtifact.overlayPath`)
   */
  readonly overlayPath?: string;
}

/** Bytes per LBA: the Talos installer and its imager partition 512-byte-sector disks. */
const SECTOR = 512;
/** 1 MiB in LBAs: the partition alignment of both partitioners (see {@link GptLayout}). */
const MIB_SECTORS = 2048;
/**
 * GPT entry array: 128 entries of 128 bytes = 32 LBAs.
 * siderolabs/go-blockdevice blockdevice/partition/gpt/gpt.go @ v0.4.7 (`NumberOfPartitionEntries = 128`,
 * `PartitionEntrySize = 128`); partitioning/gpt/gpt.go @ v2.0.3 (`lbasForEntries`).
 */
const ENTRY_SECTORS = 32;

/** What is wrong with one raw write, see {@link RawLayoutConflict}. */
export enum RawLayoutConflictKind {
  /** The blob covers LBA 0 or 1 (protective MBR and primary GPT header). */
  GPT_HEADER = 'gpt-header',
  /** The blob covers the primary GPT entry array. */
  GPT_ENTRIES = 'gpt-entries',
  /** The blob reaches into the first partition. */
  FIRST_PARTITION = 'first-partition',
  /** The blob overlaps another blob. */
  OVERLAP = 'overlap',
}

/** One raw write that clashes with the partition table, the first partition or another blob. */
export interface RawLayoutConflict {
  /** What it clashes with. */
  readonly kind: RawLayoutConflictKind;
  /** The write that clashes (for overlaps, the later of the two). */
  readonly write: RawWrite;
  /**
   * For overlaps, the earlier write it overlaps.
   * @default - not an overlap
   */
  readonly other?: RawWrite;
  /** What is wrong, with byte numbers. */
  readonly message: string;
  /** What to change. */
  readonly fix: string;
  /**
   * The smallest installer `PartitionOptions.Offset` (LBAs, rounded up to a whole MiB) that
   * moves the partition table past the end of this write.
   * @default - raising the offset does not help (overlaps, GPT header)
   */
  readonly requiredPartitionOffsetSectors?: number;
}

/**
 * Where the Talos installer puts the primary GPT entry array and the first partition, for
 * a Talos version and the overlay installer's `PartitionOptions.Offset` (LBAs). The same
 * rules serve the board checks and the repository inspection.
 *
 * - Before Talos v1.8 the installer partitions with go-blockdevice v0.4: it passes the
 *   offset to `gpt.WithPartitionEntriesStartLBA` (siderolabs/talos
 *   cmd/installer/pkg/install/manifest.go @ v1.7.7), so the entry array starts AT the offset
 *   (`h.EntriesLBA = opts.PartitionEntriesStartLBA`, first usable LBA = offset + 32;
 *   siderolabs/go-blockdevice blockdevice/partition/gpt/gpt.go @ v0.4.7). Without an offset
 *   the entries start at LBA 2 (`NewDefaultOptions`). Partitions start at the first usable
 *   LBA aligned up to 1 MiB (`AlignToPhysicalBlockSize` with `RecommendedAlignment = 1048576`,
 *   blockdevice/lba/lba.go @ v0.4.7).
 * - From Talos v1.8 the installer passes the offset to go-blockdevice v2 `gpt.WithSkipLBAs`
 *   (siderolabs/talos cmd/installer/pkg/install/install.go @ v1.8.0, v1.10.6, v1.13.9), so the
 *   entries start at LBA 1 + 1 + offset, and the first usable LBA (entries + 32) is aligned up
 *   to 1 MiB (`alignmentSize := max(ioSize, 2048*512)`; siderolabs/go-blockdevice
 *   partitioning/gpt/gpt.go @ v2.0.3, unchanged at HEAD).
 *
 * For an offset of 20480 LBAs (10 MiB): entries at 10 MiB (before v1.8) or 10 MiB + 1 KiB
 * (v1.8+); first partition at 11 MiB either way.
 */
export class GptLayout {
  /**
   * The layout for a Talos version (e.g. `v1.10.6`) and an installer partition offset.
   * @param talosVersion the board's Talos release
   * @param partitionOffsetSectors the installer's `PartitionOptions.Offset` in LBAs; 0 or
   *   undefined when the installer declares none
   */
  public static forTalos(talosVersion: string, partitionOffsetSectors?: number): GptLayout {
    const problems = new Problems('GptLayout', 'GptLayout.forTalos');
    const parsed = checkString(problems, 'talosVersion', talosVersion, 'use a Talos release tag, e.g. "v1.10.6"')
      ? TalosVersion._tryParse(talosVersion) : undefined;
    if (!parsed && typeof talosVersion === 'string') {
      problems.add('talosVersion', talosVersion, 'is not a Talos version', 'use a Talos release tag, e.g. "v1.10.6"');
    }
    const offset: unknown = partitionOffsetSectors ?? 0;
    if (checkNumber(problems, 'partitionOffsetSectors', offset, 'use the installer\'s PartitionOptions.Offset in LBAs, e.g. 2048')
      && (!Number.isSafeInteger(offset) || offset < 0)) {
      problems.add('partitionOffsetSectors', offset, 'must be a whole number of LBAs, 0 or more', 'use the installer\'s PartitionOptions.Offset in LBAs, e.g. 2048');
    }
    problems.throwIfAny();
    return new GptLayout(talosVersion, offset as number, parsed!.atLeast(1, 8));
  }

  /**
   * The smallest installer `PartitionOptions.Offset`, in LBAs rounded up to a whole MiB
   * (2048 LBAs), whose entry array starts at or after `endBytes`.
   */
  public static requiredPartitionOffsetSectors(talosVersion: string, endBytes: number): number {
    const v2 = GptLayout.forTalos(talosVersion).usesSkipLBAs;
    const endSector = Math.ceil(endBytes / SECTOR);
    const minimum = Math.max(v2 ? endSector - 2 : endSector, 0);
    return Math.ceil(minimum / MIB_SECTORS) * MIB_SECTORS;
  }

  /** The Talos version the layout is for. */
  public readonly talosVersion: string;
  /** The installer's partition offset in LBAs (0: none declared). */
  public readonly partitionOffsetSectors: number;
  /** Whether the installer uses go-blockdevice v2 `WithSkipLBAs` (Talos v1.8+). */
  public readonly usesSkipLBAs: boolean;
  /** First byte of the primary GPT entry array. */
  public readonly entriesStartBytes: number;
  /** First byte after the primary GPT entry array. */
  public readonly entriesEndBytes: number;
  /** First byte of the first partition. */
  public readonly firstPartitionBytes: number;
  /** Which partitioner decides the layout, for messages. */
  public readonly partitioner: string;

  private constructor(talosVersion: string, partitionOffsetSectors: number, usesSkipLBAs: boolean) {
    this.talosVersion = talosVersion;
    this.partitionOffsetSectors = partitionOffsetSectors;
    this.usesSkipLBAs = usesSkipLBAs;
    const entries = usesSkipLBAs ? 2 + partitionOffsetSectors : (partitionOffsetSectors === 0 ? 2 : partitionOffsetSectors);
    this.entriesStartBytes = entries * SECTOR;
    this.entriesEndBytes = (entries + ENTRY_SECTORS) * SECTOR;
    this.firstPartitionBytes = Math.ceil((entries + ENTRY_SECTORS) / MIB_SECTORS) * MIB_SECTORS * SECTOR;
    this.partitioner = usesSkipLBAs
      ? `Talos ${talosVersion}, go-blockdevice v2: entries at LBA offset + 2`
      : `Talos ${talosVersion}, go-blockdevice v0.4: entries at LBA offset`;
  }

  /**
   * The raw writes that clash with the GPT header, the entry array, the first partition or
   * each other. Writes of unknown size are checked by their first byte only.
   */
  public conflicts(writes: RawWrite[]): RawLayoutConflict[] {
    const out: RawLayoutConflict[] = [];
    const sorted = [...writes].sort((a, b) => a.offsetBytes - b.offsetBytes);
    const offsetText = this.partitionOffsetSectors === 0
      ? 'no installer PartitionOptions.Offset'
      : `PartitionOptions.Offset ${this.partitionOffsetSectors} LBAs`;
    sorted.forEach((write, i) => {
      const start = write.offsetBytes;
      const end = start + (write.sizeBytes ?? 1);
      const span = write.sizeBytes === undefined
        ? `${write.file} is written at byte ${start}`
        : `${write.file} written at byte ${start} ends at byte ${end}`;
      const required = GptLayout.requiredPartitionOffsetSectors(this.talosVersion, end);
      const raise = `raise the installer's PartitionOptions.Offset to ${required} LBAs (${describeSectors(required)})`;
      if (start < 2 * SECTOR) {
        out.push({
          kind: RawLayoutConflictKind.GPT_HEADER,
          write,
          message: `${span}, over the protective MBR and primary GPT header (bytes 0 to 1024)`,
          fix: `write ${write.file} at byte 1024 or later (Rockchip loaders go at byte 32768, sector 64)`,
        });
      } else if (start < this.entriesEndBytes && end > this.entriesStartBytes) {
        out.push({
          kind: RawLayoutConflictKind.GPT_ENTRIES,
          write,
          requiredPartitionOffsetSectors: required,
          message: `${span}, over the GPT entry array at bytes ${this.entriesStartBytes} to ${this.entriesEndBytes}`
            + (end > this.firstPartitionBytes ? ` and past the first partition at byte ${this.firstPartitionBytes}` : '')
            + ` (${this.partitioner}; ${offsetText}), so it corrupts the partition table (the installer writes it after partitioning)`,
          fix: start < this.entriesStartBytes
            ? `${raise}, or keep ${write.file} at most ${this.entriesStartBytes - start} bytes`
            : `${raise}, or write ${write.file} before byte ${this.entriesStartBytes}`,
        });
      } else if (end > this.firstPartitionBytes) {
        out.push({
          kind: RawLayoutConflictKind.FIRST_PARTITION,
          write,
          requiredPartitionOffsetSectors: required,
          message: `${span}, past the first partition at byte ${this.firstPartitionBytes} (${this.partitioner}; ${offsetText}), `
            + 'so it overwrites the head of that partition (the installer writes it after partitioning)',
          fix: `${raise}, or write ${write.file} before byte ${this.entriesStartBytes}`,
        });
      }
      const next = sorted[i + 1];
      if (next && end > next.offsetBytes) {
        const taken = write.sizeBytes === undefined ? `at byte ${start}` : `at bytes ${start} to ${end}`;
        out.push({
          kind: RawLayoutConflictKind.OVERLAP,
          write: next,
          other: write,
          message: `${next.file} at byte ${next.offsetBytes} overlaps ${write.file} ${taken}`,
          fix: `keep ${write.file} at most ${next.offsetBytes - start} bytes, or write the files at offsets that do not overlap`,
        });
      }
    });
    return out;
  }
}

/** `24576` → `2048 * 12 = 12 MiB`; other values in KiB. */
function describeSectors(sectors: number): string {
  return sectors % MIB_SECTORS === 0 ? `2048 * ${sectors / MIB_SECTORS} = ${sectors / MIB_SECTORS} MiB` : `${sectors / 2} KiB`;
}

/**
 * Test support: small Talos-like disk images built with the real tools (sgdisk, mtools, dd, xz),
 * and the overlay image's filesystem as the extract-overlay step leaves it.
 *
 * The layout models a NanoPi M6 image from Talos >= v1.8 with the installer's
 * `PartitionOptions.Offset = 2048*10` (jhuynh08/nanopi-m6 installers/rk3588/src/main.go):
 * GPT entries at LBA 2 + 20480 (go-blockdevice partitioning/gpt/gpt.go @ v2.0.2, `WithSkipLBAs`),
 * partition 1 "EFI" at the next MiB (sector 22528), then "BOOT"; the installer writes
 * `idbloader.img` at sector 64 and `uboot.img` at 8 MiB. Blob sizes are scaled down so the image
 * stays small (24 MiB, sparse): the checks only depend on offsets and bytes.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { partition } = require('../../support/sgdisk.js') as { partition(file: string, args: string[], cacheDir?: string): void };

export const SECTOR = 512;
export const MIB = 1024 * 1024;
/** The installer's partition offset (LBAs) and what Talos >= v1.8 makes of it. */
export const PARTITION_OFFSET_SECTORS = 20480;
export const GPT_ENTRIES_SECTOR = PARTITION_OFFSET_SECTORS + 2;
export const FIRST_PARTITION_SECTOR = 22528;
export const DISK_BYTES = 24 * MIB;
export const EFI_SECTORS = 8192; // 4 MiB
export const BOOT_SECTORS = 4096; // 2 MiB

export const UBOOT_DIR = 'artifacts/arm64/u-boot/nanopi-m6';
export const IDBLOADER = `${UBOOT_DIR}/idbloader.img`;
export const UBOOT = `${UBOOT_DIR}/uboot.img`;
export const IDBLOADER_OFFSET = 64 * SECTOR;
export const UBOOT_OFFSET = 8 * MIB;
export const DTB_IN_EFI = 'dtb/rockchip/rk3588-nanopi-m6.dtb';
export const OVERLAY_NAME = 'rk3588';

/** ELF e_machine values (EM_X86_64, EM_AARCH64), as Go's debug/elf names them. */
export const EM_X86_64 = 62;
export const EM_AARCH64 = 183;

export interface RawBlob {
  /** Path inside the overlay image. */
  readonly file: string;
  readonly offsetBytes: number;
  readonly content: Buffer;
}

export interface OverlayOptions {
  /** e_machine of `installers/<name>`, or a non-ELF script. */
  readonly installer?: number | 'not-elf';
  /** Blobs in the overlay (default: the NanoPi M6 pair). */
  readonly blobs?: readonly RawBlob[];
}

export interface DiskOptions {
  /** Sector of partition 1 (EFI). */
  readonly firstPartitionSector?: number;
  /** Files in the EFI partition, by path inside it. */
  readonly efiFiles?: { readonly [path: string]: string };
  /** Files in the BOOT partition, by path inside it. */
  readonly bootFiles?: { readonly [path: string]: string };
  /** Blobs written at their offsets (default: the NanoPi M6 pair). */
  readonly blobs?: readonly RawBlob[];
  /**
   * When the blobs are written: `after` the GPT and filesystems (what the overlay installer does,
   * so a stray blob breaks them), or `before` (so the GPT and FAT overwrite the blob).
   * @default 'after'
   */
  readonly writeBlobs?: 'before' | 'after';
}

/** Deterministic pseudo-random bytes (SHA-256 in counter mode). */
export function pseudoRandomBytes(size: number, seed: number): Buffer {
  const blocks: Buffer[] = [];
  for (let counter = 0; blocks.length * 32 < size; counter++) {
    blocks.push(createHash('sha256').update(`${seed}:${counter}`).digest());
  }
  return Buffer.concat(blocks).subarray(0, size);
}

const NANOPI_BLOBS: readonly RawBlob[] = [
  { file: IDBLOADER, offsetBytes: IDBLOADER_OFFSET, content: pseudoRandomBytes(256 * 1024, 1) },
  { file: UBOOT, offsetBytes: UBOOT_OFFSET, content: pseudoRandomBytes(MIB, 2) },
];

/** The two NanoPi M6 blobs, scaled down (256 KiB and 1 MiB). */
export function nanopiBlobs(): readonly RawBlob[] {
  return NANOPI_BLOBS;
}

/**
 * A 64-byte ELF64 little-endian executable header, written byte by byte (ELF spec: e_ident, then
 * e_type at 16, e_machine at 18, e_version at 20; the rest zero).
 */
export function elfHeader(machine: number): Buffer {
  const header = Buffer.alloc(64);
  header.set([0x7f, 0x45, 0x4c, 0x46], 0); // \x7fELF
  header[4] = 2; // EI_CLASS: ELFCLASS64
  header[5] = 1; // EI_DATA: ELFDATA2LSB
  header[6] = 1; // EI_VERSION: EV_CURRENT
  header[16] = 2; // e_type: ET_EXEC
  header.writeUInt16LE(machine, 18); // e_machine
  header[20] = 1; // e_version
  return header;
}

/** Writes the overlay image's filesystem (installers/, artifacts/) under `dir`. */
export function writeOverlay(dir: string, options: OverlayOptions = {}): void {
  const installer = options.installer ?? EM_X86_64;
  fs.mkdirSync(path.join(dir, 'installers'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'installers', OVERLAY_NAME),
    installer === 'not-elf' ? '#!/bin/sh\necho not an installer\n' : elfHeader(installer), { mode: 0o755 });
  for (const blob of options.blobs ?? nanopiBlobs()) {
    fs.mkdirSync(path.dirname(path.join(dir, blob.file)), { recursive: true });
    fs.writeFileSync(path.join(dir, blob.file), blob.content);
  }
}

/** Runs a bash script with the fixture's tools; throws with its output when it fails. */
export function bash(script: string, cwd: string, env: { [name: string]: string } = {}): string {
  const proc = spawnSync('bash', ['-c', `set -euo pipefail\n${script}`], {
    cwd,
    // the runner's environment, as a step gets it (a bare env makes bash start slowly here)
    env: { ...process.env, MTOOLS_SKIP_CHECK: '1', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (proc.status !== 0) {
    throw new Error(`fixture script failed (${proc.status}):\n${script}\n${proc.stdout}\n${proc.stderr}`);
  }
  return proc.stdout;
}

/**
 * Writes a disk image at `file` (relative to `dir`): GPT with entries at LBA 20482, partition 1
 * "EFI" (FAT, holding the DTB) and partition 2 "BOOT" (FAT), and the blobs at their offsets.
 */
export function writeDisk(dir: string, file: string, options: DiskOptions = {}): void {
  const first = options.firstPartitionSector ?? FIRST_PARTITION_SECTOR;
  const bootSector = first + EFI_SECTORS;
  const blobs = options.blobs ?? nanopiBlobs();
  const blobDir = fs.mkdtempSync(path.join(dir, '.blobs-'));
  const writeBlobs = blobs.map((blob, i) => {
    fs.writeFileSync(path.join(blobDir, `${i}`), blob.content);
    return `dd if=${blobDir}/${i} of="$DISK" bs=512 seek=${blob.offsetBytes} oflag=seek_bytes conv=notrunc status=none`;
  });
  const copyFiles = (partitionSector: number, files: { readonly [path: string]: string }): string[] =>
    Object.entries(files).flatMap(([target, content], i) => {
      const source = path.join(blobDir, `file-${partitionSector}-${i}`);
      fs.writeFileSync(source, content);
      const dirs: string[] = [];
      const parts = target.split('/').slice(0, -1);
      parts.forEach((_, j) => dirs.push(`::/${parts.slice(0, j + 1).join('/')}`));
      return [
        ...dirs.map((d) => `mmd -D s -i "$DISK@@${partitionSector * SECTOR}" ${d} 2>/dev/null || true`),
        `mcopy -i "$DISK@@${partitionSector * SECTOR}" ${source} ::/${target}`,
      ];
    });
  const before = [
    `truncate -s ${DISK_BYTES} "$DISK"`,
    ...(options.writeBlobs === 'before' ? writeBlobs : []),
  ];
  const after = [
    `mformat -i "$DISK@@${first * SECTOR}" -T ${EFI_SECTORS} -N 0EF10001 -v EFI ::`,
    `mformat -i "$DISK@@${bootSector * SECTOR}" -T ${BOOT_SECTORS} -N 0B007002 -v BOOT ::`,
    ...copyFiles(first, options.efiFiles ?? { [DTB_IN_EFI]: 'nanopi-m6 device tree\n' }),
    ...copyFiles(bootSector, options.bootFiles ?? {}),
    ...(options.writeBlobs === 'before' ? [] : writeBlobs),
  ];
  try {
    bash(before.join('\n'), dir, { DISK: file });
    // the real sgdisk (without its pause on a zero image: test/support/sgdisk.js)
    partition(path.resolve(dir, file), [
      '-j', `${GPT_ENTRIES_SECTOR}`, '-n', `1:${first}:+${EFI_SECTORS}`, '-t', '1:EF00', '-c', '1:EFI',
      '-n', `2:${bootSector}:+${BOOT_SECTORS}`, '-t', '2:8300', '-c', '2:BOOT',
    ]);
    bash(after.join('\n'), dir, { DISK: file });
  } finally {
    fs.rmSync(blobDir, { recursive: true, force: true });
  }
}

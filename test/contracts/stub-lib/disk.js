// The disk image the stub imager writes: a sparse file with a GPT laid out the way
// Talos lays it out, a FAT EFI partition holding what the overlay installer copies
// there, and the installer's raw writes at their offsets, written last (the overlay
// installer's Install runs after partitioning: siderolabs/talos
// cmd/installer/pkg/install/install.go @ v1.10.6). Built with the real gdisk and mtools,
// so the image verification step of the workflow reads a real GPT and a real FAT.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
// the real sgdisk, without its one-second pause on each write (see there)
const { partition } = require('../../support/sgdisk.js');

const SECTOR = 512;
const MIB = 1024 * 1024;

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...options });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr || r.stdout}`);
  }
  return r.stdout;
}

/**
 * GPT layout from Talos v1.8 (go-blockdevice v2 partitioning/gpt): the installer's
 * PartitionOptions.Offset (LBAs) moves the entry array to offset + 2, and the first
 * partition starts at the next MiB boundary after the entries (128 entries x 128 bytes).
 */
function layout(talos, partitionOffsetLba) {
  const m = /^v(\d+)\.(\d+)\./.exec(talos);
  if (!m || Number(m[1]) !== 1 || Number(m[2]) < 8) {
    throw new Error(`stub imager: the disk layout of Talos ${talos} is not modelled (only v1.8 and later)`);
  }
  const entriesLba = partitionOffsetLba + 2;
  const entriesEnd = (entriesLba + 32) * SECTOR;
  const firstPartitionBytes = Math.ceil(entriesEnd / MIB) * MIB;
  return { entriesLba, firstPartitionLba: firstPartitionBytes / SECTOR };
}

/**
 * Writes the image. `overlay` is the overlay content for the image's architecture:
 * files (path -> { size, fill }), rawWrites ([{ file, offsetBytes }]), efiFiles
 * ([{ file, to }]) and partitionOffsetLba.
 */
function writeDiskImage(file, talos, overlay, workDir) {
  const { entriesLba, firstPartitionLba } = layout(talos, overlay.partitionOffsetLba ?? 2048);
  fs.rmSync(file, { force: true });
  fs.closeSync(fs.openSync(file, 'w'));
  fs.truncateSync(file, (firstPartitionLba * SECTOR) + (14 * MIB));
  // Partition sizes are scaled down (the real EFI is 100 MiB, BOOT 1000 MiB) to keep the
  // image small (the workflow compresses, decompresses and hashes all of it): only the first
  // partition's start and the EFI contents are checked.
  const efiSectors = (8 * MIB) / SECTOR;
  partition(file, ['-j', String(entriesLba), '-a', '1',
    '-n', `1:${firstPartitionLba}:+${efiSectors - 1}`, '-t', '1:ef00', '-c', '1:EFI',
    '-n', '2:0:+2M', '-t', '2:8300', '-c', '2:BOOT',
    '-n', '3:0:+1M', '-t', '3:8300', '-c', '3:META',
    '-n', '4:0:+2M', '-t', '4:8300', '-c', '4:STATE',
  ], process.env.STUB_GPT_CACHE);
  const efi = `${file}@@${firstPartitionLba * SECTOR}`;
  run('mformat', ['-i', efi, '-T', String(efiSectors), '::'], { env: { ...process.env, MTOOLS_SKIP_CHECK: '1' } });
  for (const { file: from, to } of overlay.efiFiles ?? []) {
    const local = materialise(overlay, from, workDir);
    let dir = '';
    for (const part of path.posix.dirname(to).split('/').filter(Boolean)) {
      dir += `/${part}`;
      spawnSync('mmd', ['-i', efi, `::${dir}`], { env: { ...process.env, MTOOLS_SKIP_CHECK: '1' } });
    }
    run('mcopy', ['-i', efi, local, `::${to}`], { env: { ...process.env, MTOOLS_SKIP_CHECK: '1' } });
  }
  for (const { file: blob, offsetBytes } of overlay.rawWrites ?? []) {
    const local = materialise(overlay, blob, workDir);
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, fs.readFileSync(local), 0, fs.statSync(local).size, offsetBytes);
    fs.closeSync(fd);
  }
}

/** Writes an overlay file of the model to disk (deterministic content). */
function materialise(overlay, name, workDir) {
  const spec = overlay.files[name];
  if (!spec) {
    throw new Error(`stub installer: open ${name}: no such file or directory (not in the overlay)`);
  }
  const local = path.join(workDir, 'overlay', name);
  fs.mkdirSync(path.dirname(local), { recursive: true });
  if (spec.elf) {
    fs.writeFileSync(local, elfHeader(spec.elf));
  } else {
    fs.writeFileSync(local, Buffer.alloc(spec.size, spec.fill ?? 0x5a));
  }
  return local;
}

/** A 64-byte little-endian ELF64 header for amd64 (EM_X86_64 = 62) or arm64 (EM_AARCH64 = 183). */
function elfHeader(arch) {
  const b = Buffer.alloc(64);
  b.write('\x7fELF', 0, 'latin1');
  b[4] = 2; // ELFCLASS64
  b[5] = 1; // little endian
  b[6] = 1; // EV_CURRENT
  b.writeUInt16LE(2, 16); // ET_EXEC
  b.writeUInt16LE(arch === 'arm64' ? 183 : 62, 18);
  b.writeUInt32LE(1, 20);
  return b;
}

module.exports = { writeDiskImage, materialise, layout, elfHeader };

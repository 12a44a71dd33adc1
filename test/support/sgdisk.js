// Test support, shared by the disk-image fixture (jest) and the contract runner's stub imager
// (plain node): `sgdisk <args> <image>` on a disk image, without sgdisk's pause.
//
// sgdisk sleeps one second after every write before it asks the kernel to re-read the
// partition table (gdisk diskio-unix.cpp, DiskIO::DiskSync: `sleep(1)` then ioctl BLKRRPART,
// unconditional on Linux, image files included; seen here with strace as a 1.0 s
// clock_nanosleep after fsync). The tests write about fifty images, so that pause was about
// fifty seconds of a jest worker doing nothing.
//
// On an image that is all zeros, what sgdisk writes depends only on the image size and the
// arguments (the disk and partition GUIDs are random on every run either way). So the real
// sgdisk runs once per (size, arguments) on a zero image of that size, the sectors it wrote are
// kept, and later images get those sectors: byte for byte what sgdisk would write, with other
// GUIDs. An image that is not all zeros (e.g. blobs written before the partition table) gets
// the real sgdisk, pause and all, since sgdisk then reads what is there.
'use strict';
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const SECTOR = 512;
const CHUNK = 1024 * 1024;
const ZEROS = Buffer.alloc(CHUNK);

/** Whether a buffer (at most CHUNK bytes) is all zeros (a native compare). */
const zero = (buffer) => buffer.equals(ZEROS.subarray(0, buffer.length));

/** Sectors by (size, arguments), for this process. */
const known = new Map();

function sgdisk(args, file) {
  const r = spawnSync('sgdisk', [...args, file], { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`sgdisk ${args.join(' ')} ${file}: exit ${r.status}: ${r.stderr || r.stdout}`);
  }
}

/** Calls `visit(offset, chunk)` for each 1 MiB chunk of the file (the last one may be shorter). */
function chunks(file, visit) {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK);
    for (let offset = 0; ; offset += CHUNK) {
      const n = fs.readSync(fd, buffer, 0, CHUNK, offset);
      if (n === 0) return;
      if (visit(offset, buffer.subarray(0, n)) === false) return;
    }
  } finally {
    fs.closeSync(fd);
  }
}

function isAllZero(file) {
  let allZero = true;
  chunks(file, (_, chunk) => {
    allZero = zero(chunk);
    return allZero;
  });
  return allZero;
}

/** The non-zero sectors of a file: [[offset, bytes], ...]. */
function nonZeroSectors(file) {
  const sectors = [];
  chunks(file, (offset, chunk) => {
    if (zero(chunk)) return;
    for (let at = 0; at < chunk.length; at += SECTOR) {
      const sector = chunk.subarray(at, at + SECTOR);
      if (!zero(sector)) sectors.push([offset + at, Buffer.from(sector)]);
    }
  });
  return sectors;
}

/**
 * What sgdisk writes on an all-zero image of `size` bytes with `args`: from this process's
 * memory, else from `cacheDir` (when given: the stub imager runs once per image), else by
 * running sgdisk on a zero image in a temporary folder.
 */
function sectorsFor(size, args, cacheDir) {
  const key = createHash('sha256').update(JSON.stringify([size, args])).digest('hex');
  if (known.has(key)) return known.get(key);
  const cached = cacheDir ? path.join(cacheDir, `${key}.json`) : undefined;
  let sectors;
  if (cached && fs.existsSync(cached)) {
    sectors = JSON.parse(fs.readFileSync(cached, 'utf8')).map(([offset, hex]) => [offset, Buffer.from(hex, 'hex')]);
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgdisk-zero-'));
    try {
      const template = path.join(dir, 'zero.raw');
      fs.closeSync(fs.openSync(template, 'w'));
      fs.truncateSync(template, size);
      sgdisk(args, template);
      sectors = nonZeroSectors(template);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    if (cached) {
      const partial = `${cached}.${process.pid}`;
      fs.writeFileSync(partial, JSON.stringify(sectors.map(([offset, bytes]) => [offset, bytes.toString('hex')])));
      fs.renameSync(partial, cached);
    }
  }
  known.set(key, sectors);
  return sectors;
}

/**
 * `sgdisk <args> <file>` (args without the file), without the pause when the file is all zeros.
 * `cacheDir`, when given, keeps what sgdisk wrote for other processes.
 */
function partition(file, args, cacheDir) {
  if (!isAllZero(file)) {
    sgdisk(args, file);
    return;
  }
  const fd = fs.openSync(file, 'r+');
  try {
    for (const [offset, bytes] of sectorsFor(fs.statSync(file).size, args, cacheDir)) {
      fs.writeSync(fd, bytes, 0, bytes.length, offset);
    }
  } finally {
    fs.closeSync(fd);
  }
}

module.exports = { partition, nonZeroSectors };

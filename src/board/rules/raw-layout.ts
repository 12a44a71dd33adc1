/**
 * The raw-disk layout of the bootloader blobs (pitfall 13): each declared blob's name, offset
 * and size (from the committed file or given), merged with the catalog board's writes, checked
 * against each other, the GPT and the first partition by the version-aware rules of
 * `GptLayout` (src/board/raw-layout.ts). Sets `resolved.rawWrites`.
 */
import { statSync } from 'fs';
import { isAbsolute, resolve } from 'path';
import { BoardRule } from './context';
import { overlayPathsOf } from './overlay-paths';
import { Problems } from '../../private/validation';
import { GptLayout, RawLayoutConflictKind } from '../raw-layout';
import { TalosVersion } from '../talos-version';

const UBOOT_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export const rawLayoutRule: BoardRule = {
  id: 'raw-layout',
  check({ problems, props, board, resolved }) {
    const preset = board.preset;
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
    const sectors = board.partitionOffsetSectors;
    if (sectors !== undefined && (!Number.isSafeInteger(sectors) || sectors <= 0)) {
      problems.add('partitionOffsetSectors', sectors, 'must be a whole number of 512-byte LBAs, more than 0', 'use the installer\'s PartitionOptions.Offset, e.g. 20480 (10 MiB)');
      valid = false;
    } else if (sectors === undefined && entries.length > 0) {
      problems.add('partitionOffsetSectors', undefined, 'is required when the installer writes files to the raw disk (they must end before the first partition)',
        'give the installer\'s PartitionOptions.Offset in LBAs, e.g. 20480 (10 MiB)');
      valid = false;
    }
    if (valid && TalosVersion._tryParse(board.talosVersion)) {
      checkRawLayout(problems, entries, GptLayout.forTalos(board.talosVersion, sectors));
    }
    const overlayPath = overlayPathsOf(problems, board, props.ubootArtifacts ?? []);
    resolved.rawWrites = [...entries].sort((a, b) => a.offsetBytes - b.offsetBytes)
      .map((e) => ({
        file: e.file,
        offsetBytes: e.offsetBytes,
        ...(e.sizeBytes === undefined ? {} : { sizeBytes: e.sizeBytes }),
        overlayPath: overlayPath(e.file),
      }));
  },
};

/** One blob written to the raw disk, with the field it was declared under. */
interface LayoutEntry {
  readonly file: string;
  readonly offsetBytes: number;
  readonly sizeBytes?: number;
  /** Field to report problems under, e.g. `ubootArtifacts[1]`; the preset's writes have none. */
  readonly field?: string;
}

/**
 * Reports blobs that overlap each other, the GPT or the first partition, by the
 * version-aware rules of {@link GptLayout}. Blobs of unknown size are checked by their
 * start only.
 */
function checkRawLayout(problems: Problems, entries: readonly LayoutEntry[], layout: GptLayout): void {
  const writes = entries.map((e) => ({ ...renderEntry(e), entry: e }));
  for (const conflict of layout.conflicts(writes)) {
    const entry = (conflict.write as typeof writes[number]).entry;
    const other = conflict.other ? (conflict.other as typeof writes[number]).entry : undefined;
    if (conflict.kind === RawLayoutConflictKind.OVERLAP) {
      problems.add(entry.field ?? other?.field ?? 'ubootArtifacts', entry.field ? renderEntry(entry) : renderEntry(other ?? entry), conflict.message, conflict.fix);
    } else {
      problems.add(entry.field ?? 'partitionOffsetSectors', entry.field ? renderEntry(entry) : layout.partitionOffsetSectors,
        conflict.message, conflict.requiredPartitionOffsetSectors === undefined ? conflict.fix : `${conflict.fix}; when you raise the offset, set partitionOffsetSectors to match`);
    }
  }
}

function renderEntry(entry: LayoutEntry): { file: string; offsetBytes: number; sizeBytes?: number } {
  return entry.sizeBytes === undefined
    ? { file: entry.file, offsetBytes: entry.offsetBytes }
    : { file: entry.file, offsetBytes: entry.offsetBytes, sizeBytes: entry.sizeBytes };
}

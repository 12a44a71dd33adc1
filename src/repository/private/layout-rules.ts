/**
 * The inspection rules about what ends up in the overlay image and on the disk: the
 * profile, the installer's partition offset and the raw writes. Not exported by the barrel.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join, posix } from 'path';
import { Pkg } from './bldr';
import { findInstallerOffset } from './installer-source';
import { GptLayout } from '../../board/raw-layout';
import { TalosVersion } from '../../board/talos-version';
import { RepositoryFindingSeverity } from '../finding';

/** Adds a finding (see `OverlayRepositoryInspection`). */
export type AddFinding = (severity: RepositoryFindingSeverity, ruleId: string, file: string, line: number | undefined,
  message: string, fix: string) => void;

/** One raw write as declared for the inspection. */
interface DeclaredWrite {
  readonly file: string;
  readonly offsetBytes: number;
  readonly sizeBytes?: number;
  readonly path?: string;
}

/**
 * The profile must be `<name>.yaml` in the image's `profiles/` (siderolabs/talos
 * pkg/imager/imager.go @ v1.10.6 globs `overlay/profiles/*.yaml`). The stages that put
 * files there finalize `from: /pkg/<dir>` (the stage's directory) `to: …/profiles`.
 */
export function checkProfile(root: string, stages: Pkg[], profileName: string, pkgfile: string, add: AddFinding): void {
  const dirs: Array<{ dir: string; stage: Pkg; line: number }> = [];
  for (const stage of stages) {
    for (const f of stage.finalize) {
      if (/(^|\/)profiles\/?$/.test(f.to ?? '') && (f.from ?? '').startsWith('/pkg')) {
        dirs.push({ dir: posix.join(stage.dir, (f.from ?? '').slice('/pkg'.length)), stage, line: f.line });
      }
    }
  }
  const found = new Set<string>();
  for (const { dir } of dirs) {
    if (existsSync(join(root, dir)) && statSync(join(root, dir)).isDirectory()) {
      for (const entry of readdirSync(join(root, dir))) {
        if (entry.endsWith('.yaml')) {
          found.add(entry.slice(0, -'.yaml'.length));
        }
      }
    }
  }
  if (found.has(profileName)) {
    return;
  }
  const listed = [...found].sort();
  const where = dirs.length > 0 ? dirs[0] : undefined;
  add(RepositoryFindingSeverity.ERROR, 'missing-profile', where?.stage.file ?? pkgfile, where?.line,
    `the imager is asked for profile "${profileName}", but the target puts ${listed.length > 0 ? `only ${listed.map((n) => `${n}.yaml`).join(', ')}` : 'no profile'} in the image's profiles/`
    + (dirs.length > 0 ? ` (from ${dirs.map((d) => `${d.dir}/`).join(', ')})` : ' (no stage of the closure finalizes into profiles/)'),
    where ? `add ${where.dir}/${profileName}.yaml, or use one of the profiles listed` : 'add a profiles stage to the target, or use the profile the overlay ships');
}

/** What {@link checkLayout} needs. */
export interface LayoutInput {
  readonly talosVersion: string;
  readonly rawWrites: DeclaredWrite[];
  readonly declaredOffset?: number;
  readonly installerSourceDirectory?: string;
  /** Where to report layout findings when the installer source is not known. */
  readonly fallbackFile: string;
}

/** Checks the raw writes against the GPT layout of the Talos version and the partition offset. */
export function checkLayout(root: string, input: LayoutInput, add: AddFinding): void {
  if (!TalosVersion._tryParse(input.talosVersion)) {
    add(RepositoryFindingSeverity.WARNING, 'raw-layout', input.fallbackFile, undefined,
      `"${input.talosVersion}" is not a Talos version, so the raw layout was not checked`, 'declare the board\'s Talos version, e.g. "v1.10.6"');
    return;
  }
  const parsed = input.installerSourceDirectory !== undefined ? findInstallerOffset(root, input.installerSourceDirectory) : undefined;
  let offset = input.declaredOffset;
  let where = { file: parsed?.file ?? input.fallbackFile, line: parsed?.line };
  if (parsed?.error !== undefined) {
    add(offset === undefined ? RepositoryFindingSeverity.WARNING : RepositoryFindingSeverity.NOTE, 'installer-offset', parsed.file, parsed.line,
      `PartitionOptions.Offset = ${parsed.expression} could not be read: ${parsed.error}`,
      offset === undefined ? 'declare partitionOffsetSectors (the offset in LBAs)' : 'none: the declared partitionOffsetSectors is used');
  } else if (parsed?.value !== undefined) {
    if (offset !== undefined && offset !== parsed.value) {
      add(RepositoryFindingSeverity.ERROR, 'installer-offset', parsed.file, parsed.line,
        `the installer declares PartitionOptions.Offset = ${parsed.expression} (${parsed.value} LBAs), but the declaration says partitionOffsetSectors ${offset}`,
        'make them agree: the installer\'s value is what partitions the disk');
    }
    offset = offset ?? parsed.value;
  }
  if (input.rawWrites.length === 0) {
    return;
  }
  if (offset === undefined) {
    where = { file: input.fallbackFile, line: undefined };
    add(RepositoryFindingSeverity.NOTE, 'installer-offset', input.fallbackFile, undefined,
      'no installer PartitionOptions.Offset was declared or found, so the raw writes are checked against Talos\' default layout (entries at LBA 2, first partition at 1 MiB)',
      'declare partitionOffsetSectors if the installer sets one');
  }
  const writes: Array<{ file: string; offsetBytes: number; sizeBytes?: number }> = [];
  for (const w of input.rawWrites) {
    let size = w.sizeBytes;
    if (w.path !== undefined) {
      const abs = join(root, w.path);
      if (!existsSync(abs) || !statSync(abs).isFile()) {
        add(RepositoryFindingSeverity.ERROR, 'raw-write-size', w.path, undefined,
          `${w.file} is declared at ${w.path}, but there is no such file in the repository`, 'correct the path, or give sizeBytes instead');
        continue;
      }
      const real = statSync(abs).size;
      if (size !== undefined && size !== real) {
        add(RepositoryFindingSeverity.ERROR, 'raw-write-size', w.path, undefined,
          `${w.file} is declared as ${size} bytes, but ${w.path} has ${real}`, 'remove sizeBytes (the file\'s size is read)');
      }
      size = real;
    }
    if (size === undefined) {
      add(RepositoryFindingSeverity.WARNING, 'raw-write-size', where.file, where.line,
        `the size of ${w.file} is unknown, so only its start (byte ${w.offsetBytes}) is checked against the partition table`, 'give path (the committed blob) or sizeBytes');
    }
    writes.push(size === undefined ? { file: w.file, offsetBytes: w.offsetBytes } : { file: w.file, offsetBytes: w.offsetBytes, sizeBytes: size });
  }
  const layout = GptLayout.forTalos(input.talosVersion, offset);
  for (const conflict of layout.conflicts(writes)) {
    const inSource = parsed?.value !== undefined ? ` (${parsed.file}:${parsed.line})` : '';
    add(RepositoryFindingSeverity.ERROR, 'raw-layout', where.file, where.line, conflict.message,
      conflict.requiredPartitionOffsetSectors !== undefined ? conflict.fix.replace('PartitionOptions.Offset', `PartitionOptions.Offset${inSource}`) : conflict.fix);
  }
}

/**
 * What the repository's `Makefile` passes as `--build-arg`, for the messages: e.g.
 * ` (the repository's Makefile passes it: Makefile:44 …)`.
 */
export function makefileHints(root: string): Map<string, string> {
  const hints = new Map<string, string>();
  const file = join(root, 'Makefile');
  if (!existsSync(file)) {
    return hints;
  }
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    const m = /--build-arg[= ]([A-Za-z_][A-Za-z0-9_]*)=/.exec(line);
    if (m && !hints.has(m[1])) {
      const set = lines.findIndex((l) => new RegExp(`^${m[1]}\\s*[:?]?=`).test(l));
      hints.set(m[1], ` (the repository's Makefile passes it, Makefile:${i + 1}`
        + (set >= 0 ? `, and sets it at Makefile:${set + 1}: ${lines[set].trim()}` : '') + ')');
    }
  });
  return hints;
}

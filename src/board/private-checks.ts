/**
 * Board checks that need more than a regular expression: kernel arguments (pitfall 17)
 * and the raw-disk layout of bootloader blobs (pitfall 13). Not exported by the barrel.
 */
import { KernelFlavour } from './kernel';
import { GptLayout, RawLayoutConflictKind } from './raw-layout';
import { Problems } from '../private/validation';

/** A console device written without `console=`, e.g. `ttyS2,115200n8`. */
const BARE_CONSOLE = /^tty[A-Za-z]*[0-9]+(?:,[0-9A-Za-z]+)?$/;

/** Where a kernel argument comes from: the declaration, or the overlay installer's source. */
export type KernelArgSource = 'extra' | 'installer';

/**
 * Reports kernel arguments that cannot do what they look like:
 * - a console device without `console=` (upstream rock64 passes `ttyS2,115200n8`);
 * - a misspelled `console` key (`consle=`, `consoel=`);
 * - `console=` without a device;
 * - the Rockchip BSP FIQ debugger console `ttyFIQ0` with a mainline kernel.
 * Removals (`-console`) are not checked.
 */
export function checkKernelArgs(problems: Problems, field: string, args: readonly string[], kernel: KernelFlavour, source: KernelArgSource): void {
  const where = source === 'extra' ? '' : ' in the installer\'s GetOptions KernelArgs';
  args.forEach((arg, i) => {
    if (arg.startsWith('-')) {
      return;
    }
    const at = `${field}[${i}]`;
    const eq = arg.indexOf('=');
    const key = eq >= 0 ? arg.slice(0, eq) : arg;
    const value = eq >= 0 ? arg.slice(eq + 1) : '';
    if (eq < 0 && BARE_CONSOLE.test(arg)) {
      problems.add(at, arg, 'is a console device without "console=": the kernel passes unknown bare words to init, so no console is configured',
        `write "console=${arg}"${where}`);
      return;
    }
    if (eq >= 0 && key !== 'console' && editDistance(key, 'console') === 1) {
      problems.add(at, arg, `"${key}" looks like a misspelling of "console": the kernel ignores unknown parameters, so no console is configured`,
        `write "console=${value}"${where}`);
      return;
    }
    if (key !== 'console') {
      return;
    }
    if (value.length === 0) {
      problems.add(at, arg, '"console=" needs a device, e.g. "console=ttyS2,1500000n8"', `name the device${where}, or remove the argument`);
    } else if (/^ttyFIQ[0-9]/.test(value) && kernel !== KernelFlavour.BSP) {
      problems.add(at, arg,
        'ttyFIQ0 is the FIQ debugger console of Rockchip BSP kernels; the stock Talos kernel and mainline kernels have no such device, so this console stays silent',
        source === 'extra'
          ? 'use the UART console, e.g. "console=ttyS2,1500000n8", or set kernel: KernelFlavour.BSP when the image boots a Rockchip BSP kernel'
          : 'remove it from the installer\'s GetOptions KernelArgs (keep "console=ttyS2,1500000n8"), or set kernel: KernelFlavour.BSP when the image boots a Rockchip BSP kernel');
    }
  });
}

/** One blob written to the raw disk, with the field it was declared under. */
export interface LayoutEntry {
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
export function checkRawLayout(problems: Problems, entries: readonly LayoutEntry[], layout: GptLayout): void {
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

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    d.push([i]);
  }
  for (let j = 1; j <= b.length; j++) {
    d[0][j] = j;
  }
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/**
 * Kernel: the kernel flavour, and the extra and installer kernel arguments, each a safe single
 * argument, listed once, that does what it looks like (pitfall 17).
 */
import { BoardRule, reportDuplicates } from './context';
import { editDistance } from '../../private/edit-distance';
import { checkSafeValue } from '../../private/names';
import { Problems } from '../../private/validation';
import { KernelFlavour } from '../kernel';

const KERNEL_ARG = /^-?[A-Za-z0-9_.,:\/=@+-]+$/;

/** A console device written without `console=`, e.g. `ttyS2,115200n8`. */
const BARE_CONSOLE = /^tty[A-Za-z]*[0-9]+(?:,[0-9A-Za-z]+)?$/;

/** Where a kernel argument comes from: the declaration, or the overlay installer's source. */
type KernelArgSource = 'extra' | 'installer';

/**
 * Reports kernel arguments that cannot do what they look like:
 * - a console device without `console=` (upstream rock64 passes `ttyS2,115200n8`);
 * - a misspelled `console` key (`consle=`, `consoel=`);
 * - `console=` without a device;
 * - the Rockchip BSP FIQ debugger console `ttyFIQ0` with a mainline kernel.
 * Removals (`-console`) are not checked.
 */
function checkKernelArgs(problems: Problems, field: string, args: readonly string[], kernel: KernelFlavour, source: KernelArgSource): void {
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

/** Each extra kernel argument is one safe argument, listed once. */
export const extraKernelArgsRule: BoardRule = {
  id: 'extra-kernel-args',
  check({ problems, board }) {
    board.extraKernelArgs.forEach((arg, i) => {
      if (checkSafeValue(problems, `extraKernelArgs[${i}]`, arg, 'pass one argument per entry, e.g. "console=ttyS2,1500000n8"') && !KERNEL_ARG.test(arg)) {
        problems.add(`extraKernelArgs[${i}]`, arg, `a kernel argument must match ${KERNEL_ARG.source}`, 'pass one argument per entry, e.g. "console=ttyS2,1500000n8"');
      }
    });
    reportDuplicates(problems, 'extraKernelArgs', board.extraKernelArgs);
  },
};

/** The kernel flavour, and the kernel arguments against it (consoles that exist). */
export const kernelRule: BoardRule = {
  id: 'kernel',
  check({ problems, board }) {
    if (!Object.values(KernelFlavour).includes(board.kernel)) {
      problems.add('kernel', board.kernel, 'must be a KernelFlavour', 'use KernelFlavour.MAINLINE or KernelFlavour.BSP');
      return;
    }
    checkKernelArgs(problems, 'extraKernelArgs', board.extraKernelArgs, board.kernel, 'extra');
    if (!board.preset?.isOfficial) {
      // an official installer's arguments are upstream facts (see the preset's notes)
      checkKernelArgs(problems, 'installerKernelArgs', board.installerKernelArgs, board.kernel, 'installer');
    }
  },
};

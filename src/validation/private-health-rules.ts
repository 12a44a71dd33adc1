import { BoardHealthChecks } from './board-health-checks';
import { Problems } from '../private/validation';

interface Rule {
  readonly key: keyof BoardHealthChecks;
  readonly pattern: RegExp;
  readonly rule: string;
  readonly fix: string;
  /** A more precise explanation for a common mistake. */
  readonly hint?: (value: string) => { rule: string; fix: string } | undefined;
}

// Every value is written into a bash script (single-quoted): the patterns admit no quote,
// space, "$", "`", "\" or control character.
const RULES: Rule[] = [
  {
    key: 'compatible',
    // devicetree specification v0.4 section 2.3.1: "manufacturer,model", lowercase by convention
    pattern: /^[a-z0-9][a-z0-9-]*,[a-z0-9][a-z0-9,._+-]*$/,
    rule: 'a device-tree compatible string is "<vendor>,<model>": lowercase letters, digits, ",", ".", "_", "+" and "-", at most 128 characters',
    fix: 'copy it from the root node of the board\'s DTS, e.g. "friendlyelec,nanopi-m6"',
  },
  {
    key: 'links',
    // Linux IFNAMSIZ is 16 bytes including the terminating NUL: at most 15 characters
    pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,14}$/,
    rule: 'a network link name is 1 to 15 letters, digits, ".", "_" or "-" (Linux IFNAMSIZ)',
    fix: 'use the link name Talos shows in "talosctl get links", e.g. "eth0" or "end0"',
  },
  {
    key: 'disks',
    pattern: /^[a-z][a-z0-9]{1,31}$/,
    rule: 'a disk is its kernel device name: a lowercase letter, then lowercase letters and digits (2 to 32 characters)',
    fix: 'use the name Talos shows in "talosctl get disks", e.g. "nvme0n1" or "mmcblk0"',
    hint: (value) => (value.startsWith('/dev/') ? { rule: 'a disk is its device name without "/dev/"', fix: `use "${value.slice('/dev/'.length)}"` } : undefined),
  },
  {
    key: 'pciDevices',
    pattern: /^[0-9a-f]{4}:[0-9a-f]{4}$/,
    rule: 'a PCI device is "<vendor>:<device>", 4 lowercase hex digits each, as "lspci -nn" shows it',
    fix: 'use the vendor and device ids, e.g. "144d:a80a" (Talos shows them as vendor_id 0x144d, product_id 0xa80a in "talosctl get pcidevices -o yaml")',
    hint: (value) => {
      const m = /^0x([0-9a-fA-F]{4}):0x([0-9a-fA-F]{4})$/.exec(value) ?? /^([0-9A-Fa-f]{4}):([0-9A-Fa-f]{4})$/.exec(value);
      return m ? { rule: 'a PCI device is written without "0x", in lowercase', fix: `use "${m[1].toLowerCase()}:${m[2].toLowerCase()}"` } : undefined;
    },
  },
  {
    key: 'kernelModules',
    // MODULE_NAME_LEN is 64 - sizeof(unsigned long): at most 55 characters on 64-bit
    pattern: /^[A-Za-z0-9_]{1,55}$/,
    rule: 'a kernel module is named as /proc/modules lists it: 1 to 55 letters, digits or "_"',
    fix: 'use the loaded name, e.g. "r8169"',
    hint: (value) => (/^[A-Za-z0-9_-]{1,55}$/.test(value) && value.includes('-')
      ? { rule: '/proc/modules lists module names with "_" where the file name has "-"', fix: `use "${value.replace(/-/g, '_')}"` }
      : undefined),
  },
];

/**
 * Validates `healthChecks` of a board (reported under `field`) and returns a copy with every
 * list present (in declared order), or undefined when none are declared.
 */
export function checkHealthChecks(problems: Problems, field: string, checks: BoardHealthChecks | undefined): BoardHealthChecks | undefined {
  if (checks === undefined) {
    return undefined;
  }
  if (checks === null || typeof checks !== 'object' || Array.isArray(checks)) {
    problems.add(field, checks, 'must be an object of check lists', 'give e.g. { links: [\'eth0\'] }, or remove healthChecks');
    return undefined;
  }
  const known = new Set<string>(RULES.map((r) => r.key));
  for (const key of Object.keys(checks)) {
    if (!known.has(key)) {
      problems.add(`${field}.${key}`, key, `is not a health check; the checks are ${RULES.map((r) => r.key).join(', ')}`,
        'remove it (Talos has no USB resource: check a PCIe USB controller in pciDevices, or its driver in kernelModules)');
    }
  }
  const out: { [key: string]: string[] } = {};
  let given = 0;
  for (const r of RULES) {
    const list: unknown = checks[r.key];
    out[r.key] = [];
    if (list === undefined) {
      continue;
    }
    if (!Array.isArray(list)) {
      problems.add(`${field}.${r.key}`, list, 'must be a list of strings', `give a list, e.g. ${r.key}: [...]`);
      continue;
    }
    given += list.length;
    const seen = new Set<string>();
    list.forEach((value: unknown, i) => {
      const at = `${field}.${r.key}[${i}]`;
      if (typeof value !== 'string') {
        problems.add(at, value, 'must be a string', r.fix);
        return;
      }
      if (!r.pattern.test(value) || value.length > 128) {
        const hint = r.hint?.(value);
        problems.add(at, value, hint?.rule ?? `${r.rule} (${r.pattern.source})`, hint?.fix ?? r.fix);
        return;
      }
      if (seen.has(value)) {
        problems.add(at, value, 'must not repeat an earlier entry', 'remove the duplicate');
        return;
      }
      seen.add(value);
      out[r.key].push(value);
    });
  }
  if (given === 0 && Object.keys(checks).every((key) => known.has(key))) {
    problems.add(field, checks, 'declares no check', 'list at least one compatible string, link, disk, PCI device or kernel module, or remove healthChecks');
  }
  return {
    compatible: out.compatible, links: out.links, disks: out.disks, pciDevices: out.pciDevices, kernelModules: out.kernelModules,
  };
}

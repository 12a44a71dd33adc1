import { fixtureBoard } from './support';
import { BoardHealthChecks } from '../../src';
import { errorOf } from '../support/errors';

const HEADER = '[talos-sbc-constructs] OverlayBoard at "Board" is invalid:';

function errorFor(healthChecks: BoardHealthChecks): string {
  return errorOf(() => fixtureBoard({ healthChecks }));
}

describe('OverlayBoard healthChecks', () => {
  test('valid checks are kept in declared order, every list present', () => {
    const board = fixtureBoard({ healthChecks: { links: ['eth0', 'end1'], disks: ['mmcblk0'] } });
    expect(board.healthChecks).toEqual({ compatible: [], links: ['eth0', 'end1'], disks: ['mmcblk0'], pciDevices: [], kernelModules: [] });
    expect(fixtureBoard({ healthChecks: undefined }).healthChecks).toBeUndefined();
  });

  test('every value reaches a shell script: quotes, spaces and "$" are refused', () => {
    expect(errorFor({ links: ['eth0\'; rm -rf ~ #'], compatible: ['acme,$(reboot)'] })).toBe([
      HEADER,
      '  - healthChecks.compatible[0] = "acme,$(reboot)": a device-tree compatible string is "<vendor>,<model>": lowercase letters, digits, ",", ".", "_", "+" and "-", at most 128 characters (^[a-z0-9][a-z0-9-]*,[a-z0-9][a-z0-9,._+-]*$). Fix: copy it from the root node of the board\'s DTS, e.g. "friendlyelec,nanopi-m6"',
      '  - healthChecks.links[0] = "eth0\'; rm -rf ~ #": a network link name is 1 to 15 letters, digits, ".", "_" or "-" (Linux IFNAMSIZ) (^[A-Za-z0-9][A-Za-z0-9._-]{0,14}$). Fix: use the link name Talos shows in "talosctl get links", e.g. "eth0" or "end0"',
    ].join('\n'));
  });

  test('common mistakes get a precise fix: /dev/ paths, 0x and uppercase PCI ids, "-" in module names', () => {
    expect(errorFor({ disks: ['/dev/nvme0n1'], pciDevices: ['0x144d:0xA80A', '144D:A80A'], kernelModules: ['nvme-core'] })).toBe([
      HEADER,
      '  - healthChecks.disks[0] = "/dev/nvme0n1": a disk is its device name without "/dev/". Fix: use "nvme0n1"',
      '  - healthChecks.pciDevices[0] = "0x144d:0xA80A": a PCI device is written without "0x", in lowercase. Fix: use "144d:a80a"',
      '  - healthChecks.pciDevices[1] = "144D:A80A": a PCI device is written without "0x", in lowercase. Fix: use "144d:a80a"',
      '  - healthChecks.kernelModules[0] = "nvme-core": /proc/modules lists module names with "_" where the file name has "-". Fix: use "nvme_core"',
    ].join('\n'));
  });

  test('a link name longer than IFNAMSIZ allows, a compatible without vendor, duplicates', () => {
    expect(errorFor({ links: ['enx0123456789abc', 'eth0', 'eth0'], compatible: ['simple-bus'] })).toBe([
      HEADER,
      '  - healthChecks.compatible[0] = "simple-bus": a device-tree compatible string is "<vendor>,<model>": lowercase letters, digits, ",", ".", "_", "+" and "-", at most 128 characters (^[a-z0-9][a-z0-9-]*,[a-z0-9][a-z0-9,._+-]*$). Fix: copy it from the root node of the board\'s DTS, e.g. "friendlyelec,nanopi-m6"',
      '  - healthChecks.links[0] = "enx0123456789abc": a network link name is 1 to 15 letters, digits, ".", "_" or "-" (Linux IFNAMSIZ) (^[A-Za-z0-9][A-Za-z0-9._-]{0,14}$). Fix: use the link name Talos shows in "talosctl get links", e.g. "eth0" or "end0"',
      '  - healthChecks.links[2] = "eth0": must not repeat an earlier entry. Fix: remove the duplicate',
    ].join('\n'));
  });

  test('USB has no check (Talos has no USB resource), and an empty declaration is refused', () => {
    expect(errorFor({ usb: ['1d6b:0003'] } as any)).toBe([
      HEADER,
      '  - healthChecks.usb = "usb": is not a health check; the checks are compatible, links, disks, pciDevices, kernelModules. Fix: remove it (Talos has no USB resource: check a PCIe USB controller in pciDevices, or its driver in kernelModules)',
    ].join('\n'));
    expect(errorFor({ links: [] })).toBe([
      HEADER,
      '  - healthChecks = {"links":[]}: declares no check. Fix: list at least one compatible string, link, disk, PCI device or kernel module, or remove healthChecks',
    ].join('\n'));
  });

  test('wrong types (from JavaScript or projen new options) are reported, not thrown raw', () => {
    expect(errorFor({ links: 'eth0', disks: [7] } as any)).toBe([
      HEADER,
      '  - healthChecks.links = "eth0": must be a list of strings. Fix: give a list, e.g. links: [...]',
      '  - healthChecks.disks[0] = 7: must be a string. Fix: use the name Talos shows in "talosctl get disks", e.g. "nvme0n1" or "mmcblk0"',
    ].join('\n'));
  });
});

import { spawnSync } from 'child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Construct } from 'constructs';
import { BoardHealthChecks, Bootloader, OverlayBoard, OverlayBoardProps, OverlayProfile } from '../../src';
import { callTools } from '../support/tools';

/** The fixture board of these tests (not a real board): an RK3588 board with every kind of check. */
export const CHECKS: BoardHealthChecks = {
  compatible: ['acme,fixture-board', 'rockchip,rk3588'],
  links: ['eth0'],
  disks: ['nvme0n1'],
  pciDevices: ['144d:a80a'],
  kernelModules: ['r8169'],
};

export function fixtureBoard(props: Partial<OverlayBoardProps> = {}, id = 'Board'): OverlayBoard {
  return new OverlayBoard(new Construct(undefined as any, 'App'), id, {
    boardName: 'fixture-board',
    displayName: 'ACME Fixture Board',
    overlayName: 'rk3588',
    ubootStartsEfi: true,
    overlayOptions: { chipset: 'rk3588', board: 'fixture-board' },
    profile: OverlayProfile.fromName('board-rk3588', { bootloader: Bootloader.GRUB }),
    talosVersion: 'v1.10.6',
    healthChecks: CHECKS,
    ...props,
  });
}

/** What the stub talosctl (fixtures/talosctl) serves. */
export interface StubNode {
  address: string;
  talosVersion: string;
  mode: 'configured' | 'maintenance';
  compatible: string[];
  links: { [id: string]: string };
  disks: string[];
  pciDevices: Array<{ id: string; vendor_id: string; product_id: string }>;
  modules: string[];
}

export const ADDRESS = '192.168.1.50';

/** A node that shows everything CHECKS asks for (and more). */
export function healthyNode(overrides: Partial<StubNode> = {}): StubNode {
  return {
    address: ADDRESS,
    talosVersion: 'v1.10.6',
    mode: 'configured',
    compatible: ['acme,fixture-board', 'rockchip,rk3588'],
    links: { eth0: 'up', lo: 'unknown' },
    disks: ['mmcblk0', 'nvme0n1'],
    pciDevices: [
      { id: '0000:00:00.0', vendor_id: '0x1d87', product_id: '0x3588' },
      { id: '0000:01:00.0', vendor_id: '0x144d', product_id: '0xa80a' },
    ],
    modules: ['r8169', 'nvme_fabrics'],
    ...overrides,
  };
}

export interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The argv of every talosctl call. */
  calls: string[][];
}

/** Runs a script with the stub talosctl first on PATH, serving `node`. */
export function runScript(script: string, node: StubNode, args: string[], files: { [name: string]: string } = {}): ScriptRun {
  const dir = mkdtempSync(join(tmpdir(), 'talos-validate-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  symlinkSync(join(__dirname, 'fixtures', 'talosctl'), join(bin, 'talosctl'));
  const path = join(dir, 'validate.sh');
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), content);
  }
  writeFileSync(join(dir, 'node.json'), JSON.stringify(node));
  const log = join(dir, 'calls.log');
  writeFileSync(log, '');
  const proc = spawnSync('bash', [path, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: `${bin}:${process.env.PATH}`, TALOSCTL_STUB_NODE: join(dir, 'node.json'), TALOSCTL_STUB_LOG: log, HOME: dir },
  });
  const calls = readFileSync(log, 'utf8').split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as string[]);
  return { status: proc.status, stdout: proc.stdout, stderr: proc.stderr, calls };
}

/** Calls the stub talosctl directly. */
export function stub(node: StubNode, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'talos-stub-'));
  writeFileSync(join(dir, 'node.json'), JSON.stringify(node));
  const proc = spawnSync(join(__dirname, 'fixtures', 'talosctl'), args, { encoding: 'utf8', env: { ...process.env, TALOSCTL_STUB_NODE: join(dir, 'node.json') } });
  return { status: proc.status, stdout: proc.stdout, stderr: proc.stderr };
}

/**
 * shellcheck findings of a bash script, one `script.sh:LINE:COL: LEVEL: MESSAGE [SCcode]` line
 * each (empty when clean): the same shellcheck, with its cache, as the workflow validators.
 */
export function shellcheck(script: string): string {
  const [comments] = callTools<Array<Array<{ line: number; column: number; level: string; code: number; message: string }>>>('shellcheck', {
    bin: process.env.SHELLCHECK_BIN ?? 'shellcheck',
    scripts: [{ dialect: 'bash', script }],
  });
  return comments.map((c) => `script.sh:${c.line}:${c.column}: ${c.level}: ${c.message} [SC${c.code}]\n`).join('');
}

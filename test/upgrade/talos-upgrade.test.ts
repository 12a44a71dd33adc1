import { execFileSync } from 'child_process';
import { join } from 'path';
import { parseUpgradeArgs } from '../../scripts/talos-upgrade';
import { Architecture, TalosUpgrade } from '../../src';
import { errorOf } from '../support/errors';
import { transpileForNode } from '../support/transpile';

/** Moving to the next Talos release (issue 9): what one change of talosVersion moves together. */

describe('TalosUpgrade', () => {
  test('v1.10.6 -> v1.12.5 moves the imager, base installer, extensions and official overlay together', () => {
    const upgrade = TalosUpgrade.plan({ from: 'v1.10.6', to: 'v1.12.5', boards: ['rock5b', 'rk3588/nanopi-m6'], extensions: ['realtek-firmware', 'btrfs'] });
    expect(upgrade.isPossible).toBe(true);
    expect(upgrade.changes).toEqual([
      { subject: 'imager image', from: 'ghcr.io/siderolabs/imager:v1.10.6', to: 'ghcr.io/siderolabs/imager:v1.12.5' },
      { subject: 'base installer image', from: 'ghcr.io/siderolabs/installer-base:v1.10.6', to: 'ghcr.io/siderolabs/installer-base:v1.12.5' },
      { subject: 'profile bootloader (arm64)', from: 'bootloader: grub required', to: 'bootloader: grub required' },
      // siderolabs/extensions Pkgfile LINUX_FIRMWARE_VERSION @ v1.10.6 and @ v1.12.5 (the generated table)
      { subject: 'extension realtek-firmware', from: 'ghcr.io/siderolabs/realtek-firmware:20250708', to: 'ghcr.io/siderolabs/realtek-firmware:20260221' },
      // a module extension is built for its release's kernel: its tag is the release
      { subject: 'extension btrfs', from: 'ghcr.io/siderolabs/btrfs:v1.10.6', to: 'ghcr.io/siderolabs/btrfs:v1.12.5' },
      // siderolabs/overlays internal/overlays/overlays.yaml @ v1.10.6 and @ v1.12.5 (the board catalog)
      { subject: 'overlay rock5b', from: 'ghcr.io/siderolabs/sbc-rockchip:v0.1.5', to: 'ghcr.io/siderolabs/sbc-rockchip:v0.2.0' },
      // machinery v1.12 adds context.Context to the installer Go API
      { subject: 'overlay rk3588/nanopi-m6', from: 'your build (installer API without context.Context)', to: 'your build (installer API with context.Context)' },
    ]);
    expect(upgrade.nodeUpgradePath).toEqual(['v1.11.6', 'v1.12.5']);
    expect(upgrade.report()).toBe([
      'Talos v1.10.6 -> v1.12.5: change talosVersion once; these move with it:',
      '  imager image                ghcr.io/siderolabs/imager:v1.10.6 -> ghcr.io/siderolabs/imager:v1.12.5',
      '  base installer image        ghcr.io/siderolabs/installer-base:v1.10.6 -> ghcr.io/siderolabs/installer-base:v1.12.5',
      '  profile bootloader (arm64)  bootloader: grub required (unchanged)',
      '  extension realtek-firmware  ghcr.io/siderolabs/realtek-firmware:20250708 -> ghcr.io/siderolabs/realtek-firmware:20260221',
      '  extension btrfs             ghcr.io/siderolabs/btrfs:v1.10.6 -> ghcr.io/siderolabs/btrfs:v1.12.5',
      '  overlay rock5b              ghcr.io/siderolabs/sbc-rockchip:v0.1.5 -> ghcr.io/siderolabs/sbc-rockchip:v0.2.0',
      '  overlay rk3588/nanopi-m6    your build (installer API without context.Context) -> your build (installer API with context.Context)',
      '',
      'Running nodes: talosctl upgrade --image <installer image>:<tag> through v1.11.6 -> v1.12.5',
    ].join('\n'));
  });

  test('crossing v1.10 moves the installer base image and the bootloader need; amd64 needs no grub pin', () => {
    const arm = TalosUpgrade.plan({ from: 'v1.9.6', to: 'v1.10.6' });
    expect(arm.changes.slice(1)).toEqual([
      { subject: 'base installer image', from: 'ghcr.io/siderolabs/installer:v1.9.6', to: 'ghcr.io/siderolabs/installer-base:v1.10.6' },
      { subject: 'profile bootloader (arm64)', from: 'no bootloader key (GRUB)', to: 'bootloader: grub required' },
    ]);
    expect(TalosUpgrade.plan({ from: 'v1.9.6', to: 'v1.10.6', arch: Architecture.AMD64 }).changes[2])
      .toEqual({ subject: 'profile bootloader (amd64)', from: 'no bootloader key (GRUB)', to: 'bootloader key optional' });
  });

  test('refuses an extension and a board the target release lacks, and says why', () => {
    const upgrade = TalosUpgrade.plan({ from: 'v1.8.4', to: 'v1.9.0', boards: ['rock5b'], extensions: ['amdgpu-firmware', 'realtek-firmware'] });
    expect(upgrade.isPossible).toBe(false);
    expect(upgrade.refusals).toEqual([
      {
        subject: 'extension amdgpu-firmware',
        reason: 'Talos v1.9.0 has no official amdgpu-firmware (siderolabs/extensions @ v1.9.0; it is in Talos v1.7.0 to v1.8.4)',
        fix: 'drop it, or replace it with one of the 51 official extensions of v1.9.0',
      },
      {
        subject: 'overlay rock5b',
        reason: 'the siderolabs/overlays catalog of Talos v1.9.0 (sbc-rockchip:v0.1.1) has no rock5b; it first appears in Talos v1.9.2 (sbc-rockchip:v0.1.2)',
        fix: 'use Talos v1.9.2 or newer, or a board that catalog has',
      },
    ]);
    // what can move still moves
    expect(upgrade.changes.map((c) => c.subject)).toContain('extension realtek-firmware');
  });

  test('refuses a known-broken target release, a target that is not newer, and an unknown extension or board', () => {
    const upgrade = TalosUpgrade.plan({ from: 'v1.12.5', to: 'v1.10.6', boards: ['rock99'], extensions: ['nope'] });
    expect(upgrade.refusals.map((r) => `${r.subject}: ${r.reason}`)).toEqual([
      'target release: v1.10.6 is not newer than v1.12.5',
      'extension nope: no official extension of Talos v1.7.0 to v1.14.0-rc.1 is named nope',
      'overlay rock99: the board catalog has no rock99',
    ]);
    // talos commit 51f96d6 (talos#14226), first tag v1.14.0-rc.1: the version table's known-broken range
    expect(TalosUpgrade.plan({ from: 'v1.12.5', to: 'v1.14.0' }).refusals).toEqual([{
      subject: 'target release',
      reason: 'Talos v1.14.0-rc.1 and later is known broken for SBC images: overlay files land in the BOOT partition instead of EFI (talos commit 51f96d6), so the board does not boot (https://github.com/siderolabs/talos/issues/14226)',
      fix: 'stay on an earlier release until a fixed tag is verified',
    }]);
  });

  test('a malformed release throws the version rule', () => {
    expect(errorOf(() => TalosUpgrade.plan({ from: '1.10.6', to: 'v1.12.5' }))).toContain('version = "1.10.6": a Talos version must look like "v1.10.6"');
  });
});

describe('npx projen talos-upgrade', () => {
  test('parses repeated --board and --extension, --name=value, and the "--" projen passes through', () => {
    expect(parseUpgradeArgs(['--', '--from', 'v1.10.6', '--to=v1.12.5', '--board', 'rock5b', '--extension', 'realtek-firmware', '--extension=btrfs'])).toEqual({
      from: 'v1.10.6', to: 'v1.12.5', boards: ['rock5b'], extensions: ['realtek-firmware', 'btrfs'], arch: undefined,
    });
    expect(errorOf(() => parseUpgradeArgs(['--to', 'v1.12.5']))).toMatch(/^--from must be given exactly once\n/);
    expect(errorOf(() => parseUpgradeArgs(['--from', '--to', 'v1.12.5']))).toMatch(/^unexpected argument "--from"\n/);
    expect(errorOf(() => parseUpgradeArgs(['--from', 'v1.10.6', '--to', 'v1.12.5', '--arch', 'riscv64']))).toMatch(/^--arch must be one of arm64, amd64\n/);
  });

  test('prints the plan and exits 1 when the move is refused', () => {
    // the task's script, transpiled once (the task runs it with ts-node)
    const script = transpileForNode(join(__dirname, '..', '..', 'scripts', 'talos-upgrade.ts'));
    const run = (args: string[]) => {
      try {
        return { status: 0, stdout: execFileSync(process.execPath, [script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
      } catch (e: any) {
        return { status: e.status, stdout: String(e.stdout) };
      }
    };
    const ok = run(['--from', 'v1.10.6', '--to', 'v1.12.5', '--extension', 'realtek-firmware']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('extension realtek-firmware  ghcr.io/siderolabs/realtek-firmware:20250708 -> ghcr.io/siderolabs/realtek-firmware:20260221');
    const refused = run(['--from', 'v1.8.4', '--to', 'v1.9.0', '--board', 'rock5b']);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('Refused:\n  - overlay rock5b: ');
  });
});

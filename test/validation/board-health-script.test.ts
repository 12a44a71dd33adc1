import { ADDRESS, fixtureBoard, healthyNode, runScript, shellcheck, stub } from './support';
import { BoardHealthScript } from '../../src';
import { errorOf } from '../support/errors';

const SCRIPT = BoardHealthScript.render(fixtureBoard());
const MAINTENANCE_SKIP = 'maintenance mode (--insecure) serves no file reads (talosctl read); run again once the node is configured';

describe('the stub talosctl enforces the upstream contract', () => {
  test('read has no --insecure flag (cmd/talosctl/cmd/talos/read.go)', () => {
    const r = stub(healthyNode({ mode: 'maintenance' }), ['read', '/proc/device-tree/compatible', '--nodes', ADDRESS, '--insecure']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('Error: unknown flag: --insecure\n');
  });

  test('a maintenance node serves no read to the talosconfig client', () => {
    const r = stub(healthyNode({ mode: 'maintenance' }), ['read', '/proc/device-tree/compatible', '--nodes', ADDRESS]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('x509: certificate signed by unknown authority');
  });

  test('Disks and PCIDevices are not registered before v1.8', () => {
    for (const type of ['disks', 'pcidevices']) {
      const r = stub(healthyNode({ talosVersion: 'v1.7.6' }), ['get', type, '--nodes', ADDRESS, '--output', 'jsonpath={.metadata.id}']);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(`rpc error: code = NotFound desc = resource "${type}" is not registered\n`);
    }
    expect(stub(healthyNode({ talosVersion: 'v1.8.0' }), ['get', 'disks', '--nodes', ADDRESS, '-o', 'jsonpath={.metadata.id}']).stdout).toBe('mmcblk0\nnvme0n1\n');
  });

  test('unknown flags, missing --nodes and a missing jsonpath key fail as in talosctl', () => {
    expect(stub(healthyNode(), ['get', 'links', '--nodes', ADDRESS, '--jq', '.']).stderr).toBe('Error: unknown flag: --jq\n');
    expect(stub(healthyNode(), ['get', 'links']).stderr).toContain('nodes are not set for the command');
    expect(stub(healthyNode(), ['get', 'links', 'eth0', '-n', ADDRESS, '-o', 'jsonpath={.spec.state}']).stderr)
      .toBe('error finding result for jsonpath: state is not found\n');
    expect(stub(healthyNode(), ['get', 'links', 'eth1', '-n', ADDRESS]).stderr)
      .toBe('rpc error: code = NotFound desc = resource LinkStatuses.net.talos.dev(network/eth1@undefined) doesn\'t exist\n');
  });
});

describe('validate-<board>.sh', () => {
  test('the script is shellcheck-clean and deterministic', () => {
    expect(shellcheck(SCRIPT)).toBe('');
    expect(BoardHealthScript.render(fixtureBoard())).toBe(SCRIPT);
    expect(SCRIPT).not.toContain('${{');
    expect(SCRIPT).toMatchSnapshot();
  });

  test('a healthy configured node: every check passes', () => {
    const r = runScript(SCRIPT, healthyNode(), ['--nodes', ADDRESS]);
    expect(r.stdout).toBe([
      'PASS compatible acme,fixture-board: in /proc/device-tree/compatible',
      'PASS compatible rockchip,rk3588: in /proc/device-tree/compatible',
      'PASS link eth0: operationalState up',
      'PASS disk nvme0n1: present',
      'PASS pci 144d:a80a: present',
      'PASS module r8169: loaded',
      'fixture-board on 192.168.1.50: no check failed',
      '',
    ].join('\n'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.calls).toEqual([
      ['read', '/proc/device-tree/compatible', '--nodes', ADDRESS],
      ['get', 'links', '--output', 'jsonpath={.metadata.id}', '--nodes', ADDRESS],
      ['get', 'links', 'eth0', '--output', 'jsonpath={.spec.operationalState}', '--nodes', ADDRESS],
      ['get', 'disks', '--output', 'jsonpath={.metadata.id}', '--nodes', ADDRESS],
      ['get', 'pcidevices', '--output', 'jsonpath={.spec.vendor_id}', '--nodes', ADDRESS],
      ['get', 'pcidevices', '--output', 'jsonpath={.spec.product_id}', '--nodes', ADDRESS],
      ['read', '/proc/modules', '--nodes', ADDRESS],
    ]);
  });

  test('--talosconfig reaches every call; a missing file fails every check', () => {
    const ok = runScript(SCRIPT, healthyNode(), ['--nodes', ADDRESS, '--talosconfig', 'talosconfig'], { talosconfig: 'context: fixture\n' });
    expect(ok.status).toBe(0);
    expect(ok.calls.every((c) => c.includes('--talosconfig') && c[c.indexOf('--talosconfig') + 1] === 'talosconfig')).toBe(true);
    const missing = runScript(SCRIPT, healthyNode(), ['--nodes', ADDRESS, '--talosconfig=nowhere']);
    expect(missing.status).toBe(1);
    expect(missing.stdout.split('\n').filter((l) => l.startsWith('FAIL')).length).toBe(6);
    expect(missing.stdout).toContain('FAIL link eth0: talosctl get links failed: open nowhere: no such file or directory\n');
  });

  test('a broken node: each check fails with what the node shows, and the script exits 1', () => {
    const node = healthyNode({
      compatible: ['acme,other-board', 'rockchip,rk3588'],
      links: { eth0: 'down', lo: 'unknown' },
      disks: ['mmcblk0'],
      pciDevices: [{ id: '0000:00:00.0', vendor_id: '0x1d87', product_id: '0x3588' }],
      modules: ['nvme_fabrics'],
    });
    const r = runScript(SCRIPT, node, ['--nodes', ADDRESS]);
    expect(r.stdout).toBe([
      'FAIL compatible acme,fixture-board: not in /proc/device-tree/compatible (acme,other-board rockchip,rk3588)',
      'PASS compatible rockchip,rk3588: in /proc/device-tree/compatible',
      'FAIL link eth0: operationalState down, expected up',
      'FAIL disk nvme0n1: not found (disks: mmcblk0)',
      'FAIL pci 144d:a80a: not found (PCI devices: 1d87:3588)',
      'FAIL module r8169: not loaded (not in /proc/modules)',
      'fixture-board on 192.168.1.50: 5 check(s) failed',
      '',
    ].join('\n'));
    expect(r.status).toBe(1);
  });

  test('a link the node does not have fails with the links it has', () => {
    const r = runScript(SCRIPT, healthyNode({ links: { end0: 'up', lo: 'unknown' } }), ['--nodes', ADDRESS]);
    expect(r.stdout).toContain('FAIL link eth0: no such link (links: end0 lo)\n');
    expect(r.status).toBe(1);
  });

  test('maintenance mode (--insecure): file reads are skipped, resources are read', () => {
    const r = runScript(SCRIPT, healthyNode({ mode: 'maintenance' }), ['--nodes', ADDRESS, '--insecure']);
    expect(r.stdout).toBe([
      `SKIP compatible acme,fixture-board: ${MAINTENANCE_SKIP}`,
      `SKIP compatible rockchip,rk3588: ${MAINTENANCE_SKIP}`,
      'PASS link eth0: operationalState up',
      'PASS disk nvme0n1: present',
      'PASS pci 144d:a80a: present',
      `SKIP module r8169: ${MAINTENANCE_SKIP}`,
      'fixture-board on 192.168.1.50: no check failed',
      '',
    ].join('\n'));
    expect(r.status).toBe(0);
    expect(r.calls.every((c) => c[0] === 'get' && c.includes('--insecure'))).toBe(true);
  });

  test('a maintenance node checked without --insecure fails every check with the TLS error', () => {
    const r = runScript(SCRIPT, healthyNode({ mode: 'maintenance' }), ['--nodes', ADDRESS]);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('FAIL')).length).toBe(6);
    expect(r.stdout).toContain('FAIL compatible acme,fixture-board: talosctl read /proc/device-tree/compatible failed: rpc error: code = Unavailable');
  });

  test('a Talos v1.7 board skips disks and PCI devices (no such resources before v1.8) and never asks for them', () => {
    const script = BoardHealthScript.render(fixtureBoard({ talosVersion: 'v1.7.6' }));
    expect(shellcheck(script)).toBe('');
    const r = runScript(script, healthyNode({ talosVersion: 'v1.7.6' }), ['--nodes', ADDRESS]);
    expect(r.stdout).toBe([
      'PASS compatible acme,fixture-board: in /proc/device-tree/compatible',
      'PASS compatible rockchip,rk3588: in /proc/device-tree/compatible',
      'PASS link eth0: operationalState up',
      'SKIP disk nvme0n1: Talos v1.7.6 has no Disks resource (talosctl get disks needs Talos v1.8 or newer)',
      'SKIP pci 144d:a80a: Talos v1.7.6 has no PCIDevices resource (talosctl get pcidevices needs Talos v1.8 or newer)',
      'PASS module r8169: loaded',
      'fixture-board on 192.168.1.50: no check failed',
      '',
    ].join('\n'));
    expect(r.status).toBe(0);
    expect(r.calls.map((c) => c[1])).toEqual(['/proc/device-tree/compatible', 'links', 'links', '/proc/modules']);
  });

  test('the v1.10 script against a v1.7 node fails its disk check: the stub refuses the resource', () => {
    const r = runScript(SCRIPT, healthyNode({ talosVersion: 'v1.7.6' }), ['--nodes', ADDRESS]);
    expect(r.stdout).toContain('FAIL disk nvme0n1: talosctl get disks failed: rpc error: code = NotFound desc = resource "disks" is not registered\n');
    expect(r.status).toBe(1);
  });

  test('only the declared checks are written', () => {
    const script = BoardHealthScript.render(fixtureBoard({ healthChecks: { links: ['eth0', 'eth1'] } }));
    expect(shellcheck(script)).toBe('');
    expect(script).not.toContain('/proc/device-tree/compatible');
    expect(script).not.toContain('pcidevices');
    const r = runScript(script, healthyNode({ links: { eth0: 'up', eth1: 'dormant' } }), ['-n', ADDRESS]);
    expect(r.stdout).toBe([
      'PASS link eth0: operationalState up',
      'FAIL link eth1: operationalState dormant, expected up',
      'fixture-board on 192.168.1.50: 1 check(s) failed',
      '',
    ].join('\n'));
  });

  test('usage errors exit 2 before any talosctl call', () => {
    const none = runScript(SCRIPT, healthyNode(), []);
    expect(none.status).toBe(2);
    expect(none.stderr.split('\n')[0]).toBe('--nodes <ip> is required');
    const two = runScript(SCRIPT, healthyNode(), ['--nodes', `${ADDRESS},192.168.1.51`]);
    expect(two.status).toBe(2);
    expect(two.stderr).toBe('--nodes takes one address or host name, e.g. 192.168.1.50 (got: 192.168.1.50,192.168.1.51)\n');
    const unknown = runScript(SCRIPT, healthyNode(), ['--nodes', ADDRESS, '--board', 'x']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toBe('unknown argument: --board');
    expect(none.calls.length + two.calls.length + unknown.calls.length).toBe(0);
  });

  test('a board without health checks has no script', () => {
    const board = fixtureBoard({ healthChecks: undefined });
    expect(errorOf(() => BoardHealthScript.render(board))).toBe([
      '[talos-sbc-constructs] BoardHealthScript at "Board" is invalid:',
      '  - healthChecks = (not set): board "fixture-board" declares no health checks. Fix: declare healthChecks on the board, e.g. { links: [\'eth0\'] }',
    ].join('\n'));
  });
});

import { spawnSync } from 'child_process';
import { readFileSync, statSync } from 'fs';
import { join } from 'path';
import { ADDRESS, fixtureBoard, healthyNode, runScript, shellcheck } from './support';
import { BoardHealthScript, BoardValidation } from '../../src';
import { tempProject } from '../support/projen';

function tasksOf(outdir: string): any {
  return JSON.parse(readFileSync(join(outdir, '.projen', 'tasks.json'), 'utf8')).tasks;
}

describe('BoardValidation', () => {
  test('one board: validate/validate-<board>.sh (generated, executable) and the task validate, which passes its arguments on', () => {
    const project = tempProject();
    const board = fixtureBoard();
    const validation = new BoardValidation(project, { boards: [board] });
    project.synth();
    expect(validation.scriptPaths).toEqual(['validate/validate-fixture-board.sh']);
    const path = join(project.outdir, 'validate', 'validate-fixture-board.sh');
    expect(readFileSync(path, 'utf8')).toBe(BoardHealthScript.render(board));
    expect((statSync(path).mode % 0o1000).toString(8)).toMatch(/^[57][0-7][0-7]$/);
    expect(tasksOf(project.outdir).validate).toEqual({
      name: 'validate',
      description: 'Check a flashed fixture-board with talosctl: npx projen validate -- --nodes <ip> [--insecure]',
      steps: [{ exec: 'bash validate/validate-fixture-board.sh', receiveArgs: true }],
    });
    expect(readFileSync(join(project.outdir, '.gitignore'), 'utf8')).toContain('!/validate/validate-fixture-board.sh\n');
  });

  test('several boards: validate/validate.sh chooses with --board and passes the rest on', () => {
    const project = tempProject();
    const first = fixtureBoard({}, 'First');
    const second = fixtureBoard({ boardName: 'other-board', healthChecks: { links: ['end0'] } }, 'Second');
    const none = fixtureBoard({ boardName: 'plain-board', healthChecks: undefined }, 'Third');
    new BoardValidation(project, { boards: [first, second, none] });
    project.synth();
    expect(tasksOf(project.outdir).validate.steps).toEqual([{ exec: 'bash validate/validate.sh', receiveArgs: true }]);
    const dispatcher = readFileSync(join(project.outdir, 'validate', 'validate.sh'), 'utf8');
    expect(shellcheck(dispatcher)).toBe('');
    const run = (args: string[]) => spawnSync('bash', [join(project.outdir, 'validate', 'validate.sh'), ...args], { encoding: 'utf8' });
    expect(run(['--nodes', ADDRESS]).stderr).toBe('--board <name> is required: one of fixture-board other-board\n');
    expect(run(['--board', 'plain-board', '--nodes', ADDRESS]).stderr).toBe('unknown board plain-board: one of fixture-board other-board\n');
    expect(run(['--board=other-board']).stderr.split('\n')[0]).toBe('--nodes <ip> is required');
    // through the dispatcher, against the stub talosctl
    const stubbed = runScript(`exec bash ${join(project.outdir, 'validate', 'validate.sh')} "$@"\n`, healthyNode({ links: { end0: 'up' } }),
      ['--nodes', ADDRESS, '--board', 'other-board']);
    expect(stubbed.stdout).toBe('PASS link end0: operationalState up\nother-board on 192.168.1.50: no check failed\n');
    expect(stubbed.status).toBe(0);
  });

  test('a board on two Talos release lines: a script per release, chosen with --board <board>-<version>', () => {
    const project = tempProject();
    const newer = fixtureBoard({}, 'Newer');
    const older = fixtureBoard({ talosVersion: 'v1.7.6' }, 'Older');
    const validation = new BoardValidation(project, { boards: [newer, older] });
    project.synth();
    expect(validation.scriptPaths).toEqual(['validate/validate-fixture-board-v1.10.6.sh', 'validate/validate-fixture-board-v1.7.6.sh']);
    expect(readFileSync(join(project.outdir, 'validate', 'validate-fixture-board-v1.7.6.sh'), 'utf8')).toBe(BoardHealthScript.render(older));
    const run = spawnSync('bash', [join(project.outdir, 'validate', 'validate.sh'), '--nodes', ADDRESS], { encoding: 'utf8' });
    expect(run.stderr).toBe('--board <name> is required: one of fixture-board-v1.10.6 fixture-board-v1.7.6\n');
  });

  test('no board with checks: no script and no task', () => {
    const project = tempProject();
    const validation = new BoardValidation(project, { boards: [fixtureBoard({ healthChecks: undefined })] });
    project.synth();
    expect(validation.scriptPaths).toEqual([]);
    expect(tasksOf(project.outdir).validate).toBeUndefined();
  });
});

import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { callTools } from './tools';

/** A finished (or skipped) job as `needs.<job>` sees it. */
export interface JobState {
  readonly result: 'success' | 'failure' | 'skipped' | 'cancelled';
  readonly outputs: Record<string, string>;
}

/**
 * Evaluates `if:` conditions with GitHub's expression evaluator (`@actions/expressions`), in the
 * tools thread (the package is ESM-only; see ./tools-thread.mjs for the job status functions).
 */
export function evaluateConditions(conditions: Array<{ expression: string; needs: Record<string, JobState> }>): boolean[] {
  return callTools<boolean[]>('conditions', conditions);
}

/** Runs a `run:` script under bash with the given env and a fresh GITHUB_OUTPUT; returns its outputs. */
export function runScript(
  script: string, env: Record<string, string>, cwd?: string,
): { status: number; outputs: Record<string, string>; stdout: string } {
  const dir = mkdtempSync(join(tmpdir(), 'talos-sbc-run-'));
  const outputFile = join(dir, 'github_output');
  writeFileSync(outputFile, '');
  const scriptFile = join(dir, 'script.sh');
  writeFileSync(scriptFile, script);
  let status = 0;
  let stdout = '';
  try {
    stdout = execFileSync('bash', [scriptFile], {
      cwd: cwd ?? dir,
      env: { PATH: process.env.PATH!, ...env, GITHUB_OUTPUT: outputFile },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e: any) {
    status = e.status ?? 1;
    stdout = String(e.stdout ?? '');
  }
  const outputs: Record<string, string> = {};
  for (const line of readFileSync(outputFile, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) {
      outputs[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return { status, outputs, stdout };
}

/**
 * Simulates one run of a workflow's jobs after the plan job: each job runs when its `if:` is true
 * (GitHub's job-level rules) and then succeeds (or fails, when listed in `failing`), else it is
 * skipped. Returns job id → result.
 */
export function simulateRun(
  workflow: any, planOutputs: Record<string, string>, planResult: JobState['result'] = 'success', failing: string[] = [],
): Record<string, JobState['result']> {
  const states: Record<string, JobState> = { plan: { result: planResult, outputs: planResult === 'success' ? planOutputs : {} } };
  for (const [jobId, job] of Object.entries<any>(workflow.jobs)) {
    if (jobId === 'plan') {
      continue;
    }
    const needs: string[] = [job.needs ?? []].flat();
    const needed = Object.fromEntries(needs.map((n) => [n, states[n]]));
    const [runs] = evaluateConditions([{ expression: job.if ?? 'success()', needs: needed }]);
    states[jobId] = { result: runs ? (failing.includes(jobId) ? 'failure' : 'success') : 'skipped', outputs: {} };
  }
  return Object.fromEntries(Object.entries(states).map(([id, s]) => [id, s.result]));
}

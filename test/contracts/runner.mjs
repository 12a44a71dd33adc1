// A small, strict GitHub Actions runner for contract tests (child process of
// test/contracts/act.ts). It runs a generated workflow's jobs in order on a
// simulated runner: `run:` steps execute for real under bash with GitHub's
// default shell (`bash --noprofile --norc -eo pipefail {0}`), with stub
// binaries first on PATH (./stub-bin: `docker`, ...); `uses:` steps are modelled
// by the functions in ./actions.mjs, each enforcing the contract of the real
// action at the pinned version. Expressions (`${{ }}`, `if:`) are evaluated
// with GitHub's own evaluator (@actions/expressions).
//
// Nothing here is lenient: an unmodelled action, an unknown runner label or an
// expression the evaluator rejects fails the job, so that a workflow change
// that the model does not cover fails the contract test instead of passing it.
//
// Protocol: stdin JSON { scenario } -> stdout JSON { jobs: { <id>: { result,
// outputs, failedStep, error, log } }, state }.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import { truthy } from '@actions/expressions/result';
import { parse as parseYaml } from 'yaml';
import { ACTIONS } from './actions.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
console.log = console.error;

const scenario = JSON.parse(fs.readFileSync(0, 'utf8'));
const workflow = parseYaml(scenario.workflow);
const root = scenario.workdir;
const statePath = path.join(root, 'state.json');
if (!fs.existsSync(statePath)) {
  fs.writeFileSync(statePath, JSON.stringify(scenario.initialState ?? {}, null, 2));
}

const STATUS_FUNCTIONS = ['success', 'failure', 'cancelled', 'always'];

function toData(value) {
  return JSON.parse(JSON.stringify(value ?? null), data.reviver);
}

function evaluate(expression, context, status) {
  const lexed = new Lexer(expression).lex();
  const contexts = Object.keys(context);
  const functions = STATUS_FUNCTIONS.map((name) => ({ name, minArgs: 0, maxArgs: 0 }));
  const tree = new Parser(lexed.tokens, contexts, functions).parse();
  const implementations = new Map(STATUS_FUNCTIONS.map((name) => [name, {
    name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(status[name]()),
  }]));
  return new Evaluator(tree, toData(context), implementations).evaluate();
}

/** Replaces every `${{ expr }}` in a string (GitHub's template substitution). */
function substitute(text, context, status) {
  if (typeof text !== 'string') {
    return text;
  }
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expr) => evaluate(expr.trim(), context, status).coerceString());
}

function condition(text, context, status, defaultText) {
  let expr = text === undefined ? defaultText : String(text);
  const m = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(expr);
  if (m) {
    expr = m[1];
  }
  // GitHub adds success() to a condition that calls no status function
  if (!STATUS_FUNCTIONS.some((f) => new RegExp(`\\b${f}\\s*\\(`).test(expr))) {
    expr = `success() && (${expr})`;
  }
  return truthy(evaluate(expr, context, status));
}

function order(jobs) {
  const done = [];
  const seen = new Set();
  const visit = (id) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const need of needsOf(jobs[id])) {
      if (!jobs[need]) throw new Error(`job ${id} needs unknown job ${need}`);
      visit(need);
    }
    done.push(id);
  };
  Object.keys(jobs).forEach(visit);
  return done;
}

function needsOf(job) {
  return job.needs === undefined ? [] : [].concat(job.needs);
}

function runnerArch(runsOn) {
  const labels = [].concat(runsOn);
  for (const label of labels) {
    if (scenario.runners[label]) return scenario.runners[label];
  }
  throw new Error(`runs-on ${JSON.stringify(runsOn)}: no runner with these labels in the scenario (${Object.keys(scenario.runners).join(', ')})`);
}

/**
 * Whether a push of the tag triggers the workflow: `on.push.tags` / `tags-ignore` globs, GitHub's
 * filter patterns (docs.github.com, "Workflow syntax for GitHub Actions", filter pattern cheat
 * sheet): `*` matches any characters but `/`, `**` any characters, `?` one character, a leading
 * `!` negates a tags pattern (patterns are read in order, the last match wins). Character
 * classes and `+` are not modelled (they fail loudly).
 */
function triggeredBy(tag) {
  const on = workflow.on;
  if (on === 'push' || (Array.isArray(on) && on.includes('push'))) return true;
  const push = on?.push;
  if (on?.push === undefined) throw new Error('the workflow has no push trigger: only tag pushes are modelled');
  if (push === null || (push.tags === undefined && push['tags-ignore'] === undefined)) return push?.branches === undefined;
  const glob = (pattern) => {
    if (/[[\]+]/.test(pattern)) throw new Error(`tag filter ${pattern}: character classes and + are not modelled`);
    let re = '';
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i];
      if (c === '*' && pattern[i + 1] === '*') { re += '.*'; i++; } else if (c === '*') re += '[^/]*';
      else if (c === '?') re += '.';
      else re += c.replace(/[.^$(){}|\\]/g, '\\$&');
    }
    return new RegExp(`^${re}$`);
  };
  if (push.tags !== undefined) {
    let match = false;
    for (const p of [].concat(push.tags)) {
      if (p.startsWith('!')) { if (glob(p.slice(1)).test(tag)) match = false; } else if (glob(p).test(tag)) match = true;
    }
    return match;
  }
  return ![].concat(push['tags-ignore']).some((p) => glob(p).test(tag));
}

const results = {};
const triggered = triggeredBy(scenario.tag);
if (triggered) {
  for (const id of order(workflow.jobs)) {
    results[id] = runJob(id, workflow.jobs[id]);
  }
}
const state = JSON.parse(fs.readFileSync(statePath, 'utf8'));
process.stdout.write(JSON.stringify({ triggered, jobs: results, state }));

function runJob(id, job) {
  const log = [];
  const needs = Object.fromEntries(needsOf(job).map((n) => [n, { result: results[n].result, outputs: results[n].outputs }]));
  const github = {
    ref: `refs/tags/${scenario.tag}`, ref_name: scenario.tag, ref_type: 'tag', sha: scenario.sha,
    repository: scenario.repository, server_url: 'https://github.com', event_name: 'push',
    run_id: '1', run_attempt: String(scenario.runAttempt ?? 1), workflow: workflow.name, job: id,
    repository_owner: scenario.repository.split('/')[0], token: 'ghs_stubtoken',
  };
  const jobDir = path.join(root, 'jobs', id);
  fs.rmSync(jobDir, { recursive: true, force: true });
  const workspace = path.join(jobDir, 'workspace');
  const temp = path.join(jobDir, 'temp');
  const home = path.join(jobDir, 'home');
  for (const d of [workspace, temp, home]) fs.mkdirSync(d, { recursive: true });
  const needStatus = Object.values(needs).map((n) => n.result);
  const jobStatus = {
    success: () => needStatus.every((r) => r === 'success'),
    failure: () => needStatus.some((r) => r === 'failure'),
    cancelled: () => false,
    always: () => true,
  };
  const baseContext = { github, needs, vars: scenario.vars ?? {}, secrets: scenario.secrets ?? {}, inputs: {}, matrix: {}, strategy: {} };
  if (!condition(job.if, baseContext, jobStatus, 'success()')) {
    return { result: 'skipped', outputs: {}, log: [`job ${id} skipped`] };
  }
  let arch;
  try {
    arch = runnerArch(job['runs-on']);
  } catch (e) {
    return { result: 'failure', outputs: {}, error: e.message, log };
  }
  const runnerState = path.join(jobDir, 'runner.json');
  fs.writeFileSync(runnerState, JSON.stringify({ arch, binfmt: [], logins: {}, timeoutMinutes: job['timeout-minutes'] ?? 360 }));
  const runner = { os: 'Linux', arch: arch === 'arm64' ? 'ARM64' : 'X64', temp, name: 'stub' };
  const files = { output: path.join(jobDir, 'github_output'), env: path.join(jobDir, 'github_env'), summary: path.join(jobDir, 'summary'), path: path.join(jobDir, 'github_path') };
  for (const f of Object.values(files)) fs.writeFileSync(f, '');
  const steps = {};
  const jobEnv = {};
  let failed;
  let stepFailed = false;
  const stepStatus = {
    success: () => !stepFailed, failure: () => stepFailed, cancelled: () => false, always: () => true,
  };
  const stepsList = job.steps ?? [];
  for (let i = 0; i < stepsList.length; i++) {
    const step = stepsList[i];
    const label = step.id ?? step.name ?? `#${i}`;
    const context = { ...baseContext, runner, steps, env: { ...(workflow.env ?? {}), ...(job.env ?? {}), ...jobEnv }, job: { status: stepFailed ? 'failure' : 'success' } };
    let run;
    try {
      run = condition(step.if, context, stepStatus, 'success()');
    } catch (e) {
      failed = failed ?? { step: label, error: `if: ${e.message}` };
      stepFailed = true;
      continue;
    }
    if (!run) {
      if (step.id) steps[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
      continue;
    }
    let outcome;
    const outputs = {};
    try {
      const env = {};
      for (const [k, v] of Object.entries({ ...(workflow.env ?? {}), ...(job.env ?? {}), ...jobEnv, ...(step.env ?? {}) })) {
        env[k] = String(substitute(String(v), context, stepStatus));
      }
      const processEnv = {
        PATH: `${path.join(here, 'stub-bin')}:${fs.readFileSync(files.path, 'utf8').split('\n').filter(Boolean).join(':')}${fs.readFileSync(files.path, 'utf8').trim() ? ':' : ''}${process.env.PATH}`,
        HOME: home, CI: 'true', GITHUB_ACTIONS: 'true',
        GITHUB_REF: github.ref, GITHUB_REF_NAME: github.ref_name, GITHUB_REF_TYPE: 'tag', GITHUB_SHA: github.sha,
        GITHUB_REPOSITORY: github.repository, GITHUB_SERVER_URL: github.server_url, GITHUB_RUN_ID: '1',
        GITHUB_RUN_ATTEMPT: github.run_attempt, GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: files.output,
        GITHUB_ENV: files.env, GITHUB_STEP_SUMMARY: files.summary, GITHUB_PATH: files.path, GITHUB_JOB: id,
        RUNNER_TEMP: temp, RUNNER_ARCH: runner.arch, RUNNER_OS: 'Linux',
        STUB_STATE: statePath, STUB_RUNNER: runnerState, STUB_SCENARIO: JSON.stringify(scenario.model ?? {}),
        ...(scenario.gptCache ? { STUB_GPT_CACHE: scenario.gptCache } : {}),
        ...env,
      };
      fs.writeFileSync(files.output, '');
      if (step.run !== undefined) {
        const script = path.join(jobDir, `step-${i}.sh`);
        fs.writeFileSync(script, substitute(step.run, context, stepStatus));
        const workdir = step['working-directory'] ? path.join(workspace, substitute(step['working-directory'], context, stepStatus)) : workspace;
        const shell = step.shell ?? job.defaults?.run?.shell ?? workflow.defaults?.run?.shell ?? 'bash';
        if (shell !== 'bash') throw new Error(`shell ${shell} is not modelled`);
        const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: workdir, env: processEnv, encoding: 'utf8', timeout: 120_000 });
        log.push(`--- ${id} / ${label}\n${r.stdout}${r.stderr}`);
        if (r.status !== 0) {
          throw new Error(`exit ${r.status}: ${(r.stdout + r.stderr).trim().split('\n').slice(-8).join('\n')}`);
        }
      } else if (step.uses !== undefined) {
        const name = step.uses.replace(/@.*$/, '');
        const action = ACTIONS[name];
        if (!action) throw new Error(`action ${step.uses} is not modelled by the contract runner`);
        const withs = {};
        for (const [k, v] of Object.entries(step.with ?? {})) withs[k] = String(substitute(String(v), context, stepStatus));
        const result = action({
          with: withs, env: processEnv, workspace, temp, home, jobDir, arch, github, statePath, runnerState,
          scenario, job, log: (m) => log.push(`--- ${id} / ${label}: ${m}`),
        });
        Object.assign(outputs, result ?? {});
      } else {
        throw new Error('step has neither run nor uses');
      }
      for (const [k, v] of parseCommandFile(fs.readFileSync(files.output, 'utf8'))) outputs[k] = v;
      for (const [k, v] of parseCommandFile(fs.readFileSync(files.env, 'utf8'))) jobEnv[k] = v;
      fs.writeFileSync(files.env, '');
      outcome = 'success';
    } catch (e) {
      outcome = 'failure';
      if (!step['continue-on-error']) {
        stepFailed = true;
        failed = failed ?? { step: label, error: e.message };
      }
      log.push(`--- ${id} / ${label} FAILED: ${e.message}`);
    }
    if (step.id) steps[step.id] = { outputs, outcome, conclusion: outcome };
  }
  const jobOutputs = {};
  const context = { ...baseContext, runner, steps, env: {}, job: {} };
  for (const [k, v] of Object.entries(job.outputs ?? {})) {
    jobOutputs[k] = String(substitute(String(v), context, stepStatus));
  }
  return failed
    ? { result: 'failure', outputs: jobOutputs, failedStep: failed.step, error: failed.error, log }
    : { result: 'success', outputs: jobOutputs, log };
}

/** Parses GITHUB_OUTPUT / GITHUB_ENV: `k=v` lines and `k<<DELIM` heredocs. */
function parseCommandFile(text) {
  const out = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const body = [];
      i++;
      while (i < lines.length && lines[i] !== heredoc[2]) body.push(lines[i++]);
      if (i >= lines.length) throw new Error(`unterminated heredoc ${heredoc[2]} in command file`);
      out.push([heredoc[1], body.join('\n')]);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) throw new Error(`invalid command file line: ${line}`);
    out.push([line.slice(0, eq), line.slice(eq + 1)]);
  }
  return out;
}

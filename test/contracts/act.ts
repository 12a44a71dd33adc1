/**
 * Jest-side entry of the contract runner (./runner.mjs): runs a generated workflow's jobs on
 * simulated runners whose `docker`, imager and actions enforce the upstream contracts, and
 * returns each job's result. See ./act.mjs for what is modelled.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface JobResult {
  readonly result: 'success' | 'failure' | 'skipped';
  readonly outputs: { [key: string]: string };
  readonly failedStep?: string;
  readonly error?: string;
  readonly log: string[];
}

export interface ActResult {
  /** Whether the tag push triggers the workflow (its on.push.tags filter); no job runs otherwise. */
  readonly triggered: boolean;
  readonly jobs: { [id: string]: JobResult };
  readonly state: any;
}

export interface Scenario {
  /** The workflow YAML text. */
  readonly workflow: string;
  /** The pushed tag. */
  readonly tag: string;
  /** owner/name of the GitHub repository. */
  readonly repository: string;
  /** Runner label -> architecture (amd64 | arm64). */
  readonly runners: { [label: string]: string };
  readonly vars?: { [key: string]: string };
  readonly secrets?: { [key: string]: string };
  /** Registry credentials the login action accepts, by registry. */
  readonly credentials?: { [registry: string]: { username: string; password: string } };
  /** Models of the overlay repository's build and of custom imagers. */
  readonly model: any;
  /** A git repository (with the tag) that actions/checkout clones. */
  readonly repositoryDir: string;
  /** Simulation folder; reuse it to model a re-run of the same workflow run. */
  readonly workdir?: string;
  readonly runAttempt?: number;
  /** The shared state (registry, artifacts, releases) before the run, e.g. a draft left by an earlier run. */
  readonly initialState?: any;
}

/**
 * Where the stub imager keeps the sectors sgdisk writes on a zero image, shared by this
 * process's runs (test/support/sgdisk.js).
 */
let gptCache: string | undefined;

export function act(scenario: Scenario): ActResult & { workdir: string } {
  gptCache ??= fs.mkdtempSync(path.join(os.tmpdir(), 'act-gpt-'));
  const workdir = scenario.workdir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'act-'));
  const sha = gitOut(scenario.repositoryDir, ['rev-parse', `${scenario.tag}^{commit}`]);
  const r = spawnSync(process.execPath, [path.join(__dirname, 'runner.mjs')], {
    input: JSON.stringify({ ...scenario, workdir, sha, gptCache }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    throw new Error(`contract runner failed (${r.status}): ${r.stderr}`);
  }
  return { ...JSON.parse(r.stdout), workdir };
}

/**
 * A git repository with two commits: the first one (what the overlay repository's
 * Makefile takes SOURCE_DATE_EPOCH from) and a tagged one later.
 */
export function overlayRepository(tag: string, files: { [file: string]: string } = { Pkgfile: '# syntax = ghcr.io/siderolabs/bldr:v0.3.0\n' }): {
  dir: string; firstCommitTime: number; tagCommitTime: number;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overlay-repo-'));
  const firstCommitTime = 1700000000;
  const tagCommitTime = 1750000000;
  git(dir, ['init', '-q', '-b', 'main']);
  fs.writeFileSync(path.join(dir, 'README.md'), 'overlay\n');
  commit(dir, 'first', firstCommitTime);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  commit(dir, 'release', tagCommitTime);
  git(dir, ['tag', tag]);
  return { dir, firstCommitTime, tagCommitTime };
}

function commit(dir: string, message: string, time: number) {
  git(dir, ['add', '-A']);
  const date = `@${time} +0000`;
  git(dir, ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', message], {
    GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date,
  });
}

function git(dir: string, args: string[], env: { [key: string]: string } = {}) {
  const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  }
}

function gitOut(dir: string, args: string[]): string {
  const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  }
  return r.stdout.trim();
}

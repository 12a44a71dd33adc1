/**
 * Synthesis benchmark (not a jest test).
 *
 *   ts-node --project tsconfig.dev.json test/bench/synth.bench.ts [--repeat 3] [--boards 1,10,50]
 *
 * Measures the time and peak memory of synthesising
 *  - the release workflow: a projen project with N boards and a `ReleaseWorkflow`,
 *  - the settings stack: a cdktf `App` with `SettingsStack`, `DockerHubRepo` and `RepoSecrets`,
 *  - the whole pipeline: both trees in one process (what an overlay repository runs),
 * for N = 1, 10 and 50 boards, each against a bare projen project, a bare cdktf app, and
 * both bare trees, measured in the same run.
 *
 * Each measurement runs in a fresh child process (plain `node` on sources transpiled once to
 * a temporary folder, so the TypeScript compiler is not part of any measurement); time runs
 * from the child's first statement (module loading included) to the end of synthesis, and
 * memory is the child's peak resident set (`process.resourceUsage().maxRSS`). Each case runs
 * `--repeat` times (default 3) and the median is reported.
 *
 * Then the user-repository case (./user-repository.ts): a repository created by `projen new`
 * from the packed library against a bare projen project with one hand-written workflow
 * (`npx projen`, CPU time), and its `cdktf.json` app against a bare cdktf app with one GitHub
 * provider resource; the median of `--user-runs` (default 5) alternating runs per side. It
 * needs the npm registry; `--skip-user-repository` leaves it out, `--only-user-repository` runs
 * only it, `--keep` keeps its folders.
 *
 * Exits non-zero when 50 boards cost 2× one board or more (time or memory) for the release
 * workflow or the whole pipeline, when `npx projen` in the user repository costs more than 1.3×
 * the CPU of the bare project, or when its `cdktf.json` app costs more than 1.5× the bare app.
 */
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, relative } from 'path';
import { benchUserRepository, report } from './user-repository';

const STARTED = process.hrtime.bigint();

/** What a child reports. */
interface Sample {
  readonly ms: number;
  readonly maxRssKiB: number;
}

// ---------------------------------------------------------------------------------------------
// child side: one case per process
// ---------------------------------------------------------------------------------------------

/* eslint-disable @typescript-eslint/no-require-imports */
function runCase(name: string, outdir: string): void {
  const [kind, count] = name.split(':');
  const boards = Number(count ?? '0');
  if (kind === 'bare-projen' || kind === 'bare-both') {
    const { Project } = require('projen');
    new Project({ name: 'bench', outdir: join(outdir, 'projen') }).synth();
  }
  if (kind === 'bare-cdktf' || kind === 'bare-both') {
    const { App, TerraformStack } = require('cdktf');
    const app = new App({ outdir: join(outdir, 'cdktf.out') });
    new TerraformStack(app, 'settings');
    app.synth();
  }
  if (kind === 'workflow' || kind === 'pipeline') {
    synthWorkflow(boards, join(outdir, 'projen'));
  }
  if (kind === 'settings' || kind === 'pipeline') {
    synthSettings(join(outdir, 'cdktf.out'));
  }
}

function synthWorkflow(boards: number, outdir: string): void {
  const { Project } = require('projen');
  const lib = require('../../src');
  const project = new Project({ name: 'bench', outdir });
  const list = [];
  for (let i = 0; i < boards; i++) {
    list.push(new lib.OverlayBoard(project, `Board${i}`, {
      boardName: `nanopi-m6-${i}`,
      overlayName: 'rk3588',
      ubootStartsEfi: true,
      overlayOptions: { board: 'nanopi-m6', chipset: 'rk3588s' },
      profile: lib.OverlayProfile.generate({ name: 'board-rk3588' }),
      talosVersion: 'v1.10.6',
      systemExtensions: [lib.SystemExtension.official('realtek-firmware')],
    }));
  }
  new lib.ReleaseWorkflow(project, 'Release', {
    boards: list,
    overlayImage: lib.ImageRepository.dockerHub('123417', 'talos-sbc-nanopi-m6'),
    registryCredentials: lib.RegistryCredentials.dockerHub(),
    overlayBuild: lib.OverlayBuild.pkgfile({ target: 'talos-sbc-rk3588-mainline' }),
  });
  project.synth();
}

function synthSettings(outdir: string): void {
  const { App } = require('cdktf');
  const lib = require('../../src');
  const app = new App({ outdir });
  const stack = new lib.SettingsStack(app, 'nanopi-m6-settings');
  new lib.DockerHubRepo(stack, 'OverlayRepository', {
    repository: lib.ImageRepository.dockerHub('123417', 'talos-sbc-nanopi-m6'),
    description: 'Talos Linux overlay for the FriendlyElec NanoPi M6 (RK3588S)',
  });
  new lib.RepoSecrets(stack, 'ActionsSettings', {
    repository: 'nanopi-m6',
    credentials: lib.RegistryCredentials.dockerHub(),
    usernameValue: '123417',
    tokenValue: lib.SecretValue.fromTerraformVariable('dockerhub_token'),
  });
  app.synth();
}
/* eslint-enable @typescript-eslint/no-require-imports */

function child(name: string, outdir: string): void {
  runCase(name, outdir);
  const sample: Sample = {
    ms: Number(process.hrtime.bigint() - STARTED) / 1e6,
    maxRssKiB: process.resourceUsage().maxRSS,
  };
  process.stdout.write(`BENCH ${JSON.stringify(sample)}\n`);
}

// ---------------------------------------------------------------------------------------------
// parent side
// ---------------------------------------------------------------------------------------------

/** Transpiles `src/` and this script once (no type check) into a folder that resolves the repository's node_modules. */
function transpile(repo: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  const out = mkdtempSync(join(tmpdir(), 'talos-sbc-bench-'));
  symlinkSync(join(repo, 'node_modules'), join(out, 'node_modules'), 'dir');
  const files = [...walk(join(repo, 'src')), ...walk(join(repo, 'test', 'bench'))].filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  for (const file of files) {
    const result = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, experimentalDecorators: true },
    });
    const target = join(out, relative(repo, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, result.outputText);
  }
  return out;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

function measure(compiled: string, name: string): Sample {
  const outdir = mkdtempSync(join(tmpdir(), 'talos-sbc-bench-out-'));
  try {
    const result = spawnSync(process.execPath, [join(compiled, 'test', 'bench', 'synth.bench.js'), '--child', name, outdir], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
      maxBuffer: 64 * 1024 * 1024,
    });
    const line = result.stdout.split('\n').find((l) => l.startsWith('BENCH '));
    if (result.status !== 0 || !line) {
      throw new Error(`case ${name} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
    }
    return JSON.parse(line.slice('BENCH '.length)) as Sample;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function parent(argv: string[]): number {
  const arg = (flag: string, fallback: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
  };
  const repeat = Number(arg('--repeat', '3'));
  const boardCounts = arg('--boards', '1,10,50').split(',').map(Number);
  const repo = join(__dirname, '..', '..');
  const compiled = transpile(repo);
  try {
    const onlyUser = argv.includes('--only-user-repository');
    const cases = onlyUser ? [] : ['bare-projen', 'bare-cdktf', 'bare-both', 'settings',
      ...boardCounts.map((n) => `workflow:${n}`), ...boardCounts.map((n) => `pipeline:${n}`)];
    const samples = new Map<string, Sample[]>(cases.map((c) => [c, []]));
    // interleave the repetitions so that drift in machine load spreads over every case
    for (let r = 0; r < repeat; r++) {
      for (const name of cases) {
        samples.get(name)!.push(measure(compiled, name));
      }
    }
    const result = new Map<string, Sample>();
    for (const [name, list] of samples) {
      result.set(name, { ms: median(list.map((s) => s.ms)), maxRssKiB: median(list.map((s) => s.maxRssKiB)) });
    }

    const baselineOf = (name: string) => (name.startsWith('workflow') ? 'bare-projen' : name === 'settings' ? 'bare-cdktf' : name.startsWith('pipeline') ? 'bare-both' : undefined);
    const rows = cases.map((name) => {
      const s = result.get(name)!;
      const base = baselineOf(name);
      const b = base ? result.get(base)! : undefined;
      return [
        name,
        s.ms.toFixed(0),
        (s.maxRssKiB / 1024).toFixed(1),
        b ? `${(s.ms / b.ms).toFixed(2)}x` : '-',
        b ? `${(s.maxRssKiB / b.maxRssKiB).toFixed(2)}x` : '-',
        base ?? '-',
      ];
    });
    const header = ['case', 'time ms', 'peak RSS MiB', 'time / base', 'RSS / base', 'base'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const format = (r: string[]) => r.map((c, i) => (i === 0 || i === 5 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    let failed = false;
    if (!onlyUser) {
      console.log(`synthesis benchmark: median of ${repeat} fresh child processes per case (node ${process.version})`);
      console.log(format(header));
      console.log(widths.map((w) => '-'.repeat(w)).join('  '));
      rows.forEach((r) => console.log(format(r)));

      const first = boardCounts[0];
      const last = boardCounts[boardCounts.length - 1];
      for (const kind of ['workflow', 'pipeline']) {
        const one = result.get(`${kind}:${first}`)!;
        const many = result.get(`${kind}:${last}`)!;
        const time = many.ms / one.ms;
        const memory = many.maxRssKiB / one.maxRssKiB;
        const ok = time < 2 && memory < 2;
        failed = failed || !ok;
        console.log(`${ok ? 'ok  ' : 'FAIL'} ${kind}: ${last} boards cost ${time.toFixed(2)}x the time and ${memory.toFixed(2)}x the memory of ${first} (limit < 2x)`);
      }
    }
    if (!argv.includes('--skip-user-repository')) {
      const runs = Number(arg('--user-runs', '5'));
      const work = mkdtempSync(join(tmpdir(), 'talos-sbc-bench-user-'));
      try {
        const user = benchUserRepository(repo, work, runs);
        console.log(`user repository: median of ${runs} alternating runs per side (CPU time: user + system of the command and its children)`);
        const projenOk = report(user.projen);
        const settingsOk = report(user.settings);
        failed = failed || !projenOk || !settingsOk;
      } finally {
        if (argv.includes('--keep')) {
          console.log(`kept ${work}`);
        } else {
          rmSync(work, { recursive: true, force: true });
        }
      }
    }
    return failed ? 1 : 0;
  } finally {
    rmSync(compiled, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  child(process.argv[3], process.argv[4]);
} else {
  process.exitCode = parent(process.argv.slice(2));
}

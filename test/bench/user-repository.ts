/**
 * The user-repository case of the synthesis benchmark (see synth.bench.ts): what a user of the
 * packed library pays on every `npx projen` and every run of the `cdktf.json` app.
 *
 *  - user: an overlay repository created as the README says (`projen new --from <packed library>`,
 *    like .ci/newcomer.sh), whose `npx projen` runs `.projenrc.ts` through ts-node with type
 *    checking (the project's default task), and whose `cdktf.json` app (the command
 *    `npx projen settings:synth` runs) synthesises the settings stack;
 *  - bare: a projen `NodeProject` with the same options and the same tsconfig, whose
 *    `.projenrc.ts` writes one hand-written release workflow, run by the same `npx projen`; and a
 *    bare cdktf app with one GitHub provider resource, run by the same `npx ts-node` line.
 *
 * Both sides use the same package versions (the bare folder installs the versions the user
 * repository resolved). Each measurement is the CPU time (user + system, of the command and
 * every process it waits for) of one command; runs alternate between the two sides (and which
 * goes first), after one unmeasured warm-up run each, and the median is compared.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { join } from 'path';

/** CPU targets of issue 13: `npx projen` at most 1.3x a bare projen project, the cdktf.json app at most 1.5x a bare cdktf app. */
export const PROJEN_TARGET = 1.3;
export const SETTINGS_TARGET = 1.5;

/** The packages both sides run on, at the versions the user repository resolved. */
const SHARED_PACKAGES = ['projen', 'constructs', 'typescript', 'ts-node', '@types/node', 'cdktf', '@cdktf/provider-github'];

export interface UserRepositoryResult {
  readonly projen: Comparison;
  readonly settings: Comparison;
}

export interface Comparison {
  readonly name: string;
  readonly userCpuMs: number[];
  readonly bareCpuMs: number[];
  readonly ratio: number;
  readonly target: number;
}

interface Run {
  readonly cpuMs: number;
  readonly wallMs: number;
}

/** Runs `command` with bash in `cwd`; returns the CPU time of everything it ran. Throws on failure. */
function cpu(command: string, cwd: string, env: NodeJS.ProcessEnv): Run {
  const started = process.hrtime.bigint();
  // `times` prints the shell's own and its (waited-for) children's user and system time
  const result = spawnSync('bash', ['-c', `${command} >"$BENCH_LOG" 2>&1; status=$?; times; exit $status`], {
    cwd,
    env: { ...env, BENCH_LOG: join(cwd, '.bench.log') },
    encoding: 'utf8',
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    const output = existsSync(join(cwd, '.bench.log')) ? readFileSync(join(cwd, '.bench.log'), 'utf8') : '';
    throw new Error(`"${command}" in ${cwd} failed (exit ${result.status}):\n${output}\n${result.stderr}`);
  }
  const lines = result.stdout.trim().split('\n');
  const seconds = (lines[lines.length - 1].match(/(\d+)m([\d.]+)s/g) ?? []).map((t) => {
    const [, m, s] = /(\d+)m([\d.]+)s/.exec(t)!;
    return Number(m) * 60 + Number(s);
  });
  if (seconds.length !== 2) {
    throw new Error(`cannot read the CPU time of "${command}" from: ${result.stdout}`);
  }
  return { cpuMs: (seconds[0] + seconds[1]) * 1000, wallMs };
}

function sh(command: string, cwd: string, env: NodeJS.ProcessEnv): void {
  const result = spawnSync('bash', ['-c', command], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`"${command}" in ${cwd} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

function newest(dir: string): number {
  return readdirSync(dir).reduce((latest, entry) => {
    const full = join(dir, entry);
    const stat = statSync(full);
    return Math.max(latest, stat.isDirectory() ? newest(full) : stat.mtimeMs);
  }, 0);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The bare projen project: the TalosOverlayProject's NodeProject options, and one hand-written workflow. */
function bareProjenrc(projenVersion: string, devDeps: string[], compilerOptions: unknown): string {
  return `import { github, javascript, typescript } from 'projen';

const project = new javascript.NodeProject({
  name: 'bare-overlay',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcJs: false,
  projenrcJson: false,
  github: true,
  githubOptions: { mergify: false, pullRequestLint: false },
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  jest: false,
  prettier: false,
  package: false,
  npmignoreEnabled: false,
  licensed: false,
  minNodeVersion: '20.0.0',
  projenVersion: '${projenVersion}',
  devDeps: ${JSON.stringify(devDeps)},
});
const projenrc = new typescript.ProjenrcTs(project, {
  runner: typescript.TypeScriptRunner.tsNode({ tsconfig: 'tsconfig.projen.json', typeCheck: true }),
  tsconfigFileName: 'tsconfig.projen.json',
});
// the user repository's compiler options
projenrc.tsconfig.file.addOverride('compilerOptions', ${JSON.stringify(compilerOptions)});

// one hand-written release workflow
const workflow = project.github!.addWorkflow('release');
workflow.on({ push: { tags: ['v*-nanopi-m6'] } });
workflow.addJob('release', {
  runsOn: ['ubuntu-24.04'],
  permissions: { contents: github.workflows.JobPermission.WRITE, packages: github.workflows.JobPermission.WRITE },
  env: { TALOS_VERSION: 'v1.10.6' },
  steps: [
    { name: 'Check out', uses: 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683' },
    { name: 'Log in to Docker Hub', uses: 'docker/login-action@74a5d142397b4f367a81961eba4e8cd7edddf772', with: { username: '\${{ vars.DOCKER_USERNAME }}', password: '\${{ secrets.DOCKER_PASSWORD }}' } },
    { name: 'Build the overlay', run: 'make overlay PUSH=true TAG="\${GITHUB_REF_NAME}"' },
    { name: 'Build the installer', run: 'docker run --rm -v "$PWD/_out:/out" "ghcr.io/siderolabs/imager:\${TALOS_VERSION}" installer' },
  ],
});

project.synth();
`;
}

/** The bare cdktf app: one stack, the GitHub provider and one resource. */
const BARE_CDKTF_APP = `import { ActionsVariable } from '@cdktf/provider-github/lib/actions-variable';
import { GithubProvider } from '@cdktf/provider-github/lib/provider';
import { App, TerraformStack } from 'cdktf';

const app = new App(); // outdir: CDKTF_OUTDIR, as cdktf synth sets it, else cdktf.out
const stack = new TerraformStack(app, 'settings');
new GithubProvider(stack, 'github', { owner: 'talos-sbc' });
new ActionsVariable(stack, 'DockerUsername', { repository: 'nanopi-m6', variableName: 'DOCKER_USERNAME', value: '123417' });
app.synth();
`;

function log(message: string): void {
  console.log(`user-repository: ${message}`);
}

/** Creates both repositories in `work` and measures them (`runs` alternating runs per side). */
export function benchUserRepository(repo: string, work: string, runs: number): UserRepositoryResult {
  // a newcomer's shell: with CI set, projen would `npm ci` without a lock file (see .ci/newcomer.sh)
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' };
  delete env.CI;
  const projenVersion = JSON.parse(readFileSync(join(repo, 'node_modules', 'projen', 'package.json'), 'utf8')).version as string;

  // 1. the packed library (compiled first when lib/ is missing or older than src/)
  const compiled = existsSync(join(repo, 'lib', 'index.js')) && existsSync(join(repo, '.jsii'))
    ? Math.min(statSync(join(repo, 'lib', 'index.js')).mtimeMs, statSync(join(repo, '.jsii')).mtimeMs) : 0;
  if (compiled < newest(join(repo, 'src'))) {
    log('compiling the library (npx projen compile)');
    sh('npx projen compile', repo, env);
  }
  const pack = join(work, 'pack');
  mkdirSync(pack, { recursive: true });
  const packed = spawnSync('npm', ['pack', '--silent', '--pack-destination', pack], { cwd: repo, env, encoding: 'utf8' });
  if (packed.status !== 0) {
    throw new Error(`npm pack failed:\n${packed.stdout}\n${packed.stderr}`);
  }
  const tarball = join(pack, packed.stdout.trim().split('\n').pop()!);

  // 2. the user repository, as the README says (npm registry)
  const user = join(work, 'user');
  mkdirSync(user);
  log(`projen new --from ${tarball} (npm registry)`);
  sh(`npx -y "projen@${projenVersion}" new --from "${tarball}" --projen-version "${projenVersion}" --no-git`, user, env);

  // 3. the bare side: same package versions, same tsconfig
  const bare = join(work, 'bare');
  mkdirSync(bare);
  const versions = Object.fromEntries(SHARED_PACKAGES.map((name) => [name,
    JSON.parse(readFileSync(join(user, 'node_modules', name, 'package.json'), 'utf8')).version as string]));
  const userPackage = JSON.parse(readFileSync(join(user, 'package.json'), 'utf8'));
  const devDeps = Object.keys(userPackage.devDependencies ?? {})
    .filter((name) => name !== 'talos-sbc-constructs' && name !== 'projen')
    .map((name) => `${name}@${versions[name] ?? userPackage.devDependencies[name]}`);
  writeFileSync(join(bare, 'package.json'), JSON.stringify({ name: 'bare-overlay', private: true, devDependencies: versions }, null, 2) + '\n');
  // projen writes tsconfig.projen.json from .projenrc.ts: the bare one sets the same compiler options
  const tsconfig = readFileSync(join(user, 'tsconfig.projen.json'), 'utf8');
  const compilerOptions = JSON.parse(tsconfig.replace(/^\/\/.*$/gm, '')).compilerOptions;
  writeFileSync(join(bare, 'tsconfig.projen.json'), tsconfig);
  writeFileSync(join(bare, '.projenrc.ts'), bareProjenrc(projenVersion, devDeps, compilerOptions));
  writeFileSync(join(bare, 'main.ts'), BARE_CDKTF_APP);
  log(`installing the bare side (${SHARED_PACKAGES.map((n) => `${n}@${versions[n]}`).join(', ')})`);
  sh('npm install --no-audit --no-fund --loglevel=error', bare, env);
  // the first synthesis writes .projen/tasks.json (and may install what projen adds)
  sh('npx ts-node --project tsconfig.projen.json .projenrc.ts', bare, env);

  const userApp = JSON.parse(readFileSync(join(user, 'cdktf.json'), 'utf8')).app as string;
  const bareApp = 'npx ts-node --project tsconfig.projen.json main.ts';
  const bareTsconfig = readFileSync(join(bare, 'tsconfig.projen.json'), 'utf8');
  if (JSON.stringify(JSON.parse(bareTsconfig.replace(/^\/\/.*$/gm, '')).compilerOptions) !== JSON.stringify(compilerOptions)) {
    throw new Error(`the bare project's tsconfig.projen.json has other compiler options than the user repository's:\n${bareTsconfig}\n${tsconfig}`);
  }
  const cases = [
    { name: 'npx projen', target: PROJEN_TARGET, user: 'npx projen', bare: 'npx projen' },
    { name: 'cdktf.json app', target: SETTINGS_TARGET, user: userApp, bare: bareApp },
  ];
  const results = cases.map((c) => {
    const appEnv = { ...env, CDKTF_OUTDIR: 'cdktf.out' };
    // warm-up (file system cache, projen's first install check): not measured
    cpu(c.user, user, appEnv);
    cpu(c.bare, bare, appEnv);
    const userCpuMs: number[] = [];
    const bareCpuMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const order = i % 2 === 0 ? ['user', 'bare'] : ['bare', 'user'];
      for (const side of order) {
        const run = side === 'user' ? cpu(c.user, user, appEnv) : cpu(c.bare, bare, appEnv);
        (side === 'user' ? userCpuMs : bareCpuMs).push(run.cpuMs);
      }
    }
    return { name: c.name, userCpuMs, bareCpuMs, ratio: median(userCpuMs) / median(bareCpuMs), target: c.target };
  });
  if (!existsSync(join(user, 'cdktf.out', 'stacks'))) {
    throw new Error('the cdktf.json app of the user repository wrote no stack');
  }
  return { projen: results[0], settings: results[1] };
}

/** Prints one comparison; returns whether it meets its target. */
export function report(c: Comparison): boolean {
  const ok = c.ratio <= c.target;
  const ms = (values: number[]) => values.map((v) => v.toFixed(0)).join(' ');
  console.log(`${c.name}: user repository CPU ms [${ms(c.userCpuMs)}] median ${median(c.userCpuMs).toFixed(0)}; bare [${ms(c.bareCpuMs)}] median ${median(c.bareCpuMs).toFixed(0)}`);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${c.name}: the user repository costs ${c.ratio.toFixed(2)}x the CPU of the bare one (target <= ${c.target}x)`);
  return ok;
}

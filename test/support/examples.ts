/**
 * The examples are overlay repositories of the library's project type, each declared by nothing
 * but its `.projenrc.ts`. Tests read the declaration (./record-declaration.ts), then synthesise
 * it, or a changed copy of it, into temporary folders.
 */
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { delimiter, join } from 'path';
import { declarationOptions } from './record-declaration';
import { transpileForNode } from './transpile';
import { TalosOverlayProject, TalosOverlayProjectOptions, TalosOverlaySettings } from '../../src';

export const REPO = join(__dirname, '..', '..');

/** The folder of an example. */
export function exampleDir(example: string): string {
  return join(REPO, 'examples', example);
}

/** The options an example's `.projenrc.ts` passes to `TalosOverlayProject`. */
export function exampleOptions(example: string): TalosOverlayProjectOptions {
  return declarationOptions(join(exampleDir(example), '.projenrc.ts')) as TalosOverlayProjectOptions;
}

/**
 * The options `projen new` renders into `.projenrc.ts` (the @pjnew samples of
 * `TalosOverlayProjectOptions`), without the scaffold.
 */
export const SAMPLE_OPTIONS: TalosOverlayProjectOptions = {
  boardName: 'nanopi-m6',
  displayName: 'FriendlyElec NanoPi M6 (RK3588S)',
  overlayName: 'rk3588',
  overlayOptions: ['board=nanopi-m6', 'chipset=rk3588s'],
  profileName: 'board-rk3588',
  talosVersion: 'v1.10.6',
  ubootStartsEfi: true,
  githubRepository: 'talos-sbc-nanopi-m6',
  dockerHubNamespace: 'dockerhubuser',
  pkgfileTarget: 'talos-sbc-rk3588',
  buildArgs: ['TOOLS_PREFIX=ghcr.io/siderolabs', 'TOOLS=v1.10.0-5-g31fd099', 'PKGS_PREFIX=ghcr.io/siderolabs', 'PKGS=v1.10.0-29-g2e6dd0a'],
};

/** Runs `fn` with projen's post-synthesis steps (npm install) off, as `npx projen example` does. */
export function withoutProjenPost<T>(fn: () => T): T {
  const previous = process.env.PROJEN_DISABLE_POST;
  process.env.PROJEN_DISABLE_POST = 'true';
  try {
    return fn();
  } finally {
    if (previous === undefined) {
      delete process.env.PROJEN_DISABLE_POST;
    } else {
      process.env.PROJEN_DISABLE_POST = previous;
    }
  }
}

/** What one synthesis of a declaration writes. */
export interface Synthesised {
  /** The project folder. */
  readonly dir: string;
  /** The settings stack's Terraform JSON (what the cdktf.json app writes). */
  readonly terraformJson: string;
  /** A file of the project folder. */
  file(path: string): string;
}

/** Synthesises a declaration as `npx projen` (without npm install) and its settings app would. */
export function synthProject(options: TalosOverlayProjectOptions): Synthesised {
  const dir = mkdtempSync(join(tmpdir(), 'talos-example-'));
  withoutProjenPost(() => new TalosOverlayProject({ ...options, outdir: dir }).synth());
  const settingsDir = mkdtempSync(join(tmpdir(), 'talos-example-settings-'));
  TalosOverlaySettings.app(options, settingsDir).synth();
  return {
    dir,
    file: (path: string) => readFileSync(join(dir, path), 'utf8'),
    terraformJson: readFileSync(join(settingsDir, 'stacks', 'settings', 'cdk.tf.json'), 'utf8'),
  };
}

/**
 * Makes a synthesised project folder run its projen tasks against this checkout: its
 * `.projenrc.ts` imports the library's `src/`, transpiled once (./transpile.ts), and
 * `node_modules` links to ours. Returns the environment to run `projen <task>` with (`binDirs`
 * first on PATH, then our `node_modules/.bin`).
 *
 * ts-node runs `.projenrc.ts` transpile-only (TS_NODE_TRANSPILE_ONLY): with the library's
 * TypeScript, each task would type-check and transpile all of src/ again, about 10 s CPU a task.
 * Types are checked elsewhere: the tsc stage of .ci/run, and the newcomer test, which runs a
 * user's repository from the packed library with the type checks projen does.
 */
export function runTasksFromCheckout(dir: string, options: TalosOverlayProjectOptions, binDirs: string[] = []): NodeJS.ProcessEnv {
  const library = transpileForNode(join(REPO, 'src', 'index.ts'));
  writeFileSync(join(dir, '.projenrc.ts'), [
    `import { TalosOverlayProject } from ${JSON.stringify(library.replace(/\.js$/, ''))};`,
    `new TalosOverlayProject(${JSON.stringify(options)}).synth();`,
    '',
  ].join('\n'));
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: [...binDirs, join(REPO, 'node_modules', '.bin'), process.env.PATH].join(delimiter),
    TS_NODE_TRANSPILE_ONLY: 'true',
  };
  delete env.TALOS_SBC_PREVIEW_TAG;
  delete env.TALOS_SBC_SYNTH_SETTINGS;
  return env;
}

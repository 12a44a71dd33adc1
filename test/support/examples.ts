/**
 * The examples are overlay repositories of the library's project type, each declared by nothing
 * but its `.projenrc.ts`. Tests read the declaration by running that file with
 * `TalosOverlayProject` replaced by a recorder (nothing is written), then synthesise it, or a
 * changed copy of it, into temporary folders.
 */
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { TalosOverlayProject, TalosOverlayProjectOptions, TalosOverlaySettings } from '../../src';

export const REPO = join(__dirname, '..', '..');
const SRC_INDEX = join(REPO, 'src', 'index.ts');

/** The folder of an example. */
export function exampleDir(example: string): string {
  return join(REPO, 'examples', example);
}

/** The options an example's `.projenrc.ts` passes to `TalosOverlayProject`. */
export function exampleOptions(example: string): TalosOverlayProjectOptions {
  const recorded: TalosOverlayProjectOptions[] = [];
  jest.isolateModules(() => {
    jest.doMock(SRC_INDEX, () => ({
      ...jest.requireActual(SRC_INDEX),
      TalosOverlayProject: class {
        constructor(options: TalosOverlayProjectOptions) {
          recorded.push(options);
        }
        public synth(): void {}
      },
    }));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(join(exampleDir(example), '.projenrc.ts'));
  });
  jest.dontMock(SRC_INDEX);
  if (recorded.length !== 1) {
    throw new Error(`examples/${example}/.projenrc.ts declared ${recorded.length} TalosOverlayProject(s), expected 1`);
  }
  return recorded[0];
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
  const previous = process.env.PROJEN_DISABLE_POST;
  process.env.PROJEN_DISABLE_POST = 'true';
  try {
    new TalosOverlayProject({ ...options, outdir: dir }).synth();
  } finally {
    if (previous === undefined) {
      delete process.env.PROJEN_DISABLE_POST;
    } else {
      process.env.PROJEN_DISABLE_POST = previous;
    }
  }
  const settingsDir = mkdtempSync(join(tmpdir(), 'talos-example-settings-'));
  TalosOverlaySettings.app(options, settingsDir).synth();
  return {
    dir,
    file: (path: string) => readFileSync(join(dir, path), 'utf8'),
    terraformJson: readFileSync(join(settingsDir, 'stacks', 'settings', 'cdk.tf.json'), 'utf8'),
  };
}

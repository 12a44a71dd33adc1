import { existsSync, readdirSync } from 'fs';
import { join } from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { Project } from 'projen';
import { tempProject } from './projen';
import { TalosSbcValidationError } from '../../src';

/** What a hostile program did. */
export interface HostileOutcome {
  /** The error's message (undefined: nothing was thrown). */
  readonly message?: string;
  /** Whether the error was the library's validation error (not a crash). */
  readonly isLibraryError?: boolean;
  /** The error itself. */
  readonly error?: unknown;
  /** Every file below the output folder after the program. */
  readonly written: string[];
  /** The output folder. */
  readonly outdir: string;
}

/** Every file below `dir`. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)).map((f) => join(entry.name, f)) : [entry.name]));
}

function outcomeOf(run: () => void, outdir: () => string): HostileOutcome {
  let error: unknown;
  let thrown = false;
  try {
    run();
  } catch (e) {
    error = e;
    thrown = true;
  }
  return {
    ...(thrown ? { error, message: (error as Error)?.message, isLibraryError: error instanceof TalosSbcValidationError } : {}),
    written: filesUnder(outdir()),
    outdir: outdir(),
  };
}

/** A `.projenrc.ts` program: declare, then synthesise, in a fresh temporary folder. */
export function runProjenProgram(declare: (project: Project) => void): HostileOutcome {
  const project = tempProject();
  return outcomeOf(() => {
    declare(project);
    project.synth();
  }, () => project.outdir);
}

/** A settings app: declare under a stack of `Testing.app()`, then `app.synth()`. */
export function runSettingsProgram(declare: (stack: TerraformStack) => void): HostileOutcome {
  const app = Testing.app();
  return outcomeOf(() => {
    declare(new TerraformStack(app, 'settings'));
    app.synth();
  }, () => app.outdir);
}

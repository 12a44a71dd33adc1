/**
 * Reads a declaration: runs the TypeScript source of an overlay repository's `.projenrc.ts` (or a
 * README snippet) with `TalosOverlayProject` replaced by a recorder, so nothing is written, and
 * returns the options each project was given. The tests of the examples and of the README, and
 * the cdktn check (`ts-node record-declaration.ts <file>`), read declarations this way.
 */
import { readFileSync } from 'fs';
import * as ts from 'typescript';

/** The module ids a declaration may import the project type from. */
export const LIBRARY_MODULES = ['../../src', 'talos-sbc-constructs', 'talos-sbc-constructs/lib/project'];

/** What running a declaration did. */
export interface RecordedDeclaration {
  /** The module ids it imported. */
  readonly imports: string[];
  /** The options of each `TalosOverlayProject` it constructed. */
  readonly projects: unknown[];
  /** How often it called `synth()`. */
  readonly synths: number;
}

/** Runs the declaration's source with a recording `TalosOverlayProject`. */
export function recordDeclaration(source: string): RecordedDeclaration {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const imports: string[] = [];
  const projects: unknown[] = [];
  let synths = 0;
  const recordingRequire = (id: string) => {
    if (!LIBRARY_MODULES.includes(id)) {
      throw new Error(`a declaration imports only the library (${LIBRARY_MODULES.join(', ')}), not ${JSON.stringify(id)}`);
    }
    imports.push(id);
    return {
      TalosOverlayProject: class {
        constructor(options: unknown) {
          projects.push(options);
        }
        public synth(): void {
          synths++;
        }
      },
    };
  };
  new Function('require', 'exports', js)(recordingRequire, {});
  return { imports, projects, synths };
}

/** The options of the one project a declaration file constructs. */
export function declarationOptions(file: string): unknown {
  const recorded = recordDeclaration(readFileSync(file, 'utf8'));
  if (recorded.projects.length !== 1 || recorded.synths !== 1) {
    throw new Error(`${file} constructed ${recorded.projects.length} TalosOverlayProject(s) and called synth() ${recorded.synths} time(s), expected 1 and 1`);
  }
  return recorded.projects[0];
}

if (require.main === module) {
  process.stdout.write(`${JSON.stringify(declarationOptions(process.argv[2]), null, 2)}\n`);
}

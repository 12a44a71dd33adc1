/**
 * Test support: runs the library's TypeScript with plain `node`.
 *
 * An entry point and every relative module it imports are transpiled (TypeScript's own
 * transpileModule, CommonJS) into a temporary package folder with the repository's layout
 * (./transpile-tree.mjs), once per entry and jest worker, in the tools thread, where TypeScript loads
 * natively once. ts-node, by contrast, loads and starts the TypeScript compiler and transpiles
 * every module again on each run (about 1 s CPU for the seal CLI, several seconds for the
 * project type). Types are checked by the tsc stage of .ci/run.
 */
import { callTools } from './tools';

/** Transpiles `entry` (a TypeScript file of the repository); returns the transpiled entry point. */
export function transpileForNode(entry: string): string {
  return callTools<string>('transpile', { entry });
}

import { mkdtempSync, readdirSync, readFileSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { Project } from 'projen';

/** A fresh projen project in its own temporary folder (never the current folder). */
export function tempProject(name = 'overlay'): Project {
  return new Project({ name, outdir: mkdtempSync(join(tmpdir(), 'talos-sbc-')) });
}

/** Every file below `dir`, relative path → content. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const full = join(d, entry);
      if (statSync(full).isDirectory()) {
        walk(full);
      } else {
        out[relative(dir, full)] = readFileSync(full, 'utf8');
      }
    }
  };
  walk(dir);
  return out;
}

/** Synthesises the project and returns the generated workflow files (path → YAML). */
export function synthWorkflows(project: Project): Record<string, string> {
  project.synth();
  const tree = readTree(project.outdir);
  return Object.fromEntries(Object.entries(tree).filter(([path]) => path.startsWith('.github/workflows/')));
}

export { errorOf } from './errors';

import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { TalosOverlayProject } from '../../src';
import { runTasksFromCheckout, SAMPLE_OPTIONS, withoutProjenPost } from '../support/examples';
import { mermaidFence, parseMermaid } from '../support/mermaid';
import { expectPreviewAgreesWithWorkflows } from '../support/preview-agreement';

/**
 * The project type's pipeline preview (issue 14): `npx projen preview -- --tag <tag>` runs
 * `.projenrc.ts` in preview mode, which prints the preview and writes nothing; `npx projen`
 * writes docs/pipeline.md.
 */


/** Every file under a folder (but node_modules) with its content hash. */
function snapshotOf(dir: string, prefix = ''): Record<string, string> {
  return Object.fromEntries(readdirSync(join(dir, prefix), { withFileTypes: true })
    .filter((e) => e.name !== 'node_modules')
    .flatMap((e): Array<[string, string]> => {
      const rel = prefix === '' ? e.name : `${prefix}/${e.name}`;
      return e.isDirectory() ? Object.entries(snapshotOf(dir, rel)) : [[rel, createHash('sha256').update(readFileSync(join(dir, rel))).digest('hex')]];
    }));
}

describe('TalosOverlayProject', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'talos-overlay-preview-'));
  const project = withoutProjenPost(() => {
    const p = new TalosOverlayProject({ ...SAMPLE_OPTIONS, outdir });
    p.synth();
    return p;
  });

  test('writes docs/pipeline.md (parses) and the preview entry; adds the preview task', () => {
    const page = readFileSync(join(outdir, 'docs/pipeline.md'), 'utf8');
    expect(parseMermaid([mermaidFence(page)])).toEqual([{ ok: true, diagramType: 'flowchart-v2' }]);
    const tasks = JSON.parse(readFileSync(join(outdir, '.projen/tasks.json'), 'utf8')).tasks;
    expect(tasks.preview.steps).toEqual([{ exec: 'ts-node --project tsconfig.projen.json projenrc/preview-app.ts', receiveArgs: true }]);
    expect(readFileSync(join(outdir, 'projenrc/preview-app.ts'), 'utf8'))
      .toContain("process.env.TALOS_SBC_PREVIEW_TAG = tag;\n// eslint-disable-next-line @typescript-eslint/no-require-imports\nrequire('../.projenrc');");
    // the release notes link the page
    expect(readFileSync(join(outdir, '.github/workflows/release.yaml'), 'utf8')).toContain('/blob/@TAG@/docs/pipeline.md)');
  });

  test.each(['v1.10.6-nanopi-m6', 'v1.10.6-rock-5b', 'v1.12.0-nanopi-m6'])('the preview of %s agrees with the written workflow', (tag) => {
    expectPreviewAgreesWithWorkflows(project, tag);
  });

  test('in preview mode synth() prints the preview and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'talos-overlay-preview-'));
    const writes: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => {
      writes.push(String(chunk));
      return true;
    });
    process.env.TALOS_SBC_PREVIEW_TAG = 'v1.10.6-nanopi-m6';
    try {
      withoutProjenPost(() => new TalosOverlayProject({ ...SAMPLE_OPTIONS, outdir: dir }).synth());
    } finally {
      delete process.env.TALOS_SBC_PREVIEW_TAG;
      spy.mockRestore();
    }
    expect(readdirSync(dir)).toEqual([]);
    expect(writes.join('')).toContain('Pipeline preview for tag v1.10.6-nanopi-m6\n');
    expect(writes.join('')).toContain('--overlay-image="docker.io/dockerhubuser/talos-sbc-nanopi-m6@<digest pushed by job overlay>"');
  });
});

test('npx projen preview -- --tag <tag> prints the preview and changes no file', () => {
  const out = withoutProjenPost(() => {
    const dir = mkdtempSync(join(tmpdir(), 'talos-overlay-preview-'));
    new TalosOverlayProject({ ...SAMPLE_OPTIONS, outdir: dir }).synth();
    return dir;
  });
  const env = runTasksFromCheckout(out, SAMPLE_OPTIONS);
  const before = snapshotOf(out);
  const stdout = execFileSync('projen', ['preview', '--', '--tag', 'v1.11.0-nanopi-m6'], { cwd: out, env, encoding: 'utf8', stdio: 'pipe' });
  expect(stdout).toContain('Pipeline preview for tag v1.11.0-nanopi-m6\n');
  expect(stdout).toContain('  ! The tag v1.11.0-nanopi-m6 names Talos v1.11.0, but .github/workflows/release.yaml releases Talos v1.10.6');
  expect(snapshotOf(out)).toEqual(before);
  // without a tag: the usage, and a failure
  expect(() => execFileSync('projen', ['preview'], { cwd: out, env, encoding: 'utf8', stdio: 'pipe' })).toThrow(/Usage: npx projen preview -- --tag <tag>/);
}, 240_000);

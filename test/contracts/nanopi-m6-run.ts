/**
 * The NanoPi M6 contract scenarios' shared setup: one run of a workflow on GitHub-hosted
 * runners for the jhuynh08/nanopi-m6 repository (./act.ts), and what the tests read from it.
 */
import { act, ActResult, overlayRepository } from './act';
import { diskImageProblems } from './disk-check';
import { GITHUB_RUNNERS, nanopiM6Model } from './nanopi-m6-model';

export const TAG = 'v1.10.6-nanopi-m6';
/**
 * The repository with the fix the example declares (partitionOffsetSectors 2048 * 12 in
 * examples/nanopi-m6/.projenrc.ts): its installer's PartitionOptions.Offset raised from 2048 * 10.
 */
export const FIXED = { partitionOffsetLba: 2048 * 12 };

export type Run = ActResult & { workdir: string };

/** The overlay repository of the last {@link run}. */
export let lastRepository: ReturnType<typeof overlayRepository>;

/** Runs `workflow` for a push of `extra.tag` (default {@link TAG}) to a fresh overlay repository. */
export interface RunOptions {
  readonly tag?: string;
  readonly workdir?: string;
  readonly runAttempt?: number;
  readonly initialState?: any;
}

export function run(workflow: string, model = nanopiM6Model(), extra: RunOptions = {}): Run {
  const tag = extra.tag ?? TAG;
  const repo = overlayRepository(tag);
  lastRepository = repo;
  return act({
    workflow,
    tag,
    repository: 'jhuynh08/nanopi-m6',
    runners: GITHUB_RUNNERS,
    vars: { DOCKERHUB_USERNAME: '123417' },
    secrets: { DOCKERHUB_TOKEN: 'dckr_pat_stub' },
    credentials: { 'docker.io': { username: '123417', password: 'dckr_pat_stub' } },
    model,
    repositoryDir: repo.dir,
    ...extra,
  });
}

/** "<job> / <step>: <error>" of each failed job. */
export function failures(result: ActResult): string[] {
  return Object.entries(result.jobs).filter(([, j]) => j.result === 'failure')
    .map(([id, j]) => `${id} / ${j.failedStep}: ${j.error}`);
}

/** Problems of every released raw.xz image (decompressed from the artifact store). */
export function releasedImageProblems(result: ActResult): string[] {
  const problems: string[] = [];
  for (const files of Object.values(result.state.artifacts as { [name: string]: { [file: string]: string } })) {
    for (const [file, content] of Object.entries(files)) {
      if (file.endsWith('.raw.xz')) {
        problems.push(...diskImageProblems(Buffer.from(content, 'base64')));
      }
    }
  }
  return problems;
}

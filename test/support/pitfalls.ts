import { Project } from 'projen';
import { parse } from 'yaml';
import { synthWorkflows, tempProject } from './projen';
import { withDeclaredReferences } from './resolved';
import { expectValidWorkflows, WorkflowFile } from './workflow-validators';
import {
  Architecture, BoardPreset, CatalogBoardProps, ImageRepository, KernelFlavour, OverlayBoard, OverlayBuild, OverlayProfile,
  ReleaseWorkflow, ReleaseWorkflowProps, Runner, SystemExtension,
} from '../../src';

/**
 * Test support of the pitfall tests (test/pitfalls.test.ts, pitfalls 1 to 9, and
 * test/pitfalls-10-19.test.ts): the release scenarios they synthesise and readers of the
 * generated workflow. Every workflow synthesised through {@link synth} is recorded in
 * {@link synthesised} (one list per test file: jest gives each file its own modules), and each
 * file's last test validates them.
 */

export const OVERLAY = ImageRepository.dockerHub('123417', 'talos-sbc-rk3588');
export const INSTALLER = ImageRepository.dockerHub('123417', 'talos-installer-rk3588');
export const IMAGER_IMAGE = '"ghcr.io/siderolabs/imager:${TALOS_VERSION}"';
/**
 * The imager built with a variant's kernel (talos `make imager PKG_KERNEL=...`): the Talos kernel
 * comes from the imager (siderolabs/talos pkg/imager/profile/input.go Input.FillDefaults @ v1.10.6),
 * so the community BSP and mainline kernels each need their own imager.
 */
export function variantImager(talos: string, variant: string): string {
  return `docker.io/123417/talos-imager:${talos}-${variant}@sha256:${(variant === 'bsp' ? 'b' : 'c').repeat(64)}`;
}
export const BSP_IMAGER = variantImager('v1.10.6', 'bsp');
export function variantsFor(talos: string) {
  return [
    { name: 'bsp', target: 'talos-sbc-rk3588-bsp', buildArgs: { KERNEL_VARIANT: 'bsp' }, imagerImage: variantImager(talos, 'bsp') },
    { name: 'mainline', buildArgs: { KERNEL_VARIANT: 'mainline' }, imagerImage: variantImager(talos, 'mainline') },
  ];
}
/** How a variant's own imager appears in the imager's docker run line. */
export const VARIANT_IMAGER = '"${IMAGER_IMAGE}"';

/** Every workflow file synthesised in this file, validated by the last test. */
export const synthesised: WorkflowFile[] = [];

export interface Synthesised {
  readonly yaml: string;
  readonly workflow: any;
  readonly release: ReleaseWorkflow;
  /** Every generated workflow file, path → YAML. */
  readonly files: Record<string, string>;
}

/** Synthesises the project (in its temporary folder) and records every workflow for validation. */
export function synth(label: string, project: Project, release: ReleaseWorkflow): Synthesised {
  const files = synthWorkflows(project);
  for (const [path, yamlText] of Object.entries(files)) {
    synthesised.push({ fileName: `${label.replace(/[^A-Za-z0-9.]+/g, '-')}-${path.replace(/^.*\//, '')}`, yamlText });
  }
  const yaml = files[release.filePath];
  return { yaml, workflow: parse(yaml), release, files };
}

/** A community rk3588 board from the catalog, with the generated board-rk3588 profile. */
export function communityBoard(
  project: Project, id: string, preset: BoardPreset, talosVersion: string, props: Partial<CatalogBoardProps> = {},
): OverlayBoard {
  return OverlayBoard.fromCatalog(project, id, {
    preset,
    talosVersion,
    kernel: KernelFlavour.BSP,
    ubootStartsEfi: true,
    profile: OverlayProfile.generate({ name: 'board-rk3588' }),
    systemExtensions: [SystemExtension.official('realtek-firmware')],
    ...props,
  });
}

/**
 * The NanoPi M6 fork's shape, done right: the community overlay built from the repository
 * (Docker Hub), kernel variants bsp/mainline, two boards, installer images.
 */
export function communityRelease(label: string, talosVersion = 'v1.10.6', props: Partial<ReleaseWorkflowProps> = {}): Synthesised {
  const project = tempProject();
  const boards = [
    communityBoard(project, 'M6', BoardPreset.RK3588_NANOPI_M6, talosVersion, { extraKernelArgs: ['console=ttyS2,1500000n8'] }),
    communityBoard(project, 'Rock5B', BoardPreset.RK3588_ROCK_5B, talosVersion),
  ];
  const release = new ReleaseWorkflow(project, 'Release', {
    boards,
    overlayImage: OVERLAY,
    overlayBuild: OverlayBuild.pkgfile({ target: 'talos-sbc-rk3588-mainline', buildArgs: { PKGS: 'v1.10.0' } }),
    variants: variantsFor(talosVersion),
    installerImage: INSTALLER,
    ...props,
  });
  return synth(label, project, release);
}

/** A release of official catalog boards (no overlay build). */
export function officialRelease(label: string, boards: Array<Omit<CatalogBoardProps, 'talosVersion'>>, talosVersion: string): Synthesised {
  const project = tempProject();
  const release = new ReleaseWorkflow(project, 'Release', {
    boards: boards.map((b, i) => OverlayBoard.fromCatalog(project, `Board${i}`, { ...b, talosVersion })),
  });
  return synth(label, project, release);
}

/** The imager step of an imager job (the one that runs `docker run ... imager`). */
export function imagerStep(workflow: any, jobId: string): any {
  const job = workflow.jobs[jobId];
  if (!job) {
    throw new Error(`no job ${jobId}; jobs: ${Object.keys(workflow.jobs).join(', ')}`);
  }
  // the declared extension and overlay references (the resolve step pins them by digest)
  return withDeclaredReferences(workflow, job.steps.find((s: any) => s.env?.PROFILE !== undefined));
}

/** The script with its line continuations joined. */
export function joined(run: string): string[] {
  return run.replace(/\\\n\s*/g, '').split('\n');
}

/** Every `docker run` line of a step: [disk image run, installer run (when any)]. */
export function dockerRuns(step: any): string[] {
  return joined(step.run).filter((l) => l.startsWith('docker run'));
}

/** The imager part of a `docker run` line: the kind and the flags after the imager image. */
export function imagerArgs(line: string): { kind: string; flags: string[] } {
  const image = line.includes(IMAGER_IMAGE) ? IMAGER_IMAGE : VARIANT_IMAGER;
  const at = line.indexOf(image);
  if (at < 0) {
    throw new Error(`not an imager run: ${line}`);
  }
  const [kind, ...flags] = line.slice(at + image.length).trim().split(/\s+/);
  return { kind, flags };
}

/** `${NAME}` substituted from the step's and the workflow's env. */
export function expand(workflow: any, step: any, text: string, extra: Record<string, string> = {}): string {
  const env: Record<string, string> = { ...workflow.env, ...step.env, ...extra };
  return text.replace(/\$\{([A-Z0-9_]+)\}/g, (m, name) => (name in env ? env[name] : m));
}

export function allSteps(workflow: any): any[] {
  return Object.values<any>(workflow.jobs).flatMap((job) => job.steps);
}

export function stepUsing(job: any, action: string): any {
  return job.steps.find((s: any) => String(s.uses ?? '').startsWith(`${action}@`));
}

export const LEGS = ['nanopi-m6-bsp', 'nanopi-m6-mainline', 'rock-5b-bsp', 'rock-5b-mainline'];
/** The scenarios the pitfall tests share; a broken scenario fails where it is built, not inside a test.failing. */
export function sharedScenarios() {
  const community = communityRelease('community v1.10.6');
  const rock5b = officialRelease('official rock5b v1.12.5', [{ preset: BoardPreset.ROCK5B, overlayBooleanOptions: { spi_boot: true } }], 'v1.12.5');
  const selfHosted = communityRelease('community self-hosted v1.13.9', 'v1.13.9', {
    imagerRunner: Runner.selfHosted(['self-hosted', 'linux', 'arm64'], Architecture.ARM64),
  });
  // v1.14.0-rc.1 and later are refused (known-broken, talos#14226): the newest pre-release before it
  const RELEASES = ['v1.7.4', 'v1.9.6', 'v1.10.6', 'v1.12.5', 'v1.13.9', 'v1.14.0-beta.1'];
  const byVersion = RELEASES.map((talos) => ({ talos, result: communityRelease(`community ${talos}`, talos) }));
  return { community, rock5b, selfHosted, byVersion };
}

/** The last test of each pitfall file: every workflow it synthesised passes the three validators. */
export function validateSynthesised(): void {
  expect(synthesised.length).toBeGreaterThanOrEqual(10);
  const unique = [...new Map(synthesised.map((f) => [f.yamlText, f])).values()];
  expectValidWorkflows(unique);
}

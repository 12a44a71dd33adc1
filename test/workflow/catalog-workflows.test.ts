import { parse } from 'yaml';
import {
  BoardCatalog, ImageRepository, KernelFlavour, OverlayBoard, OverlayBuild, OverlayProfile, ReleaseWorkflow,
} from '../../src';
import { synthWorkflows, tempProject } from '../support/projen';
import { expectValidWorkflow, validateWorkflows } from '../support/workflow-validators';

/**
 * Every catalog board × Talos release, through the release workflow: the exact imager command
 * each imager job runs (kind, flags, options, privileges), the derived output file, and the
 * workflow passing actionlint, @actions/workflow-parser and shellcheck.
 */
const RELEASES = ['v1.7.4', 'v1.9.6', 'v1.10.6', 'v1.12.5', 'v1.13.9'];
const DIGEST = `sha256:${'c'.repeat(64)}`;
const COMMUNITY = ImageRepository.dockerHub('123417', 'talos-sbc-rk3588');

interface Synthesised {
  readonly yaml: string;
  readonly workflow: any;
  readonly boards: OverlayBoard[];
}

/** One release of all official boards of a Talos release, from their official overlays. */
function officialRelease(talos: string): Synthesised {
  const project = tempProject();
  const boards = BoardCatalog.officialBoards(talos).map((preset) => OverlayBoard.fromCatalog(project, preset.name, { preset, talosVersion: talos }));
  new ReleaseWorkflow(project, 'Release', { boards });
  const yaml = synthWorkflows(project)['.github/workflows/release.yaml'];
  return { yaml, workflow: parse(yaml), boards };
}

/** One release of the community rk3588 boards, from the overlay the repository builds. */
function communityRelease(talos: string): Synthesised {
  const project = tempProject();
  const boards = BoardCatalog.all().filter((p) => !p.isOfficial).map((preset) => OverlayBoard.fromCatalog(project, preset.name, {
    preset,
    talosVersion: talos,
    kernel: KernelFlavour.BSP,
    ubootStartsEfi: true,
    profile: OverlayProfile.generate({ name: 'board-rk3588' }),
  }));
  new ReleaseWorkflow(project, 'Release', {
    boards,
    overlayImage: COMMUNITY,
    overlayBuild: OverlayBuild.pkgfile({ target: 'talos-sbc-rk3588-bsp' }),
    // the BSP kernel comes from an imager built with it (the stock imager carries the Talos kernel)
    imagerImage: `docker.io/123417/talos-imager:${talos}-bsp@sha256:${'b'.repeat(64)}`,
  });
  const yaml = synthWorkflows(project)['.github/workflows/release.yaml'];
  return { yaml, workflow: parse(yaml), boards };
}

/** The argument list the imager step passes, with every environment variable substituted. */
function imagerCommand(workflow: any, jobId: string): { privileged: boolean; args: string } {
  const step = workflow.jobs[jobId].steps.find((s: any) => s.env?.PROFILE);
  const env: Record<string, string> = { ...workflow.env, ...step.env, OVERLAY_DIGEST: DIGEST };
  const line = (step.run as string).replace(/\\\n\s*/g, '').split('\n').find((l) => l.startsWith('docker run'))!;
  const expanded = line.replace(/\$\{([A-Z0-9_]+)\}/g, (m, name) => (name in env ? env[name] : m));
  const [docker, args] = expanded.split(/ "(?:ghcr\.io\/siderolabs\/imager:v[0-9.]+(?:-[a-z0-9.]+)?|docker\.io\/123417\/talos-imager:[^"]+)" /);
  return { privileged: docker.includes('--privileged -v /dev:/dev'), args: args.replace(/"/g, '') };
}

/** The imager's overlay reference for official boards: the resolve step's catalog-pinned output. */
const RESOLVED_OVERLAY = '${{ steps.resolve-extensions.outputs.overlay-image }}';

function resolveStep(workflow: any, job: string): any {
  return workflow.jobs[job].steps.find((s: any) => s.id === 'resolve-extensions');
}

const SCENARIOS = RELEASES.flatMap((talos) => [
  { name: `official boards, Talos ${talos}`, talos, make: () => officialRelease(talos) },
  { name: `community rk3588 boards, Talos ${talos}`, talos, make: () => communityRelease(talos) },
]);

describe('release workflow for every catalog board and Talos release', () => {
  const built = SCENARIOS.map((s) => ({ ...s, result: s.make() }));

  test('every generated workflow passes actionlint, @actions/workflow-parser and shellcheck', () => {
    expect(validateWorkflows(built.map((b) => ({ fileName: `${b.name.replace(/[^a-z0-9.]+/gi, '-')}.yaml`, yamlText: b.result.yaml })))).toEqual([]);
  });

  test.each(built.map((b) => [b.name, b] as const))('%s: exact imager command per board', (_name, scenario) => {
    const { workflow, boards } = scenario.result;
    expect(boards.length).toBeGreaterThan(0);
    for (const board of boards) {
      const official = board.officialOverlayImage;
      // an official overlay is pinned by the digest its release's overlays catalog records: the
      // resolve step reads the catalog tag and the imager gets the step's output
      const overlayRef = official !== undefined ? RESOLVED_OVERLAY : `${COMMUNITY.fullName}@${DIGEST}`;
      if (official !== undefined) {
        expect(resolveStep(workflow, `image-${board.boardName}`).env.OVERLAY_IMAGE).toBe(official);
      }
      const { privileged, args } = imagerCommand(workflow, `image-${board.boardName}`);
      expect({ board: board.boardName, args }).toEqual({
        board: board.boardName,
        args: board.imagerArguments(overlayRef, '/options/overlay-options.yaml').join(' '),
      });
      // privileges by version (rootless imager from v1.13)
      expect(privileged).toBe(scenario.talos !== 'v1.13.9');
      // the image kind is the overlay's profile, never a built-in kind
      expect(args.split(' ')[0]).not.toBe('metal');
      const step = workflow.jobs[`image-${board.boardName}`].steps.find((s: any) => s.env?.PROFILE);
      expect(step.env.IMAGER_OUTPUT).toBe(board.imagerOutputFile);
      expect(step.env.ASSET_NAME).toBe(board.assetName);
    }
  });

  test('official boards need no overlay build, no login and no secret', () => {
    const { workflow, yaml } = officialRelease('v1.10.6');
    expect(Object.keys(workflow.jobs)).not.toContain('overlay');
    expect(yaml).not.toMatch(/secrets\.|vars\.|login-action/);
    const rock5b = workflow.jobs['image-rock5b'];
    // it needs only the plan job (which selects the board for the tag)
    expect(rock5b.needs).toBe('plan');
    expect(resolveStep(workflow, 'image-rock5b').env.OVERLAY_IMAGE).toBe('ghcr.io/siderolabs/sbc-rockchip:v0.1.5');
    expect(rock5b.steps.find((s: any) => s.env?.PROFILE).env.OVERLAY_IMAGE).toBe(RESOLVED_OVERLAY);
  });

  test('typed options (spi_boot: true) reach the imager through an @file YAML, never key=value', () => {
    const project = tempProject();
    const board = OverlayBoard.fromCatalog(project, 'R5B', { preset: BoardCatalog.get('rock5b'), talosVersion: 'v1.12.5', overlayBooleanOptions: { spi_boot: true } });
    new ReleaseWorkflow(project, 'Release', { boards: [board] });
    const yaml = synthWorkflows(project)['.github/workflows/release.yaml'];
    expectValidWorkflow(yaml, 'release.yaml');
    const workflow = parse(yaml);
    const step = workflow.jobs['image-rock5b'].steps.find((s: any) => s.env?.PROFILE);
    expect(step.env.OVERLAY_OPTIONS_YAML).toBe('spi_boot: true\n');
    expect(step.run).toContain('printf \'%s\' "${OVERLAY_OPTIONS_YAML}" > _options/overlay-options.yaml');
    expect(step.run).toContain('-v "${PWD}/_options:/options:ro"');
    const { args } = imagerCommand(workflow, 'image-rock5b');
    expect(args).toBe(`rock5b --arch=arm64 --overlay-image=${RESOLVED_OVERLAY} --overlay-name=rock5b --overlay-option=@/options/overlay-options.yaml`);
    expect(resolveStep(workflow, 'image-rock5b').env.OVERLAY_IMAGE).toBe('ghcr.io/siderolabs/sbc-rockchip:v0.2.0');
    expect(args).not.toContain('spi_boot=');
  });
});

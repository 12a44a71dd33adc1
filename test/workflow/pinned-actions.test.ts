import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { BoardCatalog, ImageRepository, OverlayBoard, OverlayBuild, OverlayProfile, ReleaseWorkflow } from '../../src';
import { PINNED_ACTIONS, usesOf, versionOf } from '../../src/workflow/pinned-actions';
import { synthWorkflows, tempProject } from '../support/projen';

/** Verified tag → commit table (read from the actions' own repositories), beside the project when present. */
const VERIFIED = join(__dirname, '..', '..', '..', 'shared', 'reference', 'action-pins.json');

describe('pinned actions table', () => {
  test.each(PINNED_ACTIONS.map((a) => [a.githubRepository, a]))('%s is pinned to a full commit SHA of a vX.Y.Z release', (_name, action) => {
    expect(action.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(action.version).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(usesOf(action)).toBe(`${action.githubRepository}@${action.commit}`);
    expect(versionOf(usesOf(action))).toBe(action.version);
  });

  test('one entry per repository', () => {
    const repos = PINNED_ACTIONS.map((a) => a.githubRepository);
    expect(new Set(repos).size).toBe(repos.length);
  });

  test('every commit is the dereferenced commit of its release tag (not the annotated tag object)', () => {
    if (!existsSync(VERIFIED)) {
      console.warn(`skipped: ${VERIFIED} is not present (it sits beside the project in CI)`);
      return;
    }
    const verified = JSON.parse(readFileSync(VERIFIED, 'utf8'));
    for (const action of PINNED_ACTIONS) {
      const tags = verified[action.githubRepository]?.tags;
      expect(tags).toBeDefined();
      const resolved = tags[action.version]?.commit;
      expect({ repository: action.githubRepository, commit: resolved }).toEqual({ repository: action.githubRepository, commit: action.commit });
    }
  });
});

describe('every with: key is an input the pinned action declares', () => {
  test('kitchen sink: variants, installer images, provenance, pull request check, official overlays', () => {
    const project = tempProject();
    const m6 = new OverlayBoard(project, 'M6', {
      boardName: 'nanopi-m6',
      overlayName: 'rk3588',
      ubootStartsEfi: true,
      overlayOptions: { board: 'nanopi-m6', chipset: 'rk3588s' },
      profile: OverlayProfile.generate({ name: 'board-rk3588' }),
      talosVersion: 'v1.10.6',
    });
    new ReleaseWorkflow(project, 'Release', {
      boards: [m6],
      overlayImage: ImageRepository.dockerHub('123417', 'talos-sbc-nanopi-m6'),
      overlayBuild: OverlayBuild.pkgfile({ target: 'talos-sbc-rk3588-mainline', buildArgs: { PKGS: 'v1.10.0' } }),
      variants: [{ name: 'bsp' }, { name: 'mainline' }],
      installerImage: ImageRepository.dockerHub('123417', 'talos-installer'),
      pullRequestCheck: true,
      environment: 'release',
    });
    const files = synthWorkflows(project);
    const project2 = tempProject();
    new ReleaseWorkflow(project2, 'Release', {
      boards: [OverlayBoard.fromCatalog(project2, 'R5B', { preset: BoardCatalog.get('rock5b'), talosVersion: 'v1.12.5', overlayBooleanOptions: { spi_boot: true } })],
    });
    const all = { ...files, ...Object.fromEntries(Object.entries(synthWorkflows(project2)).map(([k, v]) => [`official/${k}`, v])) };
    let checked = 0;
    for (const [file, yaml] of Object.entries(all)) {
      for (const job of Object.values<any>(parse(yaml).jobs)) {
        for (const step of job.steps.filter((s: any) => s.uses)) {
          const pin = PINNED_ACTIONS.find((p) => usesOf(p) === step.uses)!;
          expect(pin.inputs).toBeDefined();
          for (const key of Object.keys(step.with ?? {})) {
            const where = { file, action: pin.githubRepository, key };
            expect({ ...where, declared: pin.inputs!.includes(key) }).toEqual({ ...where, declared: true });
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
  });
});

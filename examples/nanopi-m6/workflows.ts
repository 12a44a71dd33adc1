import { Project, ProjenrcFile } from 'projen';
import { NANOPI_M6, OVERLAY_BUILD, OVERLAY_IMAGE, REGISTRY_CREDENTIALS } from './pipeline';
import { OverlayBoard, ReleaseWorkflow } from '../../src';

/** Marks `.projenrc.ts` as this project's projenrc (so generated markers name it). */
class TypeScriptProjenrc extends ProjenrcFile {
  public readonly filePath = '.projenrc.ts';
}

/**
 * The overlay repository's projen project: the release workflow of the NanoPi M6.
 * @param outdir where to write `.github/workflows/`
 */
export function createProject(outdir: string): Project {
  const project = new Project({ name: 'nanopi-m6', outdir });
  new TypeScriptProjenrc(project);
  const board = new OverlayBoard(project, 'NanoPiM6', NANOPI_M6);
  new ReleaseWorkflow(project, 'Release', {
    boards: [board],
    overlayImage: OVERLAY_IMAGE,
    registryCredentials: REGISTRY_CREDENTIALS,
    overlayBuild: OVERLAY_BUILD,
  });
  return project;
}

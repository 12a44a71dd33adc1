import { Project } from 'projen';
import { NANOPI_M6, OVERLAY_BUILD, OVERLAY_IMAGE, REGISTRY_CREDENTIALS } from './pipeline';
import { OverlayBoard, ReleaseWorkflow } from '../../src';

/**
 * The overlay repository's projen project: the release workflow of the NanoPi M6.
 * @param outdir where to write `.github/workflows/`
 */
export function createProject(outdir: string): Project {
  const project = new Project({ name: 'nanopi-m6', outdir });
  const board = new OverlayBoard(project, 'NanoPiM6', NANOPI_M6);
  new ReleaseWorkflow(project, 'Release', {
    boards: [board],
    overlayImage: OVERLAY_IMAGE,
    registryCredentials: REGISTRY_CREDENTIALS,
    overlayBuild: OVERLAY_BUILD,
  });
  return project;
}

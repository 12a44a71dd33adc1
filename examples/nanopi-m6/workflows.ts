import { Project, ProjenrcFile } from 'projen';
import { NANOPI_M6_PIPELINE, PipelineDeclaration } from './pipeline';
import { OverlayBoard, ReleaseWorkflow } from '../../src';

/** Marks `.projenrc.ts` as this project's projenrc (so generated markers name it). */
class TypeScriptProjenrc extends ProjenrcFile {
  public readonly filePath = '.projenrc.ts';
}

/**
 * The overlay repository's projen project: its release workflow.
 * @param outdir where to write `.github/workflows/`
 * @param pipeline the declaration
 */
export function createProject(outdir: string, pipeline: PipelineDeclaration = NANOPI_M6_PIPELINE): Project {
  const project = new Project({ name: pipeline.githubRepository, outdir });
  new TypeScriptProjenrc(project);
  new ReleaseWorkflow(project, 'Release', {
    boards: pipeline.boards.map((board) => new OverlayBoard(project, board.boardName, board)),
    overlayImage: pipeline.overlayImage,
    registryCredentials: pipeline.registryCredentials,
    overlayBuild: pipeline.overlayBuild,
    environment: pipeline.releaseEnvironment,
  });
  return project;
}

export { OverlayBuild, PkgfileBuildOptions, DockerfileBuildOptions } from './overlay-build';
export { ReleaseWorkflow, ReleaseWorkflowProps } from './release-workflow';
export { Runner } from './runner';

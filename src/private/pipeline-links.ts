import { IConstruct } from 'constructs';

// Which generated pipeline picture (docs/pipeline.md) the release notes of a workflow link to
// (internal: not exported from the package). A PipelineDiagram links its workflows, or, drawing
// every workflow of the project, the project itself; the workflow reads it when it renders.

const links = new WeakMap<IConstruct, string>();

/** Links a workflow, or every workflow of a project, to the picture at `filePath`. */
export function linkPipelineDiagram(scope: IConstruct, filePath: string): void {
  links.set(scope, filePath);
}

/** The picture a workflow's release notes link to, if any. */
export function linkedPipelineDiagram(workflow: IConstruct, project: IConstruct): string | undefined {
  return links.get(workflow) ?? links.get(project);
}

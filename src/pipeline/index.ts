export * from './overlay-pipeline';
export * from './pipeline-check';
export * from './pipeline-preview';
export * from './pipeline-diagram';

export * from './overlay-pipeline';
export * from './pipeline-check';

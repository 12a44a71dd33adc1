export * from './overlay-build';
export * from './release-workflow';
export * from './runner';

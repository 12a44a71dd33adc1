export * from './overlay-build';
export * from './release-workflow';
export * from './runner';
export * from './action-pin';

export * from './overlay-build';
export * from './release-workflow';
export * from './runner';
export * from './audit';
export * from './action-pin';
export * from './release-line';

export * from './image-output';
export * from './overlay-board';
export * from './talos-version';

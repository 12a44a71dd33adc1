export * from './options';
export * from './talos-overlay-project';

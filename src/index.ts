export * from './image';
export * from './terraform';
export * from './board';
export * from './extensions';
export * from './workflow';
export * from './repository';
export * from './pipeline';
export * from './project';

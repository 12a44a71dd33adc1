export * from './image';
export * from './terraform';
export * from './board';
export * from './workflow';
export * from './pipeline';
export * from './project';

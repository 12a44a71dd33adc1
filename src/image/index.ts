export * from './image-repository';
export * from './registry-credentials';

export * from './finding';
export * from './overlay-repository-inspection';

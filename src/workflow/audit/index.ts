export * from './acknowledgement';
export * from './finding';
export * from './rule';
export * from './workflow-audit';

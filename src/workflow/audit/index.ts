export * from './acknowledgement';
export * from './finding';
export * from './rule';
export * from './rules';
export * from './workflow-audit';

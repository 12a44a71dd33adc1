export * from './board-health-checks';
export * from './board-validation';

export * from './talos-upgrade';

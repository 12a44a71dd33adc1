export * from './system-extension';

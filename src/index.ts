export * from './validation-error';
export * from './image';
export * from './terraform';
export * from './board';
export * from './extensions';
export * from './workflow';
export * from './repository';
export * from './pipeline';
export * from './project';
export * from './upgrade';
export * from './validation';
export { TalosOverlaySettings } from './project/settings';

// namespaces: the built-in audit rules (as cdk-nag's rule packs) and the L1 provider bindings
export * as auditRules from './workflow/audit/rules';
export * as providers from './terraform/docker-provider';

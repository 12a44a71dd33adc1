import * as root from '../src';

describe('the root barrel', () => {
  test('the built-in audit rules are in the auditRules namespace, not at the root', () => {
    const ruleClasses = Object.keys(root.auditRules).filter((name) => name.endsWith('Rule')).sort();
    expect(ruleClasses).toEqual([
      'BroadPermissionsRule', 'CheckoutCredentialsRule', 'DangerousTriggerRule', 'ExpressionInRunRule', 'JobPermissionsRule', 'JobTimeoutRule',
      'ReleaseConcurrencyRule', 'SecretOnCommandLineRule', 'SecretsInheritRule', 'UnpinnedActionRule', 'UnreviewedActionPinRule', 'WorkflowPermissionsRule',
    ]);
    expect(Object.keys(root).filter((name) => ruleClasses.includes(name))).toEqual([]);
    expect(root.WorkflowAudit.builtInRules().map((rule) => rule.constructor.name).sort()).toEqual(ruleClasses);
  });

  test('the L1 provider bindings are in the providers namespace, not at the root', () => {
    expect(Object.keys(root.providers).sort()).toEqual(['DockerHubProvider', 'DockerHubRepositoryResource']);
    expect(Object.keys(root).filter((name) => name.startsWith('DockerHubRepositoryResource') || name === 'DockerHubProvider')).toEqual([]);
    expect(root.DockerHubRepo).toBeDefined();
  });
});

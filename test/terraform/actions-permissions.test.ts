import 'cdktf/lib/testing/adapters/jest';
import { ActionsRepositoryPermissions } from '@cdktf/provider-github/lib/actions-repository-permissions';
import { GithubProvider } from '@cdktf/provider-github/lib/provider';
import { Testing } from 'cdktf';
import { ActionsPermissions, AllowedActions, SettingsStack } from '../../src/terraform';
import { errorOf as messageOf } from '../support/errors';
import { newStack, synthConforming } from '../support/terraform';

Testing.setupJest();

const HEADER = '[talos-sbc-constructs] ActionsPermissions at "settings/ActionsPolicy" is invalid:';

describe('ActionsPermissions', () => {
  test('defaults: Actions enabled, all actions, SHA pinning required, github provider raised to ~> 6.12.0', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const policy = new ActionsPermissions(stack, 'ActionsPolicy', { githubRepository: 'talos-sbc-nanopi-m6' });

    // THEN
    const synthesized = synthConforming(stack);
    expect(synthesized).toMatchSnapshot();
    expect(synthesized).toHaveResourceWithProperties(ActionsRepositoryPermissions, {
      repository: 'talos-sbc-nanopi-m6',
      enabled: true,
      allowed_actions: 'all',
      sha_pinning_required: true,
      provider: 'github',
    });
    const json = JSON.parse(synthesized);
    expect(json.terraform.required_providers.github).toEqual({ source: 'integrations/github', version: '~> 6.12.0' });
    expect(Object.values(json.resource.github_actions_repository_permissions).map((r: any) => r.allowed_actions_config)).toEqual([undefined]);
    expect(policy.requireShaPinning).toBe(true);
    expect(policy.allowedActions).toBe(AllowedActions.ALL);
  });

  test('selected actions with patterns; a GitHub provider declared before or after gets ~> 6.12.0 (6.12.x only) in a SettingsStack', () => {
    const stack = new SettingsStack(Testing.app(), 'settings');
    new GithubProvider(stack, 'Early', { alias: 'early' });
    const provider = new GithubProvider(stack, 'Github', {});

    new ActionsPermissions(stack, 'ActionsPolicy', {
      githubRepository: 'talos-sbc-nanopi-m6',
      allowedActions: AllowedActions.SELECTED,
      verifiedAllowed: true,
      allowedPatterns: ['docker/*', 'siderolabs/imager@*', 'sigstore/cosign-installer@v3'],
      provider,
    });
    new GithubProvider(stack, 'Late', { alias: 'late' });

    const synthesized = synthConforming(stack);
    expect(synthesized).toMatchSnapshot();
    expect(synthesized).toHaveResourceWithProperties(ActionsRepositoryPermissions, {
      allowed_actions: 'selected',
      allowed_actions_config: {
        github_owned_allowed: true,
        verified_allowed: true,
        patterns_allowed: ['docker/*', 'siderolabs/imager@*', 'sigstore/cosign-installer@v3'],
      },
      sha_pinning_required: true,
    });
    expect(JSON.parse(synthesized).terraform.required_providers.github.version).toBe('~> 6.12.0');
    expect(stack.githubProviderVersionConstraint).toBe('~> 6.12.0');
  });

  test('requireShaPinning: false writes no sha_pinning_required and keeps ~> 6.12.0', () => {
    const stack = new SettingsStack(Testing.app(), 'settings');
    new ActionsPermissions(stack, 'ActionsPolicy', { githubRepository: 'talos-sbc-nanopi-m6', requireShaPinning: false });

    const json = JSON.parse(synthConforming(stack));
    const [resource] = Object.values(json.resource.github_actions_repository_permissions) as any[];
    expect(resource.sha_pinning_required).toBeUndefined();
    expect(json.terraform.required_providers.github.version).toBe('~> 6.12.0');
    expect(stack.githubProviderVersionConstraint).toBe('~> 6.12.0');
  });

  describe('rejects bad input with one error naming path, field, value, rule and fix', () => {
    test('selection options without AllowedActions.SELECTED', () => {
      expect(messageOf(() => new ActionsPermissions(newStack(), 'ActionsPolicy', {
        githubRepository: 'talos-sbc-nanopi-m6',
        allowedActions: AllowedActions.LOCAL_ONLY,
        githubOwnedAllowed: true,
        allowedPatterns: ['docker/*'],
      }))).toBe([
        HEADER,
        '  - githubOwnedAllowed = true: applies only with allowedActions: AllowedActions.SELECTED (got "local_only"). '
        + 'Fix: set allowedActions: AllowedActions.SELECTED, or remove githubOwnedAllowed',
        '  - allowedPatterns = ["docker/*"]: applies only with allowedActions: AllowedActions.SELECTED (got "local_only"). '
        + 'Fix: set allowedActions: AllowedActions.SELECTED, or remove allowedPatterns',
      ].join('\n'));
    });

    test('a selection that allows nothing, and a malformed pattern', () => {
      expect(messageOf(() => new ActionsPermissions(newStack(), 'ActionsPolicy', {
        githubRepository: 'talos-sbc-nanopi-m6',
        allowedActions: AllowedActions.SELECTED,
        githubOwnedAllowed: false,
      }))).toBe([
        HEADER,
        '  - allowedPatterns = []: with GitHub-owned and verified actions disallowed and no pattern, no public action could run (not even actions/checkout). '
        + 'Fix: list the actions the workflows use, e.g. ["actions/*", "docker/*"], or allow GitHub-owned actions',
      ].join('\n'));
      expect(messageOf(() => new ActionsPermissions(newStack(), 'ActionsPolicy', {
        githubRepository: 'talos-sbc-nanopi-m6',
        allowedActions: AllowedActions.SELECTED,
        allowedPatterns: ['docker/login-action@ v3'],
      }))).toBe([
        HEADER,
        '  - allowedPatterns[0] = "docker/login-action@ v3": an action pattern must match ^[A-Za-z0-9*][A-Za-z0-9._*\\/-]*(?:@[A-Za-z0-9._*\\/-]+)?$. '
        + 'Fix: use "owner/*", "owner/repo@*" or "owner/repo@<ref>"',
      ].join('\n'));
    });
  });
});

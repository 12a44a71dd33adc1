import { ActionsRepositoryPermissions } from '@cdktf/provider-github/lib/actions-repository-permissions';
import { Construct } from 'constructs';
import { TerraformProvider } from './core';
import { checkGithubProvider, checkRepository } from './github-names';
import { checkSettingsProps } from './prop-types';
import { GITHUB_PROVIDER_MINOR_SHA_PINNING, requireGithubProviderMinor, useGithubProvider } from './providers';
import { pathOf, Problems } from '../private/validation';

/** `owner/repo[/path]@ref` patterns, with `*` wildcards. */
const ACTION_PATTERN = /^[A-Za-z0-9*][A-Za-z0-9._*\/-]*(?:@[A-Za-z0-9._*\/-]+)?$/;

/**
 * Which actions and reusable workflows may run in a repository.
 * @see https://docs.github.com/en/rest/actions/permissions#set-github-actions-permissions-for-a-repository
 */
export enum AllowedActions {
  /** Any action or reusable workflow. */
  ALL = 'all',
  /** Only actions and reusable workflows in the same repository (or owner); breaks workflows that use public actions. */
  LOCAL_ONLY = 'local_only',
  /** GitHub-owned actions, verified creators and/or listed patterns (`allowedPatterns`). */
  SELECTED = 'selected',
}

/**
 * Properties of `ActionsPermissions`.
 */
export interface ActionsPermissionsProps {
  /**
   * The GitHub repository name, without the owner, e.g. `talos-sbc-nanopi-m6`.
   */
  readonly githubRepository: string;

  /**
   * Which actions may run.
   * @default AllowedActions.ALL
   */
  readonly allowedActions?: AllowedActions;

  /**
   * With `AllowedActions.SELECTED`: whether actions owned by GitHub (`actions/*`, `github/*`)
   * are allowed.
   * @default true
   */
  readonly githubOwnedAllowed?: boolean;

  /**
   * With `AllowedActions.SELECTED`: whether Marketplace actions of verified creators are allowed.
   * @default false
   */
  readonly verifiedAllowed?: boolean;

  /**
   * With `AllowedActions.SELECTED`: further allowed actions, e.g. `docker/login-action@*` or
   * `docker/*`.
   * @default []
   */
  readonly allowedPatterns?: string[];

  /**
   * Require every action to be pinned to a full commit SHA (`sha_pinning_required`): a workflow
   * that uses `owner/action@v1` then fails. The release workflow of this library pins every
   * action by SHA. Needs github provider 6.11 or later, which the stack's constraint `~> 6.12.0`
   * admits (integrations/terraform-provider-github
   * github/resource_github_actions_repository_permissions.go:68 @ v6.12.1; the prebuilt binding
   * predates the attribute, so it is written through an override).
   *
   * `false` does not write the attribute: the repository's current setting is left as it is.
   * @default true
   * @see https://registry.terraform.io/providers/integrations/github/latest/docs/resources/actions_repository_permissions
   */
  readonly requireShaPinning?: boolean;

  /**
   * The integrations/github provider to use (a `GithubProvider` of `@cdktf/provider-github`).
   * @default - the stack's default GitHub provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * The GitHub Actions policy of one repository (`github_actions_repository_permissions`): Actions
 * enabled, which actions may run, and (by default) that every action is pinned to a commit SHA.
 *
 * @example
 * new ActionsPermissions(stack, 'ActionsPolicy', { githubRepository: 'talos-sbc-nanopi-m6' });
 */
export class ActionsPermissions extends Construct {
  /** The GitHub repository name. */
  public readonly githubRepository: string;

  /** Which actions may run. */
  public readonly allowedActions: AllowedActions;

  /** Whether SHA pinning is required (and written). */
  public readonly requireShaPinning: boolean;

  /**
   * @param scope parent construct, inside a `TerraformStack`
   * @param id construct id
   * @param props policy properties
   */
  constructor(scope: Construct, id: string, props: ActionsPermissionsProps) {
    super(scope, id);
    checkSettingsProps(this, 'ActionsPermissions', props, {
      githubRepository: 'string',
      allowedActions: { enumObject: AllowedActions, enumName: 'AllowedActions', optional: true },
      githubOwnedAllowed: 'boolean?',
      verifiedAllowed: 'boolean?',
      allowedPatterns: 'string[]?',
      requireShaPinning: 'boolean?',
      provider: { instance: TerraformProvider, optional: true, fix: 'pass a GithubProvider from @cdktf/provider-github, or omit provider' },
    }, {
      githubRepository: 'use the repository name as on GitHub, e.g. "talos-sbc-nanopi-m6"',
      allowedPatterns: 'use action patterns such as "docker/*"',
    }, ['githubRepository', 'allowedPatterns']);
    validate(this, props);

    this.githubRepository = props.githubRepository;
    this.allowedActions = props.allowedActions ?? AllowedActions.ALL;
    this.requireShaPinning = props.requireShaPinning ?? true;

    const resource = new ActionsRepositoryPermissions(this, 'Resource', {
      provider: useGithubProvider(this, props.provider),
      repository: props.githubRepository,
      enabled: true,
      allowedActions: this.allowedActions,
      allowedActionsConfig: this.allowedActions === AllowedActions.SELECTED ? {
        githubOwnedAllowed: props.githubOwnedAllowed ?? true,
        verifiedAllowed: props.verifiedAllowed ?? false,
        patternsAllowed: props.allowedPatterns ?? [],
      } : undefined,
    });
    if (this.requireShaPinning) {
      resource.addOverride('sha_pinning_required', true);
      requireGithubProviderMinor(this, GITHUB_PROVIDER_MINOR_SHA_PINNING);
    }
  }
}

function validate(construct: ActionsPermissions, props: ActionsPermissionsProps): void {
  const problems = new Problems('ActionsPermissions', pathOf(construct));
  checkRepository(problems, 'githubRepository', props.githubRepository);
  const allowed = props.allowedActions ?? AllowedActions.ALL;
  if (allowed !== AllowedActions.SELECTED) {
    for (const field of ['githubOwnedAllowed', 'verifiedAllowed', 'allowedPatterns'] as const) {
      if (props[field] !== undefined) {
        problems.add(field, props[field], `applies only with allowedActions: AllowedActions.SELECTED (got "${allowed}")`,
          `set allowedActions: AllowedActions.SELECTED, or remove ${field}`);
      }
    }
  } else if (props.githubOwnedAllowed === false && props.verifiedAllowed !== true && (props.allowedPatterns ?? []).length === 0) {
    problems.add('allowedPatterns', props.allowedPatterns ?? [], 'with GitHub-owned and verified actions disallowed and no pattern, no public action could run (not even actions/checkout)',
      'list the actions the workflows use, e.g. ["actions/*", "docker/*"], or allow GitHub-owned actions');
  }
  (props.allowedPatterns ?? []).forEach((pattern, i) => {
    if (!ACTION_PATTERN.test(pattern)) {
      problems.add(`allowedPatterns[${i}]`, pattern, `an action pattern must match ${ACTION_PATTERN.source}`,
        'use "owner/*", "owner/repo@*" or "owner/repo@<ref>"');
    }
  });
  checkGithubProvider(problems, construct, props.provider, 'policy');
  problems.throwIfAny();
}

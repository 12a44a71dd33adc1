import { RepositoryEnvironment } from '@cdktf/provider-github/lib/repository-environment';
import { RepositoryEnvironmentDeploymentPolicy } from '@cdktf/provider-github/lib/repository-environment-deployment-policy';
import { Construct } from 'constructs';
import { TerraformProvider } from './core';
import { checkEnvironmentName, checkGithubProvider, checkRepository, checkTagPatterns } from './github-names';
import { checkSettingsProps } from './prop-types';
import { useGithubProvider } from './providers';
import { pathOf, Problems } from '../private/validation';

/** GitHub allows at most 6 required reviewers (users and teams together). */
const MAX_REVIEWERS = 6;

/** GitHub's longest wait timer: 30 days, in minutes. */
const MAX_WAIT_TIMER_MINUTES = 43_200;

/**
 * Properties of a `ReleaseEnvironment`.
 */
export interface ReleaseEnvironmentProps {
  /**
   * The GitHub repository name, without the owner, e.g. `talos-sbc-nanopi-m6`.
   */
  readonly githubRepository: string;

  /**
   * Name of the Actions environment. The release workflow's publishing jobs declare
   * `environment: <name>`, and only they can read the environment's secrets.
   * @default "release"
   * @see https://docs.github.com/en/actions/managing-workflow-runs-and-deployments/managing-deployments/managing-environments-for-deployment
   */
  readonly environmentName?: string;

  /**
   * Tag patterns (fnmatch syntax, without `refs/tags/`) that may deploy to the environment: one
   * `github_repository_environment_deployment_policy` each. Use the boards' tag patterns,
   * e.g. `["v*-nanopi-m6"]`, so that only release-tag runs get the environment's secrets
   * (no branch can deploy to it).
   */
  readonly tagPatterns: string[];

  /**
   * GitHub user ids (numeric, `gh api users/<login> --jq .id`) of required reviewers: a
   * release job waits until one of them approves. At most 6 reviewers, users and teams together.
   * @default - no required reviewers
   */
  readonly reviewerUserIds?: number[];

  /**
   * GitHub team ids (numeric, `gh api orgs/<org>/teams/<slug> --jq .id`) of required reviewers.
   * At most 6 reviewers, users and teams together.
   * @default - no required reviewers
   */
  readonly reviewerTeamIds?: number[];

  /**
   * Whether the user who triggered a run is prevented from approving it (needs reviewers).
   * @default false
   */
  readonly preventSelfReview?: boolean;

  /**
   * Whether repository administrators may bypass the environment's protection rules.
   * @default true
   */
  readonly canAdminsBypass?: boolean;

  /**
   * Minutes a job waits before it starts (0 to 43 200, i.e. 30 days).
   * @default 0
   */
  readonly waitTimerMinutes?: number;

  /**
   * The integrations/github provider to use (a `GithubProvider` of `@cdktf/provider-github`).
   * @default - the stack's default GitHub provider, created with id `GithubProvider` if the
   *   stack has none
   */
  readonly provider?: TerraformProvider;
}

/**
 * The Actions environment that release jobs run in: `github_repository_environment` with a
 * custom deployment policy that admits only the release tags
 * (`github_repository_environment_deployment_policy` per tag pattern), optional required
 * reviewers and a wait timer.
 *
 * Give it to `RepoSecrets` (`environment`) to store the registry token as an environment
 * secret that only jobs running in this environment, on a release tag, can read.
 *
 * @example
 * const release = new ReleaseEnvironment(stack, 'Release', {
 *   githubRepository: 'talos-sbc-nanopi-m6',
 *   tagPatterns: ['v*-nanopi-m6'],
 * });
 */
export class ReleaseEnvironment extends Construct {
  /** The GitHub repository name. */
  public readonly githubRepository: string;

  /** The environment name, e.g. `release`. */
  public readonly environmentName: string;

  /** The tag patterns allowed to deploy to the environment. */
  public readonly tagPatterns: string[];

  /** The GitHub provider the environment's resources use. */
  public readonly provider: TerraformProvider;

  /**
   * @param scope parent construct, inside a `TerraformStack`
   * @param id construct id
   * @param props environment properties
   */
  constructor(scope: Construct, id: string, props: ReleaseEnvironmentProps) {
    super(scope, id);
    checkSettingsProps(this, 'ReleaseEnvironment', props, {
      githubRepository: 'string',
      environmentName: 'string?',
      tagPatterns: 'string[]',
      reviewerUserIds: 'number[]?',
      reviewerTeamIds: 'number[]?',
      preventSelfReview: 'boolean?',
      canAdminsBypass: 'boolean?',
      waitTimerMinutes: 'number?',
      provider: { instance: TerraformProvider, optional: true, fix: 'pass a GithubProvider from @cdktf/provider-github, or omit provider' },
    }, {
      githubRepository: 'use the repository name as on GitHub, e.g. "talos-sbc-nanopi-m6"',
      environmentName: 'use a name such as "release"',
      tagPatterns: 'use the release workflow\'s tag patterns, e.g. ["v*-nanopi-m6"]',
      reviewerUserIds: 'use numeric GitHub user ids, e.g. [1234567]',
      reviewerTeamIds: 'use numeric GitHub team ids, e.g. [7654321]',
      waitTimerMinutes: 'use a whole number of minutes, e.g. 0',
    }, ['githubRepository', 'environmentName', 'tagPatterns', 'reviewerUserIds', 'reviewerTeamIds', 'waitTimerMinutes']);
    const environmentName = props.environmentName ?? 'release';
    validate(this, props, environmentName);

    this.githubRepository = props.githubRepository;
    this.environmentName = environmentName;
    this.tagPatterns = [...props.tagPatterns];
    this.provider = useGithubProvider(this, props.provider);

    const users = props.reviewerUserIds ?? [];
    const teams = props.reviewerTeamIds ?? [];
    const environment = new RepositoryEnvironment(this, 'Resource', {
      provider: this.provider,
      repository: props.githubRepository,
      environment: environmentName,
      canAdminsBypass: props.canAdminsBypass ?? true,
      preventSelfReview: props.preventSelfReview ?? false,
      waitTimer: props.waitTimerMinutes ?? 0,
      reviewers: users.length + teams.length > 0 ? [{ users, teams }] : undefined,
      deploymentBranchPolicy: { protectedBranches: false, customBranchPolicies: true },
    });
    for (const pattern of this.tagPatterns) {
      new RepositoryEnvironmentDeploymentPolicy(this, `TagPolicy-${pattern.split('/').join('%2F')}`, {
        provider: this.provider,
        repository: props.githubRepository,
        environment: environmentName,
        tagPattern: pattern,
        dependsOn: [environment],
      });
    }
  }
}

function validate(construct: ReleaseEnvironment, props: ReleaseEnvironmentProps, environmentName: string): void {
  const problems = new Problems('ReleaseEnvironment', pathOf(construct));
  checkRepository(problems, 'githubRepository', props.githubRepository);
  checkEnvironmentName(problems, 'environmentName', environmentName);
  checkTagPatterns(problems, 'tagPatterns', props.tagPatterns);

  const users = props.reviewerUserIds ?? [];
  const teams = props.reviewerTeamIds ?? [];
  checkIds(problems, 'reviewerUserIds', users, 'gh api users/<login> --jq .id');
  checkIds(problems, 'reviewerTeamIds', teams, 'gh api orgs/<org>/teams/<team-slug> --jq .id');
  if (users.length + teams.length > MAX_REVIEWERS) {
    problems.add('reviewerUserIds', users, `GitHub allows at most ${MAX_REVIEWERS} required reviewers, users and teams together (got ${users.length} users and ${teams.length} teams)`,
      'keep at most 6; put several people in a team and list the team instead');
  }
  if (props.preventSelfReview === true && users.length + teams.length === 0) {
    problems.add('preventSelfReview', true, 'takes effect only with required reviewers',
      'add reviewerUserIds or reviewerTeamIds, or remove preventSelfReview');
  }

  const wait = props.waitTimerMinutes;
  if (wait !== undefined && (!Number.isInteger(wait) || wait < 0 || wait > MAX_WAIT_TIMER_MINUTES)) {
    problems.add('waitTimerMinutes', wait, `must be a whole number of minutes from 0 to ${MAX_WAIT_TIMER_MINUTES} (30 days)`,
      'use e.g. 10 for a ten-minute grace period, or omit it');
  }
  checkGithubProvider(problems, construct, props.provider, 'environment');
  problems.throwIfAny();
}

/** Checks numeric GitHub ids: positive integers, no duplicates. */
function checkIds(problems: Problems, field: string, ids: readonly number[], lookup: string): void {
  ids.forEach((id, i) => {
    if (!Number.isSafeInteger(id) || id <= 0) {
      problems.add(`${field}[${i}]`, id, 'a GitHub id is a positive whole number', `look it up with: ${lookup}`);
    } else if (ids.indexOf(id) !== i) {
      problems.add(`${field}[${i}]`, id, 'duplicates an earlier id', 'list each reviewer once');
    }
  });
}

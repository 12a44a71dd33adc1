import 'cdktf/lib/testing/adapters/jest';
import { GithubProvider } from '@cdktf/provider-github/lib/provider';
import { RepositoryEnvironment } from '@cdktf/provider-github/lib/repository-environment';
import { RepositoryEnvironmentDeploymentPolicy } from '@cdktf/provider-github/lib/repository-environment-deployment-policy';
import { TerraformStack, Testing } from 'cdktf';
import { ReleaseEnvironment } from '../../src/terraform';
import { errorOf as messageOf } from '../support/errors';
import { newStack, synthConforming } from '../support/terraform';

Testing.setupJest();

const HEADER = '[talos-sbc-constructs] ReleaseEnvironment at "settings/Release" is invalid:';

describe('ReleaseEnvironment', () => {
  test('defaults: environment "release", tag-only deployment policy, no reviewers', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const release = new ReleaseEnvironment(stack, 'Release', { githubRepository: 'talos-sbc-nanopi-m6', tagPatterns: ['v*-nanopi-m6'] });

    // THEN
    const synthesized = synthConforming(stack);
    expect(synthesized).toMatchSnapshot();
    expect(synthesized).toHaveResourceWithProperties(RepositoryEnvironment, {
      repository: 'talos-sbc-nanopi-m6',
      environment: 'release',
      can_admins_bypass: true,
      prevent_self_review: false,
      wait_timer: 0,
      deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
      provider: 'github',
    });
    expect(synthesized).toHaveResourceWithProperties(RepositoryEnvironmentDeploymentPolicy, {
      repository: 'talos-sbc-nanopi-m6',
      environment: 'release',
      tag_pattern: 'v*-nanopi-m6',
      depends_on: ['github_repository_environment.Release_6218179A'],
    });
    const json = JSON.parse(synthesized);
    expect(json.resource.github_repository_environment.Release_6218179A.reviewers).toBeUndefined();
    for (const policy of Object.values(json.resource.github_repository_environment_deployment_policy) as any[]) {
      expect(policy.branch_pattern).toBeUndefined(); // no branch can deploy
    }
    expect(json.terraform.required_providers.github).toEqual({ source: 'integrations/github', version: '~> 6.12.0' });
    expect(release.environmentName).toBe('release');
    expect(release.githubRepository).toBe('talos-sbc-nanopi-m6');
    expect(release.tagPatterns).toEqual(['v*-nanopi-m6']);
    expect(release.node.defaultChild).toBeInstanceOf(RepositoryEnvironment);
  });

  test('all options: own name, reviewers, wait timer, several tag patterns', () => {
    const stack = newStack();
    const provider = new GithubProvider(stack, 'Org', { alias: 'org', owner: 'talos-sbc' });

    new ReleaseEnvironment(stack, 'Release', {
      githubRepository: 'talos-sbc-nanopi-m6',
      environmentName: 'docker-hub',
      tagPatterns: ['v*-nanopi-m6', 'v*-nanopi-r6s', 'release/*'],
      reviewerUserIds: [1234567],
      reviewerTeamIds: [42],
      preventSelfReview: true,
      canAdminsBypass: false,
      waitTimerMinutes: 43_200,
      provider,
    });

    const synthesized = synthConforming(stack);
    expect(synthesized).toMatchSnapshot();
    expect(synthesized).toHaveResourceWithProperties(RepositoryEnvironment, {
      environment: 'docker-hub',
      can_admins_bypass: false,
      prevent_self_review: true,
      wait_timer: 43_200,
      reviewers: [{ users: [1234567], teams: [42] }],
      provider: 'github.org',
    });
    const json = JSON.parse(synthesized);
    const policies = Object.values(json.resource.github_repository_environment_deployment_policy) as any[];
    expect(policies.map((p) => p.tag_pattern).sort()).toEqual(['release/*', 'v*-nanopi-m6', 'v*-nanopi-r6s']);
    expect(policies.every((p) => p.environment === 'docker-hub' && p.provider === 'github.org')).toBe(true);
  });

  describe('rejects bad input with one error naming path, field, value, rule and fix', () => {
    const props = { githubRepository: 'talos-sbc-nanopi-m6', tagPatterns: ['v*-nanopi-m6'] };

    test('an environment name with a space', () => {
      expect(messageOf(() => new ReleaseEnvironment(newStack(), 'Release', { ...props, environmentName: 'docker hub' }))).toBe([
        HEADER,
        '  - environmentName = "docker hub": an environment name must match ^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$ '
        + '(letters, digits, ".", "_" and "-", starting with a letter or digit, at most 100 characters). Fix: use a name such as "release"',
      ].join('\n'));
    });

    test('more than 6 reviewers', () => {
      expect(messageOf(() => new ReleaseEnvironment(newStack(), 'Release', {
        ...props,
        reviewerUserIds: [1, 2, 3, 4, 5],
        reviewerTeamIds: [6, 7],
      }))).toBe([
        HEADER,
        '  - reviewerUserIds = [1,2,3,4,5]: GitHub allows at most 6 required reviewers, users and teams together (got 5 users and 2 teams). '
        + 'Fix: keep at most 6; put several people in a team and list the team instead',
      ].join('\n'));
    });

    test('a wait timer out of range', () => {
      expect(messageOf(() => new ReleaseEnvironment(newStack(), 'Release', { ...props, waitTimerMinutes: 43_201 }))).toBe([
        HEADER,
        '  - waitTimerMinutes = 43201: must be a whole number of minutes from 0 to 43200 (30 days). Fix: use e.g. 10 for a ten-minute grace period, or omit it',
      ].join('\n'));
    });

    test('invalid tag patterns: refs/ prefix, "+", a space, a duplicate', () => {
      expect(messageOf(() => new ReleaseEnvironment(newStack(), 'Release', {
        ...props,
        tagPatterns: ['refs/tags/v*', 'v[0-9]+.*', 'v* nanopi', 'v*-nanopi-m6', 'v*-nanopi-m6'],
      }))).toBe([
        HEADER,
        '  - tagPatterns[0] = "refs/tags/v*": a tag pattern is the part after refs/tags/ (the prefix is added). Fix: use "v*"',
        '  - tagPatterns[1] = "v[0-9]+.*": "?" and "+" repeat the preceding character in workflow tag filters, but rulesets and deployment policies (fnmatch) '
        + 'read "?" as any one character and "+" literally, so the two would match different tags. Fix: use "*" or a class such as "[0-9]" instead, e.g. "v*-0-9"',
        '  - tagPatterns[2] = "v* nanopi": a tag pattern must match ^[A-Za-z0-9._\\/*[\\]-]+$ (letters, digits, ".", "_", "-", "/", "*" and [classes]). '
        + 'Fix: use a pattern such as "v*-nanopi"',
        '  - tagPatterns[4] = "v*-nanopi-m6": duplicates an earlier pattern. Fix: list each pattern once',
      ].join('\n'));
    });

    test('broad tag patterns that would let any tag deploy and read the token: "*", "**", "v*", "*/*", "v**-nanopi-m6" (as strict as OverlayBoard.tagPattern)', () => {
      // one rule for both sides (tagPatternProblem in src/workflow/private/tag-glob.ts)
      // the suggestion follows the pattern; a pattern without a name part gets a placeholder name
      const bare = 'a tag pattern must name the board or release line (a bare wildcard releases on unrelated tags). '
        + 'Fix: use a pattern such as "v*-my-board"';
      const doubleStar = '"**" also matches "/" in workflow tag filters but not in rulesets and deployment policies (fnmatch with FNM_PATHNAME), so the two would match different tags. '
        + 'Fix: use "*", which stops at "/" in both, e.g. "v*-my-board"';
      expect(messageOf(() => new ReleaseEnvironment(newStack(), 'Release', { ...props, tagPatterns: ['*', '**', 'v*', '*/*', 'v**-nanopi-m6'] }))).toBe([
        '[talos-sbc-constructs] ReleaseEnvironment at "settings/Release" is invalid:',
        `  - tagPatterns[0] = "*": ${bare}`,
        `  - tagPatterns[1] = "**": ${doubleStar}`,
        `  - tagPatterns[2] = "v*": ${bare}`,
        `  - tagPatterns[3] = "*/*": ${bare}`,
        `  - tagPatterns[4] = "v**-nanopi-m6": ${doubleStar.replace('v*-my-board', 'v*-nanopi-m6')}`,
      ].join('\n'));
    });

    test('no tag pattern, bad reviewer ids, a negative wait timer, a repository with owner: every problem at once', () => {
      expect(messageOf(() => new ReleaseEnvironment(newStack(), 'Release', {
        githubRepository: 'talos-sbc/talos-sbc-nanopi-m6',
        tagPatterns: [],
        reviewerTeamIds: [0, 1.5],
        preventSelfReview: true,
        waitTimerMinutes: -1,
      }))).toBe([
        HEADER,
        '  - githubRepository = "talos-sbc/talos-sbc-nanopi-m6": a GitHub repository name must match ^[A-Za-z0-9._-]{1,100}$ and not be "." or "..". '
        + 'Fix: use the name without the owner, e.g. "talos-sbc-nanopi-m6" (the owner comes from githubOwner or GITHUB_OWNER)',
        '  - tagPatterns = []: at least one release tag pattern is needed. Fix: pass the release workflow\'s tag patterns, e.g. ["v*-<board name>"]',
        '  - reviewerTeamIds[0] = 0: a GitHub id is a positive whole number. Fix: look it up with: gh api orgs/<org>/teams/<team-slug> --jq .id',
        '  - reviewerTeamIds[1] = 1.5: a GitHub id is a positive whole number. Fix: look it up with: gh api orgs/<org>/teams/<team-slug> --jq .id',
        '  - waitTimerMinutes = -1: must be a whole number of minutes from 0 to 43200 (30 days). Fix: use e.g. 10 for a ten-minute grace period, or omit it',
      ].join('\n'));
    });

    test('preventSelfReview without reviewers', () => {
      expect(messageOf(() => new ReleaseEnvironment(newStack(), 'Release', { ...props, preventSelfReview: true }))).toBe([
        HEADER,
        '  - preventSelfReview = true: takes effect only with required reviewers. Fix: add reviewerUserIds or reviewerTeamIds, or remove preventSelfReview',
      ].join('\n'));
    });

    test('a provider from another stack', () => {
      const app = Testing.app();
      const provider = new GithubProvider(new TerraformStack(app, 'other'), 'Github', {});
      expect(messageOf(() => new ReleaseEnvironment(new TerraformStack(app, 'settings'), 'Release', { ...props, provider }))).toBe([
        HEADER,
        '  - provider = "other/Github": the provider must be declared in the same stack as the environment. '
        + 'Fix: omit provider to use the stack\'s GitHub provider, or create one in this stack',
      ].join('\n'));
    });
  });
});

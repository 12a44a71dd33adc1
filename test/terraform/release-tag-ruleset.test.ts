import 'cdktf/lib/testing/adapters/jest';
import { RepositoryRuleset } from '@cdktf/provider-github/lib/repository-ruleset';
import { Testing } from 'cdktf';
import { ReleaseTagRuleset, RulesetBypassActor } from '../../src/terraform';
import { errorOf as messageOf } from '../support/errors';
import { newStack, synthConforming } from '../support/terraform';

Testing.setupJest();

const HEADER = '[talos-sbc-constructs] ReleaseTagRuleset at "settings/ReleaseTags" is invalid:';

describe('ReleaseTagRuleset', () => {
  test('defaults: active tag ruleset against deletion, update and force-push, nobody bypasses', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const ruleset = new ReleaseTagRuleset(stack, 'ReleaseTags', { githubRepository: 'talos-sbc-nanopi-m6', tagPatterns: ['v*-nanopi-m6'] });

    // THEN
    const synthesized = synthConforming(stack);
    expect(synthesized).toMatchSnapshot();
    expect(synthesized).toHaveResourceWithProperties(RepositoryRuleset, {
      repository: 'talos-sbc-nanopi-m6',
      name: 'release-tags',
      target: 'tag',
      enforcement: 'active',
      conditions: { ref_name: { include: ['refs/tags/v*-nanopi-m6'], exclude: [] } },
      rules: { deletion: true, update: true, non_fast_forward: true },
      provider: 'github',
    });
    const [resource] = Object.values(JSON.parse(synthesized).resource.github_repository_ruleset) as any[];
    expect(resource.rules.creation).toBeUndefined();
    expect(resource.bypass_actors).toEqual([]); // written: a bypass actor added in the UI is removed on the next apply
    expect(ruleset.rulesetName).toBe('release-tags');
    expect(ruleset.tagPatterns).toEqual(['v*-nanopi-m6']);
    expect(ruleset.githubRepository).toBe('talos-sbc-nanopi-m6');
  });

  test('restricted creation with bypass actors, several patterns, own name', () => {
    const stack = newStack();

    new ReleaseTagRuleset(stack, 'ReleaseTags', {
      githubRepository: 'talos-sbc-nanopi-m6',
      tagPatterns: ['v*-nanopi-m6', 'v*-nanopi-r6s'],
      rulesetName: 'Release tags',
      restrictCreation: true,
      bypassActors: [
        RulesetBypassActor.repositoryAdmins(),
        RulesetBypassActor.repositoryMaintainers(),
        RulesetBypassActor.repositoryRole(4),
        RulesetBypassActor.team(7654321),
        RulesetBypassActor.githubApp(123456),
      ],
    });

    const synthesized = synthConforming(stack);
    expect(synthesized).toMatchSnapshot();
    expect(synthesized).toHaveResourceWithProperties(RepositoryRuleset, {
      name: 'Release tags',
      conditions: { ref_name: { include: ['refs/tags/v*-nanopi-m6', 'refs/tags/v*-nanopi-r6s'], exclude: [] } },
      rules: { creation: true, deletion: true, update: true, non_fast_forward: true },
      bypass_actors: [
        { actor_type: 'RepositoryRole', actor_id: 5, bypass_mode: 'always' },
        { actor_type: 'RepositoryRole', actor_id: 2, bypass_mode: 'always' },
        { actor_type: 'RepositoryRole', actor_id: 4, bypass_mode: 'always' },
        { actor_type: 'Team', actor_id: 7654321, bypass_mode: 'always' },
        { actor_type: 'Integration', actor_id: 123456, bypass_mode: 'always' },
      ],
    });
  });

  describe('rejects bad input with one error naming path, field, value, rule and fix', () => {
    test('restricted creation without a bypass actor', () => {
      expect(messageOf(() => new ReleaseTagRuleset(newStack(), 'ReleaseTags', {
        githubRepository: 'talos-sbc-nanopi-m6',
        tagPatterns: ['v*-nanopi-m6'],
        restrictCreation: true,
      }))).toBe([
        HEADER,
        '  - restrictCreation = true: with creation restricted and no bypass actor, nobody could push a release tag. '
        + 'Fix: add a bypass actor, e.g. RulesetBypassActor.repositoryAdmins(), or remove restrictCreation',
      ].join('\n'));
    });

    test('bad pattern, bad name, bad and duplicate actors: every problem at once', () => {
      expect(messageOf(() => new ReleaseTagRuleset(newStack(), 'ReleaseTags', {
        githubRepository: 'talos-sbc-nanopi-m6',
        tagPatterns: ['v*..nanopi'],
        rulesetName: '-release tags!',
        bypassActors: [RulesetBypassActor.team(-3), RulesetBypassActor.repositoryAdmins(), RulesetBypassActor.repositoryRole(5)],
      }))).toBe([
        HEADER,
        '  - tagPatterns[0] = "v*..nanopi": no valid git tag name matches this pattern (see git check-ref-format: no "..", no "//", '
        + 'no component starting with "." or ending with ".lock", no "/" or "." at the end). Fix: use a pattern such as "v*-nanopi"',
        '  - rulesetName = "-release tags!": a ruleset name must match ^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$. Fix: use a name such as "release-tags"',
        '  - bypassActors[0] = "team -3": the actor id must be a positive whole number. '
        + 'Fix: look the id up with the GitHub API (teams: gh api orgs/<org>/teams/<slug> --jq .id; apps: the App ID on the app\'s settings page)',
        '  - bypassActors[2] = "repository role 5": duplicates an earlier bypass actor. Fix: list each actor once',
      ].join('\n'));
    });
  });
});

import { RepositoryRuleset } from '@cdktf/provider-github/lib/repository-ruleset';
import { Construct } from 'constructs';
import { TerraformProvider, Token } from './core';
import { checkGithubProvider, checkRepository, checkTagPatterns } from './github-names';
import { checkSettingsProps } from './prop-types';
import { useGithubProvider } from './providers';
import { checkNumber } from '../private/types';
import { pathOf, Problems } from '../private/validation';

/** Ruleset names: GitHub allows up to 100 characters; kept to a plain alphabet here. */
const RULESET_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$/;

/** Actor types of a ruleset bypass entry (`bypass_actors.actor_type`). */
enum BypassActorType {
  REPOSITORY_ROLE = 'RepositoryRole',
  TEAM = 'Team',
  INTEGRATION = 'Integration',
}

/**
 * Who may bypass a tag ruleset (`bypass_actors` of `github_repository_ruleset`); bypass mode
 * `always`, the only one that applies to tags.
 *
 * @see https://docs.github.com/en/rest/repos/rules#create-a-repository-ruleset
 */
export class RulesetBypassActor {
  /**
   * Repository administrators (the built-in `admin` role, actor id 5).
   */
  public static repositoryAdmins(): RulesetBypassActor {
    return new RulesetBypassActor(BypassActorType.REPOSITORY_ROLE, 5, 'repository administrators');
  }

  /**
   * Repository maintainers (the built-in `maintain` role, actor id 2).
   */
  public static repositoryMaintainers(): RulesetBypassActor {
    return new RulesetBypassActor(BypassActorType.REPOSITORY_ROLE, 2, 'repository maintainers');
  }

  /**
   * A repository role by id: the built-in roles are `maintain` = 2, `write` = 4, `admin` = 5
   * (not in permission order); custom roles have their own ids.
   * @param roleId the role id
   */
  public static repositoryRole(roleId: number): RulesetBypassActor {
    checkActorId('RulesetBypassActor.repositoryRole', 'roleId', roleId);
    return new RulesetBypassActor(BypassActorType.REPOSITORY_ROLE, roleId, `repository role ${roleId}`);
  }

  /**
   * A team of the organisation (`gh api orgs/<org>/teams/<slug> --jq .id`).
   * @param teamId the numeric team id
   */
  public static team(teamId: number): RulesetBypassActor {
    checkActorId('RulesetBypassActor.team', 'teamId', teamId);
    return new RulesetBypassActor(BypassActorType.TEAM, teamId, `team ${teamId}`);
  }

  /**
   * A GitHub App, e.g. the app a release bot pushes tags with.
   * @param appId the numeric app id (not the installation id)
   */
  public static githubApp(appId: number): RulesetBypassActor {
    checkActorId('RulesetBypassActor.githubApp', 'appId', appId);
    return new RulesetBypassActor(BypassActorType.INTEGRATION, appId, `GitHub App ${appId}`);
  }

  private constructor(
    /** The `actor_type` written to Terraform. */
    public readonly actorType: string,
    /** The `actor_id` written to Terraform. */
    public readonly actorId: number,
    /** What the actor is, in words. */
    public readonly description: string,
  ) {}
}

/** A bypass actor id: a number known at synth time (the ruleset checks its range). */
function checkActorId(factory: string, field: string, id: unknown): void {
  const problems = new Problems('RulesetBypassActor', factory);
  if (checkNumber(problems, field, id, 'give the numeric id, e.g. 5') && Token.isUnresolved(id)) {
    problems.add(field, id, 'is a cdktf token (a value Terraform knows only at apply time), but the actor id is checked and written at synth time',
      'pass the literal numeric id, e.g. 5');
  }
  problems.throwIfAny();
}

/**
 * Properties of a `ReleaseTagRuleset`.
 */
export interface ReleaseTagRulesetProps {
  /**
   * The GitHub repository name, without the owner, e.g. `talos-sbc-nanopi-m6`.
   */
  readonly githubRepository: string;

  /**
   * Release tag patterns to protect (fnmatch syntax, without `refs/tags/`), e.g. the boards'
   * `["v*-nanopi-m6"]`.
   */
  readonly tagPatterns: string[];

  /**
   * Name of the ruleset, as shown under Settings → Rules.
   * @default "release-tags"
   */
  readonly rulesetName?: string;

  /**
   * Also restrict who may create matching tags (the `creation` rule): only `bypassActors` can
   * then push a release tag. Needs at least one bypass actor.
   * @default false - anyone with write access may create a release tag; nobody may move or
   *   delete it
   */
  readonly restrictCreation?: boolean;

  /**
   * Actors that may bypass the ruleset (mode `always`).
   * @default - nobody, not even administrators (they can still edit or disable the ruleset)
   */
  readonly bypassActors?: RulesetBypassActor[];

  /**
   * The integrations/github provider to use (a `GithubProvider` of `@cdktf/provider-github`).
   * @default - the stack's default GitHub provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * A tag ruleset that protects release tags: `github_repository_ruleset` with target `tag`,
 * enforcement `active`, `refs/tags/<pattern>` for each pattern, and the rules `deletion`,
 * `update` and `non_fast_forward`, so a released tag can be neither deleted nor moved to another
 * commit (the release and the pushed images stay tied to the tagged source).
 *
 * Rulesets replace GitHub's retired tag protection. Public repositories, or GitHub Pro / Team /
 * Enterprise for private ones.
 *
 * @example
 * new ReleaseTagRuleset(stack, 'ReleaseTags', {
 *   githubRepository: 'talos-sbc-nanopi-m6',
 *   tagPatterns: ['v*-nanopi-m6'],
 * });
 * @see https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/about-rulesets
 */
export class ReleaseTagRuleset extends Construct {
  /** The GitHub repository name. */
  public readonly githubRepository: string;

  /** The protected tag patterns (without `refs/tags/`). */
  public readonly tagPatterns: string[];

  /** The ruleset name. */
  public readonly rulesetName: string;

  /**
   * @param scope parent construct, inside a `TerraformStack`
   * @param id construct id
   * @param props ruleset properties
   */
  constructor(scope: Construct, id: string, props: ReleaseTagRulesetProps) {
    super(scope, id);
    checkSettingsProps(this, 'ReleaseTagRuleset', props, {
      githubRepository: 'string',
      tagPatterns: 'string[]',
      rulesetName: 'string?',
      restrictCreation: 'boolean?',
      bypassActors: { instanceArray: RulesetBypassActor, optional: true, fix: 'use RulesetBypassActor.repositoryAdmins() or another RulesetBypassActor factory' },
      provider: { instance: TerraformProvider, optional: true, fix: 'pass a GithubProvider from @cdktf/provider-github, or omit provider' },
    }, {
      githubRepository: 'use the repository name as on GitHub, e.g. "talos-sbc-nanopi-m6"',
      tagPatterns: 'use the release workflow\'s tag patterns, e.g. ["v*-nanopi-m6"]',
      rulesetName: 'use a name such as "release-tags"',
    }, ['githubRepository', 'tagPatterns', 'rulesetName']);
    const rulesetName = props.rulesetName ?? 'release-tags';
    validate(this, props, rulesetName);

    this.githubRepository = props.githubRepository;
    this.tagPatterns = [...props.tagPatterns];
    this.rulesetName = rulesetName;

    const restrictCreation = props.restrictCreation ?? false;
    new RepositoryRuleset(this, 'Resource', {
      provider: useGithubProvider(this, props.provider),
      repository: props.githubRepository,
      name: rulesetName,
      target: 'tag',
      enforcement: 'active',
      conditions: {
        refName: { include: this.tagPatterns.map((p) => `refs/tags/${p}`), exclude: [] },
      },
      rules: {
        creation: restrictCreation ? true : undefined,
        deletion: true,
        update: true,
        nonFastForward: true,
      },
      bypassActors: (props.bypassActors ?? []).map((actor) => ({
        actorType: actor.actorType,
        actorId: actor.actorId,
        bypassMode: 'always',
      })),
    });
  }
}

function validate(construct: ReleaseTagRuleset, props: ReleaseTagRulesetProps, rulesetName: string): void {
  const problems = new Problems('ReleaseTagRuleset', pathOf(construct));
  checkRepository(problems, 'githubRepository', props.githubRepository);
  checkTagPatterns(problems, 'tagPatterns', props.tagPatterns);
  if (!RULESET_NAME.test(rulesetName)) {
    problems.add('rulesetName', rulesetName, `a ruleset name must match ${RULESET_NAME.source}`, 'use a name such as "release-tags"');
  }
  const actors = props.bypassActors ?? [];
  actors.forEach((actor, i) => {
    if (!Number.isSafeInteger(actor.actorId) || actor.actorId <= 0) {
      problems.add(`bypassActors[${i}]`, actor.description, 'the actor id must be a positive whole number',
        'look the id up with the GitHub API (teams: gh api orgs/<org>/teams/<slug> --jq .id; apps: the App ID on the app\'s settings page)');
    } else if (actors.findIndex((a) => a.actorType === actor.actorType && a.actorId === actor.actorId) !== i) {
      problems.add(`bypassActors[${i}]`, actor.description, 'duplicates an earlier bypass actor', 'list each actor once');
    }
  });
  if (props.restrictCreation === true && actors.length === 0) {
    problems.add('restrictCreation', true, 'with creation restricted and no bypass actor, nobody could push a release tag',
      'add a bypass actor, e.g. RulesetBypassActor.repositoryAdmins(), or remove restrictCreation');
  }
  checkGithubProvider(problems, construct, props.provider, 'ruleset');
  problems.throwIfAny();
}

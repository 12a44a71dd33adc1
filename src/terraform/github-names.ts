/**
 * Checks shared by the GitHub settings constructs (internal, not part of the public barrel).
 */
import { IConstruct } from 'constructs';
import { TerraformProvider } from './core';
import { inSameStack, isGithubProvider } from './providers';
import { ENVIRONMENT_NAME, GITHUB_REPOSITORY_NAME } from '../private/names';
import { pathOf, Problems } from '../private/validation';
import { tagPatternProblem } from '../workflow/private/tag-glob';

export { ENVIRONMENT_NAME, GITHUB_REPOSITORY_NAME };


/**
 * Names that are keys of every JavaScript object (`__proto__`, `constructor`, `toString`, …): as
 * a key of a synthesised map, `__proto__` is silently dropped (leaving a dangling reference) and
 * the others shadow object methods.
 */
const PROTOTYPE_KEYS: readonly string[] = Object.getOwnPropertyNames(Object.prototype);

/**
 * Rejects names that are keys of `Object.prototype` (see `PROTOTYPE_KEYS`).
 * @returns whether the name is acceptable
 */
export function checkNotPrototypeKey(problems: Problems, field: string, name: string, what: string): boolean {
  if (PROTOTYPE_KEYS.includes(name)) {
    problems.add(field, name,
      `"${name}" is a property of every JavaScript object and cannot name a ${what}: as "__proto__" it is dropped from the synthesised JSON, leaving a dangling reference`,
      `use another ${what} name, e.g. "${name.replace(/^_+|_+$/g, '') || 'value'}_${what === 'Terraform variable' ? 'value' : 'VALUE'}"`);
    return false;
  }
  return true;
}

/** Checks a repository name given without the owner. */
export function checkRepository(problems: Problems, field: string, repository: string): void {
  if (!GITHUB_REPOSITORY_NAME.test(repository) || repository === '.' || repository === '..') {
    const fix = repository.includes('/')
      ? `use the name without the owner, e.g. "${repository.split('/').pop()}" (the owner comes from githubOwner or GITHUB_OWNER)`
      : 'use the repository name as on GitHub, e.g. "talos-sbc-nanopi-m6"';
    problems.add(field, repository, `a GitHub repository name must match ${GITHUB_REPOSITORY_NAME.source} and not be "." or ".."`, fix);
  }
}

/** Checks an Actions environment name. */
export function checkEnvironmentName(problems: Problems, field: string, name: string): void {
  if (!ENVIRONMENT_NAME.test(name)) {
    problems.add(field, name,
      `an environment name must match ${ENVIRONMENT_NAME.source} (letters, digits, ".", "_" and "-", starting with a letter or digit, at most 100 characters)`,
      'use a name such as "release"');
  }
}

/**
 * Checks release tag patterns (the part after `refs/tags/`): at least one, each in the subset that
 * means the same tags in the workflow's `on.push.tags` and in fnmatch (`tagPatternProblem`), no duplicates.
 */
export function checkTagPatterns(problems: Problems, field: string, patterns: readonly string[]): void {
  if (patterns.length === 0) {
    problems.add(field, patterns, 'at least one release tag pattern is needed', 'pass the boards\' tag patterns, e.g. ["v*-nanopi-m6"]');
  }
  const seen = new Set<string>();
  patterns.forEach((pattern, i) => {
    const where = `${field}[${i}]`;
    const problem = tagPatternProblem(pattern);
    if (problem) {
      problems.add(where, pattern, problem.rule, problem.fix);
    } else if (seen.has(pattern)) {
      problems.add(where, pattern, 'duplicates an earlier pattern', 'list each pattern once');
    }
    seen.add(pattern);
  });
}

/**
 * Checks that an explicit provider configures integrations/github and lives in the stack of `scope`.
 * @param noun what `scope` manages, for the message ("secrets", "environment", …)
 */
export function checkGithubProvider(problems: Problems, scope: IConstruct, provider: TerraformProvider | undefined, noun: string): void {
  if (provider === undefined) {
    return;
  }
  if (!isGithubProvider(provider)) {
    problems.add('provider', pathOf(provider), `must be an integrations/github provider (got ${provider.terraformProviderSource ?? provider.terraformResourceType})`,
      'pass a GithubProvider from @cdktf/provider-github, or omit provider');
  } else if (!inSameStack(scope, provider)) {
    problems.add('provider', pathOf(provider), `the provider must be declared in the same stack as the ${noun}`,
      'omit provider to use the stack\'s GitHub provider, or create one in this stack');
  }
}

/**
 * Finding or lazily creating the providers that the settings constructs need (internal).
 *
 * Not part of the public barrel: `SettingsStack.dockerHubProviderOf()` /
 * `SettingsStack.githubProviderOf()` are the public entry points.
 */
import { GithubProvider } from '@cdktf/provider-github/lib/provider';
import { IConstruct } from 'constructs';
import { TerraformProvider, TerraformStack } from './core';
import { DockerHubProvider } from './docker-provider';

/** The first github provider release with `sha_pinning_required` (Actions permissions). */
export const GITHUB_PROVIDER_MINOR_SHA_PINNING = 11;

/**
 * The minor version of the default constraint `~> 6.12.0` (6.12.x patches only, so a new minor is
 * a deliberate upgrade). `@cdktf/provider-github` 15.3.1 has the 6.9.0 schema and pins exactly
 * `6.9.0`; the constructs write the 6.12 attributes `value`, `value_encrypted` and `key_id` of
 * Actions secrets by override (integrations/terraform-provider-github
 * github/resource_github_actions_secret.go:53-75 @ v6.12.1, where `plaintext_value` and
 * `encrypted_value` are deprecated, :76-92), and every attribute written is checked against
 * src/terraform/schemas/github.json (read at v6.12.1).
 */
const GITHUB_PROVIDER_MINOR_DEFAULT = 12;

/** Per stack: the lowest github provider 6.x minor version that the stack's resources need. */
const GITHUB_PROVIDER_MINORS = new WeakMap<TerraformStack, number>();

/** Construct id of a lazily created docker/docker provider. */
export const DOCKER_HUB_PROVIDER_ID = 'DockerHubProvider';

/** Construct id of a lazily created GitHub provider. */
export const GITHUB_PROVIDER_ID = 'GithubProvider';

/** GitHub owners declared per stack (by `SettingsStack`), used when the provider is created. */
const GITHUB_OWNERS = new WeakMap<TerraformStack, string>();

/** Records the GitHub owner written into a lazily created GitHub provider of `stack`. */
export function setGithubOwner(stack: TerraformStack, owner: string): void {
  GITHUB_OWNERS.set(stack, owner);
}

/** Whether `provider` configures integrations/github. */
export function isGithubProvider(provider: TerraformProvider): boolean {
  return provider.terraformGeneratorMetadata?.providerName === 'github'
    || provider.terraformProviderSource === 'integrations/github';
}

/** Every provider of `stack` (any depth), in construct-tree order. */
function providersOf(stack: TerraformStack): TerraformProvider[] {
  return stack.node.findAll().filter((c): c is TerraformProvider => TerraformProvider.isTerraformProvider(c));
}

/**
 * The stack's default (unaliased) docker/docker provider; created with id `DockerHubProvider`
 * and no configuration (credentials from `DOCKER_USERNAME` / `DOCKER_PASSWORD`) if there is none.
 */
export function dockerHubProviderOf(scope: IConstruct): DockerHubProvider {
  const stack = TerraformStack.of(scope);
  const existing = providersOf(stack).find((p): p is DockerHubProvider => p instanceof DockerHubProvider && p.alias === undefined);
  return existing ?? new DockerHubProvider(stack, uniqueId(stack, DOCKER_HUB_PROVIDER_ID), {});
}

/**
 * The stack's default (unaliased) GitHub provider; created with id `GithubProvider` if there is
 * none, with no token (the provider reads `GITHUB_TOKEN` or runs `gh auth token`) and the owner
 * recorded for the stack, if any (else `GITHUB_OWNER` at apply time).
 */
export function githubProviderOf(scope: IConstruct): TerraformProvider {
  const stack = TerraformStack.of(scope);
  const existing = providersOf(stack).find((p) => isGithubProvider(p) && p.alias === undefined);
  if (existing) {
    return existing;
  }
  const provider = new GithubProvider(stack, uniqueId(stack, GITHUB_PROVIDER_ID), { owner: GITHUB_OWNERS.get(stack) });
  pinGithubProviderVersion(stack, provider);
  return provider;
}

/**
 * The GitHub provider a settings construct uses: `explicit`, or the stack's default one; either
 * way its stack's version constraint is pinned (`~> 6.12.0`), also in a plain `TerraformStack`,
 * because the constructs write attributes the prebuilt binding's exact `6.9.0` pin lacks.
 */
export function useGithubProvider(scope: IConstruct, explicit: TerraformProvider | undefined): TerraformProvider {
  if (explicit === undefined) {
    return githubProviderOf(scope);
  }
  if (isGithubProvider(explicit)) {
    pinGithubProviderVersion(TerraformStack.of(explicit), explicit);
  }
  return explicit;
}

/**
 * The GitHub provider version constraint of `stack`: `~> 6.12.0`, or `~> 6.<minor>.0` once a
 * resource that needs a later provider has raised it.
 */
export function githubProviderVersionConstraint(stack: TerraformStack): string {
  return `~> 6.${GITHUB_PROVIDER_MINORS.get(stack) ?? GITHUB_PROVIDER_MINOR_DEFAULT}.0`;
}

/**
 * Replaces the exact `6.9.0` pin of the prebuilt binding with the stack's constraint
 * (`~> 6.12.0` unless raised by `requireGithubProviderMinor`).
 */
export function pinGithubProviderVersion(stack: TerraformStack, provider: TerraformProvider): void {
  stack.addOverride(`terraform.required_providers.${provider.terraformResourceType}.version`, githubProviderVersionConstraint(stack));
}

/**
 * Records that `stack` needs at least github provider `6.<minor>` and rewrites the constraint of
 * every GitHub provider already in the stack. Providers added later get the raised constraint
 * when they are pinned (on creation by `githubProviderOf`, or by `SettingsStack` at synthesis).
 */
export function requireGithubProviderMinor(scope: IConstruct, minor: number): void {
  const stack = TerraformStack.of(scope);
  if ((GITHUB_PROVIDER_MINORS.get(stack) ?? GITHUB_PROVIDER_MINOR_DEFAULT) >= minor) {
    return;
  }
  GITHUB_PROVIDER_MINORS.set(stack, minor);
  for (const provider of providersOf(stack).filter(isGithubProvider)) {
    pinGithubProviderVersion(stack, provider);
  }
}

/** Whether `provider` belongs to the same stack as `scope`. */
export function inSameStack(scope: IConstruct, provider: TerraformProvider): boolean {
  return TerraformStack.of(provider) === TerraformStack.of(scope);
}

function uniqueId(stack: TerraformStack, id: string): string {
  let candidate = id;
  for (let i = 2; stack.node.tryFindChild(candidate) !== undefined; i++) {
    candidate = `${id}${i}`;
  }
  return candidate;
}

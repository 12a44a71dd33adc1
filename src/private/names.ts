import { hasHostileCharacters } from './shell';
import { Problems } from './validation';

/** The Docker Hub registry host. */
export const DOCKER_HUB_REGISTRY = 'docker.io';

/** Whether a registry host is Docker Hub (under any of its names). */
export function isDockerHubRegistry(registry: string): boolean {
  return [DOCKER_HUB_REGISTRY, 'index.docker.io', 'registry-1.docker.io'].includes(registry);
}

/** An image reference with an optional tag and no digest: `registry/path[:tag]`. */
export const TAGGED_IMAGE = /^[a-z0-9.-]+(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)+(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$/;

/** GitHub Actions variable/secret names. */
export const GITHUB_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Docker Hub user and organisation names: 4 to 30 lowercase letters and digits. */
export const DOCKER_HUB_NAMESPACE = /^[a-z0-9]{4,30}$/;

/** Generic OCI namespace path component. */
export const OCI_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/** Docker Hub repository names (docker/docker provider regex). */
export const DOCKER_HUB_REPOSITORY = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** Registry host with optional port. */
export const REGISTRY_HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::[0-9]{1,5})?$/;

/** OCI tag. */
export const OCI_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** sha256 digest. */
export const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;

/**
 * Validate a GitHub Actions secret or variable name.
 * @param kind 'secret' or 'variable' (for the message)
 */
export function checkGithubName(problems: Problems, field: string, value: string, kind: string): void {
  if (value.length === 0) {
    problems.add(field, value, `a GitHub Actions ${kind} name must not be empty`, `name the ${kind}, e.g. "${kind === 'secret' ? 'DOCKERHUB_TOKEN' : 'TALOS_VERSION'}"`);
  } else if (!GITHUB_NAME.test(value)) {
    problems.add(field, value, `a GitHub Actions ${kind} name must match ${GITHUB_NAME.source} (letters, digits and underscores, not starting with a digit)`,
      `rename it, e.g. "${suggestName(value)}"`);
  } else if (/^GITHUB_/i.test(value)) {
    problems.add(field, value, `GitHub reserves ${kind} names starting with "GITHUB_"`,
      `choose a name without the GITHUB_ prefix, e.g. "${value.replace(/^GITHUB_/i, 'REGISTRY_')}"`);
  }
}

function suggestName(value: string): string {
  const cleaned = value.toUpperCase().replace(/[^A-Z0-9_]/g, '_').replace(/^([0-9])/, '_$1');
  return cleaned.length > 0 ? cleaned : 'DOCKERHUB_TOKEN';
}

/** Reject values that could break out of a shell word or a workflow expression. */
export function checkSafeValue(problems: Problems, field: string, value: string, fix: string): boolean {
  if (hasHostileCharacters(value)) {
    problems.add(field, value,
      'must not contain whitespace, quotes, shell metacharacters ($ ` ; & | < > ( ) { } [ ] * ? ! # ~ ^ \\) or control characters', fix);
    return false;
  }
  return true;
}

/** Checks an OCI tag. */
export function checkTag(problems: Problems, field: string, tag: string): void {
  if (!OCI_TAG.test(tag)) {
    problems.add(field, tag, `an image tag must match ${OCI_TAG.source}`, 'use letters, digits, "_", "." and "-", at most 128 characters');
  }
}

/** Checks a digest-pinned image reference `repo[:tag]@sha256:<64 hex>`. */
export function checkPinnedImage(problems: Problems, field: string, ref: string): void {
  const at = ref.lastIndexOf('@');
  const digest = at >= 0 ? ref.slice(at + 1) : '';
  const name = at >= 0 ? ref.slice(0, at) : ref;
  const nameOk = TAGGED_IMAGE.test(name);
  if (!SHA256_DIGEST.test(digest) || !nameOk) {
    problems.add(field, ref, 'a system extension must be a digest-pinned image reference "registry/path[:tag]@sha256:<64 hex>"',
      'pin the image by digest, e.g. "ghcr.io/example/firmware:1.0@sha256:…" (crane digest <image>), or use SystemExtension.official(\'<name>\') for an official extension');
  }
}

/**
 * A relative path of plain segments (no "." or ".." segment, no leading "/", no shell or glob
 * characters): paths inside an overlay image or the workspace that reach generated scripts.
 */
export const PLAIN_RELATIVE_PATH = /^(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9_+-][A-Za-z0-9._+-]*(\/[A-Za-z0-9_+-][A-Za-z0-9._+-]*)*$/;

/** GitHub repository names (without the owner). */
export const GITHUB_REPOSITORY_NAME = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Actions environment names this library accepts: GitHub allows up to 255 characters, but the
 * name is also written into workflow files (`ReleaseWorkflow` `environment`, at most 100
 * characters) and API paths, so it is kept to a safe alphabet and length.
 */
export const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

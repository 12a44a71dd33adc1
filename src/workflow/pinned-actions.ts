/**
 * The one reviewed table of every action the generated workflows use.
 *
 * Each commit is the dereferenced commit of the release tag, read from the action's own
 * repository (not the annotated tag object); `inputs` are the inputs its `action.yml` declares
 * at that commit. Update an entry by resolving the new tag
 * with `git rev-parse <tag>^{commit}` in a clone of the action's repository.
 */

/** An action pinned to a full commit SHA. */
export interface PinnedActionRef {
  /** `owner/repo`. */
  readonly githubRepository: string;
  /** Full 40-hex commit SHA of the release tag. */
  readonly commit: string;
  /** The release tag the commit belongs to, e.g. `v7.0.1`. */
  readonly version: string;
  /** The inputs the action declares at that commit (its `action.yml`), for checking every `with:` key. */
  readonly inputs?: readonly string[];
}

export const CHECKOUT: PinnedActionRef = {
  githubRepository: 'actions/checkout',
  commit: '3d3c42e5aac5ba805825da76410c181273ba90b1',
  version: 'v7.0.1',
  inputs: ['repository', 'ref', 'token', 'ssh-key', 'ssh-known-hosts', 'ssh-strict', 'ssh-user', 'persist-credentials', 'path', 'clean', 'filter', 'sparse-checkout', 'sparse-checkout-cone-mode', 'fetch-depth', 'fetch-tags', 'show-progress', 'lfs', 'submodules', 'set-safe-directory', 'github-server-url', 'allow-unsafe-pr-checkout'],
};
export const SETUP_QEMU: PinnedActionRef = {
  githubRepository: 'docker/setup-qemu-action',
  commit: '96fe6ef7f33517b61c61be40b68a1882f3264fb8',
  version: 'v4.2.0',
  inputs: ['image', 'platforms', 'reset', 'cache-image'],
};
export const SETUP_BUILDX: PinnedActionRef = {
  githubRepository: 'docker/setup-buildx-action',
  commit: '37fe631027851001ddb9b187196cc803df7f5f0e',
  version: 'v4.3.0',
  inputs: ['version', 'driver', 'driver-opts', 'buildkitd-flags', 'buildkitd-config', 'buildkitd-config-inline', 'use', 'name', 'endpoint', 'platforms', 'append', 'keep-state', 'cache-binary', 'cleanup'],
};
export const DOCKER_LOGIN: PinnedActionRef = {
  githubRepository: 'docker/login-action',
  commit: '4907a6ddec9925e35a0a9e82d7399ccc52663121',
  version: 'v4.1.0',
  inputs: ['registry', 'username', 'password', 'ecr', 'scope', 'logout', 'registry-auth'],
};
export const BUILD_PUSH: PinnedActionRef = {
  githubRepository: 'docker/build-push-action',
  commit: '53b7df96c91f9c12dcc8a07bcb9ccacbed38856a',
  version: 'v7.3.0',
  inputs: ['add-hosts', 'allow', 'annotations', 'attests', 'build-args', 'build-contexts', 'builder', 'cache-from', 'cache-to', 'call', 'cgroup-parent', 'context', 'file', 'labels', 'load', 'network', 'no-cache', 'no-cache-filters', 'outputs', 'platforms', 'provenance', 'pull', 'push', 'sbom', 'secrets', 'secret-envs', 'secret-files', 'shm-size', 'ssh', 'tags', 'target', 'ulimit', 'github-token'],
};
export const UPLOAD_ARTIFACT: PinnedActionRef = {
  githubRepository: 'actions/upload-artifact',
  commit: 'bbbca2ddaa5d8feaa63e36b76fdaad77386f024f',
  version: 'v7.0.0',
  inputs: ['name', 'path', 'if-no-files-found', 'retention-days', 'compression-level', 'overwrite', 'include-hidden-files', 'archive'],
};
export const DOWNLOAD_ARTIFACT: PinnedActionRef = {
  githubRepository: 'actions/download-artifact',
  commit: '3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c',
  version: 'v8.0.1',
  inputs: ['name', 'artifact-ids', 'path', 'pattern', 'merge-multiple', 'github-token', 'repository', 'run-id', 'skip-decompress', 'digest-mismatch'],
};
export const ATTEST_BUILD_PROVENANCE: PinnedActionRef = {
  githubRepository: 'actions/attest-build-provenance',
  commit: 'a2bbfa25375fe432b6a289bc6b6cd05ecd0c4c32',
  version: 'v4.1.0',
  inputs: ['subject-path', 'subject-digest', 'subject-name', 'subject-checksums', 'predicate-type', 'predicate', 'predicate-path', 'push-to-registry', 'create-storage-record', 'show-summary', 'github-token'],
};
export const GH_RELEASE: PinnedActionRef = {
  githubRepository: 'softprops/action-gh-release',
  commit: 'b4309332981a82ec1c5618f44dd2e27cc8bfbfda',
  version: 'v3.0.0',
  inputs: ['body', 'body_path', 'name', 'tag_name', 'draft', 'prerelease', 'preserve_order', 'files', 'working_directory', 'overwrite_files', 'fail_on_unmatched_files', 'repository', 'token', 'target_commitish', 'discussion_category_name', 'generate_release_notes', 'previous_tag', 'append_body', 'make_latest'],
};

/** Every pinned action, for audits. */
export const PINNED_ACTIONS: readonly PinnedActionRef[] = [
  CHECKOUT, SETUP_QEMU, SETUP_BUILDX, DOCKER_LOGIN, BUILD_PUSH, UPLOAD_ARTIFACT, DOWNLOAD_ARTIFACT, ATTEST_BUILD_PROVENANCE, GH_RELEASE,
];

/** `owner/repo@<sha>`: the value of `uses:` (the version goes in a YAML comment). */
export function usesOf(action: PinnedActionRef): string {
  return `${action.githubRepository}@${action.commit}`;
}

/** The version comment for a `uses:` value, or undefined when it is not in the table. */
export function versionOf(uses: string): string | undefined {
  return PINNED_ACTIONS.find((a) => usesOf(a) === uses)?.version;
}

/**
 * The pins of one workflow: the reviewed table with the project's overrides applied.
 */
export class ActionPins {
  private readonly pins: PinnedActionRef[];

  constructor(overrides: readonly PinnedActionRef[] = []) {
    this.pins = PINNED_ACTIONS.map((pin) => overrides.find((o) => o.githubRepository === pin.githubRepository) ?? pin);
  }

  /** The `uses:` value of an action of the table. */
  public uses(action: PinnedActionRef): string {
    const pin = this.pins.find((p) => p.githubRepository === action.githubRepository);
    if (!pin) {
      throw new Error(`${action.githubRepository} is not in the pinned actions table`);
    }
    return usesOf(pin);
  }

  /** The version comment of a `uses:` value, or undefined when it is not pinned here. */
  public versionOf(uses: string): string | undefined {
    return this.pins.find((p) => usesOf(p) === uses)?.version;
  }

  /** Every pin in force. */
  public get all(): readonly PinnedActionRef[] {
    return this.pins;
  }
}

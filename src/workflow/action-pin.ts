/**
 * The actions the generated workflows use (the value is the action's repository).
 */
export enum GithubAction {
  /** actions/checkout */
  CHECKOUT = 'actions/checkout',
  /** docker/setup-qemu-action */
  SETUP_QEMU = 'docker/setup-qemu-action',
  /** docker/setup-buildx-action */
  SETUP_BUILDX = 'docker/setup-buildx-action',
  /** docker/login-action */
  DOCKER_LOGIN = 'docker/login-action',
  /** docker/build-push-action */
  BUILD_PUSH = 'docker/build-push-action',
  /** actions/upload-artifact */
  UPLOAD_ARTIFACT = 'actions/upload-artifact',
  /** actions/download-artifact */
  DOWNLOAD_ARTIFACT = 'actions/download-artifact',
  /** actions/attest-build-provenance */
  ATTEST_BUILD_PROVENANCE = 'actions/attest-build-provenance',
  /** softprops/action-gh-release */
  GH_RELEASE = 'softprops/action-gh-release',
}

/**
 * A project's own pin of an action, replacing the library's reviewed pin (e.g. to take a
 * newer release before the library does). The commit must be the full 40-hex commit SHA
 * the release tag points to (`git rev-parse <tag>^{commit}`), never a tag object or branch.
 */
export interface ActionPin {
  /** The action to pin. */
  readonly action: GithubAction;
  /** Full 40-hex commit SHA of the release. */
  readonly commit: string;
  /** The release tag, e.g. `v7.0.2`, written as a comment after the SHA. */
  readonly version: string;
}

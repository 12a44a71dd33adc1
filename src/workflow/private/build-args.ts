import { checkSafeValue } from '../../private/names';
import { keyField } from '../../private/text';
import { Problems } from '../../private/validation';

// Build-argument and build-file rules shared by OverlayBuild and its variants (internal).

export const BUILD_FILE = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9._\/-]+$/;
export const BUILD_TARGET = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const BUILD_ARG_NAME = /^[A-Z_][A-Z0-9_]*$/;

/**
 * Checks declared build arguments: names match `^[A-Z_][A-Z0-9_]*$`, values are plain text,
 * and `SOURCE_DATE_EPOCH` is left to the workflow.
 */
export function checkBuildArgs(problems: Problems, field: string, args: { [name: string]: string }): void {
  for (const [name, value] of Object.entries(args)) {
    if (!BUILD_ARG_NAME.test(name)) {
      problems.add(keyField(field, name), name, `a build argument name must match ${BUILD_ARG_NAME.source}`, 'use an upper-case name such as "PKGS_PREFIX"');
    } else if (name === 'SOURCE_DATE_EPOCH') {
      problems.add(keyField(field, name), value, 'SOURCE_DATE_EPOCH is computed from git at run time by the workflow',
        'remove it from buildArgs and choose its source with sourceDateEpoch');
    }
    if (typeof value !== 'string' || value.length === 0) {
      problems.add(keyField(field, name), value, 'a build argument value must be a non-empty string (bldr renders a missing value as "<no value>")', 'give the value, e.g. "ghcr.io/siderolabs"');
    } else {
      checkSafeValue(problems, keyField(field, name), value, 'use a plain value such as "ghcr.io/siderolabs"');
    }
  }
}


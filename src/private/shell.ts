/**
 * Shell helpers. Generated `run:` scripts never interpolate declaration values or
 * `${{ }}` expressions: values travel through `env:` and are referenced as quoted
 * shell variables. These helpers exist for the few places where a literal must be
 * written into a script (e.g. a fixed file name derived from validated input).
 */

/** Characters that are safe unquoted in a POSIX shell word. */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quote a string for POSIX sh/bash so it is taken literally. */
export function shellQuote(value: string): string {
  if (value.length > 0 && SAFE_WORD.test(value)) {
    return value;
  }
  return `'${value.replace(/'/g, '\'"\'"\'')}'`;
}

/**
 * Characters that must never appear in a value that reaches a workflow file:
 * shell metacharacters, quotes, whitespace and control characters, and
 * the GitHub expression opener.
 */
const HOSTILE = /[\s$`'"\\;&|<>(){}\[\]*?!#~^]|\$\{\{/;

/** True when the value contains characters that could alter a shell line or a workflow expression. */
export function hasHostileCharacters(value: string): boolean {
  return HOSTILE.test(value) || /[\u0000-\u001f\u007f]/.test(value);
}

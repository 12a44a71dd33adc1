// Translation of a GitHub Actions tag filter pattern into an anchored POSIX extended regular
// expression for bash `[[ $tag =~ $re ]]`, exact for the subset the library accepts (internal).
//
// GitHub's filter patterns are not bash globs ("Filter pattern cheat sheet", docs.github.com
// actions/reference/workflows-and-actions/workflow-syntax): `*` matches any characters except
// `/`, `**` matches any characters including `/`, and `?`, `+`, `[...]`, `!` and `\` are
// operators. Bash's `*` in `[[ == ]]` and `case` also matches `/`, so a glob would over-match.
//
// The supported subset, translated exactly:
//   - literal letters, digits, `.`, `_`, `-` and `/` (`.` escaped as `\.`);
//   - `*` → `[^/]*` (never crosses `/`);
//   - `**` → `.*`.
// Everything else (`?`, `+`, `[`, `]`, `!`, `\`, three or more `*` in a row) is rejected.

const SUBSET = /^[A-Za-z0-9._\/*-]+$/;

/** Why the pattern is outside the translated subset, or undefined when it is inside. */
export function tagPatternSubsetProblem(pattern: string): string | undefined {
  if (!SUBSET.test(pattern)) {
    return 'a tag pattern may use only letters, digits, ".", "_", "-", "/", "*" and "**" (the subset the plan job translates exactly)';
  }
  if (/\*{3,}/.test(pattern)) {
    return 'three or more "*" in a row have no single meaning in GitHub\'s filter patterns';
  }
  return undefined;
}

/** The anchored ERE of a pattern in the subset (check `tagPatternSubsetProblem` first). */
export function tagPatternRegex(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        out += '.*';
        i++;
      } else {
        out += '[^/]*';
      }
    } else if (c === '.') {
      out += '\\.';
    } else {
      out += c;
    }
  }
  return `^${out}$`;
}

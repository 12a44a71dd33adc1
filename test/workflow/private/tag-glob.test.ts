import { spawnSync } from 'child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  commonTag,
  describeTagPatternOverlap,
  findOverlappingTagPatterns,
  formatTagPatternOverlap,
  isValidTagName,
  matchesTagPattern,
  parseFilterPattern,
  TALOS_VERSION_OF_TAG_BASH_REGEX,
  tagPatternProblem,
  tagPatternsIntersect,
  talosVersionOfTag,
  toBashCondition,
  toBashRegex,
} from '../../../src/workflow/private/tag-glob';

/** Deterministic pseudo-random numbers (Park-Miller; exact in doubles), so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a * 16807) % 2147483647;
    return (a - 1) / 2147483646;
  };
}

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)];
}

/** Every string over `alphabet` of length 0..max. */
function allStrings(alphabet: string, max: number): string[] {
  const out = [''];
  let level = [''];
  for (let n = 1; n <= max; n++) {
    level = level.flatMap((s) => [...alphabet].map((c) => s + c));
    out.push(...level);
  }
  return out;
}

/** Fields of one input line for {@link bashOverLines} (the unit separator: tags may hold tabs). */
const SEP = '\u001f';

/**
 * Runs one bash over many lines; `body` reads fields from `$a`/`$b` and prints one word per line.
 * The lines come from a regular file: from a pipe, bash's `read` takes one byte per system call.
 */
function bashOverLines(lines: readonly string[], body: string, env: NodeJS.ProcessEnv = {}): string[] {
  const script = `while IFS=$'\\x1f' read -r a b; do ${body}; done`;
  const dir = mkdtempSync(join(tmpdir(), 'tag-glob-'));
  const input = join(dir, 'lines');
  writeFileSync(input, lines.map((l) => `${l}\n`).join(''));
  const fd = openSync(input, 'r');
  try {
    const result = spawnSync('bash', ['-c', script], { stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
    if (result.status !== 0) {
      throw new Error(`bash failed: ${result.stderr}`);
    }
    return result.stdout.split('\n').slice(0, lines.length);
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `git check-ref-format refs/tags/<tag>` for each tag, in one bash. */
function gitAcceptsTags(tags: readonly string[]): boolean[] {
  return bashOverLines(tags.map((t) => `${t}${SEP}`), 'if git check-ref-format "refs/tags/$a"; then echo 1; else echo 0; fi').map((w) => w === '1');
}

describe('parseFilterPattern (GitHub filter pattern syntax)', () => {
  test('reads *, **, **/, quantifiers, classes, escapes and leading !', () => {
    expect(parseFilterPattern('!v[0-2a]x+y?*/**/z**\\*').parts).toEqual([
      { kind: 'chars', chars: 'v', repeat: 'one' },
      { kind: 'chars', chars: 'a012', repeat: 'one' },
      { kind: 'chars', chars: 'x', repeat: 'oneOrMore' },
      { kind: 'chars', chars: 'y', repeat: 'optional' },
      { kind: 'star' },
      { kind: 'chars', chars: '/', repeat: 'one' },
      { kind: 'globstarSlash' },
      { kind: 'chars', chars: 'z', repeat: 'one' },
      { kind: 'globstar' },
      { kind: 'chars', chars: '*', repeat: 'one' },
    ]);
    expect(parseFilterPattern('!v*').negated).toBe(true);
    expect(parseFilterPattern('v!*').parts[1]).toEqual({ kind: 'chars', chars: '!', repeat: 'one' });
  });

  test.each([
    ['[]x', 'invalid filter pattern "[]x" at position 0: empty brackets "[]"'],
    ['v[0-9', 'invalid filter pattern "v[0-9" at position 1: missing "]" after "["'],
    ['v[A-z]', 'invalid filter pattern "v[A-z]" at position 3: the range A-z is not within a-z, A-Z or 0-9 in ascending order'],
    ['v[9-0]', 'invalid filter pattern "v[9-0]" at position 3: the range 9-0 is not within a-z, A-Z or 0-9 in ascending order'],
    ['v[a-]', 'invalid filter pattern "v[a-]" at position 3: a range needs a character after "-"'],
    ['v[.]', 'invalid filter pattern "v[.]" at position 2: brackets hold only letters, digits and ranges a-z, A-Z, 0-9'],
    ['+v', 'invalid filter pattern "+v" at position 0: "+" repeats the preceding character, so it must follow a character or a [class]'],
    ['v*?', 'invalid filter pattern "v*?" at position 2: "?" repeats the preceding character, so it must follow a character or a [class]'],
    ['va+?', 'invalid filter pattern "va+?" at position 3: "?" repeats the preceding character, so it must follow a character or a [class]'],
    ['v\\', 'invalid filter pattern "v\\" at position 1: missing character after "\\"'],
    ['!', 'invalid filter pattern "!" at position 1: the pattern is empty'],
  ])('rejects %j', (pattern, message) => {
    expect(() => parseFilterPattern(pattern)).toThrow(message);
  });
});

describe('matchesTagPattern', () => {
  // Examples of GitHub docs "Filter pattern cheat sheet" / "Patterns to match branches and tags"
  // and "... file paths", as nektos/act pkg/workflowpattern/workflow_pattern_test.go @ v0.2.87 lists them.
  test.each([
    ['feature/*', 'feature/my-branch', true],
    ['feature/*', 'feature/beta-a/my-branch', false],
    ['feature/**', 'feature/beta-a/my-branch', true],
    ['feature/**', 'feature/mona/the/octocat', true],
    ['*', 'main', true],
    ['*', 'path/with/slash', false],
    ['**', 'all/the/branches', true],
    ['*feature', 'mona-feature', true],
    ['*feature', 'feature', true],
    ['*feature', 'ver-10-feature', true],
    ['v2*', 'v2', true],
    ['v2*', 'v2.9', true],
    ['v[12].[0-9]+.[0-9]+', 'v1.10.1', true],
    ['v[12].[0-9]+.[0-9]+', 'v2.0.0', true],
    ['v[12].[0-9]+.[0-9]+', 'v3.0.0', false],
    ['v[12].[0-9]+.[0-9]+', 'v1..1', false],
    ['*.jsx?', 'page.js', true],
    ['*.jsx?', 'page.jsx', true],
    ['*.jsx?', 'page.jsxx', false],
    ['**.js', 'src/js/app.js', true],
    ['docs/**/*.md', 'docs/README.md', true],
    ['docs/**/*.md', 'docs/a/markdown/file.md', true],
    ['**/README.md', 'README.md', true],
    ['**/README.md', 'js/README.md', true],
    ['**/migrate-*.sql', 'db/sept/migrate-v1.sql', true],
    ['.yml', 'fyml', false],
    ['\\!file', '!file', true],
    ['escape\\\\backslash', 'escape\\backslash', true],
    ['Octoc[ab]t', 'Octocat', true],
    ['[CB]at', 'Dat', false],
    ['[1-2]00', '200', true],
    ['v*-nanopi-m6', 'v1.10.6-nanopi-m6', true],
    ['v*-nanopi-m6', 'v1.10.6-nanopi-m6x', false],
    ['v*-nanopi-m6', 'release/v1.10.6-nanopi-m6', false],
  ])('%j against %j is %s', (pattern, tag, expected) => {
    expect(matchesTagPattern(pattern, tag)).toBe(expected);
  });

  test('a negated pattern matches nothing on its own and is refused', () => {
    expect(() => matchesTagPattern('!v*', 'v1')).toThrow('invalid filter pattern "!v*" at position 0: a negated pattern ("!…") only removes tags from earlier patterns; it matches no tag by itself');
  });
});

describe('toBashRegex: bash [[ =~ ]] agrees with matchesTagPattern', () => {
  const rnd = random(7);
  const tokens = ['a', 'b', '.', '-', '/', '*', '**', '**/', '[ab]', '[0-9]', 'a+', 'b?', '[ab]+', '.?', '\\*', '\\+', '\\[', '\\\\', '^', '$', '(', ']', '|', '{', 'é'];
  const patterns = ['v*-nanopi-m6', 'v1.1[0-2].*-rock-5b', 'release/v*', 'vé+x', 'v*é', 'vé?x', ...Array.from({ length: 150 }, () =>
    Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => pick(rnd, tokens)).join(''))];
  const tagChars = 'ab0-./*+[]^$(|{x\\é';
  const tags = ['v1.10.6-nanopi-m6', 'v1.10.6-nanopi-m6/x', 'release/v1.0', 'v1.12.0-rock-5b', 'vx', 'véx', 'vééx', 'vé', ...Array.from({ length: 60 }, () =>
    Array.from({ length: Math.floor(rnd() * 7) }, () => pick(rnd, [...tagChars])).join(''))];

  test.each([['C'], ['C.UTF-8']])('LC_ALL=%s: random patterns and tags (some with "/") agree', (locale) => {
    const lines: string[] = [];
    const expected: string[] = [];
    for (const p of patterns) {
      for (const t of tags) {
        lines.push(`${toBashRegex(p)}${SEP}${t}`);
        expected.push(matchesTagPattern(p, t) ? '1' : '0');
      }
    }
    const got = bashOverLines(lines, `if ${toBashCondition('b', 'a')}; then echo 1; else echo 0; fi`, { LC_ALL: locale });
    const differences = lines.filter((_l, i) => got[i] !== expected[i]);
    expect(differences).toEqual([]);
    expect(expected.filter((e) => e === '1').length).toBeGreaterThan(200);
  });

  test('the regex of a default board pattern', () => {
    expect(toBashRegex('v*-nanopi-m6')).toBe('^v[^/]*[-]nanopi[-]m6$');
    expect(toBashRegex('v1.1[0-2].*-x')).toBe('^v1[.]1[012][.][^/]*[-]x$');
    expect(toBashCondition('GITHUB_REF_NAME', 'TAG_REGEX')).toBe('[[ "$GITHUB_REF_NAME" =~ $TAG_REGEX ]]');
    expect(() => toBashCondition('X; rm', 'R')).toThrow('internal error: "X; rm" is not a shell variable name');
  });
});

describe('isValidTagName agrees with git check-ref-format', () => {
  test('over all short strings of the characters git treats specially', () => {
    const candidates = allStrings('a./@{', 3).filter((s) => s.length > 0);
    const locks = ['a.lock', 'a.lock/b', 'a.lockb', 'a.loc', 'b/.lock', 'x.l.lock', 'a.l.ock', 'a..lock', 'a.lo/ck', 'a.lock.lock', 'a.lock.', 'a.lockx.lock/b', 'v1.10.6-nanopi-m6', 'a~b', 'a^b', 'a:b', 'a?b', 'a*b', 'a[b', 'a\\b', 'a b', 'a\tb', 'é', 'a]b', 'a+b'];
    const tags = [...candidates, ...locks];
    const git = gitAcceptsTags(tags);
    expect(tags.filter((t, i) => isValidTagName(t) !== git[i])).toEqual([]);
    expect(git.filter((ok) => ok).length).toBeGreaterThan(40);
  });
});

describe('tagPatternsIntersect', () => {
  test.each([
    ['v*-rock-5b', 'v1.12.*-rock-5b', 'v1.12.0-rock-5b'],
    ['v*-nanopi-m6', 'v*-rock-5b', undefined],
    ['v1.10.*-x', 'v1.12.*-x', undefined],
    ['v*', 'v1.*-rock-5b', 'v1.0-rock-5b'],
    ['v*', 'vfoo', 'vfoo'],
    ['v*', 'w*', undefined],
    ['v1.1[0-2].*-x', 'v1.12.*-x', 'v1.12.0-x'],
    ['v1.1[0-1].*-x', 'v1.12.*-x', undefined],
    ['v[a-c]x', 'v[c-e]x', 'vcx'],
    ['v[ab]x', 'v[c-e]x', undefined],
    ['v[0-9]+.[0-9]+.[0-9]+-x', 'v*.1-x', 'v0.0.1-x'],
    ['v[0-9]+-x', 'v-x', undefined],
    ['va?-x', 'v-x', 'v-x'],
    ['va?-x', 'vaa-x', undefined],
    ['*.jsx?', 'page.js*', 'page.js'],
    ['release/**', 'release/*/x', 'release/0/x'],
    ['release/*', 'release/*/x', undefined],
    ['**/x', 'x', 'x'],
    ['**-x', 'a/b-x', 'a/b-x'],
    ['*-x', 'a/b-x', undefined],
    ['v*', 'v*', 'v'],
  ])('%j and %j: %j', (a, b, witness) => {
    expect(tagPatternsIntersect(a, b)).toBe(witness);
    expect(tagPatternsIntersect(b, a) === undefined).toBe(witness === undefined);
  });

  test('a witness is a valid tag only: no tag ends with ".lock", starts with "." or has ".."', () => {
    expect(tagPatternsIntersect('*.lock', 'a*')).toBeUndefined();
    expect(tagPatternsIntersect('*', '.*')).toBeUndefined();
    expect(tagPatternsIntersect('a*b', '*..*')).toBeUndefined();
    expect(tagPatternsIntersect('a*', '*.loc*')).toBe('a.loc');
    expect(tagPatternsIntersect('a*', '*.lock*')).toBe('a.lock0');
    // only unreadable tags match both: the search falls back to any valid tag
    expect(tagPatternsIntersect('a*', '*-')).toBe('a-');
    expect(tagPatternsIntersect('a\\+*', '*\\++')).toBe('a+');
    expect(commonTag('v*', '*-x', 'v1*')).toBe('v1-x');
  });

  test('agrees with brute force over every short string (random pattern pairs from a small alphabet)', () => {
    const rnd = random(42);
    const tokens = ['a', 'b', '.', '/', '-', '*', '**', '**/', '[ab]', 'a+', 'b?', '[ab]+', '.?'];
    const pattern = (): string => Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick(rnd, tokens)).join('');
    // "c" is named by no pattern: it stands for every other character
    const strings = allStrings('abc./-', 5).filter(isValidTagName);
    const max = 5;
    let overlapping = 0;
    for (let i = 0; i < 400; i++) {
      const a = pattern();
      const b = pattern();
      const ra = new RegExp(toBashRegex(a), 'u');
      const rb = new RegExp(toBashRegex(b), 'u');
      const brute = strings.find((s) => ra.test(s) && rb.test(s));
      const witness = tagPatternsIntersect(a, b);
      const context = { a, b, brute, witness };
      if (brute !== undefined) {
        expect(context).toEqual({ ...context, witness: expect.any(String) });
        overlapping++;
      }
      if (witness !== undefined) {
        const ok = matchesTagPattern(a, witness) && matchesTagPattern(b, witness) && isValidTagName(witness);
        expect({ ...context, ok }).toEqual({ ...context, ok: true });
        if (brute === undefined) {
          expect({ ...context, longer: witness.length > max }).toEqual({ ...context, longer: true });
        }
      }
    }
    expect(overlapping).toBeGreaterThan(50);
  });

  test('git accepts every witness as a tag name', () => {
    const rnd = random(3);
    const tokens = ['v', '1', '.', '-', '/', '*', '**', '[0-9]', 'x+', 'y?', 'lock', '@', '{'];
    const witnesses: string[] = [];
    for (let i = 0; i < 600; i++) {
      const p = (): string => Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick(rnd, tokens)).join('');
      const w = tagPatternsIntersect(p(), p());
      if (w !== undefined) witnesses.push(w);
    }
    expect(witnesses.length).toBeGreaterThan(50);
    const git = gitAcceptsTags(witnesses);
    expect(witnesses.filter((_w, i) => !git[i])).toEqual([]);
  });
});

describe('tagPatternProblem (the subset the library accepts for release tag patterns)', () => {
  test.each(['v*-nanopi-m6', 'v1.10.*-nanopi-m6', 'v1.1[0-2].*-rock-5b', 'release/v*-x', 'v[0-9]*.[0-9]*.[0-9]*-x', 'nanopi-m6-*'])('accepts %j', (pattern) => {
    expect(tagPatternProblem(pattern)).toBeUndefined();
  });

  test.each([
    ['refs/tags/v*-x', 'a tag pattern is the part after refs/tags/ (the prefix is added)', 'use "v*-x"'],
    ['!v*-x', 'a pattern starting with "!" only removes tags that earlier patterns of the same list matched, so it selects no tag for a board', 'name the tags to release instead, e.g. "v*-nanopi-m6"'],
    ['v[0-9]+.*-x', '"?" and "+" repeat the preceding character in workflow tag filters, but rulesets and deployment policies (fnmatch) read "?" as any one character and "+" literally, so the two would match different tags', 'use "*" or a class such as "[0-9]" instead, e.g. "v*-nanopi-m6"'],
    ['v?-x', '"?" and "+" repeat the preceding character in workflow tag filters, but rulesets and deployment policies (fnmatch) read "?" as any one character and "+" literally, so the two would match different tags', 'use "*" or a class such as "[0-9]" instead, e.g. "v*-nanopi-m6"'],
    ['v**-x', '"**" also matches "/" in workflow tag filters but not in rulesets and deployment policies (fnmatch with FNM_PATHNAME), so the two would match different tags', 'use "*", which stops at "/" in both, e.g. "v*-nanopi-m6"'],
    ['v\\*-x', 'rulesets and deployment policies do not support "\\" escapes, and no character of a tag name needs one', 'use a pattern such as "v*-nanopi-m6"'],
    ['v* x', 'a tag pattern must match ^[A-Za-z0-9._\\/*[\\]-]+$ (letters, digits, ".", "_", "-", "/", "*" and [classes])', 'use a pattern such as "v*-nanopi-m6"'],
    ['v[a-Z]-x', 'the range a-Z is not within a-z, A-Z or 0-9 in ascending order (at character 4)', 'write a class as letters, digits and ranges, e.g. "[0-9]" or "[a-f0-9]"'],
    ['v*..x', 'no valid git tag name matches this pattern (see git check-ref-format: no "..", no "//", no component starting with "." or ending with ".lock", no "/" or "." at the end)', 'use a pattern such as "v*-nanopi-m6"'],
    ['/v*-x', 'no valid git tag name matches this pattern (see git check-ref-format: no "..", no "//", no component starting with "." or ending with ".lock", no "/" or "." at the end)', 'use a pattern such as "v*-nanopi-m6"'],
    ['v*-x.lock', 'no valid git tag name matches this pattern (see git check-ref-format: no "..", no "//", no component starting with "." or ending with ".lock", no "/" or "." at the end)', 'use a pattern such as "v*-nanopi-m6"'],
    ['v*', 'a tag pattern must name the board or release line (a bare wildcard releases on unrelated tags)', 'use a pattern such as "v*-nanopi-m6"'],
    ['v[0-9]*.*', 'a tag pattern must name the board or release line (a bare wildcard releases on unrelated tags)', 'use a pattern such as "v*-nanopi-m6"'],
  ])('refuses %j', (pattern, rule, fix) => {
    expect(tagPatternProblem(pattern)).toEqual({ rule, fix });
  });

  test('the fix names the given example', () => {
    expect(tagPatternProblem('v*', 'v*-rock-5b')?.fix).toBe('use a pattern such as "v*-rock-5b"');
  });
});

describe('findOverlappingTagPatterns', () => {
  test('names both workflows, both patterns and a tag both match; disjoint lines pass', () => {
    const overlaps = findOverlappingTagPatterns([
      { workflowName: 'release-v1.10', patterns: ['v*-rock-5b', 'v*-nanopi-m6', 'v*-rock-5b'], talosVersion: 'v1.10.6' },
      { workflowName: 'release-v1.12', patterns: ['v1.12.*-rock-5b', 'v1.12.*-nanopi-m6'], talosVersion: 'v1.12.3' },
      { workflowName: 'release-v1.11', patterns: ['v1.11.*-rock-5b'], talosVersion: 'v1.11.2' },
    ]);
    expect(overlaps).toEqual([
      { first: { workflowName: 'release-v1.10', pattern: 'v*-rock-5b', talosVersion: 'v1.10.6' }, second: { workflowName: 'release-v1.12', pattern: 'v1.12.*-rock-5b', talosVersion: 'v1.12.3' }, tag: 'v1.12.0-rock-5b' },
      { first: { workflowName: 'release-v1.10', pattern: 'v*-nanopi-m6', talosVersion: 'v1.10.6' }, second: { workflowName: 'release-v1.12', pattern: 'v1.12.*-nanopi-m6', talosVersion: 'v1.12.3' }, tag: 'v1.12.0-nanopi-m6' },
      { first: { workflowName: 'release-v1.10', pattern: 'v*-rock-5b', talosVersion: 'v1.10.6' }, second: { workflowName: 'release-v1.11', pattern: 'v1.11.*-rock-5b', talosVersion: 'v1.11.2' }, tag: 'v1.11.0-rock-5b' },
    ]);
    expect(formatTagPatternOverlap(overlaps[0])).toBe(
      'tag pattern "v*-rock-5b" of workflow "release-v1.10" and tag pattern "v1.12.*-rock-5b" of workflow "release-v1.12" both match tag "v1.12.0-rock-5b"; a tag would run both workflows. '
      + 'Fix: make the patterns disjoint so that no tag matches both, e.g. "v1.10.*-rock-5b" in workflow "release-v1.10" and "v1.12.*-rock-5b" in workflow "release-v1.12"');
    expect(findOverlappingTagPatterns([
      { workflowName: 'a', patterns: ['v1.10.*-rock-5b', 'v1.10.*-nanopi-m6'] },
      { workflowName: 'b', patterns: ['v1.12.*-rock-5b', 'v1.12.*-nanopi-m6'] },
    ])).toEqual([]);
  });

  test('identical patterns overlap (the old string-equality check is a special case)', () => {
    const [o] = findOverlappingTagPatterns([{ workflowName: 'a', patterns: ['v*-x'] }, { workflowName: 'b', patterns: ['v*-x'] }]);
    expect(o.tag).toBe('v-x');
    expect(describeTagPatternOverlap(o).fix).toBe('make the patterns disjoint so that no tag matches both, e.g. start each with its Talos release line, as "v1.10.*-rock-5b" and "v1.12.*-rock-5b"');
  });

  test('patterns of one workflow may overlap (one tag releases several of its boards)', () => {
    expect(findOverlappingTagPatterns([{ workflowName: 'a', patterns: ['v*-x', 'v1.*-x'] }])).toEqual([]);
  });
});

describe('talosVersionOfTag', () => {
  const cases: Array<[string, string | undefined]> = [
    ['v1.10.6-nanopi-m6', 'v1.10.6'],
    ['v1.10.6', 'v1.10.6'],
    ['v1.10.0-alpha.2-nanopi-m6', 'v1.10.0-alpha.2'],
    ['v1.10.0-alpha.2', 'v1.10.0-alpha.2'],
    ['v1.14.0-rc.1-rock-5b', 'v1.14.0-rc.1'],
    ['v1.11.0-beta.10-x-y', 'v1.11.0-beta.10'],
    ['v1.10.60-x', 'v1.10.60'],
    ['v1.10.6-alpha-board', 'v1.10.6'],
    ['v1.10.6-rc.1x-board', 'v1.10.6'],
    ['v1.10.0-rc.01-x', 'v1.10.0'],
    ['v1.10.06-x', undefined],
    ['v1.10.6x-board', undefined],
    ['v1.10.6.1-board', undefined],
    ['v1.10-board', undefined],
    ['1.10.6-board', undefined],
    ['release/v1.10.6-board', undefined],
    ['v01.10.6', undefined],
  ];
  test.each(cases)('%j → %j', (tag, version) => {
    expect(talosVersionOfTag(tag)).toBe(version);
  });

  test('the bash regex reads the same version (BASH_REMATCH[1]) for these and random tags', () => {
    const rnd = random(11);
    const parts = ['v1', '.', '10', '0', '06', '.6', '-', 'alpha', 'rc', '.1', '.01', 'x', 'nanopi', '/'];
    const pre = ['', '', '-alpha.2', '-beta.10', '-rc.0', '-rc.01', '-rc.', '-alpha', '-gamma.1', '.1'];
    const tags = [...cases.map(([t]) => t), ...Array.from({ length: 400 }, () =>
      `v1.${pick(rnd, ['10', '0', '1', '01'])}.${pick(rnd, ['6', '0', '60', '06'])}${pick(rnd, pre)}`
      + Array.from({ length: Math.floor(rnd() * 4) }, () => pick(rnd, parts)).join(''))];
    const got = bashOverLines(tags.map((t) => `${TALOS_VERSION_OF_TAG_BASH_REGEX}${SEP}${t}`),
      'if [[ "$b" =~ $a ]]; then echo "=${BASH_REMATCH[1]}"; else echo "-"; fi', { LC_ALL: 'C' });
    const expected = tags.map((t) => {
      const v = talosVersionOfTag(t);
      return v === undefined ? '-' : `=${v}`;
    });
    expect(tags.filter((_t, i) => got[i] !== expected[i])).toEqual([]);
    expect(expected.filter((e) => e.includes('-alpha') || e.includes('-rc')).length).toBeGreaterThan(5);
  });
});

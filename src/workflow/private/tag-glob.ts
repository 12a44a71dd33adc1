/**
 * GitHub Actions tag filter patterns (`on.push.tags`): parser, exact matcher, bash translation,
 * glob intersection with a witness tag, and the Talos version part of a release tag.
 * Internal (not exported from the package root).
 *
 * Semantics (GitHub docs, "Filter pattern cheat sheet", workflow-syntax.md; the docs' own
 * examples are reproduced by nektos/act pkg/workflowpattern/workflow_pattern.go @ v0.2.87,
 * whose `PatternToRegex` this parser follows; GitHub's own matcher is server-side and not public):
 * - `*` any characters except `/`; `**` any characters; `**` followed by `/` is `(.+/)?`
 *   (so `**` + `/docs` matches `docs` too);
 * - `?` zero or one, `+` one or more, of the preceding character (a quantifier);
 * - `[...]` one character listed or in a range; ranges only within a-z, A-Z or 0-9;
 * - `!` first negates the pattern (it removes what earlier patterns of the list matched);
 *   anywhere else it is a literal; `\x` is a literal `x`; every other character is literal
 *   (`.` included).
 *
 * The library accepts a subset for release tag patterns ({@link tagPatternProblem}): the same
 * pattern also goes to the tag ruleset and the environment's deployment policies, which
 * GitHub matches with Ruby `File.fnmatch` and `File::FNM_PATHNAME` (GitHub docs, "Creating
 * rulesets for a repository", "Using fnmatch syntax"). On the subset both readings agree.
 *
 * Intersection: each pattern becomes an NFA; the product with an automaton of git's ref-name
 * rules (`git check-ref-format`, for `refs/tags/<tag>`) is searched breadth-first, so a
 * witness is a real tag name, the shortest one (first in a fixed character order), and
 * `undefined` means no valid tag matches both. Written by hand: the only npm automata library
 * found (refa 0.12.1, last release 2024-12, 0.x, JS-RegExp oriented) would add a bundled
 * dependency for one product construction.
 */

/** One element of a parsed pattern. */
export type TagPatternPart =
  /** One character from `chars` (a literal or a bracket class), optionally quantified. */
  | { readonly kind: 'chars'; readonly chars: string; readonly repeat: 'one' | 'optional' | 'oneOrMore' }
  /** `*`: any characters except `/`. */
  | { readonly kind: 'star' }
  /** `**` not followed by `/`: any characters. */
  | { readonly kind: 'globstar' }
  /** `**` followed by `/`: nothing, or any characters ending with `/`. */
  | { readonly kind: 'globstarSlash' };

/** A parsed filter pattern. */
export interface ParsedTagPattern {
  readonly pattern: string;
  /** The pattern starts with `!` (it excludes what earlier patterns matched). */
  readonly negated: boolean;
  readonly parts: readonly TagPatternPart[];
}

/** A pattern GitHub would reject (or read ambiguously); `position` is a 0-based index. */
export class TagPatternSyntaxError extends Error {
  constructor(public readonly pattern: string, public readonly position: number, public readonly reason: string) {
    super(`invalid filter pattern "${pattern}" at position ${position}: ${reason}`);
  }
}

const RANGE_KINDS = ['abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '0123456789'];
const ALNUM = RANGE_KINDS.join('');

/**
 * Parses a filter pattern (full GitHub syntax). Stricter than GitHub in two ambiguous corners:
 * a `?`/`+` that follows no character or bracket class (at the start, after `*`, `**` or
 * another quantifier) and a range across kinds (`A-z`) are errors.
 * @throws TagPatternSyntaxError
 */
export function parseFilterPattern(pattern: string): ParsedTagPattern {
  const negated = pattern.startsWith('!');
  const start = negated ? 1 : 0;
  const parts: TagPatternPart[] = [];
  const fail = (pos: number, reason: string): never => {
    throw new TagPatternSyntaxError(pattern, pos, reason);
  };
  if (pattern.length === start) {
    fail(start, 'the pattern is empty');
  }
  let pos = start;
  while (pos < pattern.length) {
    const c = pattern[pos];
    if (c === '*') {
      if (pattern[pos + 1] === '*') {
        const slash = pattern[pos + 2] === '/';
        parts.push({ kind: slash ? 'globstarSlash' : 'globstar' });
        pos += slash ? 3 : 2;
      } else {
        parts.push({ kind: 'star' });
        pos += 1;
      }
    } else if (c === '?' || c === '+') {
      const last = parts[parts.length - 1];
      if (last === undefined || last.kind !== 'chars' || last.repeat !== 'one') {
        fail(pos, `"${c}" repeats the preceding character, so it must follow a character or a [class]`);
      } else {
        parts[parts.length - 1] = { ...last, repeat: c === '?' ? 'optional' : 'oneOrMore' };
      }
      pos += 1;
    } else if (c === '[') {
      const close = pattern.indexOf(']', pos + 1);
      if (close < 0) {
        fail(pos, 'missing "]" after "["');
      }
      if (close === pos + 1) {
        fail(pos, 'empty brackets "[]"');
      }
      parts.push({ kind: 'chars', chars: parseClass(pattern, pos + 1, close, fail), repeat: 'one' });
      pos = close + 1;
    } else if (c === '\\') {
      if (pos + 1 >= pattern.length) {
        fail(pos, 'missing character after "\\"');
      }
      parts.push({ kind: 'chars', chars: pattern[pos + 1], repeat: 'one' });
      pos += 2;
    } else {
      parts.push({ kind: 'chars', chars: c, repeat: 'one' });
      pos += 1;
    }
  }
  return { pattern, negated, parts };
}

function parseClass(pattern: string, from: number, to: number, fail: (pos: number, reason: string) => never): string {
  const members = new Set<string>();
  let pos = from;
  while (pos < to) {
    const c = pattern[pos];
    if (!ALNUM.includes(c)) {
      fail(pos, 'brackets hold only letters, digits and ranges a-z, A-Z, 0-9');
    }
    if (pattern[pos + 1] === '-' && pos + 2 < to) {
      const end = pattern[pos + 2];
      const kind = RANGE_KINDS.find((k) => k.includes(c));
      if (!kind || !kind.includes(end) || kind.indexOf(end) < kind.indexOf(c)) {
        fail(pos + 1, `the range ${c}-${end} is not within a-z, A-Z or 0-9 in ascending order`);
      }
      for (const m of kind!.slice(kind!.indexOf(c), kind!.indexOf(end) + 1)) {
        members.add(m);
      }
      pos += 3;
    } else if (pattern[pos + 1] === '-') {
      fail(pos + 1, 'a range needs a character after "-"');
    } else {
      members.add(c);
      pos += 1;
    }
  }
  return [...members].sort((a, b) => ALNUM.indexOf(a) - ALNUM.indexOf(b)).join('');
}

function positivePattern(pattern: string): ParsedTagPattern {
  const parsed = parseFilterPattern(pattern);
  if (parsed.negated) {
    throw new TagPatternSyntaxError(pattern, 0, 'a negated pattern ("!…") only removes tags from earlier patterns; it matches no tag by itself');
  }
  return parsed;
}

// ---------------------------------------------------------------------------------------------
// Matchers: JavaScript RegExp (the TS matcher) and POSIX ERE for bash `[[ $tag =~ $re ]]`.

function jsChar(c: string): string {
  return /^[A-Za-z0-9]$/.test(c) ? c : `\\u{${c.codePointAt(0)!.toString(16)}}`;
}

const REPEAT_SUFFIX = { one: '', optional: '?', oneOrMore: '+' };

/** The pattern as an anchored JavaScript regular expression (flag `u`). */
export function toRegExp(pattern: string): RegExp {
  const body = positivePattern(pattern).parts.map((p) => {
    switch (p.kind) {
      case 'star': return '[^/]*';
      case 'globstar': return '[^]*';
      case 'globstarSlash': return '(?:[^]+/)?';
      default: return (p.chars.length === 1 ? jsChar(p.chars) : `[${[...p.chars].map(jsChar).join('')}]`) + REPEAT_SUFFIX[p.repeat];
    }
  }).join('');
  return new RegExp(`^${body}$`, 'u');
}

/** Whether `tag` (the part after `refs/tags/`) matches the filter pattern, as GitHub reads it. */
export function matchesTagPattern(pattern: string, tag: string): boolean {
  return toRegExp(pattern).test(tag);
}

function ereChar(c: string): string {
  if (/^[A-Za-z0-9]$/.test(c)) return c;
  if (c === '^' || c === '\\') return `\\${c}`;
  // a multi-byte character in brackets or before a quantifier is read byte by byte in the C locale
  if (c.codePointAt(0)! > 0x7f) return `(${c})`;
  return `[${c}]`; // inside brackets every other character is literal, "]" included when first
}

/**
 * The pattern as an anchored POSIX extended regular expression for bash. Use it from a
 * variable, never inline and never quoted on the right of `=~` (a quoted right side is a
 * literal string):
 *
 * ```bash
 * # env: TAG_REGEX: <toBashRegex(pattern)>
 * if [[ "$GITHUB_REF_NAME" =~ $TAG_REGEX ]]; then …
 * ```
 *
 * Bracket classes are spelt out member by member, so locale collation (`[a-z]` taking
 * uppercase letters in some locales) cannot widen them.
 */
export function toBashRegex(pattern: string): string {
  const body = positivePattern(pattern).parts.map((p) => {
    switch (p.kind) {
      case 'star': return '[^/]*';
      case 'globstar': return '.*';
      case 'globstarSlash': return '(.+/)?';
      default: return (p.chars.length === 1 ? ereChar(p.chars) : `[${p.chars}]`) + REPEAT_SUFFIX[p.repeat];
    }
  }).join('');
  return `^${body}$`;
}

/**
 * A bash test of `"$<variable>"` against the regex in `$<regexVariable>` (set it to
 * {@link toBashRegex} through `env:`), e.g. `[[ "$GITHUB_REF_NAME" =~ $TAG_REGEX ]]`.
 */
export function toBashCondition(variable: string, regexVariable: string): string {
  for (const name of [variable, regexVariable]) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new Error(`internal error: "${name}" is not a shell variable name`);
    }
  }
  return `[[ "$${variable}" =~ $${regexVariable} ]]`;
}

// ---------------------------------------------------------------------------------------------
// Automata.

type Test = { readonly chars: string } | 'notSlash' | 'any';
interface Edge { readonly to: number; readonly test: Test }
interface Nfa { readonly edges: Edge[][]; readonly eps: number[][]; readonly accept: number }

function accepts(test: Test, c: string): boolean {
  return test === 'any' || (test === 'notSlash' ? c !== '/' : test.chars.includes(c));
}

/** Thompson construction: part i runs from state i to i+1; loops sit on fresh states. */
function toNfa(parsed: ParsedTagPattern): Nfa {
  const n = parsed.parts.length;
  const edges: Edge[][] = [];
  const eps: number[][] = [];
  const state = (): number => {
    edges.push([]);
    eps.push([]);
    return edges.length - 1;
  };
  for (let i = 0; i <= n; i++) state();
  parsed.parts.forEach((p, i) => {
    const loop = (test: Test, enter: 'eps' | Test): void => {
      const m = state();
      if (enter === 'eps') eps[i].push(m);
      else edges[i].push({ to: m, test: enter });
      edges[m].push({ to: m, test });
      eps[m].push(i + 1);
    };
    switch (p.kind) {
      case 'star': loop('notSlash', 'eps'); break;
      case 'globstar': loop('any', 'eps'); break;
      case 'globstarSlash': {
        eps[i].push(i + 1);
        const m = state();
        edges[i].push({ to: m, test: 'any' });
        edges[m].push({ to: m, test: 'any' }, { to: i + 1, test: { chars: '/' } });
        break;
      }
      default:
        if (p.repeat === 'oneOrMore') {
          loop({ chars: p.chars }, { chars: p.chars });
        } else {
          edges[i].push({ to: i + 1, test: { chars: p.chars } });
          if (p.repeat === 'optional') eps[i].push(i + 1);
        }
    }
  });
  return { edges, eps, accept: n };
}

function closure(nfa: Nfa, states: Iterable<number>): number[] {
  const seen = new Set<number>(states);
  const stack = [...seen];
  while (stack.length > 0) {
    for (const t of nfa.eps[stack.pop()!]) {
      if (!seen.has(t)) {
        seen.add(t);
        stack.push(t);
      }
    }
  }
  return [...seen].sort((a, b) => a - b);
}

function step(nfa: Nfa, states: readonly number[], c: string): number[] {
  const next = new Set<number>();
  for (const s of states) {
    for (const e of nfa.edges[s]) {
      if (accepts(e.test, c)) next.add(e.to);
    }
  }
  return closure(nfa, next);
}

/**
 * git's ref-name rules for `refs/tags/<tag>` (git-check-ref-format(1), rules 1, 3-8 and 10;
 * `refs/tags/` supplies rule 2's slash), as a small DFA. States: `s` start, `/` after a slash,
 * `.` after a dot, `@` after an at sign, `c` after any other character; `lock` counts how much
 * of ".lock" the text ends with. Tested against `git check-ref-format` itself.
 */
interface RefState { readonly last: 's' | '/' | '.' | '@' | 'c'; readonly lock: number }
const REF_START: RefState = { last: 's', lock: 0 };
const LOCK = '.lock';
// eslint-disable-next-line no-control-regex
const REF_FORBIDDEN = /[\u0000-\u0020\u007f~^:?*[\\]/;

function refStep(s: RefState, c: string): RefState | undefined {
  if (REF_FORBIDDEN.test(c)) return undefined;
  if (c === '/') {
    // no empty component, no component ending with ".lock"
    return s.last === 's' || s.last === '/' || s.lock === LOCK.length ? undefined : { last: '/', lock: 0 };
  }
  if (c === '.') {
    // no component starting with ".", no ".."
    return s.last === 's' || s.last === '/' || s.last === '.' ? undefined : { last: '.', lock: 1 };
  }
  if (c === '{' && s.last === '@') return undefined; // no "@{"
  const lock = s.lock > 0 && s.lock < LOCK.length && LOCK[s.lock] === c ? s.lock + 1 : 0;
  return { last: c === '@' ? '@' : 'c', lock };
}

function refAccepts(s: RefState): boolean {
  return s.last !== 's' && s.last !== '/' && s.last !== '.' && s.lock !== LOCK.length;
}

/** Whether `refs/tags/<tag>` is a valid git ref name (`git check-ref-format`). */
export function isValidTagName(tag: string): boolean {
  let s: RefState | undefined = REF_START;
  for (const c of tag) {
    s = refStep(s, c);
    if (s === undefined) return false;
  }
  return refAccepts(s);
}

/** A readable tag: words of letters and digits joined by single ".", "-", "_" or "/". */
type PrettyState = 'start' | 'word' | 'sep';
function prettyStep(s: PrettyState, c: string): PrettyState | undefined {
  if (ALNUM.includes(c)) return 'word';
  return '.-_/'.includes(c) && s === 'word' ? 'sep' : undefined;
}

/** Search order: readable characters first, so witnesses read like real tags. */
const PREFERRED = `0123456789${RANGE_KINDS[0]}${RANGE_KINDS[1]}-._/`;
/**
 * Characters the patterns do not name all behave alike (apart from "/", "." and the "@{"
 * pair, which are in the alphabet anyway), so one unnamed, ref-valid character stands for
 * them all; that makes the search exact.
 */
const FRESH = '_-,=%#+!&\u00e9';

function alphabet(parsed: readonly ParsedTagPattern[]): string[] {
  const named = new Set<string>();
  for (const p of parsed) {
    for (const part of p.parts) {
      if (part.kind === 'chars') [...part.chars].forEach((c) => named.add(c));
    }
  }
  const chars = new Set<string>(PREFERRED);
  [...named].sort().forEach((c) => chars.add(c));
  const fresh = [...FRESH].find((c) => !named.has(c));
  if (fresh === undefined) {
    throw new Error('internal error: the patterns name every stand-in character');
  }
  chars.add(fresh);
  chars.add('@');
  chars.add('{');
  return [...chars].filter((c) => !REF_FORBIDDEN.test(c));
}

function search(nfas: readonly Nfa[], chars: readonly string[], pretty: boolean): string | undefined {
  interface Node { readonly sets: number[][]; readonly ref: RefState; readonly pretty: PrettyState; readonly text: string }
  const key = (n: Node): string => `${n.sets.map((s) => s.join(',')).join('|')}|${n.ref.last}${n.ref.lock}|${n.pretty}`;
  const start: Node = { sets: nfas.map((a) => closure(a, [0])), ref: REF_START, pretty: 'start', text: '' };
  const seen = new Set<string>([key(start)]);
  let queue = [start];
  while (queue.length > 0) {
    const nextQueue: Node[] = [];
    for (const node of queue) {
      if (node.sets.every((s, i) => s.includes(nfas[i].accept)) && refAccepts(node.ref) && (!pretty || node.pretty === 'word')) {
        return node.text;
      }
      for (const c of chars) {
        const ref = refStep(node.ref, c);
        const prettyState = pretty ? prettyStep(node.pretty, c) : 'word';
        if (ref === undefined || prettyState === undefined) continue;
        const sets = node.sets.map((s, i) => step(nfas[i], s, c));
        if (sets.some((s) => s.length === 0)) continue;
        const next: Node = { sets, ref, pretty: prettyState, text: node.text + c };
        const k = key(next);
        if (!seen.has(k)) {
          seen.add(k);
          nextQueue.push(next);
        }
      }
    }
    queue = nextQueue;
  }
  return undefined;
}

/**
 * A tag that every pattern matches, or `undefined` when no valid tag name matches them all.
 * Exact: the search covers every tag (the alphabet stands for every character class the
 * patterns and git's ref rules tell apart). The witness is the shortest readable tag
 * (letters and digits joined by ".", "-", "_" or "/") when one exists, else the shortest tag.
 */
export function commonTag(...patterns: string[]): string | undefined {
  const parsed = patterns.map(positivePattern);
  const nfas = parsed.map(toNfa);
  const chars = alphabet(parsed);
  return search(nfas, chars, true) ?? search(nfas, chars, false);
}

/** A tag that both patterns match (a witness of their overlap), or `undefined` if none. */
export function tagPatternsIntersect(a: string, b: string): string | undefined {
  return commonTag(a, b);
}

// ---------------------------------------------------------------------------------------------
// The library's rule for release tag patterns.

/** Why a release tag pattern is refused, and how to fix it. */
export interface TagPatternProblem {
  readonly rule: string;
  readonly fix: string;
}

/**
 * Characters of a release tag pattern. One pattern is written to the workflow's `on.push.tags`
 * (GitHub filter syntax) and to the tag ruleset and deployment policies (`File.fnmatch` with
 * `FNM_PATHNAME`); this subset means the same tags in both.
 */
export const TAG_PATTERN_CHARACTERS = /^[A-Za-z0-9._\/*[\]-]+$/;

/**
 * Checks a release tag pattern against the library's subset:
 * letters, digits, ".", "_", "-" and "/" literally, `*` (not `/`), and bracket classes of
 * letters and digits (`[0-9]`, `[a-f0-9]`). Refused, each with its reason: `refs/` prefixes,
 * `!` negation, `?` and `+` (quantifiers in workflow filters, "one character" and a literal
 * in fnmatch), `**` (crosses "/" in workflow filters but not with FNM_PATHNAME: jruby/jruby
 * test/jruby/test_file.rb `test_fnmatch_double_star` asserts that "**" does not match
 * "one/two/three" with FNM_PATHNAME), `\` (rulesets do not support
 * backslash escapes), other characters, patterns no valid tag matches, and bare wildcards.
 * @param example a pattern to suggest in fixes
 * @returns undefined when the pattern is accepted
 */
export function tagPatternProblem(pattern: string, example = 'v*-nanopi-m6'): TagPatternProblem | undefined {
  const use = `use a pattern such as "${example}"`;
  if (pattern.startsWith('refs/')) {
    return { rule: 'a tag pattern is the part after refs/tags/ (the prefix is added)', fix: `use "${pattern.replace(/^refs\/(tags\/)?/, '')}"` };
  }
  if (pattern.startsWith('!')) {
    return {
      rule: 'a pattern starting with "!" only removes tags that earlier patterns of the same list matched, so it selects no tag for a board',
      fix: `name the tags to release instead, e.g. "${example}"`,
    };
  }
  if (pattern.includes('?') || pattern.includes('+')) {
    return {
      rule: '"?" and "+" repeat the preceding character in workflow tag filters, but rulesets and deployment policies (fnmatch) read "?" as any one character and "+" literally, so the two would match different tags',
      fix: `use "*" or a class such as "[0-9]" instead, e.g. "${example}"`,
    };
  }
  if (pattern.includes('**')) {
    return {
      rule: '"**" also matches "/" in workflow tag filters but not in rulesets and deployment policies (fnmatch with FNM_PATHNAME), so the two would match different tags',
      fix: `use "*", which stops at "/" in both, e.g. "${example}"`,
    };
  }
  if (pattern.includes('\\')) {
    return { rule: 'rulesets and deployment policies do not support "\\" escapes, and no character of a tag name needs one', fix: use };
  }
  if (!TAG_PATTERN_CHARACTERS.test(pattern)) {
    return { rule: `a tag pattern must match ${TAG_PATTERN_CHARACTERS.source} (letters, digits, ".", "_", "-", "/", "*" and [classes])`, fix: use };
  }
  try {
    parseFilterPattern(pattern);
  } catch (e) {
    if (!(e instanceof TagPatternSyntaxError)) throw e;
    return { rule: `${e.reason} (at character ${e.position + 1})`, fix: 'write a class as letters, digits and ranges, e.g. "[0-9]" or "[a-f0-9]"' };
  }
  if (commonTag(pattern) === undefined) {
    return { rule: 'no valid git tag name matches this pattern (see git check-ref-format: no "..", no "//", no component starting with "." or ending with ".lock", no "/" or "." at the end)', fix: use };
  }
  if (pattern.replace(/\[[^\]]*\]|\*/g, '').replace(/^v/, '').replace(/[-._/]/g, '').length === 0) {
    return { rule: 'a tag pattern must name the board or release line (a bare wildcard releases on unrelated tags)', fix: use };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Overlap across workflows.

/** The tag patterns of one workflow. */
export interface WorkflowTagPatterns {
  readonly workflowName: string;
  readonly patterns: readonly string[];
  /** The workflow's Talos release, to suggest release-line patterns in the fix. */
  readonly talosVersion?: string;
}

/** Two patterns of different workflows that one tag matches. */
export interface TagPatternOverlap {
  readonly first: { readonly workflowName: string; readonly pattern: string; readonly talosVersion?: string };
  readonly second: { readonly workflowName: string; readonly pattern: string; readonly talosVersion?: string };
  /** A tag both match. */
  readonly tag: string;
}

/**
 * Every pair of patterns from different workflows that some tag matches, in declaration order
 * (each workflow's patterns against every later one's). Check each pattern with tagPatternProblem first.
 */
export function findOverlappingTagPatterns(workflows: readonly WorkflowTagPatterns[]): TagPatternOverlap[] {
  const overlaps: TagPatternOverlap[] = [];
  workflows.forEach((a, i) => {
    for (const b of workflows.slice(i + 1)) {
      for (const pa of new Set(a.patterns)) {
        for (const pb of new Set(b.patterns)) {
          const tag = tagPatternsIntersect(pa, pb);
          if (tag !== undefined) {
            overlaps.push({
              first: { workflowName: a.workflowName, pattern: pa, talosVersion: a.talosVersion },
              second: { workflowName: b.workflowName, pattern: pb, talosVersion: b.talosVersion },
              tag,
            });
          }
        }
      }
    }
  });
  return overlaps;
}

/** `v1.12.*-rock-5b` from `v*-rock-5b` and `v1.12.3`: the pattern narrowed to the release line. */
function onReleaseLine(pattern: string, talosVersion: string | undefined): string {
  const line = /^v(\d+)\.(\d+)\./.exec(talosVersion ?? '');
  const rest = /^v\*(-.*)$/.exec(pattern);
  return line && rest ? `v${line[1]}.${line[2]}.*${rest[1]}` : pattern;
}

/** The rule and fix for one overlap, for `Problems.add`. */
export function describeTagPatternOverlap(o: TagPatternOverlap): TagPatternProblem {
  const rule = `tag pattern "${o.first.pattern}" of workflow "${o.first.workflowName}" and tag pattern "${o.second.pattern}" of workflow "${o.second.workflowName}" both match tag "${o.tag}"; a tag would run both workflows`;
  const a = onReleaseLine(o.first.pattern, o.first.talosVersion);
  const b = onReleaseLine(o.second.pattern, o.second.talosVersion);
  const example = tagPatternsIntersect(a, b) === undefined
    ? `e.g. "${a}" in workflow "${o.first.workflowName}" and "${b}" in workflow "${o.second.workflowName}"`
    : 'e.g. start each with its Talos release line, as "v1.10.*-rock-5b" and "v1.12.*-rock-5b"';
  return { rule, fix: `make the patterns disjoint so that no tag matches both, ${example}` };
}

/** One line per overlap: `<rule>. Fix: <fix>`. */
export function formatTagPatternOverlap(o: TagPatternOverlap): string {
  const d = describeTagPatternOverlap(o);
  return `${d.rule}. Fix: ${d.fix}`;
}

// ---------------------------------------------------------------------------------------------
// The Talos version part of a release tag.

const RELEASE_PREFIX = /^v(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)/;
const PRERELEASE_PREFIX = /^-(?:alpha|beta|rc)\.(?:0|[1-9][0-9]*)/;

/**
 * The Talos release a tag names: its longest prefix in Talos' version format
 * (`vX.Y.Z` or `vX.Y.Z-alpha.N|beta.N|rc.N`, every siderolabs/talos v1 tag has this form)
 * that ends the tag or is followed by `-`. So `v1.10.0-alpha.2-nanopi-m6` is
 * `v1.10.0-alpha.2` and `v1.10.6-nanopi-m6` is `v1.10.6`; `v1.10.60-x` is `v1.10.60`, never
 * `v1.10.6`. Board names cannot contain ".", so a board suffix is never read as a pre-release.
 * @returns undefined when the tag does not start with a Talos version
 */
export function talosVersionOfTag(tag: string): string | undefined {
  const release = RELEASE_PREFIX.exec(tag);
  if (!release) return undefined;
  const boundary = (rest: string): boolean => rest === '' || rest.startsWith('-');
  const after = tag.slice(release[0].length);
  const pre = PRERELEASE_PREFIX.exec(after);
  if (pre && boundary(after.slice(pre[0].length))) return release[0] + pre[0];
  return boundary(after) ? release[0] : undefined;
}

/**
 * {@link talosVersionOfTag} for bash: after `[[ "$GITHUB_REF_NAME" =~ $RE ]]` succeeds,
 * `${BASH_REMATCH[1]}` is the version (POSIX leftmost-longest matching takes the pre-release
 * when it is followed by `-` or the end). Equivalence with the TypeScript rule is tested in bash.
 */
export const TALOS_VERSION_OF_TAG_BASH_REGEX = '^(v(0|[1-9][0-9]*)[.](0|[1-9][0-9]*)[.](0|[1-9][0-9]*)(-(alpha|beta|rc)[.](0|[1-9][0-9]*))?)(-|$)';

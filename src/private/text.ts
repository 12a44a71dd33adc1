// Text rules for every free-text field (display names, descriptions, reasons, audit rule ids
// and locations), and how values are shown in error messages.

/** Code points shown escaped (`<U+200B>`) in messages: they are invisible or reorder text. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Zs}\u034F\u115F\u1160\u17B4\u17B5\u2800\u3164\uFFA0]/u;

/** Values longer than this (in code points) are cut in messages. */
export const SHOWN_CODE_POINTS = 160;

/** The number of code points (not UTF-16 units): an emoji counts once. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) {
    n++;
  }
  return n;
}

/** `U+200B`: the notation of one code point. */
export function codePointName(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Replaces each invisible code point other than a plain space with `<U+XXXX>`. */
export function escapeInvisible(text: string): string {
  let out = '';
  for (const c of text) {
    out += c !== ' ' && INVISIBLE.test(c) ? `<${codePointName(c)}>` : c;
  }
  return out;
}

/** The first `max` code points of `text`, and `… (N code points)` when it was cut. */
export function cut(text: string, max: number = SHOWN_CODE_POINTS): { head: string; tail: string } {
  const points = [...text];
  if (points.length <= max) {
    return { head: text, tail: '' };
  }
  return { head: points.slice(0, max).join(''), tail: `… (${points.length} code points)` };
}

/**
 * A value as an error message shows it: strings JSON-quoted, cut after 160 code points, with
 * invisible characters escaped; other values as JSON, cut the same way.
 */
export function renderValue(value: unknown, max: number = SHOWN_CODE_POINTS): string {
  if (value === undefined) {
    return '(not set)';
  }
  if (typeof value === 'string') {
    const { head, tail } = cut(value, max);
    return escapeInvisible(JSON.stringify(head)) + tail;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return String(value);
  }
  if (typeof value === 'bigint' || typeof value === 'symbol') {
    return `(a ${typeof value})`;
  }
  if (typeof value === 'function') {
    return '(a function)';
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(value, (_k, v) => (v === undefined ? null : typeof v === 'bigint' ? String(v) : v));
  } catch {
    json = undefined;
  }
  if (json === undefined) {
    return `(${describeType(value)})`;
  }
  const { head, tail } = cut(json, max);
  return escapeInvisible(head) + tail;
}

/** A field path as a message shows it: invisible characters escaped, long keys cut. */
export function renderField(field: string): string {
  const escaped = field.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
  const { head, tail } = cut(escaped, SHOWN_CODE_POINTS);
  return escapeInvisible(head) + tail;
}

/** The field of a map entry: `prop.key`, with an empty key written `prop[""]`. */
export function keyField(prop: string, key: string): string {
  return key === '' ? `${prop}[""]` : `${prop}.${key}`;
}

/** What kind of value this is, for a type error: `a string`, `null`, `an array`, `an object of class Foo`. */
export function describeType(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (value === undefined) {
    return 'not set';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  if (typeof value === 'object') {
    const ctor = Object.getPrototypeOf(value)?.constructor?.name;
    return ctor && ctor !== 'Object' ? `an object of class ${ctor}` : 'an object';
  }
  return typeof value === 'undefined' ? 'not set' : `a ${typeof value}`;
}

/** Code points no free text may contain: controls, line/paragraph separators, bidi controls. */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
/** The same, with newline and tab forbidden too (single-line text). */
const FORBIDDEN_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
/** Code points that show nothing on their own. */
const BLANK = /^[\p{Cf}\p{Z}\s\u034F\u115F\u1160\u17B4\u17B5\u2800\u3164\uFFA0\uFE00-\uFE0F]*$/u;

/** What kind of code point `c` is, for a message. */
function kindOf(c: string): string {
  const code = c.codePointAt(0)!;
  if (code <= 0x1f || code === 0x7f) {
    return 'a control character';
  }
  if (code >= 0x80 && code <= 0x9f) {
    return 'a C1 control character (U+0085 ends a line in YAML)';
  }
  if (code === 0x2028 || code === 0x2029) {
    return 'a line or paragraph separator';
  }
  return 'a bidi control character (it reorders the text around it)';
}

/** The number of code points that show something (not spaces, not invisible characters). */
export function visibleLength(text: string): number {
  let n = 0;
  for (const c of text) {
    if (!BLANK.test(c)) {
      n++;
    }
  }
  return n;
}

/** Options of a free-text check. */
export interface FreeTextRule {
  /** Newlines (LF, CRLF) and tabs are allowed (Markdown, multi-line notes). */
  readonly multiLine?: boolean;
  /** The most code points allowed. */
  readonly maxCodePoints?: number;
  /** An empty value is allowed (the check then passes). */
  readonly allowEmpty?: boolean;
}

/**
 * The problem of a free-text value, or undefined when it is fine: controls (C0 and C1),
 * U+2028/U+2029, bidi overrides and isolates, a value that shows nothing (only spaces or
 * invisible characters), and more code points than allowed.
 */
export function freeTextProblem(value: string, rule: FreeTextRule = {}): string | undefined {
  const forbidden = (rule.multiLine ? FORBIDDEN : FORBIDDEN_SINGLE_LINE).exec(value);
  if (forbidden) {
    return `must not contain ${codePointName(forbidden[0])} (${kindOf(forbidden[0])})`;
  }
  if (value.length === 0) {
    return rule.allowEmpty ? undefined : 'must not be empty';
  }
  if (BLANK.test(value)) {
    return 'must show some text: it has only spaces or invisible characters';
  }
  const length = codePointLength(value);
  if (rule.maxCodePoints !== undefined && length > rule.maxCodePoints) {
    return `must be at most ${rule.maxCodePoints} characters (code points), got ${length}`;
  }
  return undefined;
}

/** Text safe in a one-line comment or message: forbidden and invisible code points escaped, cut. */
export function sanitizeForComment(text: string, max: number = 200): string {
  let out = '';
  for (const c of text) {
    out += FORBIDDEN_SINGLE_LINE.test(c) || (c !== ' ' && INVISIBLE.test(c)) ? `<${codePointName(c)}>` : c;
  }
  const { head, tail } = cut(out, max);
  return head + tail;
}

/**
 * `text` made plain for the fix of an error: controls, bidi and invisible characters become
 * spaces, `remove` characters are dropped, spaces collapse, at most `max` code points.
 */
export function plainText(text: string, max: number, remove: RegExp = /[$`\\]/g): string {
  let out = '';
  for (const c of text) {
    out += FORBIDDEN_SINGLE_LINE.test(c) || INVISIBLE.test(c) ? ' ' : c;
  }
  return [...out.replace(remove, '').replace(/\s+/g, ' ').trim()].slice(0, max).join('').trim();
}

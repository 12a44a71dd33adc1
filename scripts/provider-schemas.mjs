#!/usr/bin/env node
// Re-checks (or regenerates) the provider-schema descriptions in src/terraform/schemas/*.json
// against the Go source of the provider, read from a git directory at the tag each file names.
//
//   node scripts/provider-schemas.mjs check    <git dir or checkout> <schema.json>
//   node scripts/provider-schemas.mjs generate <git dir or checkout> <schema.json>
//
// `check` parses every described resource, data source and the provider block at the tag, and
// fails (exit 1) when an attribute's citation (`file:line@tag`), type, required / optional /
// computed / sensitive flags, nesting, deprecation, enum or conflict lists differ from the JSON,
// when the provider has an attribute the JSON lacks, or when a hand-written citation (`…Cite`)
// no longer shows its expected text. `generate` rewrites the mechanical fields and keeps the
// hand-written ones (`emptyString`, `emptyStringCite`, `note`).
//
// Obtain the source with e.g. `git clone --bare https://github.com/integrations/terraform-provider-github`.
// Only reads files with `git show <tag>:<path>`; never builds or runs provider code (read
// docker/terraform-provider-docker only at its tag v0.6.0). Not run in CI (no network there).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [mode, repo, schemaPath] = process.argv.slice(2);
if (!['check', 'generate'].includes(mode) || !repo || !schemaPath) {
  console.error('usage: provider-schemas.mjs check|generate <git dir or checkout> <schema.json>');
  process.exit(2);
}
const gitDir = existsSync(join(repo, '.git')) ? join(repo, '.git') : repo;
const cache = new Map();
function show(tag, file) {
  const key = `${tag}:${file}`;
  if (!cache.has(key)) {
    cache.set(key, execFileSync('git', [`--git-dir=${gitDir}`, 'show', key], { encoding: 'utf8', maxBuffer: 64 << 20 }));
  }
  return cache.get(key);
}

// ---- a small Go lexer: matching brackets, top-level splitting, skipping strings and comments ----
function skipString(text, i) {
  const q = text[i];
  if (q === '`') {
    return text.indexOf('`', i + 1) + 1;
  }
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') {
      j++;
    } else if (text[j] === q) {
      return j + 1;
    }
  }
  throw new Error('unterminated string');
}
function skipComment(text, i) {
  if (text.startsWith('//', i)) {
    const end = text.indexOf('\n', i);
    return end < 0 ? text.length : end;
  }
  if (text.startsWith('/*', i)) {
    return text.indexOf('*/', i) + 2;
  }
  return i;
}
/** Index just after the bracket that closes the one at `open`. */
function matching(text, open) {
  let depth = 0;
  for (let i = open; i < text.length;) {
    const c = text[i];
    if (c === '"' || c === '`' || c === '\'') {
      i = skipString(text, i);
      continue;
    }
    const after = skipComment(text, i);
    if (after !== i) {
      i = after;
      continue;
    }
    if ('{(['.includes(c)) {
      depth++;
    } else if ('})]'.includes(c)) {
      depth--;
      if (depth === 0) {
        return i + 1;
      }
    }
    i++;
  }
  throw new Error('unbalanced brackets');
}
/** Splits text[from, to) at top-level commas: [{ start, end }] (trimmed of nothing). */
function splitTopLevel(text, from, to) {
  const parts = [];
  let start = from;
  for (let i = from; i < to;) {
    const c = text[i];
    if (c === '"' || c === '`' || c === '\'') {
      i = skipString(text, i);
      continue;
    }
    const after = skipComment(text, i);
    if (after !== i) {
      i = after;
      continue;
    }
    if ('{(['.includes(c)) {
      i = matching(text, i);
      continue;
    }
    if (c === ',') {
      parts.push({ start, end: i });
      start = i + 1;
    }
    i++;
  }
  if (text.slice(start, to).trim().length > 0) {
    parts.push({ start, end: to });
  }
  return parts;
}
const lineOf = (text, index) => text.slice(0, index).split('\n').length;
const goStrings = (src) => [...src.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`));
const goStringValue = (src) => {
  const raw = src.trim();
  if (raw.startsWith('`')) {
    return raw.slice(1, -1);
  }
  return goStrings(raw).join('');
};

/** `Key: value` fields of a composite literal body text[from, to). */
function fieldsOf(text, from, to) {
  const fields = {};
  for (const part of splitTopLevel(text, from, to)) {
    const m = /^\s*(?:\/\/[^\n]*\n\s*)*([A-Za-z_][A-Za-z0-9_]*)\s*:/.exec(text.slice(part.start, part.end));
    if (m) {
      fields[m[1]] = { start: part.start + m[0].length, end: part.end };
    }
  }
  return fields;
}
/** Entries `"name": <value>` of a map literal body text[from, to). */
function entriesOf(text, from, to) {
  const entries = [];
  for (const part of splitTopLevel(text, from, to)) {
    const m = /^\s*(?:\/\/[^\n]*\n\s*)*"([^"]+)"\s*:\s*/.exec(text.slice(part.start, part.end));
    if (m) {
      entries.push({ name: m[1], keyIndex: part.start + m[0].indexOf('"'), start: part.start + m[0].length, end: part.end });
    }
  }
  return entries;
}
function bodyAfter(text, index, what) {
  const open = text.indexOf('{', index);
  if (open < 0) {
    throw new Error(`no body for ${what}`);
  }
  return { start: open + 1, end: matching(text, open) - 1 };
}

// ---- SDK v2 (integrations/github) ----
const SDK_TYPES = { TypeString: 'string', TypeBool: 'bool', TypeInt: 'number', TypeFloat: 'number', TypeList: 'list', TypeSet: 'set', TypeMap: 'map' };
function sdkSchemaMap(text, from, to, file, tag) {
  const attributes = {};
  for (const entry of entriesOf(text, from, to)) {
    const v = text.slice(entry.start, entry.end).trim();
    if (!v.startsWith('{') && !v.startsWith('&schema.Schema{')) {
      throw new Error(`${file}@${tag}: ${entry.name} is not an inline schema literal`);
    }
    const body = bodyAfter(text, entry.start, entry.name);
    attributes[entry.name] = sdkAttribute(text, body.start, body.end, file, tag, lineOf(text, entry.keyIndex));
  }
  return attributes;
}
function sdkAttribute(text, from, to, file, tag, line) {
  const f = fieldsOf(text, from, to);
  const val = (k) => (f[k] ? text.slice(f[k].start, f[k].end).trim() : undefined);
  const a = { cite: `${file}:${line}@${tag}` };
  const type = /schema\.(Type\w+)/.exec(val('Type') ?? '');
  a.type = type ? SDK_TYPES[type[1]] : 'unknown';
  for (const flag of ['Required', 'Optional', 'Computed', 'Sensitive', 'ForceNew']) {
    if (val(flag) === 'true') {
      a[flag.toLowerCase()] = true;
    }
  }
  if (val('Deprecated') !== undefined) {
    a.deprecated = goStringValue(val('Deprecated'));
  }
  if (val('MaxItems') !== undefined) {
    a.maxItems = Number(val('MaxItems'));
  }
  for (const k of ['ExactlyOneOf', 'ConflictsWith', 'RequiredWith', 'AtLeastOneOf']) {
    if (val(k) !== undefined) {
      a[k[0].toLowerCase() + k.slice(1)] = goStrings(val(k));
    }
  }
  const validate = val('ValidateDiagFunc') ?? val('ValidateFunc');
  const inSlice = validate && /StringInSlice\(\s*\[\]string\{([^}]*)\}/.exec(validate);
  if (inSlice) {
    a.enum = goStrings(inSlice[1]);
  }
  const elem = val('Elem');
  if (elem !== undefined) {
    const elemStart = f.Elem.start + text.slice(f.Elem.start).search(/\S/);
    if (elem.startsWith('&schema.Resource{')) {
      const res = bodyAfter(text, elemStart, 'Elem');
      const rf = fieldsOf(text, res.start, res.end);
      const map = bodyAfter(text, rf.Schema.start, 'Elem.Schema');
      a.block = sdkSchemaMap(text, map.start, map.end, file, tag);
    } else if (elem.startsWith('&schema.Schema{')) {
      const t = /schema\.(Type\w+)/.exec(elem);
      a.elem = t ? SDK_TYPES[t[1]] : 'unknown';
    } else {
      a.elem = 'unknown';
    }
  }
  return a;
}
function sdkFunctionSchema(file, tag, fn) {
  const text = show(tag, file);
  const at = text.search(new RegExp(`func ${fn}\\(\\)`));
  if (at < 0) {
    throw new Error(`${file}@${tag}: no func ${fn}`);
  }
  const schemaAt = text.indexOf('Schema: map[string]*schema.Schema{', at);
  const body = bodyAfter(text, schemaAt, fn);
  return { cite: `${file}:${lineOf(text, at)}@${tag}`, attributes: sdkSchemaMap(text, body.start, body.end, file, tag) };
}

// ---- plugin framework (docker/docker) ----
const FW_TYPES = { StringAttribute: 'string', BoolAttribute: 'bool', Int64Attribute: 'number', Float64Attribute: 'number', NumberAttribute: 'number', ListAttribute: 'list', SetAttribute: 'set', MapAttribute: 'map', SingleNestedAttribute: 'object' };
const FW_ELEM = { StringType: 'string', BoolType: 'bool', Int64Type: 'number' };
function fwAttributes(text, from, to, file, tag) {
  const attributes = {};
  for (const entry of entriesOf(text, from, to)) {
    let v = text.slice(entry.start, entry.end).trim();
    let src = text;
    let start = entry.start;
    const call = /^(\w+)\(\)$/.exec(v);
    if (call) { // a helper returning the attribute, e.g. immutableTagsSettingsSchema()
      const at = text.search(new RegExp(`func ${call[1]}\\(\\)`));
      start = text.indexOf('return ', at) + 'return '.length;
      v = text.slice(start, matching(text, text.indexOf('{', start))).trim();
      src = text;
    }
    const kind = /^schema\.(\w+)\{/.exec(v);
    if (!kind) {
      throw new Error(`${file}@${tag}: ${entry.name}: unsupported attribute ${v.slice(0, 40)}`);
    }
    const body = bodyAfter(src, start, entry.name);
    const f = fieldsOf(src, body.start, body.end);
    const val = (k) => (f[k] ? src.slice(f[k].start, f[k].end).trim() : undefined);
    const a = { cite: `${file}:${lineOf(text, entry.keyIndex)}@${tag}`, type: FW_TYPES[kind[1]] ?? 'unknown' };
    for (const flag of ['Required', 'Optional', 'Computed', 'Sensitive']) {
      if (val(flag) === 'true') {
        a[flag.toLowerCase()] = true;
      }
    }
    if (val('DeprecationMessage') !== undefined) {
      a.deprecated = goStringValue(val('DeprecationMessage'));
    }
    if (val('ElementType') !== undefined) {
      a.elem = FW_ELEM[/types\.(\w+)/.exec(val('ElementType'))?.[1]] ?? 'unknown';
    }
    if (/stringplanmodifier\.RequiresReplace\(\)/.test(val('PlanModifiers') ?? '')) {
      a.forcenew = true;
    }
    if (f.Attributes) {
      const nested = bodyAfter(src, f.Attributes.start, `${entry.name}.Attributes`);
      a.attributes = fwAttributes(src, nested.start, nested.end, file, tag);
    }
    attributes[entry.name] = a;
  }
  return attributes;
}
function fwSchema(file, tag, anchor) {
  const text = show(tag, file);
  const at = text.indexOf(anchor);
  if (at < 0) {
    throw new Error(`${file}@${tag}: no ${anchor}`);
  }
  const attrsAt = text.indexOf('Attributes: map[string]schema.Attribute{', at);
  const body = bodyAfter(text, attrsAt, anchor);
  return { cite: `${file}:${lineOf(text, at)}@${tag}`, attributes: fwAttributes(text, body.start, body.end, file, tag) };
}

// ---- driver ----
const HAND = ['emptyString', 'emptyStringCite', 'note'];
function parse(spec, tag) {
  return spec.framework === 'plugin-framework' ? fwSchema(spec.file, tag, spec.anchor) : sdkFunctionSchema(spec.file, tag, spec.function);
}
function merge(generated, old) {
  const out = {};
  for (const [name, a] of Object.entries(generated)) {
    const prior = old?.[name] ?? {};
    const merged = { ...a };
    for (const k of ['block', 'attributes']) {
      if (a[k]) {
        merged[k] = merge(a[k], prior[k]);
      }
    }
    for (const k of HAND) {
      if (prior[k] !== undefined) {
        merged[k] = prior[k];
      }
    }
    out[name] = merged;
  }
  return out;
}
function strip(attrs) {
  return Object.fromEntries(Object.entries(attrs).map(([n, a]) => {
    const copy = Object.fromEntries(Object.entries(a).filter(([k]) => !HAND.includes(k)));
    for (const k of ['block', 'attributes']) {
      if (copy[k]) {
        copy[k] = strip(copy[k]);
      }
    }
    return [n, copy];
  }));
}
function diff(path, want, got, out) {
  if (JSON.stringify(want) === JSON.stringify(got)) {
    return;
  }
  if (want && got && typeof want === 'object' && typeof got === 'object' && !Array.isArray(want)) {
    for (const k of new Set([...Object.keys(want), ...Object.keys(got)])) {
      diff(`${path}.${k}`, want[k], got[k], out);
    }
    return;
  }
  out.push(`${path}: the JSON says ${JSON.stringify(want)}, the source says ${JSON.stringify(got)}`);
}
function handCites(path, attrs, out) {
  for (const [name, a] of Object.entries(attrs)) {
    if (a.emptyStringCite) {
      const { cite, expect } = a.emptyStringCite;
      const m = /^(.+):(\d+)@(.+)$/.exec(cite);
      const line = m ? show(m[3], m[1]).split('\n')[Number(m[2]) - 1] ?? '' : '';
      if (!line.includes(expect)) {
        out.push(`${path}.${name}.emptyStringCite: ${cite} does not show ${JSON.stringify(expect)} (it reads ${JSON.stringify(line.trim())})`);
      }
    }
    for (const k of ['block', 'attributes']) {
      if (a[k]) {
        handCites(`${path}.${name}.${k}`, a[k], out);
      }
    }
  }
}

const doc = JSON.parse(readFileSync(schemaPath, 'utf8'));
const problems = [];
const sections = [['provider', { provider: doc.provider }], ['resources', doc.resources], ['dataSources', doc.dataSources]];
for (const [section, entries] of sections) {
  for (const [type, entry] of Object.entries(entries ?? {})) {
    const where = `${section}.${type}`;
    let parsed;
    try {
      parsed = parse(entry.source, doc.tag);
    } catch (e) {
      problems.push(`${where}: ${e.message}`);
      continue;
    }
    if (mode === 'generate') {
      entry.cite = parsed.cite;
      entry.attributes = merge(parsed.attributes, entry.attributes);
    } else {
      diff(`${where}.cite`, entry.cite, parsed.cite, problems);
      diff(`${where}.attributes`, strip(entry.attributes ?? {}), parsed.attributes, problems);
      handCites(`${where}.attributes`, entry.attributes ?? {}, problems);
    }
  }
}
if (mode === 'generate') {
  writeFileSync(schemaPath, `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`wrote ${schemaPath}${problems.length ? ` with ${problems.length} problem(s)` : ''}`);
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
if (mode === 'check') {
  console.log(`${schemaPath}: every citation and attribute matches ${doc.source} @ ${doc.tag}`);
}

/**
 * Regenerates `src/extensions/private-extension-data.ts`: the official system extensions of
 * every stable Talos release from v1.7.0 (and the pre-releases of a minor not yet released), read from a copy of siderolabs/extensions at each
 * release tag (the extensions repository is tagged with the Talos release it belongs to).
 *
 *   npx projen extensions-table <path of a bare or normal git directory of siderolabs/extensions>
 *
 * How the published image of one extension is named (siderolabs/extensions `Makefile` @ v1.7.0
 * … v1.14.0-rc.1, targets `$(TARGETS)` and `extensions-metadata`):
 *   `$(REGISTRY)/$(USERNAME)/<target>:$(bldr eval --target <target> --build-arg TAG=$(TAG) '{{.VERSION}}')`
 * for every name in `TARGETS` and `NONFREE_TARGETS`. So the image is `ghcr.io/siderolabs/<target>`
 * and its tag is the `VERSION` variable of the target's package, rendered the way bldr renders it
 * (siderolabs/bldr `internal/pkg/solver/filesystem_loader.go` and `internal/pkg/types/vars.go`
 * @ v0.5.1): the Pkgfile `vars` and the build args (`BUILD_ARG_TAG` = the release tag) form the
 * context, and every `vars.yaml` from the root down to the package's folder is rendered as a Go
 * template with the context of its parent folders, then merged over it.
 *
 * Whether an extension carries kernel modules, and where it installs firmware, is read from the
 * install steps of its `pkg.yaml` and of the in-repository stages it depends on: a copy into
 * `/rootfs/lib/modules` or `/rootfs/usr/lib/modules` (modules), `/rootfs/lib/firmware` (before the
 * usr-merge of v1.10) or `/rootfs/usr/lib/firmware` (from v1.10).
 */
import { execFileSync } from 'child_process';
import { writeFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';

/** One extension of one release, as generated. */
export interface GeneratedExtension {
  readonly name: string;
  readonly version: string;
  readonly kernelModules: boolean;
  /** `/rootfs/lib/firmware`, `/rootfs/usr/lib/firmware`, or undefined (no firmware). */
  readonly firmwareRoot?: string;
}

/** Reads files of one tree (a tag of the extensions repository). */
export interface TreeReader {
  /** Every file path of the tree. */
  readonly paths: readonly string[];
  /** A file's text; undefined when absent. */
  read(path: string): string | undefined;
}

const NO_VALUE = '<no value>';
const SIMPLE_ACTION = /\{\{-?\s*\.([A-Za-z_][A-Za-z0-9_]*)\s*(?:\|\s*replace\s+"([^"\\]*)"\s+"([^"\\]*)"\s*)?-?\}\}/g;

/**
 * Renders a Go template that only substitutes variables (`{{ .NAME }}`), optionally through
 * sprig's `replace` (`{{ .NAME | replace "-" "." }}`: every `old` becomes `new`), as bldr
 * renders `vars.yaml` (text/template with `sprig.HermeticTxtFuncMap()`). Any other action
 * (other functions, conditionals) is refused, so a change upstream fails the generator instead
 * of producing a wrong version.
 */
export function renderTemplate(text: string, context: Readonly<Record<string, string>>, where: string): string {
  const rendered = text.replace(SIMPLE_ACTION, (_match, name: string, from?: string, to?: string) => {
    // Go text/template renders a missing map key as "<no value>" (build args that `bldr eval` is not
    // given, e.g. BUILD_ARG_GNU_MIRROR_URL @ v1.14.0-rc.1); a VERSION containing it is refused below
    const value = context[name] ?? NO_VALUE;
    return from === undefined ? value : value.split(from).join(to);
  });
  if (rendered.includes('{{')) {
    throw new Error(`${where}: unsupported template action in ${JSON.stringify(rendered.slice(rendered.indexOf('{{'), rendered.indexOf('{{') + 60))}`);
  }
  return rendered;
}

/** A YAML map of scalars read as strings (yaml.v3 into `map[string]string`). */
function stringMap(text: string, where: string): Record<string, string> {
  const value = parse(text, { schema: 'failsafe' }) ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${where}: expected a map of variables`);
  }
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') {
      out[key] = v;
    }
  }
  return out;
}

/** `TARGETS` then `NONFREE_TARGETS` of the Makefile (`X = a` / `X += b`). */
export function makefileTargets(makefile: string): string[] {
  const targets: string[] = [];
  for (const variable of ['TARGETS', 'NONFREE_TARGETS']) {
    const re = new RegExp(`^${variable} \\+?= (\\S+)\\s*$`, 'gm');
    for (const m of makefile.matchAll(re)) {
      targets.push(m[1]);
    }
  }
  return targets;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '.' : path.slice(0, i);
}

/** The bldr variable context of every folder (Pkgfile vars + build args + vars.yaml down the tree). */
function folderContexts(tree: TreeReader, tag: string): (folder: string) => Record<string, string> {
  const pkgfile = tree.read('Pkgfile');
  if (pkgfile === undefined) {
    throw new Error(`${tag}: no Pkgfile`);
  }
  const pkgfileVars = stringMap(JSON.stringify((parse(pkgfile) ?? {}).vars ?? {}), `${tag}:Pkgfile`);
  const base: Record<string, string> = { ...pkgfileVars, BUILD_ARG_TAG: tag };
  const varsByFolder = new Map<string, Record<string, string>>();
  const varFiles = tree.paths.filter((p) => p === 'vars.yaml' || p.endsWith('/vars.yaml'))
    .sort((a, b) => (dirOf(a) < dirOf(b) ? -1 : dirOf(a) > dirOf(b) ? 1 : 0));
  const resolve = (folder: string): Record<string, string> => {
    const context = { ...base };
    const parts = folder === '.' ? [] : folder.split('/');
    for (let i = 0; i <= parts.length; i++) {
      const sub = i === 0 ? '.' : parts.slice(0, i).join('/');
      Object.assign(context, varsByFolder.get(sub) ?? {});
    }
    return context;
  };
  for (const file of varFiles) {
    const folder = dirOf(file);
    const text = renderTemplate(tree.read(file)!, resolve(folder), `${tag}:${file}`);
    varsByFolder.set(folder, stringMap(text, `${tag}:${file}`));
  }
  return resolve;
}

const MODULES = /\/rootfs(?:\/usr)?\/lib\/modules/;
const FIRMWARE = /\/rootfs(\/usr)?\/lib\/firmware/;

/** The official extensions of one release tag, sorted by name. */
export function extensionsAt(tree: TreeReader, tag: string): GeneratedExtension[] {
  const makefile = tree.read('Makefile');
  if (makefile === undefined) {
    throw new Error(`${tag}: no Makefile`);
  }
  const contextOf = folderContexts(tree, tag);
  const pkgs = new Map<string, { path: string; text: string; stages: string[] }>();
  for (const path of tree.paths.filter((p) => p.endsWith('/pkg.yaml'))) {
    const text = tree.read(path)!;
    const name = /^name: *"?([A-Za-z0-9._-]+)"?\s*$/m.exec(text)?.[1];
    if (name) {
      const stages = [...text.matchAll(/^\s*- stage: *"?([A-Za-z0-9._-]+)"?\s*$/gm)].map((m) => m[1]);
      pkgs.set(name, { path, text, stages });
    }
  }
  const result: GeneratedExtension[] = [];
  for (const target of makefileTargets(makefile)) {
    const pkg = pkgs.get(target);
    if (!pkg) {
      throw new Error(`${tag}: target "${target}" has no pkg.yaml`);
    }
    const version = contextOf(dirOf(pkg.path)).VERSION;
    if (!version || version.includes(NO_VALUE)) {
      throw new Error(`${tag}:${pkg.path}: no VERSION variable, or it uses an undefined variable (${JSON.stringify(version)})`);
    }
    // the package and the in-repository stages it copies from (transitively; "base" is the shared toolchain)
    const texts: string[] = [];
    const seen = new Set<string>();
    const visit = (name: string): void => {
      const p = pkgs.get(name);
      if (!p || seen.has(name) || name === 'base') {
        return;
      }
      seen.add(name);
      texts.push(p.text);
      p.stages.forEach(visit);
    };
    visit(target);
    const all = texts.join('\n');
    const firmware = FIRMWARE.exec(pkg.text) ?? FIRMWARE.exec(all);
    result.push({
      name: target,
      version,
      kernelModules: MODULES.test(all),
      firmwareRoot: firmware ? (firmware[1] ? '/rootfs/usr/lib/firmware' : '/rootfs/lib/firmware') : undefined,
    });
  }
  return result.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const TAG = /^v(\d+)\.(\d+)\.(\d+)(?:-(alpha|beta|rc)\.(\d+))?$/;
const PRE_RANK: Record<string, number> = { alpha: 0, beta: 1, rc: 2 };

/**
 * The release tags of the table, oldest first: every stable tag from v1.7.0, and the
 * pre-releases of a minor that has no stable release yet (e.g. v1.14.0-alpha.0 … rc.1 while
 * v1.14.0 is not out), so a board can be tried on the coming release.
 */
export function releaseTags(tags: readonly string[]): string[] {
  const parsed = tags.map((t) => ({ t, m: TAG.exec(t) })).filter((x) => x.m !== null && (Number(x.m[1]) > 1 || Number(x.m[2]) >= 7));
  const stableMinors = new Set(parsed.filter((x) => x.m![4] === undefined).map((x) => `${x.m![1]}.${x.m![2]}`));
  const key = (m: RegExpExecArray): number[] =>
    [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 9 : PRE_RANK[m[4]], Number(m[5] ?? 0)];
  return parsed
    .filter((x) => x.m![4] === undefined || !stableMinors.has(`${x.m![1]}.${x.m![2]}`))
    .sort((a, b) => {
      const ka = key(a.m!);
      const kb = key(b.m!);
      for (let i = 0; i < ka.length; i++) {
        if (ka[i] !== kb[i]) return ka[i] - kb[i];
      }
      return 0;
    })
    .map((x) => x.t);
}

function kindOf(ext: GeneratedExtension): string {
  const fw = ext.firmwareRoot === '/rootfs/usr/lib/firmware' ? 'F' : ext.firmwareRoot === '/rootfs/lib/firmware' ? 'f' : '';
  return `${ext.kernelModules ? 'm' : ''}${fw}`;
}

/** The generated TypeScript module. */
export function renderModule(releases: ReadonlyArray<{ tag: string; commit: string; extensions: readonly GeneratedExtension[] }>): string {
  const lines: string[] = [
    '// Code generated by scripts/generate-extensions.ts. DO NOT EDIT. @generated',
    '// GENERATED FILE: do not edit. Regenerate with `npx projen extensions-table <siderolabs/extensions git dir>`',
    '// (scripts/generate-extensions.ts), which reads siderolabs/extensions at each release tag below.',
    '/* eslint-disable */',
    '',
    '/**',
    ' * One official extension: [name, version (the image tag), kind]. The image is',
    ' * `ghcr.io/siderolabs/<name>:<version>`. Kind: "m" carries kernel modules (built for the',
    ' * release\'s kernel), "f" installs firmware into /rootfs/lib/firmware (before the usr-merge),',
    ' * "F" into /rootfs/usr/lib/firmware.',
    ' */',
    'export type ExtensionRow = readonly [name: string, version: string, kind: string];',
    '',
    '/** One release: the siderolabs/extensions commit of its tag, and its extensions sorted by name. */',
    'export interface ExtensionRelease {',
    '  readonly commit: string;',
    '  readonly extensions: readonly ExtensionRow[];',
    '}',
    '',
    '/** Every stable Talos release from v1.7.0, and the pre-releases of a minor not yet released; oldest first. */',
    'export const EXTENSION_RELEASES: { readonly [talosVersion: string]: ExtensionRelease } = {',
  ];
  for (const release of releases) {
    lines.push(`  '${release.tag}': {`, `    commit: '${release.commit}',`, '    extensions: [');
    for (const ext of release.extensions) {
      lines.push(`      ['${ext.name}', '${ext.version}', '${kindOf(ext)}'],`);
    }
    lines.push('    ],', '  },');
  }
  lines.push('};', '');
  return lines.join('\n');
}

/** A tree of a git directory at one tag; the files the generator reads come from one `git cat-file --batch`. */
function gitTree(gitDir: string, tag: string): TreeReader {
  const paths = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '--name-only', tag], { encoding: 'utf8' })
    .split('\n').filter((p) => p.length > 0);
  const wanted = paths.filter((p) => p === 'Pkgfile' || p === 'Makefile' || p.endsWith('vars.yaml') || p.endsWith('pkg.yaml'));
  const output = execFileSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], {
    input: wanted.map((p) => `${tag}:${p}\n`).join(''), maxBuffer: 256 * 1024 * 1024,
  });
  const texts = new Map<string, string>();
  let offset = 0;
  for (const path of wanted) {
    const newline = output.indexOf(0x0a, offset);
    const header = output.subarray(offset, newline).toString('utf8').split(' ');
    const size = Number(header[2]);
    if (header[1] !== 'blob' || !Number.isInteger(size)) {
      throw new Error(`${tag}:${path}: unexpected git cat-file header ${header.join(' ')}`);
    }
    texts.set(path, output.subarray(newline + 1, newline + 1 + size).toString('utf8'));
    offset = newline + 1 + size + 1;
  }
  return { paths, read: (path) => texts.get(path) };
}

function main(argv: string[]): void {
  const gitDir = argv[0];
  if (!gitDir) {
    throw new Error('usage: generate-extensions <git dir of siderolabs/extensions> [output file]');
  }
  const output = argv[1] ?? join(__dirname, '..', 'src', 'extensions', 'private-extension-data.ts');
  const tags = releaseTags(execFileSync('git', ['--git-dir', gitDir, 'tag', '-l'], { encoding: 'utf8' }).split('\n'));
  const releases = tags.map((tag) => {
    const commit = execFileSync('git', ['--git-dir', gitDir, 'rev-list', '-n', '1', tag], { encoding: 'utf8' }).trim();
    return { tag, commit, extensions: extensionsAt(gitTree(gitDir, tag), tag) };
  });
  writeFileSync(output, renderModule(releases));
  process.stdout.write(`wrote ${releases.length} releases (${tags[0]} … ${tags[tags.length - 1]}) to ${output}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2));
}

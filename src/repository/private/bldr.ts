/**
 * A read-only model of how bldr v0.3.0 loads an overlay repository: the `Pkgfile`, the
 * `vars.yaml` and `pkg.yaml` files, each templated over the variables of one platform.
 * Sources: siderolabs/bldr @ v0.3.0
 * - internal/pkg/solver/buildkit_loader.go: `Pkgfile` first; then, per directory, `vars.yaml`
 *   (templated, merged for that directory and below), then `pkg.yaml`, then subdirectories;
 *   the context is the platform's variables + `BUILD_ARG_*` + the Pkgfile `vars`
 *   (`bkfl.Context.Merge(bkfl.pkgFile.Vars)`, so Pkgfile vars win).
 * - internal/pkg/pkgfile/build.go: build args become `BUILD_ARG_<name>`; the variables are
 *   computed per platform (`platformContextCache.get`).
 * - internal/pkg/environment/{default.go,platform.go}: the default variables and, per
 *   platform, `BUILD`, `HOST`, `ARCH`, `TARGET`.
 * - internal/pkg/types/v1alpha2/pkgfile.go: `format` must be `v1alpha2`.
 * - internal/pkg/types/v1alpha2/deps.go: a dependency has `stage` or `image`, `platform`,
 *   `from`, `to`, `runtime`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join, posix } from 'path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, YAMLMap } from 'yaml';
import { renderTemplate, RenderedTemplate } from './template';

/** bldr's platforms (internal/pkg/environment/platform.go @ v0.3.0): id → ARCH, TARGET, BUILD/HOST. */
export const BLDR_PLATFORMS: { [id: string]: { arch: string; target: string; build: string; goArch: string } } = {
  'linux/amd64': { arch: 'x86_64', target: 'x86_64-talos-linux-musl', build: 'x86_64-linux-musl', goArch: 'amd64' },
  'linux/arm64': { arch: 'aarch64', target: 'aarch64-talos-linux-musl', build: 'aarch64-linux-musl', goArch: 'arm64' },
  'linux/armv7': { arch: 'armv7', target: 'armv7-talos-linux-musl', build: 'armv7-linux-musl', goArch: 'arm' },
};

/** bldr's default variables (internal/pkg/environment/default.go @ v0.3.0). */
const DEFAULT_VARIABLES: { [name: string]: string } = {
  CFLAGS: '-g0 -Os',
  CXXFLAGS: '-g0 -Os',
  LDFLAGS: '-s',
  VENDOR: 'talos',
  SYSROOT: '/talos',
  TOOLCHAIN: '/toolchain',
  // internal/pkg/constants/build.go @ v0.3.0: DefaultPath
  PATH: '/toolchain/bin:/bin:/usr/bin:/sbin:/usr/sbin',
};

/** A problem found while loading, before any closure. */
export interface LoadIssue {
  readonly kind: 'yaml' | 'template-syntax' | 'template-unsupported' | 'no-name' | 'duplicate' | 'dependency';
  readonly file: string;
  readonly line?: number;
  readonly message: string;
}

/** One `dependencies` entry. */
export interface PkgDependency {
  readonly stage?: string;
  readonly image?: string;
  readonly platform?: string;
  readonly line: number;
}

/** One loaded `pkg.yaml`, rendered for one platform. */
export interface Pkg {
  readonly name: string;
  /** Repository-relative posix path of the pkg.yaml. */
  readonly file: string;
  /** Repository-relative posix directory of the pkg.yaml ('' for the root). */
  readonly dir: string;
  readonly nameLine: number;
  readonly dependencies: PkgDependency[];
  readonly finalize: Array<{ from?: string; to?: string; line: number }>;
  /** All scalar strings under `steps` (scripts, env values, source URLs). */
  readonly stepStrings: string[];
  readonly render: RenderedTemplate;
}

/** The Pkgfile: its vars and where they are. */
export interface Pkgfile {
  readonly vars: { [name: string]: string };
  readonly syntaxLine?: string;
  readonly format?: string;
  readonly issues: LoadIssue[];
}

/** The packages of one platform. */
export interface PlatformPackages {
  readonly platform: string;
  readonly packages: Map<string, Pkg>;
  readonly files: Pkg[];
  readonly issues: LoadIssue[];
}

/** Reads and parses the Pkgfile (plain YAML: bldr does not template it). */
export function loadPkgfile(root: string, file: string): Pkgfile {
  const text = readFileSync(join(root, file), 'utf8');
  const issues: LoadIssue[] = [];
  const first = text.split('\n')[0];
  const syntaxLine = /^#\s*syntax\s*=/.test(first) ? first : undefined;
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  for (const error of doc.errors) {
    issues.push({ kind: 'yaml', file, line: lines.linePos(error.pos[0]).line, message: error.message.split('\n')[0] });
  }
  const vars: { [name: string]: string } = {};
  const varsNode = doc.get('vars');
  if (isMap(varsNode)) {
    for (const pair of varsNode.items) {
      if (isScalar(pair.key)) {
        vars[String(pair.key.value)] = isScalar(pair.value) ? String(pair.value.value) : '';
      }
    }
  }
  const format = doc.get('format');
  return { vars, syntaxLine, format: format === undefined ? undefined : String(format), issues };
}

/**
 * Loads every `vars.yaml` and `pkg.yaml` under `root` for one platform, as bldr does.
 * Directories whose name starts with "." and `node_modules` are skipped.
 */
export function loadPackages(root: string, platform: string, buildArgs: ReadonlyMap<string, string>, pkgfile: Pkgfile): PlatformPackages {
  const p = BLDR_PLATFORMS[platform];
  const base = new Map<string, string>(Object.entries(DEFAULT_VARIABLES));
  base.set('BUILD', p.build).set('HOST', p.build).set('ARCH', p.arch).set('TARGET', p.target);
  for (const [name, value] of buildArgs) {
    base.set(`BUILD_ARG_${name}`, value);
  }
  for (const [name, value] of Object.entries(pkgfile.vars)) {
    base.set(name, value);
  }
  const issues: LoadIssue[] = [];
  const files: Pkg[] = [];
  const walk = (dir: string, context: Map<string, string>) => {
    const abs = join(root, dir);
    const entries = readdirSync(abs).sort();
    let ctx = context;
    if (entries.includes('vars.yaml')) {
      const file = posix.join(dir, 'vars.yaml');
      const rendered = renderTemplate(readFileSync(join(abs, 'vars.yaml'), 'utf8'), ctx);
      reportTemplate(issues, file, rendered);
      const doc = parseDocument(rendered.text);
      ctx = new Map(ctx);
      const node = doc.contents;
      if (isMap(node)) {
        for (const pair of node.items) {
          if (isScalar(pair.key)) {
            ctx.set(String(pair.key.value), isScalar(pair.value) ? String(pair.value.value) : '');
          }
        }
      }
    }
    if (entries.includes('pkg.yaml')) {
      const pkg = loadPkg(root, dir, ctx, issues);
      if (pkg) {
        files.push(pkg);
      }
    }
    for (const entry of entries) {
      if (entry.startsWith('.') || entry === 'node_modules') {
        continue;
      }
      const child = posix.join(dir, entry);
      if (statSync(join(root, child)).isDirectory()) {
        walk(child, ctx);
      }
    }
  };
  walk('', base);
  const packages = new Map<string, Pkg>();
  for (const pkg of files) {
    const dup = packages.get(pkg.name);
    if (dup) {
      // internal/pkg/solver/packages.go @ v0.3.0: `package %q already exists, duplicate in dirs`
      issues.push({ kind: 'duplicate', file: pkg.file, line: pkg.nameLine, message: `package "${pkg.name}" is also defined in ${dup.file}:${dup.nameLine}` });
    } else {
      packages.set(pkg.name, pkg);
    }
  }
  return { platform, packages, files, issues };
}

function reportTemplate(issues: LoadIssue[], file: string, rendered: RenderedTemplate): void {
  for (const e of rendered.syntaxErrors) {
    issues.push({ kind: 'template-syntax', file, line: e.line, message: e.message });
  }
  for (const u of rendered.unsupported) {
    issues.push({ kind: 'template-unsupported', file, line: u.line, message: `{{ ${u.action} }}` });
  }
}

function loadPkg(root: string, dir: string, context: Map<string, string>, issues: LoadIssue[]): Pkg | undefined {
  const file = posix.join(dir, 'pkg.yaml');
  const render = renderTemplate(readFileSync(join(root, file), 'utf8'), context);
  reportTemplate(issues, file, render);
  if (render.syntaxErrors.length > 0) {
    return undefined;
  }
  const counter = new LineCounter();
  const doc = parseDocument(render.text, { lineCounter: counter });
  const lineAt = (offset: number | undefined): number => {
    if (offset === undefined) {
      return 1;
    }
    const rendered = counter.linePos(offset).line;
    return render.sourceLines[rendered - 1] ?? rendered;
  };
  for (const error of doc.errors) {
    issues.push({ kind: 'yaml', file, line: lineAt(error.pos[0]), message: error.message.split('\n')[0] });
  }
  if (doc.errors.length > 0 || !isMap(doc.contents)) {
    return undefined;
  }
  const top = doc.contents as YAMLMap;
  const nameNode = top.get('name', true) as Scalar | undefined;
  if (!nameNode || !isScalar(nameNode) || String(nameNode.value ?? '') === '') {
    // internal/pkg/types/v1alpha2/pkg.go @ v0.3.0 Validate: "package name can't be empty"
    issues.push({ kind: 'no-name', file, line: 1, message: 'has no name' });
    return undefined;
  }
  const dependencies: PkgDependency[] = [];
  const deps = top.get('dependencies', true);
  if (isSeq(deps)) {
    for (const item of deps.items) {
      if (!isMap(item)) {
        continue;
      }
      const str = (key: string) => {
        const v = item.get(key, true);
        return isScalar(v) && v.value !== null && v.value !== undefined ? String(v.value) : undefined;
      };
      const dep = { stage: str('stage'), image: str('image'), platform: str('platform'), line: lineAt(item.range?.[0]) };
      if ((dep.stage === undefined) === (dep.image === undefined)) {
        // internal/pkg/types/v1alpha2/deps.go @ v0.3.0 Validate
        issues.push({ kind: 'dependency', file, line: dep.line, message: 'a dependency needs exactly one of "stage" and "image"' });
        continue;
      }
      dependencies.push(dep);
    }
  }
  const finalize: Array<{ from?: string; to?: string; line: number }> = [];
  const fin = top.get('finalize', true);
  if (isSeq(fin)) {
    for (const item of fin.items) {
      if (isMap(item)) {
        const from = item.get('from');
        const to = item.get('to');
        const line = lineAt(item.range?.[0]);
        finalize.push({ from: from === undefined ? undefined : String(from), to: to === undefined ? undefined : String(to), line });
      }
    }
  }
  const stepStrings: string[] = [];
  const collect = (node: unknown) => {
    if (isScalar(node)) {
      stepStrings.push(String(node.value));
    } else if (isMap(node) || isSeq(node)) {
      for (const item of (node as YAMLMap).items) {
        collect(isMap(node) ? (item as { value: unknown }).value : item);
      }
    }
  };
  collect(top.get('steps', true));
  const nameLine = lineAt(nameNode.range?.[0]);
  return { name: String(nameNode.value), file, dir, nameLine, dependencies, finalize, stepStrings, render };
}

/** Whether a file exists under the repository (relative posix path). */
export function repoFileExists(root: string, file: string): boolean {
  return existsSync(join(root, file));
}

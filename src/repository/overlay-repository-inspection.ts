import { existsSync } from 'fs';
import { join } from 'path';
import { RepositoryFinding, RepositoryFindingSeverity } from './finding';
import { BLDR_PLATFORMS, loadPackages, loadPkgfile, Pkg, Pkgfile, PlatformPackages } from './private/bldr';
import { formatFindings, sortFindings } from './private/format';
import { checkLayout, checkProfile, makefileHints } from './private/layout-rules';
import { Architecture } from '../board/image-output';
import { RawWrite } from '../board/raw-layout';
import { editDistance } from '../private/edit-distance';

/**
 * A raw write of the overlay installer, as declared for the inspection: where it is
 * written and how big it is (given, or read from the committed file at `path`).
 */
export interface InspectedRawWrite extends RawWrite {
  /**
   * Path of the committed blob, relative to the repository root, e.g.
   * `artifacts/u-boot/nanopi-m6/vendor/uboot.img`; its size is read (and must agree with
   * `sizeBytes` when both are given).
   * @default - no file; `sizeBytes` is used
   */
  readonly path?: string;
}

/**
 * What the inspection checks the overlay repository against: what the release workflow
 * builds, passes and runs.
 */
export interface OverlayRepositoryInspectionOptions {
  /** The overlay repository's root directory (read, never written). */
  readonly repositoryRoot: string;

  /**
   * The bldr Pkgfile, relative to the root.
   * @default "Pkgfile"
   */
  readonly pkgfile?: string;

  /** The Pkgfile target the workflow builds, e.g. `talos-sbc-rk3588-mainline`. */
  readonly target: string;

  /**
   * Build arguments the workflow passes, with their synth-time values (values matter:
   * stage names such as `talos-kernel-rk3588-{{ .BUILD_ARG_KERNEL_VARIANT }}` use them).
   * @default - none
   */
  readonly buildArgs?: { [name: string]: string };

  /**
   * Names of build arguments the workflow computes at run time, e.g. `SOURCE_DATE_EPOCH`
   * from git. They count as passed; their value is a placeholder.
   * @default - none
   */
  readonly runTimeBuildArgs?: string[];

  /**
   * Platforms the overlay image is built and pushed for (`docker buildx --platform`).
   * @default ["linux/arm64"]
   */
  readonly platforms?: string[];

  /**
   * Architecture of the runner that builds the overlay. Stages built for another
   * architecture run under QEMU.
   * @default Architecture.AMD64 (ubuntu-24.04)
   */
  readonly buildRunnerArch?: Architecture;

  /**
   * Architectures of the hosts that run the imager. The imager pulls the overlay for its
   * own `runtime.GOARCH` and executes that platform's installer.
   * @default - the build runner's architecture
   */
  readonly imagerHostArchs?: Architecture[];

  /**
   * Whether the workflow sets up binfmt/QEMU before the imager, so that an installer of
   * another architecture runs (slowly) on the imager host.
   * @default false
   */
  readonly imagerBinfmt?: boolean;

  /**
   * The overlay profile the imager is asked for, e.g. `board-rk3588`; it must be a
   * `<name>.yaml` the target puts in the image's `profiles/`.
   * @default - not checked
   */
  readonly profileName?: string;

  /**
   * The board's Talos version, which decides the GPT layout the raw writes must avoid.
   * @default - the raw layout is not checked
   */
  readonly talosVersion?: string;

  /**
   * The installer's raw writes (e.g. `idbloader.img` at byte 32768).
   * @default - none
   */
  readonly rawWrites?: InspectedRawWrite[];

  /**
   * The installer's `PartitionOptions.Offset` in LBAs.
   * @default - parsed from the installer's Go source (see `installerSourceDirectory`);
   * Talos' default layout when it declares none
   */
  readonly partitionOffsetSectors?: number;

  /**
   * Directory of the installer's Go source, relative to the root.
   * @default - the directory of the stage in the target's closure that installs into
   * `/installers/` (e.g. `installers/rk3588`)
   */
  readonly installerSourceDirectory?: string;
}

/** Build args bldr itself consumes, never "unused" (siderolabs/bldr internal/pkg/pkgfile/build.go @ v0.3.0). */
const FRONTEND_ARGS = ['SOURCE_DATE_EPOCH', 'BUILDKIT_CACHE_MOUNT_NS', 'HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY'];

/** Where the architecture of a stage was decided: a declared platform, or a `platform:` pin. */
interface Origin {
  readonly file: string;
  readonly line: number;
  readonly platform: string;
  readonly text: string;
}

/** A stage reached in the closure, built for one platform. */
interface Reached {
  readonly pkg: Pkg;
  readonly platform: string;
}

/**
 * Read-only inspection of an overlay repository at synth time: the bldr `Pkgfile`, the
 * `pkg.yaml` closure of the target, build args, architecture pins, the profile and the raw
 * layout of the installer's bootloader blobs. It models bldr v0.3.0: every `pkg.yaml` is
 * rendered as a Go template over the platform's variables, `BUILD_ARG_<name>` per build arg
 * and the Pkgfile `vars`, then parsed as YAML; the target is resolved per platform, and a
 * dependency's `platform:` pin switches to that platform.
 *
 * Template subset understood (anything else is an `unsupported-template` WARNING with its
 * file and line): `{{ .VAR }}` (a missing one renders `<no value>`), string literals,
 * `{{ if C }}`/`{{ else if C }}`/`{{ else }}`/`{{ end }}` with C one of `.VAR`, `not .VAR`,
 * `eq A B`, `ne A B`, `{{ default "x" .VAR }}`, `{{ .VAR | default "x" }}`, comments and the
 * `{{-`/`-}}` trim markers. A read inside a condition is optional by construction.
 *
 * Rules (`ruleId`):
 * - `no-pkgfile` (NOTE): no Pkgfile, nothing inspected.
 * - `pkgfile` (ERROR): no bldr `# syntax` line, or a `format` other than `v1alpha2`.
 * - `yaml`, `template-syntax`, `duplicate-stage`, `dependency` (ERROR): bldr fails to load the files.
 * - `unsupported-template` (WARNING): template actions outside the supported subset.
 * - `missing-target`, `missing-stage`, `circular-dependency` (ERROR).
 * - `missing-build-arg` (ERROR): a `BUILD_ARG_*` read that renders `<no value>`;
 *   `undefined-variable` (ERROR): any other variable that does.
 * - `unused-build-arg` (NOTE): a passed build arg the closure never reads.
 * - `unsupported-platform` (ERROR): a platform bldr v0.3.0 does not define.
 * - `installer-arch` (ERROR; WARNING with binfmt): a platform's image holds an installer of another architecture.
 * - `imager-host-platform` (ERROR): an imager host architecture the overlay is not pushed for.
 * - `emulated-build` (ERROR for kernels, WARNING otherwise): stages built under QEMU on the runner.
 * - `no-installer` (WARNING), `missing-profile` (ERROR).
 * - `installer-offset` (ERROR/WARNING/NOTE), `raw-write-size` (ERROR/WARNING), `raw-layout` (ERROR).
 */
export class OverlayRepositoryInspection {
  /**
   * Inspects the repository (read only) and returns the findings, errors first.
   */
  public static inspect(options: OverlayRepositoryInspectionOptions): RepositoryFinding[] {
    return sortFindings(new OverlayRepositoryInspection(options).run());
  }

  /** One line per finding: `ERROR file:line [rule] message. Fix: fix`. */
  public static format(findings: RepositoryFinding[]): string {
    return formatFindings(findings);
  }

  /** Whether any finding is an ERROR. */
  public static hasErrors(findings: RepositoryFinding[]): boolean {
    return findings.some((f) => f.severity === RepositoryFindingSeverity.ERROR);
  }

  private readonly findings = new Map<string, RepositoryFinding>();
  private readonly root: string;
  private readonly pkgfileName: string;
  private readonly platforms: string[];
  private readonly runner: Architecture;
  private readonly buildArgs = new Map<string, string>();
  private readonly cache = new Map<string, PlatformPackages>();
  private pkgfile!: Pkgfile;

  private constructor(private readonly options: OverlayRepositoryInspectionOptions) {
    this.root = options.repositoryRoot;
    this.pkgfileName = options.pkgfile ?? 'Pkgfile';
    this.platforms = [...(options.platforms ?? ['linux/arm64'])];
    this.runner = options.buildRunnerArch ?? Architecture.AMD64;
    for (const [name, value] of Object.entries(options.buildArgs ?? {})) {
      this.buildArgs.set(name, value);
    }
    for (const name of options.runTimeBuildArgs ?? []) {
      this.buildArgs.set(name, `<run-time ${name}>`);
    }
  }

  private add(severity: RepositoryFindingSeverity, ruleId: string, file: string, line: number | undefined, message: string, fix: string): void {
    const key = `${ruleId}\0${file}\0${line}\0${message}`;
    if (!this.findings.has(key)) {
      this.findings.set(key, line === undefined ? { severity, ruleId, file, message, fix } : { severity, ruleId, file, line, message, fix });
    }
  }

  private run(): RepositoryFinding[] {
    if (!existsSync(join(this.root, this.pkgfileName))) {
      this.add(RepositoryFindingSeverity.NOTE, 'no-pkgfile', this.pkgfileName, undefined,
        `the repository has no ${this.pkgfileName}, so the overlay build was not inspected`,
        'nothing to do for a Dockerfile build; for a bldr build, check the Pkgfile path');
      return [...this.findings.values()];
    }
    this.pkgfile = loadPkgfile(this.root, this.pkgfileName);
    this.checkPkgfile();
    const supported = this.platforms.filter((p) => {
      if (BLDR_PLATFORMS[p]) {
        return true;
      }
      // internal/pkg/pkgfile/build.go @ v0.3.0: platform.Set → `platform %q is not defined`
      this.add(RepositoryFindingSeverity.ERROR, 'unsupported-platform', this.pkgfileName, undefined,
        `platform "${p}" is not one bldr v0.3.0 defines (${Object.keys(BLDR_PLATFORMS).join(', ')}), so the build fails`,
        'push the overlay for linux/arm64 (and linux/amd64 only if its installer is built for it)');
      return false;
    });
    for (const host of this.options.imagerHostArchs ?? [this.runner]) {
      if (!this.platforms.includes(`linux/${host}`)) {
        // siderolabs/talos pkg/imager/imager.go @ v1.10.6: Overlay.Image.Extract(ctx, path, runtime.GOARCH, …),
        // pkg/imager/profile/input.go: ContainerAsset.Extract pulls that one platform
        this.add(RepositoryFindingSeverity.ERROR, 'imager-host-platform', this.pkgfileName, undefined,
          `the imager runs on an ${host} host and pulls the overlay for its own architecture (linux/${host}), but the overlay is pushed for ${this.platforms.join(', ') || 'no platform'} only`,
          `run the imager on a host whose architecture is pushed (e.g. ubuntu-24.04-arm for linux/arm64), or push the overlay for linux/${host} too`);
      }
    }
    const reached = this.closure(supported);
    if (reached.length > 0) {
      this.checkReads(reached);
      this.checkProfileAndLayout(reached);
    }
    return [...this.findings.values()];
  }

  private checkPkgfile(): void {
    const file = this.pkgfileName;
    if (!this.pkgfile.syntaxLine || !/bldr/.test(this.pkgfile.syntaxLine)) {
      this.add(RepositoryFindingSeverity.ERROR, 'pkgfile', file, 1,
        'the first line is not a bldr "# syntax = ghcr.io/siderolabs/bldr:<version>" line, so docker buildx reads the Pkgfile as a Dockerfile',
        'start the Pkgfile with "# syntax = ghcr.io/siderolabs/bldr:v0.3.0" (the version the repository is written for)');
    }
    if (this.pkgfile.format !== 'v1alpha2') {
      // internal/pkg/types/v1alpha2/pkgfile.go @ v0.3.0
      this.add(RepositoryFindingSeverity.ERROR, 'pkgfile', file, undefined,
        `format is ${JSON.stringify(this.pkgfile.format ?? null)}; bldr v0.3.0 supports only "v1alpha2"`, 'set "format: v1alpha2"');
    }
    for (const issue of this.pkgfile.issues) {
      this.add(RepositoryFindingSeverity.ERROR, 'yaml', file, issue.line, `is not valid YAML: ${issue.message}`, 'fix the YAML');
    }
  }

  /** The packages of one platform, loaded once (bldr loads every pkg.yaml per platform). */
  private packagesFor(platform: string): PlatformPackages {
    let pkgs = this.cache.get(platform);
    if (!pkgs) {
      pkgs = loadPackages(this.root, platform, this.buildArgs, this.pkgfile);
      this.cache.set(platform, pkgs);
      for (const issue of pkgs.issues) {
        if (issue.kind === 'template-unsupported') {
          this.add(RepositoryFindingSeverity.WARNING, 'unsupported-template', issue.file, issue.line,
            `the template action ${issue.message} is outside the subset the inspection understands, so what it renders is not checked`,
            'use {{ .VAR }}, {{ if .VAR }}…{{ else }}…{{ end }}, eq/ne/not conditions or default, or check this file by hand');
        } else {
          const rule = { 'yaml': 'yaml', 'template-syntax': 'template-syntax', 'no-name': 'yaml', 'duplicate': 'duplicate-stage', 'dependency': 'dependency' }[issue.kind];
          this.add(RepositoryFindingSeverity.ERROR, rule, issue.file, issue.line, `${issue.message}, so bldr fails to load the packages`,
            issue.kind === 'duplicate' ? 'give each stage a unique name' : 'fix the file so it renders to valid bldr YAML');
        }
      }
    }
    return pkgs;
  }

  /** Walks the target's closure for every platform, as bldr resolves it, and reports pins. */
  private closure(platforms: string[]): Reached[] {
    const reached = new Map<string, Reached & { origin: Origin }>();
    const installerPins = new Map<string, { origin?: Origin; pkg: Pkg; built: Set<string>; images: Set<string> }>();
    const installers = new Set<Pkg>();
    let targetFound = false;
    for (const root of platforms) {
      const pkgs = this.packagesFor(root);
      const target = pkgs.packages.get(this.options.target);
      if (!target) {
        const names = [...pkgs.packages.keys()];
        const close = names.filter((n) => editDistance(n, this.options.target) <= 3).sort();
        // internal/pkg/solver/packages.go @ v0.3.0: `package %q not defined`
        this.add(RepositoryFindingSeverity.ERROR, 'missing-target', this.pkgfileName, undefined,
          `the target "${this.options.target}" is not a stage of this repository for ${root} (bldr: package not defined)`,
          close.length > 0 ? `build ${close.map((c) => `"${c}"`).join(' or ')}` : `build one of: ${names.sort().slice(0, 8).join(', ')}`);
        continue;
      }
      targetFound = true;
      const rootOrigin: Origin = { file: target.file, line: target.nameLine, platform: root, text: `the target ${target.name} is built for ${root}` };
      const seen = new Set<string>();
      const visit = (pkg: Pkg, platform: string, origin: Origin, pin: Origin | undefined, path: string[]) => {
        const key = `${platform} ${pkg.name}`;
        if (path.includes(key)) {
          this.add(RepositoryFindingSeverity.ERROR, 'circular-dependency', pkg.file, pkg.nameLine,
            `stage ${pkg.name} depends on itself (${[...path, key].join(' -> ')})`, 'remove one dependency of the cycle');
          return;
        }
        if (!reached.has(key)) {
          reached.set(key, { pkg, platform, origin });
        }
        if (isInstallerStage(pkg)) {
          installers.add(pkg);
          if (platform !== root) {
            const pinKey = pin ? `${pin.file}:${pin.line}` : pkg.file;
            const entry = installerPins.get(pinKey) ?? { origin: pin, pkg, built: new Set<string>(), images: new Set<string>() };
            entry.built.add(platform);
            entry.images.add(root);
            installerPins.set(pinKey, entry);
          }
        }
        if (seen.has(key)) {
          return;
        }
        seen.add(key);
        for (const dep of pkg.dependencies) {
          if (dep.platform !== undefined && !BLDR_PLATFORMS[dep.platform]) {
            // internal/pkg/convert/node.go @ v0.3.0: `platform %q not supported`
            this.add(RepositoryFindingSeverity.ERROR, 'unsupported-platform', pkg.file, dep.line,
              `pins ${dep.stage ?? dep.image} to "${dep.platform}", which bldr v0.3.0 does not define (${Object.keys(BLDR_PLATFORMS).join(', ')})`,
              'pin to linux/arm64 or linux/amd64, or remove the pin');
            continue;
          }
          if (dep.stage === undefined) {
            continue;
          }
          const next = dep.platform ?? platform;
          const depPkg = this.packagesFor(next).packages.get(dep.stage);
          if (!depPkg) {
            this.add(RepositoryFindingSeverity.ERROR, 'missing-stage', pkg.file, dep.line,
              `stage ${pkg.name} depends on stage "${dep.stage}", which no pkg.yaml defines for ${next} (bldr: package not defined)`,
              'define that stage, correct the name, or pass the build args its templated name needs');
            continue;
          }
          const pinned = dep.platform !== undefined
            ? { file: pkg.file, line: dep.line, platform: dep.platform, text: `this dependency of ${pkg.name} pins stage ${dep.stage} to ${dep.platform}` }
            : undefined;
          visit(depPkg, next, pinned && dep.platform !== platform ? pinned : origin, pinned ?? pin, [...path, key]);
        }
      };
      visit(target, root, rootOrigin, undefined, []);
    }
    if (!targetFound) {
      return [];
    }
    if (installers.size === 0) {
      this.add(RepositoryFindingSeverity.WARNING, 'no-installer', this.pkgfileName, undefined,
        `no stage in the closure of ${this.options.target} installs into /installers/, so the imager finds no overlay installer`,
        'add the installer stage (a Go build copied to /rootfs/installers/<overlay name>) to the target\'s dependencies');
    }
    this.reportInstallerPins(installerPins);
    this.reportEmulation([...reached.values()]);
    return [...reached.values()];
  }

  private reportInstallerPins(pins: Map<string, { origin?: Origin; pkg: Pkg; built: Set<string>; images: Set<string> }>): void {
    const binfmt = this.options.imagerBinfmt ?? false;
    for (const { origin, pkg, built, images } of pins.values()) {
      const arch = [...built].join(', ');
      const host = [...built].map((p) => p.replace('linux/', '')).join(' or ');
      // siderolabs/talos pkg/imager/imager.go @ v1.10.6: the installer of the runtime.GOARCH overlay is executed on the host
      this.add(binfmt ? RepositoryFindingSeverity.WARNING : RepositoryFindingSeverity.ERROR, 'installer-arch', origin?.file ?? pkg.file, origin?.line ?? pkg.nameLine,
        `stage ${pkg.name} builds the overlay installer and is pinned to ${arch}, so the image for ${[...images].join(', ')} holds a ${arch} installer; `
        + 'the imager executes the installer of its own architecture\'s image on the host, which fails with "exec format error"'
        + (binfmt ? ' unless binfmt is set up (it is, so the imager runs it under QEMU, and other users of those platforms still get the wrong installer)' : ''),
        'remove this platform pin so that each platform gets its own installer (siderolabs/sbc-rockchip leaves its installer stages unpinned); '
        + `or push the overlay for ${arch} only and run the imager on an ${host} host; or, last, set up binfmt before the imager`);
    }
  }

  private reportEmulation(reached: Array<Reached & { origin: Origin }>): void {
    const runner = `linux/${this.runner}`;
    const byOrigin = new Map<string, { origin: Origin; stages: Pkg[] }>();
    for (const r of reached) {
      if (BLDR_PLATFORMS[r.platform].goArch === this.runner) {
        continue;
      }
      const key = `${r.origin.file}:${r.origin.line}:${r.origin.platform}`;
      const entry = byOrigin.get(key) ?? { origin: r.origin, stages: [] };
      entry.stages.push(r.pkg);
      byOrigin.set(key, entry);
    }
    for (const { origin, stages } of byOrigin.values()) {
      const kernels = stages.filter(isKernelStage).map((s) => s.name);
      const names = stages.map((s) => s.name).join(', ');
      const fix = `build on a native ${origin.platform.replace('linux/', '')} runner (ubuntu-24.04-arm for public repositories, a self-hosted arm64 label otherwise)`
        + (kernels.length > 0 ? ', or use a prebuilt kernel image ({{ .BUILD_ARG_PKGS_PREFIX }}/kernel) instead of compiling one, as siderolabs/sbc-rockchip does' : '');
      if (kernels.length > 0) {
        this.add(RepositoryFindingSeverity.ERROR, 'emulated-build', origin.file, origin.line,
          `${origin.text}; the overlay build runs on a ${runner} runner, so BuildKit compiles the Linux kernel (${kernels.join(', ')}) under QEMU: `
          + 'hours, past the job\'s timeout-minutes and likely GitHub\'s 6-hour job limit', fix);
      } else {
        this.add(RepositoryFindingSeverity.WARNING, 'emulated-build', origin.file, origin.line,
          `${origin.text}; on a ${runner} runner BuildKit builds ${stages.length === 1 ? 'it' : `${stages.length} stages`} under QEMU (${names}), several times slower`, fix);
      }
    }
  }

  private checkReads(reached: Reached[]): void {
    const hints = makefileHints(this.root);
    const readArgs = new Set<string>();
    for (const { pkg } of reached) {
      for (const name of pkg.render.reads) {
        if (name.startsWith('BUILD_ARG_')) {
          readArgs.add(name.slice('BUILD_ARG_'.length));
        }
      }
      for (const read of pkg.render.missing) {
        if (read.name.startsWith('BUILD_ARG_')) {
          const arg = read.name.slice('BUILD_ARG_'.length);
          this.add(RepositoryFindingSeverity.ERROR, 'missing-build-arg', pkg.file, read.line,
            `stage ${pkg.name} reads build arg ${arg} outside {{ if }}, and the workflow does not pass it, so bldr renders "<no value>" in its place`
            + (hints.get(arg) ?? ''),
            `pass ${arg} (buildArgs.${arg}${arg === 'SOURCE_DATE_EPOCH' ? ', computed at run time from git, e.g. the first commit\'s time as the Makefile does, with the history that needs' : ''}), `
            + `or guard the read with {{ if .BUILD_ARG_${arg} }}`);
        } else {
          this.add(RepositoryFindingSeverity.ERROR, 'undefined-variable', pkg.file, read.line,
            `stage ${pkg.name} reads variable ${read.name}, which neither bldr, the Pkgfile vars nor a vars.yaml define, so it renders "<no value>"`,
            `define ${read.name} in the Pkgfile vars, or correct the name`);
        }
      }
    }
    for (const name of this.buildArgs.keys()) {
      if (!readArgs.has(name) && !FRONTEND_ARGS.includes(name)) {
        this.add(RepositoryFindingSeverity.NOTE, 'unused-build-arg', this.pkgfileName, undefined,
          `build arg ${name} is passed, but no stage in the closure of ${this.options.target} reads BUILD_ARG_${name}`, `remove ${name}, or check its spelling`);
      }
    }
  }

  private checkProfileAndLayout(reached: Reached[]): void {
    const stages = [...new Map(reached.map((r) => [r.pkg.file, r.pkg])).values()];
    const add = this.add.bind(this);
    if (this.options.profileName !== undefined) {
      checkProfile(this.root, stages, this.options.profileName, this.pkgfileName, add);
    }
    if (this.options.talosVersion !== undefined) {
      const installer = stages.find(isInstallerStage);
      const sourceDir = this.options.installerSourceDirectory ?? installer?.dir;
      checkLayout(this.root, {
        talosVersion: this.options.talosVersion,
        rawWrites: this.options.rawWrites ?? [],
        declaredOffset: this.options.partitionOffsetSectors,
        installerSourceDirectory: sourceDir,
        fallbackFile: installer?.file ?? this.pkgfileName,
      }, add);
    }
  }
}

/**
 * Whether a stage installs the overlay installer: its steps write to `installers/`, where
 * the imager looks for it (siderolabs/talos pkg/machinery/constants/constants.go @ v1.10.6:
 * `ImagerOverlayInstallersPath = ImagerOverlayBasePath + "/installers"`).
 */
function isInstallerStage(pkg: Pkg): boolean {
  return pkg.stepStrings.some((s) => /\/installers(\/|\s|$)/.test(s)) || pkg.finalize.some((f) => /\/installers(\/|$)/.test(f.to ?? ''));
}

/** Whether a stage compiles a Linux kernel: its name says so, or it runs `make … modules`. */
function isKernelStage(pkg: Pkg): boolean {
  return /kernel/i.test(pkg.name) || pkg.stepStrings.some((s) => /\bmake\b[^\n]*\bmodules\b/.test(s));
}

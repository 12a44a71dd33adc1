import { BoardCatalog } from '../board/board-preset';
import { Architecture } from '../board/image-output';
import { TalosVersion } from '../board/talos-version';
import { describeReleases, extensionNames, isKnownRelease, isOfficialName, KNOWN_RELEASES, officialExtension, releasesWithName, tableRange } from '../extensions/private-extension-catalog';
import { checkShape } from '../private/types';
import { Problems } from '../private/validation';

/** What to move from one Talos release to another. */
export interface TalosUpgradeOptions {
  /** The release the declaration builds now, e.g. `v1.10.6`. */
  readonly from: string;
  /** The release to move to, e.g. `v1.12.5`. */
  readonly to: string;
  /**
   * Catalog boards of the declaration (`BoardCatalog` names, e.g. `rock5b`, `rk3588/nanopi-m6`).
   * @default - none
   */
  readonly boards?: string[];
  /**
   * Official system extensions of the declaration, by name (e.g. `realtek-firmware`).
   * @default - none
   */
  readonly extensions?: string[];
  /**
   * Architecture of the images (the bootloader need depends on it).
   * @default Architecture.ARM64
   */
  readonly arch?: Architecture;
}

/** One value that moves with the release. */
export interface TalosUpgradeChange {
  /** What moves, e.g. `imager image`, `extension realtek-firmware`, `overlay rock5b`. */
  readonly subject: string;
  /** Its value for the current release. */
  readonly from: string;
  /** Its value for the target release. */
  readonly to: string;
}

/** Why the move cannot be made as declared. */
export interface TalosUpgradeRefusal {
  /** What refuses, e.g. `target release`, `extension foo`, `board rock5t`. */
  readonly subject: string;
  /** The rule. */
  readonly reason: string;
  /** What to do instead. */
  readonly fix: string;
}

/**
 * What one change of a declaration's `talosVersion` moves together, read from the library's
 * tables: the imager image, the base installer image, each official extension's version (the
 * extensions table), the official overlay version of catalog boards (the board catalog), and
 * the profile's bootloader need; and what refuses the move (known-broken releases, extensions
 * or boards missing in the target release, a target that is not newer). Pure: nothing is
 * fetched. `npx projen talos-upgrade -- --from v1.10.6 --to v1.12.5` prints it.
 *
 * @example
 * const upgrade = TalosUpgrade.plan({ from: 'v1.10.6', to: 'v1.12.5', boards: ['rock5b'], extensions: ['realtek-firmware'] });
 * console.log(upgrade.report());
 */
export class TalosUpgrade {
  /**
   * Plans the move.
   * @param options the releases, boards and extensions
   * @throws when a release is malformed or outside the supported range
   */
  public static plan(options: TalosUpgradeOptions): TalosUpgrade {
    const problems = new Problems('TalosUpgrade', 'TalosUpgrade.plan');
    checkShape(problems, options, {
      from: 'string',
      to: 'string',
      boards: 'string[]?',
      extensions: 'string[]?',
      arch: { enumObject: Architecture, enumName: 'Architecture', optional: true },
    }, { from: 'use the running Talos release, e.g. "v1.10.6"', to: 'use the target Talos release, e.g. "v1.11.5"' });
    problems.throwIfAny();
    return new TalosUpgrade(options);
  }

  /** The current release. */
  public readonly from: string;
  /** The target release. */
  public readonly to: string;
  /** Everything that moves, in a fixed order: images, bootloader, extensions, overlays. */
  public readonly changes: TalosUpgradeChange[];
  /** Why the move cannot be made as declared (empty: it can). */
  public readonly refusals: TalosUpgradeRefusal[];
  /**
   * The releases a running node passes through: the latest patch (in the extensions table) of
   * every intermediate minor release, then the target. Talos tests its migrations between
   * adjacent minor releases only (siderolabs/talos
   * website/content/v1.10/talos-guides/upgrading-talos.md @ v1.10.6: "upgrade to the latest
   * patch release of all intermediate minor releases").
   */
  public readonly nodeUpgradePath: string[];

  private constructor(options: TalosUpgradeOptions) {
    const from = TalosVersion.of(options.from);
    const to = TalosVersion.of(options.to);
    const arch = options.arch ?? Architecture.ARM64;
    this.from = from.version;
    this.to = to.version;
    const changes: TalosUpgradeChange[] = [];
    const refusals: TalosUpgradeRefusal[] = [];

    if (to.compareTo(from) <= 0) {
      refusals.push({
        subject: 'target release',
        reason: `${to.version} is not newer than ${from.version}`,
        fix: 'name a newer release with --to (a running node is never downgraded by a release tag)',
      });
    }
    const broken = to._knownBroken;
    if (broken) {
      refusals.push({
        subject: 'target release',
        reason: `Talos ${broken.since}${broken.fixedIn ? ` to before ${broken.fixedIn}` : ' and later'} is known broken for SBC images: ${broken.what} (${broken.issue})`,
        fix: broken.fixedIn ? `use ${broken.fixedIn} or later` : 'stay on an earlier release until a fixed tag is verified',
      });
    }

    // siderolabs/talos: ghcr.io/siderolabs/imager:<tag> and installer-base:<tag> (v1.10+) or installer:<tag> (before)
    changes.push({ subject: 'imager image', from: from.imagerImage, to: to.imagerImage });
    changes.push({ subject: 'base installer image', from: from.baseInstallerImage, to: to.baseInstallerImage });
    changes.push({
      subject: `profile bootloader (${arch})`,
      from: bootloaderNeed(from, arch),
      to: bootloaderNeed(to, arch),
    });

    for (const name of options.extensions ?? []) {
      this.extension(name, from, to, changes, refusals);
    }
    for (const name of options.boards ?? []) {
      this.board(name, from, to, changes, refusals);
    }
    this.changes = changes;
    this.refusals = refusals;
    this.nodeUpgradePath = upgradePath(from, to);
  }

  /** Whether the move can be made as declared (no refusal). */
  public get isPossible(): boolean {
    return this.refusals.length === 0;
  }

  /** The plan as text: one line per change, then the refusals and the node upgrade path. */
  public report(): string {
    const width = Math.max(...this.changes.map((c) => c.subject.length));
    const lines = [`Talos ${this.from} -> ${this.to}: change talosVersion once; these move with it:`];
    for (const c of this.changes) {
      lines.push(`  ${c.subject.padEnd(width)}  ${c.from === c.to ? `${c.to} (unchanged)` : `${c.from} -> ${c.to}`}`);
    }
    if (this.refusals.length > 0) {
      lines.push('', 'Refused:');
      lines.push(...this.refusals.map((r) => `  - ${r.subject}: ${r.reason}. Fix: ${r.fix}`));
    }
    lines.push('', `Running nodes: talosctl upgrade --image <installer image>:<tag> through ${this.nodeUpgradePath.join(' -> ')}`);
    return lines.join('\n');
  }

  private extension(name: string, from: TalosVersion, to: TalosVersion, changes: TalosUpgradeChange[], refusals: TalosUpgradeRefusal[]): void {
    const subject = `extension ${name}`;
    if (!isOfficialName(name)) {
      refusals.push({ subject, reason: `no official extension of Talos ${tableRange()} is named ${name}`, fix: 'use an official extension name (siderolabs/extensions), or pin your own image by digest' });
      return;
    }
    for (const version of [from, to]) {
      if (!isKnownRelease(version.version)) {
        refusals.push({ subject, reason: `the extensions table does not hold Talos ${version.version} (${tableRange()})`, fix: 'use a release of the table, or regenerate it (npx projen extensions-table)' });
        return;
      }
    }
    const before = officialExtension(from.version, name);
    const after = officialExtension(to.version, name);
    if (!after) {
      const shipped = releasesWithName(name);
      refusals.push({
        subject,
        reason: `Talos ${to.version} has no official ${name} (siderolabs/extensions @ ${to.version}; it is in ${describeReleases(shipped)})`,
        fix: `drop it, or replace it with one of the ${extensionNames(to.version).length} official extensions of ${to.version}`,
      });
      return;
    }
    changes.push({ subject, from: before ? `ghcr.io/siderolabs/${name}:${before.version}` : '(none)', to: `ghcr.io/siderolabs/${name}:${after.version}` });
  }

  private board(name: string, from: TalosVersion, to: TalosVersion, changes: TalosUpgradeChange[], refusals: TalosUpgradeRefusal[]): void {
    const preset = BoardCatalog.tryGet(name);
    const subject = `overlay ${name}`;
    if (!preset) {
      refusals.push({ subject, reason: `the board catalog has no ${name}`, fix: `use a catalog name (${BoardCatalog.names().slice(0, 3).join(', ')}, ...)` });
      return;
    }
    if (!preset.isOfficial) {
      // a community overlay is built from its own repository: only its installer's Go API follows the release
      changes.push({
        subject,
        from: `your build (installer API ${from.installerApiHasContext ? 'with' : 'without'} context.Context)`,
        to: `your build (installer API ${to.installerApiHasContext ? 'with' : 'without'} context.Context)`,
      });
      return;
    }
    const problem = preset._catalogProblem(to);
    if (problem) {
      refusals.push({ subject, reason: problem.rule, fix: problem.fix });
      return;
    }
    const before = preset._catalogProblem(from) ? '(not in the catalog)' : preset.officialOverlayImage(from.version);
    changes.push({ subject, from: before, to: preset.officialOverlayImage(to.version) });
  }
}

function bootloaderNeed(version: TalosVersion, arch: Architecture): string {
  if (version.requiresGrubBootloader(arch)) {
    return 'bootloader: grub required';
  }
  return version.supportsBootloaderOption ? 'bootloader key optional' : 'no bootloader key (GRUB)';
}

/** The latest patch of each minor after `from`'s and before `to`'s (from the extensions table), then `to`. */
function upgradePath(from: TalosVersion, to: TalosVersion): string[] {
  const path: string[] = [];
  for (let minor = from.minor + 1; from.major === to.major && minor < to.minor; minor++) {
    const stable = KNOWN_RELEASES.filter((r) => r.startsWith(`v${from.major}.${minor}.`) && !r.includes('-'));
    if (stable.length > 0) {
      path.push(stable[stable.length - 1]);
    }
  }
  return [...path, to.version];
}

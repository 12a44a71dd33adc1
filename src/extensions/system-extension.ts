import {
  describeReleases, isKnownRelease, isOfficialName, nearestReleases, OFFICIAL_REGISTRY_PATH, officialExtension,
  OfficialExtension, releasesWithName, releasesWithVersion, tableRange,
} from './private-extension-catalog';
import { KernelFlavour } from '../board/kernel';
import { checkPinnedImage, SHA256_DIGEST, TAGGED_IMAGE } from '../private/names';
import { checkObject, checkOptionalString, checkString } from '../private/types';
import { Problems } from '../private/validation';

/**
 * Options of an official system extension.
 */
export interface OfficialExtensionOptions {
  /**
   * The digest of the extension image (`sha256:<64 hex>`), to pin it in the declaration.
   * The workflow verifies it against the release's catalog (`image-digests` of
   * `ghcr.io/siderolabs/extensions:<talos version>`) before the imager runs.
   * @default - the workflow resolves the digest from the release's catalog
   */
  readonly digest?: string;
}

/**
 * A system extension as resolved for one board's Talos release.
 */
export interface ResolvedSystemExtension {
  /**
   * The image reference: `ghcr.io/siderolabs/<name>:<version>[@sha256:…]` for an official
   * extension (without a digest when the workflow resolves it), the declared reference otherwise.
   */
  readonly reference: string;
  /**
   * The official extension name, e.g. `realtek-firmware`.
   * @default - not an official extension
   */
  readonly officialName?: string;
  /**
   * The version (image tag) of the official extension for the release, e.g. `20250708`.
   * @default - not an official extension
   */
  readonly version?: string;
  /**
   * The declared digest (`sha256:…`).
   * @default - none: resolved from the release's catalog at run time (official extensions only)
   */
  readonly digest?: string;
  /**
   * Whether the official extension carries kernel modules (built for the release's kernel).
   * @default false
   */
  readonly kernelModules?: boolean;
  /**
   * Where the official extension installs firmware: `/rootfs/lib/firmware` before the
   * usr-merge of Talos v1.10, `/rootfs/usr/lib/firmware` from v1.10.
   * @default - no firmware
   */
  readonly firmwareRoot?: string;
}

const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A system extension baked into a board's images (`--system-extension-image`): an official
 * one of siderolabs/extensions, resolved to the version of the board's Talos release, or a
 * custom image pinned by digest.
 *
 * Official extensions are built per Talos release: the v1.7 `realtek-firmware` installs into
 * `/rootfs/lib/firmware`, the v1.10 one into `/rootfs/usr/lib/firmware` (usr-merge), and
 * module-carrying ones are built for one kernel. The imager does not check, so an extension
 * of another release builds an image that boots without its firmware or modules. An official
 * image (`ghcr.io/siderolabs/<name>:<version>`) of another release is rejected at synth.
 *
 * @example
 * SystemExtension.official('realtek-firmware'); // ghcr.io/siderolabs/realtek-firmware:20250708 on Talos v1.10.6
 * SystemExtension.fromImage('ghcr.io/example/my-firmware:1.0@sha256:…');
 */
export class SystemExtension {
  /**
   * An official extension of siderolabs/extensions, at the version of the board's Talos
   * release (from the generated extension table). Its digest is resolved (or, when given,
   * verified) by the workflow from `ghcr.io/siderolabs/extensions:<talos version>`.
   * @param name the extension name, e.g. `realtek-firmware`
   */
  public static official(name: string, options: OfficialExtensionOptions = {}): SystemExtension {
    const problems = new Problems('SystemExtension', 'SystemExtension.official');
    checkString(problems, 'name', name, 'pass the name of an official extension, e.g. "realtek-firmware"');
    if (checkObject(problems, 'options', options, 'pass { digest }, or nothing')) {
      checkOptionalString(problems, 'digest', options.digest, 'pass "sha256:<64 hex>", or leave it unset to resolve it from the release\'s catalog');
    }
    problems.throwIfAny();
    return new SystemExtension(name, undefined, options.digest);
  }

  /**
   * A custom (or explicitly pinned official) extension image, pinned by digest:
   * `registry/path[:tag]@sha256:<64 hex>`. An official image of another Talos release
   * is rejected.
   * @param reference the digest-pinned image reference
   */
  public static fromImage(reference: string): SystemExtension {
    const problems = new Problems('SystemExtension', 'SystemExtension.fromImage');
    checkString(problems, 'reference', reference, 'pass a digest-pinned image reference, e.g. "ghcr.io/example/firmware:1.0@sha256:…"');
    problems.throwIfAny();
    return new SystemExtension(undefined, reference, undefined);
  }

  /**
   * A plain string of the board's `systemExtensions` as an extension.
   * @internal
   */
  public static _of(value: string | SystemExtension): SystemExtension {
    // the board checks the entry (its field, not this factory's) when it resolves it
    return value instanceof SystemExtension ? value : new SystemExtension(undefined, value, undefined);
  }

  /**
   * The official extension name (`official`).
   * @default - a custom image (`fromImage`)
   */
  public readonly officialName?: string;
  /**
   * The image reference as declared (`fromImage`).
   * @default - an official extension, resolved per release
   */
  public readonly image?: string;
  /**
   * The declared digest of an official extension.
   * @default - resolved from the release's catalog
   */
  public readonly digest?: string;

  private constructor(officialName: string | undefined, image: string | undefined, digest: string | undefined) {
    this.officialName = officialName;
    this.image = image;
    this.digest = digest;
  }

  /**
   * Resolves the extension for a Talos release, reporting problems under `field`.
   * @param talosVersion the board's (valid, supported) release; undefined when it is already reported
   * @internal
   */
  public _resolve(problems: Problems, field: string, talosVersion: string | undefined, kernel: KernelFlavour): ResolvedSystemExtension | undefined {
    if (this.officialName !== undefined) {
      return this.resolveOfficial(problems, field, talosVersion, kernel);
    }
    const reference = this.image!;
    if (!checkString(problems, field, reference, 'use SystemExtension.official(\'<name>\') or a digest-pinned image reference')) {
      return undefined;
    }
    if (!isPinned(reference)) {
      checkPinnedImage(problems, field, reference);
      return undefined;
    }
    const [nameAndTag, digest] = reference.split('@');
    if (!nameAndTag.startsWith(OFFICIAL_REGISTRY_PATH)) {
      return { reference };
    }
    const rest = nameAndTag.slice(OFFICIAL_REGISTRY_PATH.length);
    const colon = rest.indexOf(':');
    const name = colon < 0 ? rest : rest.slice(0, colon);
    if (!isOfficialName(name)) {
      return { reference };
    }
    if (colon < 0) {
      problems.add(field, reference, `${name} is an official extension, built per Talos release; a reference without its version tag cannot be checked against the release`,
        `use SystemExtension.official('${name}')`);
      return undefined;
    }
    const version = rest.slice(colon + 1);
    if (talosVersion === undefined || !isKnownRelease(talosVersion)) {
      // not in the table: the workflow verifies the digest against the release's catalog
      return { reference, officialName: name, version, digest };
    }
    const expected = officialExtension(talosVersion, name);
    if (expected === undefined) {
      problems.add(field, reference, `${name} is not an official extension of Talos ${talosVersion} (it is one of ${describeReleases(releasesWithName(name))})`,
        `remove it, or use the extension that replaces it at ${talosVersion} (siderolabs/extensions at ${talosVersion})`);
      return undefined;
    }
    if (expected.version !== version) {
      const owners = releasesWithVersion(name, version);
      const whose = owners.length > 0 ? `is the build for ${describeReleases(owners)}` : `is the version of no Talos release ${tableRange()}`;
      problems.add(field, reference,
        `${name} ${version} ${whose}, not for this board's Talos ${talosVersion}, whose ${name} is ${expected.version} `
        + '(an extension of another release installs into other paths or carries modules for another kernel, and the imager does not check)',
        `use SystemExtension.official('${name}') (${OFFICIAL_REGISTRY_PATH}${name}:${expected.version} for ${talosVersion}), `
        + `or pin ${OFFICIAL_REGISTRY_PATH}${name}:${expected.version} by the digest in image-digests of ghcr.io/siderolabs/extensions:${talosVersion}`);
      return undefined;
    }
    this.checkKernel(problems, field, reference, expected, kernel);
    return describe(reference, expected, digest);
  }

  private resolveOfficial(
    problems: Problems, field: string, talosVersion: string | undefined, kernel: KernelFlavour,
  ): ResolvedSystemExtension | undefined {
    const name = this.officialName!;
    if (!NAME.test(name)) {
      problems.add(field, name, `an official extension name must match ${NAME.source}`, 'use the name of the extension in siderolabs/extensions, e.g. "realtek-firmware"');
      return undefined;
    }
    if (this.digest !== undefined && !SHA256_DIGEST.test(this.digest)) {
      problems.add(`${field}.digest`, this.digest, `a digest must match ${SHA256_DIGEST.source}`, 'give the digest from image-digests of ghcr.io/siderolabs/extensions:<talos version>, or leave it out');
      return undefined;
    }
    if (talosVersion === undefined) {
      return undefined;
    }
    if (!isKnownRelease(talosVersion)) {
      const nearest = nearestReleases(talosVersion);
      problems.add(field, name,
        `the official extensions of Talos ${talosVersion} are not in the extension table (releases ${tableRange()}; nearest: ${nearest.join(', ')})`,
        `use a Talos release of the table (e.g. ${nearest[nearest.length - 1]}), or pin the image of this release with `
        + `SystemExtension.fromImage('${OFFICIAL_REGISTRY_PATH}${name}:<version>@sha256:…') from image-digests of ghcr.io/siderolabs/extensions:${talosVersion}`);
      return undefined;
    }
    const extension = officialExtension(talosVersion, name);
    if (extension === undefined) {
      const elsewhere = releasesWithName(name);
      const rule = elsewhere.length > 0
        ? `is not an official extension of Talos ${talosVersion} (it is one of ${describeReleases(elsewhere)})`
        : `is not an official extension of any Talos release ${tableRange()}`;
      problems.add(field, name, rule, `use an extension of siderolabs/extensions at ${talosVersion}, or a custom image with SystemExtension.fromImage`);
      return undefined;
    }
    const reference = `${OFFICIAL_REGISTRY_PATH}${name}:${extension.version}${this.digest ? `@${this.digest}` : ''}`;
    this.checkKernel(problems, field, name, extension, kernel);
    return describe(reference, extension, this.digest);
  }

  private checkKernel(problems: Problems, field: string, value: string, extension: OfficialExtension, kernel: KernelFlavour): void {
    if (extension.kernelModules && kernel === KernelFlavour.BSP) {
      problems.add(field, value,
        `${extension.name} carries kernel modules built for the kernel of Talos ${extension.talosVersion}; this board boots a BSP kernel (kernel: bsp), which cannot load them`,
        'remove it, or build the extension against the board\'s kernel and pin it with SystemExtension.fromImage');
    }
  }
}

function describe(reference: string, extension: OfficialExtension, digest: string | undefined): ResolvedSystemExtension {
  return {
    reference,
    officialName: extension.name,
    version: extension.version,
    digest,
    kernelModules: extension.kernelModules,
    firmwareRoot: extension.firmwareRoot,
  };
}

/** The rule of `checkPinnedImage`: `registry/path[:tag]@sha256:<64 hex>`. */
function isPinned(reference: string): boolean {
  const at = reference.lastIndexOf('@');
  return at >= 0 && TAGGED_IMAGE.test(reference.slice(0, at)) && SHA256_DIGEST.test(reference.slice(at + 1));
}

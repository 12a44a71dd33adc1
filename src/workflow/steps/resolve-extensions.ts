/**
 * The step that resolves (or verifies) the digests of official system extensions and of an
 * official overlay from the Talos release's catalog images, before the imager runs.
 *
 * Where the digests are (nowhere in a repository):
 * - `ghcr.io/siderolabs/extensions:<talos version>` is a `scratch` image whose `/image-digests`
 *   lists one `ghcr.io/siderolabs/<name>:<version>@sha256:<digest>` per line (siderolabs/extensions
 *   `internal/extensions/pkg.yaml` finalize `/pkg/image-digests` → `/image-digests`, and the Makefile
 *   target `internal/extensions/image-digests`, @ v1.7.0 … v1.14.0-rc.1).
 * - `ghcr.io/siderolabs/overlays:<talos version>` is a `scratch` image whose `/overlays.yaml` is
 *   `internal/overlays/overlays.yaml` with a `digest:` added to each `{ name, image }` entry by
 *   `crane digest` (siderolabs/overlays `hack/scripts/generate-digests.sh`, `internal/overlays/pkg.yaml`
 *   finalize `/pkg/overlays-generated.yaml` → `/overlays.yaml`, @ v1.7.0 … v1.13.5).
 *
 * How they are read: `docker create <catalog> /catalog` (a scratch image has no command, so one is
 * given; the container is never started) and `docker cp <id>:/image-digests <file>`, then
 * `docker rm`. Docker and the registry login of the job are already on every GitHub-hosted and
 * self-hosted Docker runner; `crane` would be one more download to pin and verify.
 */
import type { OverlayBoard } from '../../board/overlay-board';
import { describeReleases, releasesWithVersion } from '../../extensions/private-extension-catalog';
import { hasHostileCharacters } from '../../private/shell';

/** One workflow step (the shape of projen's `JobStep` that this step uses). */
export interface ResolveExtensionsStep {
  readonly id: string;
  readonly name: string;
  readonly env: { [name: string]: string };
  readonly run: string;
}

/** What the step resolves. */
export interface ResolveExtensionsOptions {
  /** The Talos release, e.g. `v1.10.6` (its catalogs are tagged with it). */
  readonly talosVersion: string;
  /**
   * The extension references of the board, in order (`OverlayBoard.systemExtensions`): official
   * ones `ghcr.io/siderolabs/<name>:<version>` (resolved) or `…@sha256:…` (verified); any other
   * reference is passed through unchanged.
   */
  readonly extensions: readonly string[];
  /**
   * For each extension, the Talos releases its version belongs to (for the mismatch message),
   * e.g. `Talos v1.10.0 to v1.10.9`.
   * @default - not named
   */
  readonly extensionReleases?: readonly string[];
  /** The official overlay's catalog name (`overlays.yaml` `name`), e.g. `rock5b`. @default - no official overlay */
  readonly overlayName?: string;
  /** The official overlay image, `ghcr.io/siderolabs/<repo>:<tag>[@sha256:…]`. @default - no official overlay */
  readonly overlayImage?: string;
  /** The step id. @default 'resolve-extensions' */
  readonly id?: string;
}

/**
 * The step's outputs: `system-extension-<n>` (1-based, in the order of `extensions`) is the
 * digest-pinned reference for `--system-extension-image`, and `overlay-image` the digest-pinned
 * official overlay for `--overlay-image`. Read them as `steps.<id>.outputs.<name>`.
 */
export function resolveExtensionsOutputs(options: ResolveExtensionsOptions): string[] {
  const names = options.extensions.map((_ext, i) => `system-extension-${i + 1}`);
  return options.overlayImage ? [...names, 'overlay-image'] : names;
}

/**
 * Builds the step. Every value reaches the script through `env:`.
 * @throws when a value could break out of a shell word (the board validated them already)
 */
export function resolveExtensionsStep(options: ResolveExtensionsOptions): ResolveExtensionsStep {
  const env: { [name: string]: string } = {
    TALOS_VERSION: options.talosVersion,
    EXTENSION_COUNT: String(options.extensions.length),
  };
  options.extensions.forEach((ref, i) => {
    env[`EXTENSION_${i + 1}`] = ref;
    env[`EXTENSION_${i + 1}_RELEASES`] = options.extensionReleases?.[i] ?? 'another Talos release';
  });
  if ((options.overlayImage === undefined) !== (options.overlayName === undefined)) {
    throw new Error('internal error: overlayImage and overlayName go together');
  }
  if (options.overlayImage !== undefined) {
    env.OVERLAY_NAME = options.overlayName!;
    env.OVERLAY_IMAGE = options.overlayImage;
  }
  for (const [name, value] of Object.entries(env)) {
    if (name.endsWith('_RELEASES') ? /[`$\\"]/.test(value) : hasHostileCharacters(value)) {
      throw new Error(`internal error: ${name} = ${JSON.stringify(value)} is not a safe value`);
    }
  }
  return {
    id: options.id ?? 'resolve-extensions',
    name: 'Resolve system extensions and the official overlay from the Talos release catalogs',
    env,
    run: SCRIPT,
  };
}

/**
 * The step for one board: its system extensions (with the releases each official version belongs
 * to, for the mismatch message) and, for an official catalog board, its official overlay
 * (`overlays.yaml` names it by the catalog key, e.g. `rock5b`).
 */
export function resolveExtensionsStepFor(board: OverlayBoard, id?: string): ResolveExtensionsStep {
  const extensionReleases = board.resolvedSystemExtensions.map((ext) => {
    const releases = ext.officialName && ext.version ? releasesWithVersion(ext.officialName, ext.version) : [];
    return releases.length > 0 ? describeReleases(releases) : 'another Talos release';
  });
  const official = board.officialOverlayImage;
  return resolveExtensionsStep({
    talosVersion: board.talosVersion,
    extensions: board.systemExtensions,
    extensionReleases,
    overlayName: official ? board.preset!.name : undefined,
    overlayImage: official,
    id,
  });
}

const SCRIPT = `set -euo pipefail
workdir=$(mktemp -d)
# copies one file out of a catalog image (a scratch image: a command is given, never run)
catalog_file() {
  local cid
  cid=$(docker create "$1" /catalog)
  if ! docker cp "\${cid}:$2" "$3"; then
    docker rm "\${cid}" >/dev/null
    echo "::error::$1 has no $2"
    exit 1
  fi
  docker rm "\${cid}" >/dev/null
}
official="ghcr.io/siderolabs/"
extensions_catalog="ghcr.io/siderolabs/extensions:\${TALOS_VERSION}"
if [[ "\${EXTENSION_COUNT}" -gt 0 ]]; then
  catalog_file "\${extensions_catalog}" /image-digests "\${workdir}/image-digests"
fi
for ((i = 1; i <= EXTENSION_COUNT; i++)); do
  ref_var="EXTENSION_\${i}"
  releases_var="EXTENSION_\${i}_RELEASES"
  ref="\${!ref_var}"
  if [[ "\${ref}" != "\${official}"* ]]; then
    echo "system-extension-\${i}=\${ref}" >> "\${GITHUB_OUTPUT}"
    continue
  fi
  name_tag="\${ref%%@*}"
  declared=""
  if [[ "\${ref}" == *@* ]]; then
    declared="\${ref#*@}"
  fi
  repo="\${name_tag%:*}"
  tag="\${name_tag##*:}"
  name="\${repo#"\${official}"}"
  line=$(awk -F@ -v repo="\${repo}" 'index($1, repo ":") == 1 { print; exit }' "\${workdir}/image-digests")
  if [[ -z "\${line}" ]]; then
    echo "::error::system extension \${name} is not in the catalog of Talos \${TALOS_VERSION} (\${extensions_catalog})"
    exit 1
  fi
  catalog_tag="\${line%%@*}"
  catalog_tag="\${catalog_tag##*:}"
  catalog_digest="\${line#*@}"
  if [[ "\${catalog_tag}" != "\${tag}" ]]; then
    echo "::error::system extension \${name} \${tag} is the build of \${!releases_var}, not of Talos \${TALOS_VERSION}, whose \${name} is \${catalog_tag} (\${extensions_catalog})"
    exit 1
  fi
  if [[ -n "\${declared}" && "\${declared}" != "\${catalog_digest}" ]]; then
    echo "::error::system extension \${name}:\${tag}@\${declared} is not the image of Talos \${TALOS_VERSION} (\${extensions_catalog} lists \${catalog_digest}); it is another build (\${!releases_var})"
    exit 1
  fi
  echo "system-extension-\${i}=\${repo}:\${tag}@\${catalog_digest}" >> "\${GITHUB_OUTPUT}"
done
if [[ -n "\${OVERLAY_IMAGE:-}" ]]; then
  overlays_catalog="ghcr.io/siderolabs/overlays:\${TALOS_VERSION}"
  catalog_file "\${overlays_catalog}" /overlays.yaml "\${workdir}/overlays.yaml"
  # entries are "- name: <name>" followed by "image: <ref>" and "digest: <sha256>" (generate-digests.sh)
  entry=$(awk -v want="\${OVERLAY_NAME}" '
    $1 == "-" && $2 == "name:" { name = $3; image = ""; digest = "" }
    $1 == "name:" { name = $2; image = ""; digest = "" }
    $1 == "image:" { image = $2 }
    $1 == "digest:" { digest = $2 }
    name == want && image != "" && digest != "" { print image " " digest; exit }
  ' "\${workdir}/overlays.yaml")
  if [[ -z "\${entry}" ]]; then
    echo "::error::overlay \${OVERLAY_NAME} is not in the catalog of Talos \${TALOS_VERSION} (\${overlays_catalog})"
    exit 1
  fi
  catalog_image="\${entry% *}"
  catalog_digest="\${entry#* }"
  declared_image="\${OVERLAY_IMAGE%%@*}"
  declared=""
  if [[ "\${OVERLAY_IMAGE}" == *@* ]]; then
    declared="\${OVERLAY_IMAGE#*@}"
  fi
  if [[ "\${catalog_image}" != "\${declared_image}" ]]; then
    echo "::error::overlay \${OVERLAY_NAME} is \${declared_image} in the declaration, but \${catalog_image} in the catalog of Talos \${TALOS_VERSION} (\${overlays_catalog})"
    exit 1
  fi
  if [[ -n "\${declared}" && "\${declared}" != "\${catalog_digest}" ]]; then
    echo "::error::overlay \${OVERLAY_NAME} \${declared_image}@\${declared} is not the image of Talos \${TALOS_VERSION} (\${overlays_catalog} lists \${catalog_digest})"
    exit 1
  fi
  echo "overlay-image=\${catalog_image}@\${catalog_digest}" >> "\${GITHUB_OUTPUT}"
fi
rm -rf -- "\${workdir}"
`;

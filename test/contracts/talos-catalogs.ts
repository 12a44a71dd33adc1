/**
 * The upstream images a Talos release workflow reads besides its own overlay: the release
 * catalog of system extensions and the extension images it lists, modelled as registry
 * entries for the stub docker (stub-bin/docker reads scenario.model.registry).
 *
 * siderolabs/extensions internal/extensions/pkg.yaml @ v1.10.6: the `extensions` image is a
 * scratch image (no command) whose finalize step puts /pkg/image-digests at /image-digests and
 * /pkg/descriptions.yaml at /descriptions.yaml; the Makefile (target
 * internal/extensions/image-digests) writes one `<registry>/<user>/<name>:<version>@<crane
 * digest>` line per extension (REGISTRY ghcr.io, USERNAME siderolabs), and builds for
 * PLATFORM linux/amd64,linux/arm64. firmware/realtek-firmware/vars.yaml: VERSION is
 * LINUX_FIRMWARE_VERSION, "20250708" in the Pkgfile @ v1.10.6.
 *
 * The digests are derived here (the real ones are not needed to test the contract): they are
 * not the registry's.
 */
import { createHash } from 'node:crypto';

const PLATFORMS = ['linux/amd64', 'linux/arm64'];

/** Extensions of each modelled Talos release: name -> version. */
export const CATALOG_EXTENSIONS: { [talos: string]: { [name: string]: string } } = {
  'v1.10.6': { 'realtek-firmware': '20250708' },
};

function digest(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

function image(files: { [file: string]: { text: string } }) {
  const platforms: { [platform: string]: { files: { [file: string]: { text: string } } } } = {};
  for (const p of PLATFORMS) {
    platforms[p] = { files };
  }
  return { platforms };
}

/** Registry entries (repository -> tags, manifests) of a Talos release's catalog and extensions. */
export function talosRegistry(talos: string): { [repo: string]: { tags: { [tag: string]: string }; manifests: { [digest: string]: any } } } {
  const extensions = CATALOG_EXTENSIONS[talos];
  if (!extensions) {
    throw new Error(`the catalog of Talos ${talos} is not modelled`);
  }
  const registry: { [repo: string]: { tags: { [tag: string]: string }; manifests: { [digest: string]: any } } } = {};
  const lines: string[] = [];
  for (const [name, version] of Object.entries(extensions)) {
    const repo = `ghcr.io/siderolabs/${name}`;
    const manifest = image({ 'manifest.yaml': { text: `version: v1alpha1\nmetadata:\n  name: ${name}\n  version: "${version}"\n` } });
    const d = digest(JSON.stringify({ repo, version }));
    registry[repo] = { tags: { [version]: d }, manifests: { [d]: manifest } };
    lines.push(`${repo}:${version}@${d}`);
  }
  // builds of other Talos releases that still exist in the registry: realtek-firmware 20240513
  // (LINUX_FIRMWARE_VERSION of siderolabs/extensions v1.7.3-v1.7.5), at the digest the
  // pre-issue-8 workflow pinned (fixtures/nanopi-m6-release-before-issue-8.yaml)
  const older = 'sha256:4ca40c2836c1cdb5105456186afd880925d72e81ee6b0ff69a40c9c05b7b74a4';
  const firmware = registry['ghcr.io/siderolabs/realtek-firmware'];
  if (firmware) {
    firmware.tags['20240513'] = older;
    firmware.manifests[older] = image({ 'manifest.yaml': { text: 'version: v1alpha1\nmetadata:\n  name: realtek-firmware\n  version: "20240513"\n' } });
  }
  const catalog = image({
    'image-digests': { text: `${lines.join('\n')}\n` },
    'descriptions.yaml': { text: lines.map((l) => `${l}:\n  author: Sidero Labs\n  description: modelled\n`).join('') },
  });
  const d = digest(JSON.stringify({ catalog: talos, lines }));
  registry['ghcr.io/siderolabs/extensions'] = { tags: { [talos]: d }, manifests: { [d]: catalog } };
  return registry;
}

import { spawnSync } from 'child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Construct } from 'constructs';
import { BoardPreset, OverlayBoard, SystemExtension } from '../../../src';
import { resolveExtensionsOutputs, resolveExtensionsStep, ResolveExtensionsOptions, resolveExtensionsStepFor } from '../../../src/workflow/steps/resolve-extensions';

/**
 * A stub `docker` that enforces the part of the Docker CLI contract the step uses:
 * - `docker create [OPTIONS] IMAGE [COMMAND] [ARG...]` prints the new container's id; an image that
 *   is not in the registry fails (exit 125, "manifest unknown"); a `scratch` image has no CMD, so
 *   creating it without a command fails ("no command specified") — the catalog images are `scratch`
 *   (siderolabs/extensions `internal/extensions/pkg.yaml`, siderolabs/overlays `internal/overlays/pkg.yaml`:
 *   `variant: scratch`).
 * - `docker cp CONTAINER:SRC_PATH DEST_PATH` copies a file out of a created container, and fails
 *   ("Could not find the file … in container …") when the image has no such file.
 * - `docker rm CONTAINER` removes a created container; an unknown one fails.
 * Images are folders under STUB_DOCKER_IMAGES named after the reference ("/" and ":" as "_").
 */
const STUB_DOCKER = `#!/usr/bin/env bash
set -euo pipefail
echo "$*" >> "\${STUB_DOCKER_STATE}/calls"
command=$1
shift
case "\${command}" in
  create)
    if [[ $# -lt 1 || "$1" == -* ]]; then echo "stub docker: unexpected create arguments: $*" >&2; exit 125; fi
    image=$1
    shift
    folder="\${STUB_DOCKER_IMAGES}/\${image//[\\/:]/_}"
    if [[ ! -d "\${folder}" ]]; then echo "Error response from daemon: manifest unknown: \${image}" >&2; exit 125; fi
    if [[ $# -lt 1 ]]; then echo "Error response from daemon: no command specified" >&2; exit 125; fi
    count=$(find "\${STUB_DOCKER_STATE}" -name 'container-*' -o -name 'removed-*' | wc -l)
    id="c$((count + 1))"
    echo "\${folder}" > "\${STUB_DOCKER_STATE}/container-\${id}"
    echo "\${id}"
    ;;
  cp)
    if [[ $# -ne 2 || "$1" != *:* ]]; then echo "stub docker: unexpected cp arguments: $*" >&2; exit 1; fi
    id="\${1%%:*}"
    path="\${1#*:}"
    if [[ ! -f "\${STUB_DOCKER_STATE}/container-\${id}" ]]; then echo "Error response from daemon: No such container: \${id}" >&2; exit 1; fi
    folder=$(cat "\${STUB_DOCKER_STATE}/container-\${id}")
    if [[ ! -f "\${folder}\${path}" ]]; then echo "Error response from daemon: Could not find the file \${path} in container \${id}" >&2; exit 1; fi
    cp "\${folder}\${path}" "$2"
    ;;
  rm)
    if [[ ! -f "\${STUB_DOCKER_STATE}/container-\${1:-}" ]]; then echo "Error response from daemon: No such container: \${1:-}" >&2; exit 1; fi
    mv "\${STUB_DOCKER_STATE}/container-$1" "\${STUB_DOCKER_STATE}/removed-$1"
    echo "$1"
    ;;
  *)
    echo "stub docker: unexpected command \${command}" >&2
    exit 1
    ;;
esac
`;

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const D3 = `sha256:${'3'.repeat(64)}`;

/** `/image-digests` of ghcr.io/siderolabs/extensions:v1.10.6, in the Makefile's format (`<image>:<version>@<digest>`). */
const EXTENSIONS_V1_10_6 = [
  `ghcr.io/siderolabs/amazon-ena:2.13.3-v1.10.6@sha256:${'a'.repeat(64)}`,
  `ghcr.io/siderolabs/realtek-firmware:20250708@${D1}`,
  `ghcr.io/siderolabs/zfs:2.3.3-v1.10.6@sha256:${'b'.repeat(64)}`,
].join('\n') + '\n';

/** `/overlays.yaml` of ghcr.io/siderolabs/overlays:v1.10.6 (overlays.yaml + a digest per entry, generate-digests.sh). */
const OVERLAYS_V1_10_6 = [
  'overlays:',
  '  - name: rpi_generic',
  '    image: ghcr.io/siderolabs/sbc-raspberrypi:v0.1.5',
  `    digest: sha256:${'c'.repeat(64)}`,
  '  - name: rock5b',
  '    image: ghcr.io/siderolabs/sbc-rockchip:v0.1.5',
  `    digest: ${D2}`,
  '',
].join('\n');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  readonly calls: string[];
}

function run(options: ResolveExtensionsOptions, images: Record<string, Record<string, string>>): Run {
  const dir = mkdtempSync(join(tmpdir(), 'resolve-extensions-'));
  const bin = join(dir, 'bin');
  const state = join(dir, 'state');
  const imageRoot = join(dir, 'images');
  for (const d of [bin, state, imageRoot]) mkdirSync(d);
  writeFileSync(join(bin, 'docker'), STUB_DOCKER);
  chmodSync(join(bin, 'docker'), 0o755);
  writeFileSync(join(state, 'calls'), '');
  for (const [image, files] of Object.entries(images)) {
    const folder = join(imageRoot, image.replace(/[/:]/g, '_'));
    mkdirSync(folder);
    for (const [path, text] of Object.entries(files)) writeFileSync(join(folder, path), text);
  }
  const output = join(dir, 'github-output');
  writeFileSync(output, '');
  const step = resolveExtensionsStep(options);
  const result = spawnSync('bash', ['-c', step.run], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { HOME: dir, PATH: `${bin}:${process.env.PATH}`, GITHUB_OUTPUT: output, STUB_DOCKER_STATE: state, STUB_DOCKER_IMAGES: imageRoot, ...step.env },
  });
  const outputs = Object.fromEntries(readFileSync(output, 'utf8').split('\n').filter((l) => l).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, outputs, calls: readFileSync(join(state, 'calls'), 'utf8').split('\n').filter((l) => l) };
}

const CATALOGS = {
  'ghcr.io/siderolabs/extensions:v1.10.6': { 'image-digests': EXTENSIONS_V1_10_6 },
  'ghcr.io/siderolabs/overlays:v1.10.6': { 'overlays.yaml': OVERLAYS_V1_10_6 },
};
const CUSTOM = `docker.io/example/firmware:1.0@sha256:${'d'.repeat(64)}`;

describe('resolveExtensionsStep', () => {
  test('is one step with a stable id, every value in env, and a shellcheck-clean script', () => {
    const step = resolveExtensionsStep({ talosVersion: 'v1.10.6', extensions: ['ghcr.io/siderolabs/realtek-firmware:20250708'], overlayName: 'rock5b', overlayImage: 'ghcr.io/siderolabs/sbc-rockchip:v0.1.5' });
    expect(step.id).toBe('resolve-extensions');
    expect(step.env).toEqual({
      TALOS_VERSION: 'v1.10.6',
      EXTENSION_COUNT: '1',
      EXTENSION_1: 'ghcr.io/siderolabs/realtek-firmware:20250708',
      EXTENSION_1_RELEASES: 'another Talos release',
      OVERLAY_NAME: 'rock5b',
      OVERLAY_IMAGE: 'ghcr.io/siderolabs/sbc-rockchip:v0.1.5',
    });
    expect(step.run).not.toMatch(/\$\{\{/);
    expect(resolveExtensionsOutputs({ talosVersion: 'v1.10.6', extensions: ['a', 'b'], overlayName: 'x', overlayImage: 'y' }))
      .toEqual(['system-extension-1', 'system-extension-2', 'overlay-image']);
    const file = join(mkdtempSync(join(tmpdir(), 'shellcheck-')), 'step.sh');
    writeFileSync(file, step.run);
    const check = spawnSync('shellcheck', ['-s', 'bash', file], { encoding: 'utf8' });
    expect(check.stdout).toBe('');
    expect(check.status).toBe(0);
  });

  test('resolves official extensions and the official overlay to the digests of the release catalogs; custom ones pass through', () => {
    const result = run({
      talosVersion: 'v1.10.6',
      extensions: ['ghcr.io/siderolabs/realtek-firmware:20250708', CUSTOM, `ghcr.io/siderolabs/zfs:2.3.3-v1.10.6@sha256:${'b'.repeat(64)}`],
      overlayName: 'rock5b',
      overlayImage: 'ghcr.io/siderolabs/sbc-rockchip:v0.1.5',
    }, CATALOGS);
    expect([result.stdout, result.stderr]).toEqual(['', '']);
    expect(result.status).toBe(0);
    expect(result.outputs).toEqual({
      'system-extension-1': `ghcr.io/siderolabs/realtek-firmware:20250708@${D1}`,
      'system-extension-2': CUSTOM,
      'system-extension-3': `ghcr.io/siderolabs/zfs:2.3.3-v1.10.6@sha256:${'b'.repeat(64)}`,
      'overlay-image': `ghcr.io/siderolabs/sbc-rockchip:v0.1.5@${D2}`,
    });
    // each catalog is read once, from a created (never started) container that is removed
    expect(result.calls).toEqual([
      'create ghcr.io/siderolabs/extensions:v1.10.6 /catalog', expect.stringMatching(/^cp c1:\/image-digests .*\/image-digests$/), 'rm c1',
      'create ghcr.io/siderolabs/overlays:v1.10.6 /catalog', expect.stringMatching(/^cp c2:\/overlays.yaml .*\/overlays.yaml$/), 'rm c2',
    ]);
  });

  test('an extension of another release fails before the imager, naming the extension and both releases', () => {
    const result = run({ talosVersion: 'v1.10.6', extensions: ['ghcr.io/siderolabs/realtek-firmware:20240513'], extensionReleases: ['Talos v1.7.3 to v1.7.6'] }, CATALOGS);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('::error::system extension realtek-firmware 20240513 is the build of Talos v1.7.3 to v1.7.6, not of Talos v1.10.6, '
      + 'whose realtek-firmware is 20250708 (ghcr.io/siderolabs/extensions:v1.10.6)\n');
    expect(result.outputs).toEqual({});
  });

  test('a declared digest that is not the release\'s fails', () => {
    const result = run({ talosVersion: 'v1.10.6', extensions: [`ghcr.io/siderolabs/realtek-firmware:20250708@${D3}`], extensionReleases: ['Talos v1.10.0 to v1.10.9'] }, CATALOGS);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(`::error::system extension realtek-firmware:20250708@${D3} is not the image of Talos v1.10.6 `
      + `(ghcr.io/siderolabs/extensions:v1.10.6 lists ${D1}); it is another build (Talos v1.10.0 to v1.10.9)\n`);
  });

  test('an overlay whose tag or digest is not the catalog\'s fails', () => {
    const tag = run({ talosVersion: 'v1.10.6', extensions: [], overlayName: 'rock5b', overlayImage: 'ghcr.io/siderolabs/sbc-rockchip:v0.1.4' }, CATALOGS);
    expect(tag.status).toBe(1);
    expect(tag.stdout).toBe('::error::overlay rock5b is ghcr.io/siderolabs/sbc-rockchip:v0.1.4 in the declaration, but ghcr.io/siderolabs/sbc-rockchip:v0.1.5 '
      + 'in the catalog of Talos v1.10.6 (ghcr.io/siderolabs/overlays:v1.10.6)\n');
    const digest = run({ talosVersion: 'v1.10.6', extensions: [], overlayName: 'rock5b', overlayImage: `ghcr.io/siderolabs/sbc-rockchip:v0.1.5@${D3}` }, CATALOGS);
    expect(digest.status).toBe(1);
    expect(digest.stdout).toBe(`::error::overlay rock5b ghcr.io/siderolabs/sbc-rockchip:v0.1.5@${D3} is not the image of Talos v1.10.6 `
      + `(ghcr.io/siderolabs/overlays:v1.10.6 lists ${D2})\n`);
  });

  test('a release without a catalog image, or a catalog without the file, fails', () => {
    const missing = run({ talosVersion: 'v1.13.9', extensions: [], overlayName: 'rock5b', overlayImage: 'ghcr.io/siderolabs/sbc-rockchip:v0.1.5' }, CATALOGS);
    expect(missing.status).toBe(125);
    expect(missing.stderr).toBe('Error response from daemon: manifest unknown: ghcr.io/siderolabs/overlays:v1.13.9\n');
    const empty = run({ talosVersion: 'v1.10.6', extensions: ['ghcr.io/siderolabs/realtek-firmware:20250708'] }, { 'ghcr.io/siderolabs/extensions:v1.10.6': {} });
    expect(empty.status).toBe(1);
    expect(empty.stderr).toBe('Error response from daemon: Could not find the file /image-digests in container c1\n');
    expect(empty.stdout).toBe('::error::ghcr.io/siderolabs/extensions:v1.10.6 has no /image-digests\n');
  });

  test('an extension missing from the catalog fails', () => {
    const result = run({ talosVersion: 'v1.10.6', extensions: ['ghcr.io/siderolabs/i915:20250708-v1.10.6'] }, CATALOGS);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('::error::system extension i915 is not in the catalog of Talos v1.10.6 (ghcr.io/siderolabs/extensions:v1.10.6)\n');
  });

  test('for a board: its extensions with the releases of their versions, and its official overlay', () => {
    const board = OverlayBoard.fromCatalog(new Construct(undefined as any, 'App'), 'Rock5B', {
      preset: BoardPreset.ROCK5B, talosVersion: 'v1.10.6', systemExtensions: [SystemExtension.official('realtek-firmware')],
    });
    expect(resolveExtensionsStepFor(board).env).toEqual({
      TALOS_VERSION: 'v1.10.6',
      EXTENSION_COUNT: '1',
      EXTENSION_1: 'ghcr.io/siderolabs/realtek-firmware:20250708',
      // siderolabs/extensions Pkgfile LINUX_FIRMWARE_VERSION is 20250708 at v1.10.6 only (generated table)
      EXTENSION_1_RELEASES: 'Talos v1.10.6',
      OVERLAY_NAME: 'rock5b',
      OVERLAY_IMAGE: 'ghcr.io/siderolabs/sbc-rockchip:v0.1.5',
    });
  });
});

/**
 * Test support: a stub `docker` for the extract-overlay step, holding one multi-platform,
 * FROM-scratch overlay image. It enforces the daemon contract the step relies on:
 *
 * - `docker create` needs a command when the image has no entrypoint or command: the daemon
 *   answers "no command specified" (seen with docker-ce 29.3 in frostyard/intuneme#51, and as the
 *   HTTP 400 of /containers/create in OpenSCAP/openscap#2173).
 * - `--platform linux/<arch>` selects that platform's manifest; a platform the image was not
 *   pushed for fails with "no matching manifest for <platform> in the manifest list entries".
 *   Without `--platform` the daemon uses its own platform, which is what the stub's host is.
 * - `docker export` streams the container's flattened filesystem as a tar, with the mount points
 *   docker adds to every container (`.dockerenv`, `etc/hostname`, `etc/hosts`, `etc/resolv.conf`,
 *   `dev/`, `proc/`, `sys/`), which the step must tolerate.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface DockerStub {
  /** Directory to put first on PATH. */
  readonly binDir: string;
  /** Env the stub reads. */
  readonly env: { [name: string]: string };
  /** Every docker invocation, one line each (arguments joined by a space). */
  calls(): string[];
}

const STUB = `#!/usr/bin/env bash
set -euo pipefail
state="\${STUB_DOCKER_STATE:?}"
echo "$*" >> "\${state}/calls"
command=\${1:-}
shift || true
case "\${command}" in
  create)
    platform="linux/\${STUB_DOCKER_HOST_ARCH:?}"
    while [[ $# -gt 0 && "$1" == -* ]]; do
      case "$1" in
        --platform) platform=$2; shift 2 ;;
        --platform=*) platform=\${1#*=}; shift ;;
        *) echo "stub docker: unexpected create flag $1" >&2; exit 125 ;;
      esac
    done
    if [[ $# -eq 0 ]]; then
      echo '"docker create" requires at least 1 argument.' >&2
      exit 1
    fi
    image=$1
    shift
    if [[ "\${image}" != "\${STUB_DOCKER_IMAGE:?}" ]]; then
      echo "Unable to find image '\${image}' locally" >&2
      echo "Error response from daemon: pull access denied for \${image%%@*}, repository does not exist or may require 'docker login'" >&2
      exit 1
    fi
    if [[ ! -d "\${STUB_DOCKER_ROOTFS:?}/\${platform}" ]]; then
      echo "Error response from daemon: no matching manifest for \${platform} in the manifest list entries" >&2
      exit 1
    fi
    if [[ $# -eq 0 ]]; then
      echo "Error response from daemon: no command specified" >&2
      exit 1
    fi
    id=$(printf '%064d' "$(wc -l < "\${state}/calls")")
    echo "\${platform}" > "\${state}/container-\${id}"
    echo "\${id}"
    ;;
  export)
    id=\${1:?}
    if [[ ! -f "\${state}/container-\${id}" ]]; then
      echo "Error response from daemon: No such container: \${id}" >&2
      exit 1
    fi
    platform=$(cat "\${state}/container-\${id}")
    mounts="\${state}/mounts"
    mkdir -p "\${mounts}/etc" "\${mounts}/dev/pts" "\${mounts}/dev/shm" "\${mounts}/proc" "\${mounts}/sys"
    touch "\${mounts}/.dockerenv" "\${mounts}/etc/hostname" "\${mounts}/etc/hosts" "\${mounts}/etc/resolv.conf" "\${mounts}/dev/console"
    tar -c -f - -C "\${STUB_DOCKER_ROOTFS}/\${platform}" . -C "\${mounts}" .
    ;;
  rm)
    while [[ $# -gt 0 && "$1" == -* ]]; do shift; done
    rm -f -- "\${state}/container-\${1:?}"
    echo "$1"
    ;;
  *)
    echo "stub docker: unsupported command \${command}" >&2
    exit 125
    ;;
esac
`;

/**
 * Installs the stub in `dir`. `rootfs` holds one directory per platform (`linux/amd64`,
 * `linux/arm64`) with that platform's filesystem; `image` is the only reference it knows.
 */
export function installDockerStub(dir: string, image: string, rootfs: string, hostArch: string): DockerStub {
  const binDir = path.join(dir, 'bin');
  const state = path.join(dir, 'docker-state');
  fs.mkdirSync(binDir, { recursive: true });
  fs.mkdirSync(state, { recursive: true });
  fs.writeFileSync(path.join(state, 'calls'), '');
  fs.writeFileSync(path.join(binDir, 'docker'), STUB, { mode: 0o755 });
  return {
    binDir,
    env: {
      STUB_DOCKER_STATE: state,
      STUB_DOCKER_IMAGE: image,
      STUB_DOCKER_ROOTFS: rootfs,
      STUB_DOCKER_HOST_ARCH: hostArch,
    },
    calls: () => fs.readFileSync(path.join(state, 'calls'), 'utf8').split('\n').filter((l) => l !== ''),
  };
}

/**
 * The steps an imager leg runs on the disk image it produced, before the image is uploaded for
 * the release: install the disk tools, extract the pushed overlay image for the imager host's
 * platform, and verify the image (internal: not exported from the package root).
 *
 * What is verified, and why (the script, ./verify-image-script.ts, documents its env contract):
 * - the GPT is valid, and partition 1 starts where the Talos layout rules put it
 *   ({@link firstPartitionStartSector});
 * - each file the overlay installer writes to the raw disk is byte-identical at its offset, and
 *   stays clear of the GPT and the partitions;
 * - the DTBs and overlay files are in the EFI partition (siderolabs/talos 51f96d6, first in
 *   v1.14.0-rc.1, no longer moves `<MountPrefix>/boot/EFI` into the EFI partition, so they land in
 *   BOOT: cmd/installer/pkg/install/install.go, `getBootPartitions`);
 * - the overlay's installer is an ELF for the imager host, which executes it (siderolabs/talos
 *   pkg/imager/imager.go @ v1.10.6, `handleOverlay`: the overlay is extracted for
 *   `runtime.GOARCH` and `installers/<name>` is run through `executor.New`).
 */
import { github } from 'projen';
import { VERIFY_IMAGE_SCRIPT } from './verify-image-script';
import { Architecture } from '../../board/image-output';
import { TalosVersion } from '../../board/talos-version';
import { PLAIN_RELATIVE_PATH } from '../../private/names';
import { fail } from '../../private/validation';

/** A file the overlay installer writes outside any partition. */
export interface RawWriteToVerify {
  /** Path inside the overlay image, e.g. `artifacts/arm64/u-boot/nanopi-m6/idbloader.img`. */
  readonly file: string;
  /** Byte offset on the disk. */
  readonly offsetBytes: number;
  /** Size in bytes, when declared (the file in the overlay image must have it). */
  readonly sizeBytes?: number;
}

/** What the verification steps of one imager leg need. */
export interface VerifyImageParams {
  /** The imager's disk image on the runner, relative to the workspace, e.g. `_out/metal-arm64.raw.xz`. */
  readonly imageFile: string;
  /** Architecture of the runner that runs the imager (the imager extracts the overlay for it). */
  readonly hostArch: Architecture;
  /** Architecture of the disk image. */
  readonly targetArch: Architecture;
  /**
   * Architecture the overlay's installer must be built for, when the workflow sets up binfmt/QEMU
   * for it on the imager host (`installerEmulation`).
   * @default - the host's (`hostArch`)
   */
  readonly installerArch?: Architecture;
  /** The installer's name (`--overlay-name`): `installers/<name>` in the overlay image. */
  readonly overlayName: string;
  /** Files the installer writes to the raw disk. */
  readonly rawWrites: readonly RawWriteToVerify[];
  /** The 512-byte sector where partition 1 must start; see {@link firstPartitionStartSector}. */
  readonly firstPartitionStartSector: number;
  /** Files that must be in the EFI partition, as paths inside it, e.g. `dtb/rockchip/rk3588-nanopi-m6.dtb`; see {@link efiPartitionPath}. */
  readonly efiFiles: readonly string[];
  /**
   * The pushed overlay image, by digest. May hold workflow expressions, e.g.
   * `docker.io/acme/overlay@${{ needs.overlay.outputs.digest }}`: it only ever reaches `env:`.
   */
  readonly overlayImageRef: string;
  /**
   * Where the overlay image's filesystem is extracted, relative to the workspace.
   * @default "_overlay"
   */
  readonly overlayDir?: string;
  /**
   * `DOCKER_CONFIG` for pulling the overlay image (a private repository needs the leg's login).
   * May hold workflow expressions, e.g. `${{ runner.temp }}/docker-config`.
   * @default - docker's default configuration
   */
  readonly dockerConfigDir?: string;
  /**
   * Construct path named in validation errors.
   * @default "ReleaseWorkflow"
   */
  readonly path?: string;
}

/** Stable ids of the generated steps, in the order they run. */
export const VERIFY_IMAGE_STEP_IDS = {
  installTools: 'install-image-tools',
  extractOverlay: 'extract-overlay',
  verifyImage: 'verify-image',
} as const;

/** The default extraction directory of the overlay image. */
export const DEFAULT_OVERLAY_DIR = '_overlay';

/** An installer name (siderolabs overlays: `rk3588`, `rpi_generic`, `sun50i-h616`). */
const INSTALLER_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
/** The disk images the script reads. */
const RAW_IMAGE = /\.raw(\.xz|\.zst|\.gz)?$/;
/** Offsets and sizes the script reads as bash integers. */
const MAX_BYTES = Number.MAX_SAFE_INTEGER;

/**
 * The steps, in order: `install-image-tools`, `extract-overlay`, `verify-image`. Put them after
 * the imager step and before the upload; every value travels through `env:`.
 */
export function verifyImageSteps(params: VerifyImageParams): github.workflows.JobStep[] {
  const where = params.path ?? 'ReleaseWorkflow';
  const overlayDir = params.overlayDir ?? DEFAULT_OVERLAY_DIR;
  checkParams(where, params, overlayDir);

  const extractEnv: { [name: string]: string } = {
    OVERLAY_IMAGE: params.overlayImageRef,
    HOST_ARCH: params.hostArch,
    OVERLAY_DIR: overlayDir,
  };
  if (params.dockerConfigDir !== undefined) {
    extractEnv.DOCKER_CONFIG = params.dockerConfigDir;
  }
  return [
    {
      id: VERIFY_IMAGE_STEP_IDS.installTools,
      name: 'Install the disk image tools (gdisk, mtools)',
      run: INSTALL_TOOLS_SCRIPT,
    },
    {
      id: VERIFY_IMAGE_STEP_IDS.extractOverlay,
      name: `Extract the overlay image (linux/${params.hostArch})`,
      env: extractEnv,
      run: EXTRACT_OVERLAY_SCRIPT,
    },
    {
      id: VERIFY_IMAGE_STEP_IDS.verifyImage,
      name: 'Verify the disk image',
      env: {
        IMAGE_FILE: params.imageFile,
        OVERLAY_DIR: overlayDir,
        HOST_ARCH: params.hostArch,
        TARGET_ARCH: params.targetArch,
        OVERLAY_NAME: params.overlayName,
        ...(params.installerArch !== undefined && params.installerArch !== params.hostArch ? { INSTALLER_ARCH: params.installerArch } : {}),
        FIRST_PARTITION_START_SECTOR: String(params.firstPartitionStartSector),
        RAW_WRITES: params.rawWrites.map((w) => `${w.offsetBytes} ${w.sizeBytes ?? '-'} ${w.file}`).join('\n'),
        EFI_FILES: params.efiFiles.join('\n'),
      },
      run: VERIFY_IMAGE_SCRIPT,
    },
  ];
}

/**
 * The sector where Talos puts partition 1, from the installer's `PartitionOptions.Offset` (in
 * 512-byte LBAs; 0 or undefined when the overlay declares none).
 *
 * - Before v1.8 (go-blockdevice v0.4): the partition entries start *at* the offset
 *   (`WithPartitionEntriesStartLBA(offset)`, siderolabs/talos cmd/installer/pkg/install/manifest.go
 *   @ v1.7.6; default LBA 2), the header's first usable LBA is entries + 32
 *   (siderolabs/go-blockdevice blockdevice/partition/gpt/gpt.go @ v0.4.7, `New`), and `InsertAt`
 *   rounds the first partition up to `lba.RecommendedAlignment` = 1 MiB (blockdevice/lba/lba.go
 *   @ v0.4.7, `AlignToPhysicalBlockSize`).
 * - From v1.8 (go-blockdevice v2): the entries start at LBA 2 + offset (`WithSkipLBAs(offset)`,
 *   siderolabs/talos cmd/installer/pkg/install/install.go @ v1.8.0), the first usable LBA is
 *   entries + 32, aligned up to max(I/O size, 1 MiB) (siderolabs/go-blockdevice
 *   partitioning/gpt/gpt.go @ v2.0.2, `Table.init`), and partition 1 starts there.
 *
 * With 512-byte sectors: offset 0 gives sector 2048 in both, 20480 (10 MiB) gives 22528 (11 MiB).
 */
export function firstPartitionStartSector(talosVersion: TalosVersion, partitionOffsetSectors?: number): number {
  const offset = partitionOffsetSectors ?? 0;
  const entriesLba = talosVersion.atLeast(1, 8) ? 2 + offset : (offset === 0 ? 2 : offset);
  const firstUsable = entriesLba + GPT_ENTRY_ARRAY_SECTORS;
  return Math.ceil(firstUsable / ONE_MIB_SECTORS) * ONE_MIB_SECTORS;
}

/**
 * The path inside the EFI partition of a file the installer writes under `/boot/EFI/`
 * (e.g. `/boot/EFI/dtb/rockchip/rk3588-rock-5b.dtb` gives `dtb/rockchip/rk3588-rock-5b.dtb`):
 * Talos formats the EFI partition from `<MountPrefix>/boot/EFI` (`constants.EFIMountPoint`,
 * siderolabs/talos pkg/machinery/constants/constants.go @ v1.13.0). Undefined for other paths.
 */
export function efiPartitionPath(installedPath: string): string | undefined {
  const prefix = '/boot/EFI/';
  return installedPath.startsWith(prefix) && installedPath.length > prefix.length ? installedPath.slice(prefix.length) : undefined;
}

/** 128 entries of 128 bytes in 512-byte sectors (go-blockdevice `gptstructs.NumEntries`, `ENTRY_SIZE`). */
const GPT_ENTRY_ARRAY_SECTORS = 32;
/** 1 MiB in 512-byte sectors. */
const ONE_MIB_SECTORS = 2048;

function checkParams(where: string, params: VerifyImageParams, overlayDir: string): void {
  const bad = (field: string, value: unknown, rule: string, fix: string): never => fail('verifyImageSteps', where, field, value, rule, fix);
  const checkPath = (field: string, value: string, example: string): void => {
    if (!PLAIN_RELATIVE_PATH.test(value)) {
      bad(field, value, 'must be a relative path of letters, digits, ".", "_", "+" and "-" segments, without ".." or "."', `use a path like "${example}"`);
    }
  };
  checkPath('imageFile', params.imageFile, '_out/metal-arm64.raw.xz');
  if (!RAW_IMAGE.test(params.imageFile)) {
    bad('imageFile', params.imageFile, 'must be a raw disk image (.raw, .raw.xz, .raw.zst or .raw.gz): only those have a GPT to verify',
      'leave the verification steps out for other disk formats');
  }
  checkPath('overlayDir', overlayDir, DEFAULT_OVERLAY_DIR);
  if (!INSTALLER_NAME.test(params.overlayName)) {
    bad('overlayName', params.overlayName, `must be an installer file name (${INSTALLER_NAME.source})`, 'use the name under installers/ in the overlay image, e.g. "rk3588"');
  }
  if (!Number.isSafeInteger(params.firstPartitionStartSector) || params.firstPartitionStartSector <= 0) {
    bad('firstPartitionStartSector', params.firstPartitionStartSector, 'must be a whole number of 512-byte sectors, more than 0', 'use firstPartitionStartSector(talosVersion, partitionOffsetSectors)');
  }
  params.rawWrites.forEach((w, i) => {
    checkPath(`rawWrites[${i}].file`, w.file, `artifacts/${params.targetArch}/u-boot/<board>/u-boot-rockchip.bin`);
    if (!Number.isSafeInteger(w.offsetBytes) || w.offsetBytes < 0 || w.offsetBytes > MAX_BYTES) {
      bad(`rawWrites[${i}].offsetBytes`, w.offsetBytes, 'must be a whole number of bytes, 0 or more', 'use the offset the installer writes the file at, e.g. 32768');
    }
    if (w.sizeBytes !== undefined && (!Number.isSafeInteger(w.sizeBytes) || w.sizeBytes <= 0)) {
      bad(`rawWrites[${i}].sizeBytes`, w.sizeBytes, 'must be a whole number of bytes, more than 0', 'give the size of the file, or leave sizeBytes out');
    }
  });
  params.efiFiles.forEach((file, i) => checkPath(`efiFiles[${i}]`, file, 'dtb/rockchip/rk3588-nanopi-m6.dtb'));
  if (params.overlayImageRef.trim() === '' || /[\r\n]/.test(params.overlayImageRef) || params.overlayImageRef.startsWith('-')) {
    bad('overlayImageRef', params.overlayImageRef, 'must be one image reference on one line, not starting with "-"', 'use "<repository>@<digest>", e.g. "docker.io/acme/overlay@${{ needs.overlay.outputs.digest }}"');
  }
  if (params.dockerConfigDir !== undefined && (params.dockerConfigDir.trim() === '' || /[\r\n]/.test(params.dockerConfigDir))) {
    bad('dockerConfigDir', params.dockerConfigDir, 'must be one path on one line', 'use the DOCKER_CONFIG directory of the leg\'s login, or leave dockerConfigDir out');
  }
}

/**
 * GitHub's ubuntu-24.04 image lists xz-utils, coreutils, tar and zstd but not gdisk or mtools
 * (actions/runner-images images/ubuntu/Ubuntu2404-Readme.md, image 20251112.124.1, "Installed apt
 * packages" and "Tools"; diffutils and gzip are Essential in Ubuntu), so they are installed from the runner's apt when
 * missing. A self-hosted runner without them needs sudo, or the tools installed beforehand.
 */
const INSTALL_TOOLS_SCRIPT = [
  'set -euo pipefail',
  'missing=()',
  'command -v sgdisk >/dev/null 2>&1 || missing+=(gdisk)',
  'command -v mcopy >/dev/null 2>&1 || missing+=(mtools)',
  'command -v xz >/dev/null 2>&1 || missing+=(xz-utils)',
  'command -v zstd >/dev/null 2>&1 || missing+=(zstd)',
  'command -v cmp >/dev/null 2>&1 || missing+=(diffutils)',
  'if ((${#missing[@]} > 0)); then',
  '  echo "Installing ${missing[*]} from the runner\'s apt"',
  '  sudo apt-get update -qq',
  '  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"',
  'fi',
  'sgdisk --version',
  'mcopy --version',
  '',
].join('\n');

/**
 * The overlay image is FROM scratch with no entrypoint or command, built for several platforms.
 * `docker create --platform linux/<host>` picks the same platform the imager pulls (crane with
 * `platform: linux/<runtime.GOARCH>`, siderolabs/talos pkg/imager/profile/input.go @ v1.10.6,
 * `ContainerAsset.Pull`); the daemon refuses to create a container without a command ("no command
 * specified": frostyard/intuneme#51, OpenSCAP/openscap#2173), so it gets one that never runs; and
 * `docker export` streams the flattened filesystem, as `crane.Export` does for the imager
 * (`ContainerAsset.Extract`). `docker save` would give layers to merge by hand, and
 * `buildx imagetools` has no filesystem export.
 */
const EXTRACT_OVERLAY_SCRIPT = [
  'set -euo pipefail',
  'if [[ -z "${OVERLAY_IMAGE}" || "${OVERLAY_IMAGE}" == -* ]]; then',
  '  echo "::error::extract-overlay: OVERLAY_IMAGE is empty or not an image reference: \\"${OVERLAY_IMAGE}\\""',
  '  exit 1',
  'fi',
  'rm -rf -- "${OVERLAY_DIR}"',
  'mkdir -p -- "${OVERLAY_DIR}"',
  '# the command is never run: a FROM-scratch image has none, and docker create needs one',
  'container=$(docker create --platform "linux/${HOST_ARCH}" "${OVERLAY_IMAGE}" /no-command)',
  'trap \'docker rm --force "${container}" >/dev/null\' EXIT',
  'docker export "${container}" | tar -x -f - -C "${OVERLAY_DIR}" --no-same-owner',
  'if [[ ! -d "${OVERLAY_DIR}/installers" ]]; then',
  '  echo "::error::extract-overlay: ${OVERLAY_IMAGE} (linux/${HOST_ARCH}) has no installers/ directory: is it an overlay image?"',
  '  exit 1',
  'fi',
  'find "${OVERLAY_DIR}/installers" -maxdepth 1 -type f | sort',
  '',
].join('\n');

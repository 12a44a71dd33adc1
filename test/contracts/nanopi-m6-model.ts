/**
 * What the bldr build of the NanoPi M6 overlay repository needs and produces, read in
 * jhuynh08/nanopi-m6 (default branch, commit 040eb91) and modelled for the contract runner.
 * Written from the repository's files; none of them is copied.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { talosRegistry } from './talos-catalogs';

const PROFILE = parse(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'nanopi-m6', 'profiles', 'rk3588', 'board-rk3588.yaml'), 'utf8'));

export const NANOPI_M6_TARGET = 'talos-sbc-rk3588-mainline';

export function nanopiM6Model(options: { sourceDateEpochRequired?: boolean; partitionOffsetLba?: number } = {}) {
  const required = ['PKGS_PREFIX', 'PKGS', 'KERNEL_VARIANT'];
  // artifacts/rkbin/pkg.yaml, artifacts/u-boot/rock5a/pkg.yaml and rock5b/pkg.yaml read
  // {{ .BUILD_ARG_SOURCE_DATE_EPOCH }} outside any {{ if }}; reached from the target via
  // installers/pkg.yaml -> stage u-boot -> artifacts/u-boot/pkg.yaml.
  if (options.sourceDateEpochRequired !== false) {
    required.unshift('SOURCE_DATE_EPOCH');
  }
  return {
    emulationSlowdown: 10, // assumption: TCG emulation of a kernel build, not an upstream fact
    // the Talos v1.10.6 release catalog and extension images (talos-catalogs.ts)
    registry: talosRegistry('v1.10.6'),
    overlay: {
      targets: {
        [NANOPI_M6_TARGET]: {
          requiredBuildArgs: required,
          buildArgReaders: {
            SOURCE_DATE_EPOCH: 'artifacts/u-boot/rock5b/pkg.yaml:9',
            PKGS_PREFIX: 'internal/base/pkg.yaml:5',
            PKGS: 'internal/base/pkg.yaml:5',
            KERNEL_VARIANT: 'installers/pkg.yaml:1',
          },
          failures: { SOURCE_DATE_EPOCH: "date: invalid date '@<no value>'" },
          // installers/pkg.yaml pins these dependencies to linux/arm64
          pinnedStages: [
            { stage: 'talos-kernel-rk3588-mainline', platform: 'linux/arm64', nativeMinutes: 45 },
            { stage: 'u-boot', platform: 'linux/arm64', nativeMinutes: 8 },
            { stage: 'overlay-rk3588', platform: 'linux/arm64', nativeMinutes: 2 },
            { stage: 'dtb-vendor', platform: 'linux/arm64', nativeMinutes: 1 },
          ],
          // installers/rk3588/pkg.yaml: `go build` in the overlay-rk3588 stage, which
          // installers/pkg.yaml pins to linux/arm64: an arm64 binary on every platform
          installer: { name: 'rk3588', pinnedArch: 'arm64' },
          // profiles/pkg.yaml: /profiles/board-rk3588.yaml in the overlay image
          profiles: { 'board-rk3588': PROFILE },
          // what the final stage holds (installers/pkg.yaml finalize /rootfs -> /)
          files: {
            // artifacts/u-boot/nanopi-m6/vendor/idbloader.img: 4 161 536 bytes in git
            'artifacts/arm64/u-boot/nanopi-m6/idbloader.img': { size: 4161536, fill: 0x11 },
            // uboot.img: "4.0MB" per .planning/phases/02-bootloader/02-09-SUMMARY.md (not in git history we can read)
            'artifacts/arm64/u-boot/nanopi-m6/uboot.img': { size: 4 * 1024 * 1024, fill: 0x22 },
            'artifacts/arm64/dtb/rockchip/rk3588s-nanopi-m6.dtb': { size: 260000, fill: 0xd0 },
          },
          // installers/rk3588/src/main.go: PartitionOptions.Offset = 2048 * 10 (LBAs);
          // idbloader.img at 512 * 64, uboot.img at 512 * 16384; the DTB to
          // <MountPrefix>/boot/EFI/dtb/rockchip/ (the EFI partition)
          disk: {
            partitionOffsetLba: options.partitionOffsetLba ?? 2048 * 10,
            rawWrites: [
              { file: 'artifacts/arm64/u-boot/nanopi-m6/idbloader.img', offsetBytes: 512 * 64 },
              { file: 'artifacts/arm64/u-boot/nanopi-m6/uboot.img', offsetBytes: 512 * 16384 },
            ],
            efiFiles: [{ file: 'artifacts/arm64/dtb/rockchip/rk3588s-nanopi-m6.dtb', to: '/dtb/rockchip/rk3588s-nanopi-m6.dtb' }],
          },
        },
      },
    },
  };
}

/** GitHub-hosted runner labels and their architectures. */
export const GITHUB_RUNNERS = { 'ubuntu-24.04': 'amd64', 'ubuntu-latest': 'amd64', 'ubuntu-24.04-arm': 'arm64' };

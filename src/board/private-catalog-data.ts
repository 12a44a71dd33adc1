/**
 * The board catalog as data: every board of the reference `boards.json` (22 sbc-rockchip,
 * 3 sbc-raspberrypi, 3 sbc-allwinner, 1 sbc-jetson, 3 community rk3588), and the
 * siderolabs/overlays catalog at every Talos release (`internal/overlays/overlays.yaml`
 * at each tag). Not exported by the barrel: read it through `BoardCatalog` and `BoardPreset`.
 */
import { OverlayFamily } from './overlay-family';
import { OverlayOptionSpec, OverlayOptionType } from './overlay-options';
import { ROCKCHIP_PRESETS } from './private-catalog-rockchip';

/** One catalog board. */
export interface PresetData {
  /** Catalog key: the overlay name for official boards, `rk3588/<board>` for community ones. */
  readonly name: string;
  /** Board name for job ids, tags and asset names (lowercase, `-` separated). */
  readonly boardName: string;
  readonly displayName: string;
  readonly overlayName: string;
  readonly family: OverlayFamily;
  readonly soc?: string;
  readonly chipset?: string;
  readonly dtb?: string;
  readonly dtbArtifact?: string;
  readonly ubootArtifactDirectory: string;
  readonly ubootFiles: readonly string[];
  readonly rawWrites: ReadonlyArray<{ readonly file: string; readonly offsetBytes: number }>;
  readonly partitionOffsetSectors?: number;
  readonly installerKernelArgs: readonly string[];
  readonly profileName: string;
  readonly options: readonly OverlayOptionSpec[];
  /** Options the community installer needs for this board. */
  readonly defaultOptions?: { readonly [key: string]: string };
  /** First Talos release whose catalog lists the board (official boards). */
  readonly catalogSince?: string;
  /** First tag of the official overlay repository with the board. */
  readonly firstOverlayVersion?: string;
  readonly notes?: string;
  readonly source: string;
}

const RPI_OPTIONS: OverlayOptionSpec[] = [
  { key: 'configTxt', type: OverlayOptionType.STRING, description: 'replaces the embedded config.txt' },
  { key: 'configTxtAppend', type: OverlayOptionType.STRING, description: 'appended to config.txt' },
];

const RK3588_COMMUNITY_OPTIONS: OverlayOptionSpec[] = [
  { key: 'board', type: OverlayOptionType.STRING, required: true, description: 'board to install (GetOptions and Install fail when empty)' },
  { key: 'chipset', type: OverlayOptionType.STRING, required: true, description: 'SoC variant of the DTB file name (Install fails when empty)' },
];

/** Every catalog board, in boards.json order. */
export const PRESETS: readonly PresetData[] = [
  ...ROCKCHIP_PRESETS,
  {
    name: 'bananapi_m64',
    boardName: 'bananapi-m64',
    displayName: 'BananaPi M64',
    overlayName: 'bananapi_m64',
    family: OverlayFamily.SBC_ALLWINNER,
    chipset: 'sun50i-a64',
    dtb: '/boot/EFI/dtb/allwinner/sun50i-a64-bananapi-m64.dtb',
    dtbArtifact: '/artifacts/arm64/dtb/allwinner/sun50i-a64-bananapi-m64.dtb',
    ubootArtifactDirectory: '/artifacts/arm64/u-boot/bananapi_m64/',
    ubootFiles: ['u-boot-sunxi-with-spl.bin'],
    rawWrites: [{ file: 'u-boot-sunxi-with-spl.bin', offsetBytes: 8192 }],
    partitionOffsetSectors: 2048,
    installerKernelArgs: ['console=tty0', 'console=ttyS0,115200', 'sysctl.kernel.kexec_load_disabled=1', 'talos.dashboard.disabled=1'],
    profileName: 'bananapi_m64',
    options: [],
    catalogSince: 'v1.7.0',
    notes: 'chipset holds the SoC prefix of the DTB file name (sun50i-a64 / sun50i-h5); it is not an overlay option.',
    source: 'siderolabs/sbc-allwinner installers/bananapi_m64/src/main.go, artifacts/bananapi_m64/u-boot/pkg.yaml, installers/pkg.yaml @ v0.1.5 (81f641f)',
  },
  {
    name: 'libretech_all_h3_cc_h5',
    boardName: 'libretech-all-h3-cc-h5',
    displayName: 'LibreTech H3 CC H5',
    overlayName: 'libretech_all_h3_cc_h5',
    family: OverlayFamily.SBC_ALLWINNER,
    chipset: 'sun50i-h5',
    dtb: '/boot/EFI/dtb/allwinner/sun50i-h5-libretech-all-h3-cc.dtb',
    dtbArtifact: '/artifacts/arm64/dtb/allwinner/sun50i-h5-libretech-all-h3-cc.dtb',
    ubootArtifactDirectory: '/artifacts/arm64/u-boot/libretech_all_h3_cc_h5/',
    ubootFiles: ['u-boot-sunxi-with-spl.bin'],
    rawWrites: [{ file: 'u-boot-sunxi-with-spl.bin', offsetBytes: 8192 }],
    partitionOffsetSectors: 2048,
    installerKernelArgs: ['console=tty0', 'console=ttyS0,115200', 'sysctl.kernel.kexec_load_disabled=1', 'talos.dashboard.disabled=1'],
    profileName: 'libretech_all_h3_cc_h5',
    options: [],
    catalogSince: 'v1.7.0',
    notes: 'chipset holds the SoC prefix of the DTB file name (sun50i-a64 / sun50i-h5); it is not an overlay option.',
    source: 'siderolabs/sbc-allwinner installers/libretech_all_h3_cc_h5/src/main.go, artifacts/libretech_all_h3_cc_h5/u-boot/pkg.yaml, installers/pkg.yaml @ v0.1.5 (81f641f)',
  },
  {
    name: 'pine64',
    boardName: 'pine64',
    displayName: 'Pine64 A64',
    overlayName: 'pine64',
    family: OverlayFamily.SBC_ALLWINNER,
    chipset: 'sun50i-a64',
    dtb: '/boot/EFI/dtb/allwinner/sun50i-a64-pine64-plus.dtb',
    dtbArtifact: '/artifacts/arm64/dtb/allwinner/sun50i-a64-pine64-plus.dtb',
    ubootArtifactDirectory: '/artifacts/arm64/u-boot/pine64/',
    ubootFiles: ['u-boot-sunxi-with-spl.bin'],
    rawWrites: [{ file: 'u-boot-sunxi-with-spl.bin', offsetBytes: 8192 }],
    partitionOffsetSectors: 2048,
    installerKernelArgs: ['console=tty0', 'console=ttyS0,115200', 'sysctl.kernel.kexec_load_disabled=1', 'talos.dashboard.disabled=1'],
    profileName: 'pine64',
    options: [],
    catalogSince: 'v1.7.0',
    notes: 'chipset holds the SoC prefix of the DTB file name (sun50i-a64 / sun50i-h5); it is not an overlay option.',
    source: 'siderolabs/sbc-allwinner installers/pine64/src/main.go, artifacts/pine64/u-boot/pkg.yaml, installers/pkg.yaml @ v0.1.5 (81f641f)',
  },
  {
    name: 'jetson_nano',
    boardName: 'jetson-nano',
    displayName: 'Jetson Nano',
    overlayName: 'jetson_nano',
    family: OverlayFamily.SBC_JETSON,
    chipset: 'tegra210',
    dtb: '/boot/EFI/dtb/nvidia/tegra210-p3450-0000.dtb',
    dtbArtifact: '/artifacts/arm64/dtb/nvidia/tegra210-p3450-0000.dtb',
    ubootArtifactDirectory: '/artifacts/arm64/u-boot/jetson_nano/',
    ubootFiles: ['u-boot.bin'],
    rawWrites: [],
    installerKernelArgs: ['console=tty0', 'console=ttyS0,115200', 'sysctl.kernel.kexec_load_disabled=1', 'talos.dashboard.disabled=1'],
    profileName: 'jetson_nano',
    options: [],
    catalogSince: 'v1.7.0',
    notes: 'Installer only fsyncs the disk and copies the DTB; u-boot.bin (p3450-0000_defconfig) is shipped in the overlay but not written to the disk. chipset is the DTB prefix, not an option.',
    source: 'siderolabs/sbc-jetson installers/jetson_nano/src/main.go, artifacts/u-boot/pkg.yaml, installers/pkg.yaml @ v0.1.5 (1b6bdc6)',
  },
  {
    name: 'rpi_generic',
    boardName: 'rpi-generic',
    displayName: 'Raspberry Pi 4 / Compute Module 4 (and older)',
    overlayName: 'rpi_generic',
    family: OverlayFamily.SBC_RASPBERRYPI,
    ubootArtifactDirectory: '/artifacts/arm64/u-boot/rpi_generic/',
    ubootFiles: ['u-boot.bin'],
    rawWrites: [],
    installerKernelArgs: ['console=tty0', 'console=ttyAMA0,115200', 'sysctl.kernel.kexec_load_disabled=1', 'talos.dashboard.disabled=1'],
    profileName: 'rpi_generic',
    options: RPI_OPTIONS,
    catalogSince: 'v1.7.0',
    notes: 'No raw-offset writes: u-boot.bin (rpi_arm64_defconfig) is copied as a file to /boot/EFI/u-boot.bin and config.txt is written to /boot/EFI/config.txt. DTBs: firmware-provided DTBs (arm64/firmware/boot from raspberrypi-firmware, kernel* and bcm2712* removed) copied into /boot/EFI.',
    source: 'siderolabs/sbc-raspberrypi installers/rpi_generic/src/main.go, installers/pkg.yaml, artifacts/u-boot/pkg.yaml, README.md @ v0.2.0 (bc6af94)',
  },
  {
    name: 'rpi_5',
    boardName: 'rpi-5',
    displayName: 'Raspberry Pi 5',
    overlayName: 'rpi_5',
    family: OverlayFamily.SBC_RASPBERRYPI,
    ubootArtifactDirectory: '/artifacts/arm64/u-boot/rpi_generic/',
    ubootFiles: ['u-boot.bin'],
    rawWrites: [],
    installerKernelArgs: ['console=tty0', 'console=ttyAMA10,115200', 'sysctl.kernel.kexec_load_disabled=1', 'talos.dashboard.disabled=1'],
    profileName: 'rpi_5',
    options: RPI_OPTIONS,
    catalogSince: 'v1.12.3',
    notes: 'No raw-offset writes: u-boot.bin (rpi_arm64_defconfig) is copied as a file to /boot/EFI/u-boot.bin and config.txt is written to /boot/EFI/config.txt. DTBs: bcm2712*.dtb and overlays built in-repo (artifacts/rpi_5) copied into /boot/EFI. The overlays README spells this overlay rpi5; catalog and installer use rpi_5.',
    source: 'siderolabs/sbc-raspberrypi installers/rpi_5/src/main.go, installers/pkg.yaml, artifacts/u-boot/pkg.yaml, README.md @ v0.2.0 (bc6af94)',
  },
  {
    name: 'revpi_generic',
    boardName: 'revpi-generic',
    displayName: 'Revolution Pi',
    overlayName: 'revpi_generic',
    family: OverlayFamily.SBC_RASPBERRYPI,
    ubootArtifactDirectory: '/artifacts/arm64/u-boot/rpi_generic/',
    ubootFiles: ['u-boot.bin'],
    rawWrites: [],
    installerKernelArgs: ['console=tty0', 'console=ttyAMA0,115200', 'sysctl.kernel.kexec_load_disabled=1', 'talos.dashboard.disabled=1'],
    profileName: 'revpi_generic',
    options: RPI_OPTIONS,
    catalogSince: 'v1.10.0',
    notes: 'No raw-offset writes: u-boot.bin (rpi_arm64_defconfig) is copied as a file to /boot/EFI/u-boot.bin and config.txt is written to /boot/EFI/config.txt. DTBs: firmware-provided DTBs (arm64/firmware/boot, bcm2712* removed) plus arm64/firmware/revpi_generic/boot copied into /boot/EFI.',
    source: 'siderolabs/sbc-raspberrypi installers/revpi_generic/src/main.go, installers/pkg.yaml, artifacts/u-boot/pkg.yaml, README.md @ v0.2.0 (bc6af94)',
  },
  {
    name: 'rk3588/nanopi-m6',
    boardName: 'nanopi-m6',
    displayName: 'FriendlyElec NanoPi M6',
    overlayName: 'rk3588',
    family: OverlayFamily.COMMUNITY_RK3588,
    soc: 'RK3588S',
    chipset: 'rk3588s',
    dtb: '/boot/EFI/dtb/rockchip/rk3588s-nanopi-m6.dtb',
    dtbArtifact: '/artifacts/arm64/dtb/rockchip/rk3588s-nanopi-m6.dtb',
    ubootArtifactDirectory: '/artifacts/arm64/u-boot/nanopi-m6/',
    ubootFiles: ['idbloader.img', 'uboot.img'],
    rawWrites: [{ file: 'idbloader.img', offsetBytes: 32768 }, { file: 'uboot.img', offsetBytes: 8388608 }],
    partitionOffsetSectors: 20480,
    installerKernelArgs: ['sysctl.kernel.kexec_load_disabled=1', 'talos.dashboard.disabled=1', 'slab_nomerge', 'earlycon=uart8250,mmio32,0xfeb50000', 'console=ttyFIQ0,1500000n8', 'consoleblank=0', 'console=ttyS2,1500000n8', 'console=tty1', 'loglevel=7', 'cgroup_enable=cpuset', 'swapaccount=1', 'irqchip.gicv3_pseudo_nmi=0', 'coherent_pool=2M'],
    profileName: 'board-rk3588',
    options: RK3588_COMMUNITY_OPTIONS,
    defaultOptions: { board: 'nanopi-m6', chipset: 'rk3588s' },
    notes: 'Vendor FriendlyELEC U-Boot v2017.09 (idbloader.img + uboot.img, pre-extracted from rk3588-sd-ubuntu-noble-minimal-6.1-arm64-20251222.img) because mainline U-Boot v2025.10 did not boot in 4 attempts; vendor DTB from the same image. uboot.img size not re-measured (their build log says ~4.0 MB), so writing it at 8 MiB may run past the 10 MiB partition start. Kernel args include BSP-only console=ttyFIQ0. Installer machinery v1.10.6 (no ctx). Imager invocation used: --overlay-name=rk3588 --overlay-option=board=nanopi-m6 --overlay-option=chipset=rk3588s.',
    source: 'jhuynh08/nanopi-m6 installers/rk3588/src/main.go, artifacts/u-boot/nanopi-m6/pkg.yaml, artifacts/dtb/pkg.yaml, profiles/rk3588/board-rk3588.yaml, .github/workflows/ci.yaml @ 040eb91 (tag v1.10.6-nanopi-m6); .planning/phases/04-overlay-integration/04-CONTEXT.md',
  },
  {
    name: 'rk3588/rock-5a',
    boardName: 'rock-5a',
    displayName: 'Radxa ROCK 5A',
    overlayName: 'rk3588',
    family: OverlayFamily.COMMUNITY_RK3588,
    soc: 'RK3588S',
    chipset: 'rk3588s',
    dtb: '/boot/EFI/dtb/rockchip/rk3588s-rock-5a.dtb',
    dtbArtifact: '/artifacts/arm64/dtb/rockchip/rk3588s-rock-5a.dtb',
    ubootArtifactDirectory: '/artifacts/arm64/u-boot/rock-5a/',
    ubootFiles: ['u-boot-rockchip.bin'],
    rawWrites: [{ file: 'u-boot-rockchip.bin', offsetBytes: 32768 }],
    partitionOffsetSectors: 20480,
    installerKernelArgs: ['sysctl.kernel.kexec_load_disabled=1', 'talos.dashboard.disabled=1', 'slab_nomerge', 'earlycon=uart8250,mmio32,0xfeb50000', 'console=ttyFIQ0,1500000n8', 'consoleblank=0', 'console=ttyS2,1500000n8', 'console=tty1', 'loglevel=7', 'cgroup_enable=cpuset', 'swapaccount=1', 'irqchip.gicv3_pseudo_nmi=0', 'coherent_pool=2M'],
    profileName: 'board-rk3588',
    options: RK3588_COMMUNITY_OPTIONS,
    defaultOptions: { board: 'rock-5a', chipset: 'rk3588s' },
    notes: 'Community fork entry (board option rock-5a); official equivalent is overlay rock5a in sbc-rockchip. U-Boot from mainline v2025.10 rock5a-rk3588s_defconfig with rkbin DDR v1.18 / BL31 v1.48.',
    source: 'jhuynh08/nanopi-m6 installers/rk3588/src/main.go, artifacts/u-boot/rock5a/pkg.yaml, .github/workflows/ci.yaml @ 040eb91',
  },
  {
    name: 'rk3588/rock-5b',
    boardName: 'rock-5b',
    displayName: 'Radxa ROCK 5B',
    overlayName: 'rk3588',
    family: OverlayFamily.COMMUNITY_RK3588,
    soc: 'RK3588',
    chipset: 'rk3588',
    dtb: '/boot/EFI/dtb/rockchip/rk3588-rock-5b.dtb',
    dtbArtifact: '/artifacts/arm64/dtb/rockchip/rk3588-rock-5b.dtb',
    ubootArtifactDirectory: '/artifacts/arm64/u-boot/rock-5b/',
    ubootFiles: ['u-boot-rockchip.bin'],
    rawWrites: [{ file: 'u-boot-rockchip.bin', offsetBytes: 32768 }],
    partitionOffsetSectors: 20480,
    installerKernelArgs: ['sysctl.kernel.kexec_load_disabled=1', 'talos.dashboard.disabled=1', 'slab_nomerge', 'earlycon=uart8250,mmio32,0xfeb50000', 'console=ttyFIQ0,1500000n8', 'consoleblank=0', 'console=ttyS2,1500000n8', 'console=tty1', 'loglevel=7', 'cgroup_enable=cpuset', 'swapaccount=1', 'irqchip.gicv3_pseudo_nmi=0', 'coherent_pool=2M'],
    profileName: 'board-rk3588',
    options: RK3588_COMMUNITY_OPTIONS,
    defaultOptions: { board: 'rock-5b', chipset: 'rk3588' },
    notes: 'Community fork entry (board option rock-5b); official equivalent is overlay rock5b in sbc-rockchip.',
    source: 'jhuynh08/nanopi-m6 installers/rk3588/src/main.go, artifacts/u-boot/rock5b/pkg.yaml, .github/workflows/ci.yaml @ 040eb91',
  },
];

/** The official overlay image versions of one siderolabs/overlays catalog. */
export interface CatalogEpoch {
  /** First Talos release tag with this catalog. */
  readonly since: string;
  readonly images: { readonly [family: string]: string };
}

/**
 * siderolabs/overlays `internal/overlays/overlays.yaml` at every Talos release tag, merged
 * where consecutive tags agree. A version uses the newest epoch at or before it.
 */
export const CATALOG_EPOCHS: readonly CatalogEpoch[] = [
  { since: 'v1.7.0', images: { 'sbc-rockchip': 'v0.1.0-beta.1', 'sbc-raspberrypi': 'v0.1.0-beta.0', 'sbc-allwinner': 'v0.1.0-beta.0', 'sbc-jetson': 'v0.1.0-beta.0' } },
  { since: 'v1.8.0', images: { 'sbc-rockchip': 'v0.1.0-beta.4', 'sbc-raspberrypi': 'v0.1.0-beta.2', 'sbc-allwinner': 'v0.1.0-beta.1', 'sbc-jetson': 'v0.1.0-beta.1' } },
  { since: 'v1.9.0', images: { 'sbc-rockchip': 'v0.1.1', 'sbc-raspberrypi': 'v0.1.0', 'sbc-allwinner': 'v0.1.0', 'sbc-jetson': 'v0.1.0' } },
  { since: 'v1.9.1', images: { 'sbc-rockchip': 'v0.1.1', 'sbc-raspberrypi': 'v0.1.1', 'sbc-allwinner': 'v0.1.0', 'sbc-jetson': 'v0.1.0' } },
  { since: 'v1.9.2', images: { 'sbc-rockchip': 'v0.1.2', 'sbc-raspberrypi': 'v0.1.1', 'sbc-allwinner': 'v0.1.0', 'sbc-jetson': 'v0.1.0' } },
  { since: 'v1.9.3', images: { 'sbc-rockchip': 'v0.1.3', 'sbc-raspberrypi': 'v0.1.2', 'sbc-allwinner': 'v0.1.0', 'sbc-jetson': 'v0.1.0' } },
  { since: 'v1.9.4', images: { 'sbc-rockchip': 'v0.1.3', 'sbc-raspberrypi': 'v0.1.3', 'sbc-allwinner': 'v0.1.0', 'sbc-jetson': 'v0.1.0' } },
  { since: 'v1.10.0', images: { 'sbc-rockchip': 'v0.1.4', 'sbc-raspberrypi': 'v0.1.4', 'sbc-allwinner': 'v0.1.1', 'sbc-jetson': 'v0.1.1' } },
  { since: 'v1.10.1', images: { 'sbc-rockchip': 'v0.1.5', 'sbc-raspberrypi': 'v0.1.5', 'sbc-allwinner': 'v0.1.2', 'sbc-jetson': 'v0.1.2' } },
  { since: 'v1.12.0', images: { 'sbc-rockchip': 'v0.1.7', 'sbc-raspberrypi': 'v0.1.7', 'sbc-allwinner': 'v0.1.3', 'sbc-jetson': 'v0.1.3' } },
  { since: 'v1.12.3', images: { 'sbc-rockchip': 'v0.1.8', 'sbc-raspberrypi': 'v0.1.8', 'sbc-allwinner': 'v0.1.3', 'sbc-jetson': 'v0.1.3' } },
  { since: 'v1.12.5', images: { 'sbc-rockchip': 'v0.2.0', 'sbc-raspberrypi': 'v0.2.0', 'sbc-allwinner': 'v0.1.5', 'sbc-jetson': 'v0.1.5' } },
];

/**
 * First official image version whose profiles pin `bootloader: grub` (siderolabs/overlays
 * 9c44926, "use overlay versions with grub bootloader", in the Talos v1.10.1 catalog).
 */
export const GRUB_PROFILE_SINCE: { readonly [family: string]: string } = {
  'sbc-rockchip': 'v0.1.5',
  'sbc-raspberrypi': 'v0.1.5',
  'sbc-allwinner': 'v0.1.2',
  'sbc-jetson': 'v0.1.2',
};

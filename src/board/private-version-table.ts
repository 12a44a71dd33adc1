/**
 * The one table of version-dependent imager and installer behaviour (reference:
 * talos-domain.md §3). Each entry is the first siderolabs/talos tag that has the
 * behaviour, read from the Talos source at every tag (`cmd/installer/cmd/imager/root.go`,
 * `pkg/imager/profile`, `pkg/machinery/overlay`). Not exported by the barrel.
 */

/** Behaviour switches, by the first tag that has them. */
export const SINCE = {
  /** `.zst` outFormat exists and the built-in `metal` profile writes `.raw.zst` (xz before). */
  zstd: 'v1.8.0-alpha.0',
  /**
   * arm64 disk images default to systemd-boot (SBC profiles must pin `bootloader: grub`):
   * siderolabs/talos commit b1d410cb6 ("feat: dual boot disk image"), first tag v1.10.0-alpha.2.
   */
  arm64SystemdBoot: 'v1.10.0-alpha.2',
  /** `output.imageOptions.bootloader` exists in the profile schema. */
  bootloaderKey: 'v1.10.0-alpha.2',
  /**
   * The imager's default base installer is `installer-base` (the unified installer):
   * siderolabs/talos commit fd8131cb8 ("feat: generate unified installer"), first tag v1.10.0-alpha.2.
   */
  installerBase: 'v1.10.0-alpha.2',
  /** The overlay installer Go API (`pkg/machinery/overlay`) takes a `context.Context`. */
  installerApiContext: 'v1.12.0-alpha.0',
  /** The imager runs rootless: no `--privileged`, no `/dev` mount. */
  rootlessImager: 'v1.13.0-alpha.0',
} as const;

/** A range of Talos releases known to build broken SBC images. */
export interface KnownBrokenRange {
  /** First broken tag. */
  readonly since: string;
  /** First tag verified fixed (undefined: every later release is refused until one is verified). */
  readonly fixedIn?: string;
  /** What breaks. */
  readonly what: string;
  /** The upstream issue. */
  readonly issue: string;
}

/**
 * Releases refused because their images do not boot SBCs. Add `fixedIn` only once a fixed tag
 * has been verified in the Talos source.
 */
export const KNOWN_BROKEN: readonly KnownBrokenRange[] = [
  {
    // siderolabs/talos commit 51f96d6 ("fix: rework bootloader install and image generation"), first
    // tag v1.14.0-rc.1: the GRUB install no longer moves MountPrefix/boot/EFI into the EFI partition,
    // so the overlay's files (U-Boot EFI payloads, DTBs) land in BOOT.
    since: 'v1.14.0-rc.1',
    what: 'overlay files land in the BOOT partition instead of EFI (talos commit 51f96d6), so the board does not boot',
    issue: 'https://github.com/siderolabs/talos/issues/14226',
  },
];

/** One imager flag and the tags between which it exists. */
export interface ImagerFlagRule {
  /** Flag name without the leading `--`. */
  readonly flag: string;
  /** First tag with the flag (undefined: every supported version). */
  readonly since?: string;
  /** First tag without the flag (undefined: still present). */
  readonly removedIn?: string;
  /** What to do instead once removed. */
  readonly instead?: string;
}

/** Every flag of `ghcr.io/siderolabs/imager` from v1.7 to v1.14. */
export const IMAGER_FLAGS: readonly ImagerFlagRule[] = [
  { flag: 'arch' },
  { flag: 'platform' },
  { flag: 'base-installer-image' },
  { flag: 'board', removedIn: 'v1.13.0-alpha.1', instead: 'use --overlay-image and --overlay-name (the SBC board code was dropped in v1.13)' },
  { flag: 'insecure' },
  { flag: 'image-disk-size', removedIn: 'v1.13.0-alpha.0', instead: 'set output.imageOptions.diskSize in the profile' },
  { flag: 'extra-kernel-arg' },
  { flag: 'meta' },
  { flag: 'system-extension-image' },
  { flag: 'output' },
  { flag: 'output-kind' },
  { flag: 'tar-to-stdout' },
  { flag: 'overlay-name' },
  { flag: 'overlay-image' },
  { flag: 'overlay-option' },
  { flag: 'image-cache', since: 'v1.9.0-alpha.3' },
  { flag: 'secureboot-include-well-known-certs', since: 'v1.8.0-alpha.2' },
  { flag: 'embedded-config-path', since: 'v1.12.0-alpha.1' },
  { flag: 'secureboot-signer-address', since: 'v1.14.0-alpha.2' },
  { flag: 'pcr-signer-address', since: 'v1.14.0-alpha.2' },
  { flag: 'secureboot-enroll-keys', since: 'v1.14.0-alpha.2' },
];

/** Talos `MinRAWDiskSize`: 1246 MiB, the disk size of every official SBC profile. */
export const MIN_RAW_DISK_SIZE = 1306525696;

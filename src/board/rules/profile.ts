/**
 * Profile and bootloader: the profile name (the imager's image kind), the architecture and image
 * output against the profile, the profile against the Talos release, and whether the board's
 * U-Boot can start the EFI bootloader Talos installs.
 */
import { BoardRule } from './context';
import { isBuiltInKind, OVERLAY_NAME } from './names';
import { Architecture, Compression, DiskFormat } from '../image-output';

export const profileNameRule: BoardRule = {
  id: 'profile-name',
  check({ problems, props, board }) {
    if (props.profile !== undefined) {
      if (props.profileName !== undefined && props.profileName !== props.profile.name) {
        problems.add('profileName', props.profileName, `conflicts with profile.name ("${props.profile.name}"): the image kind is the profile's name`,
          'remove profileName (it is derived from profile)');
      }
      return;
    }
    const given = props.profileName;
    if (given === undefined && board.profileName === '') {
      problems.add('profileName', undefined, 'is required (the imager image kind is the overlay profile\'s name)',
        'give profileName, or profile: OverlayProfile.generate({ name }) / OverlayProfile.fromName(name, {...})');
    } else if (!OVERLAY_NAME.test(board.profileName) || board.profileName.length > 63) {
      problems.add('profileName', board.profileName, `must be the profile file base name under /profiles/ (${OVERLAY_NAME.source}, at most 63 characters)`,
        'use the profile name in lowercase, e.g. "board-rk3588"');
    } else if (isBuiltInKind(board.profileName)) {
      problems.add('profileName', board.profileName,
        'must be the overlay\'s own profile, not a built-in imager kind (since Talos v1.8 "metal" ignores the overlay profile and writes .raw.zst)',
        'use the base name of the profile YAML the overlay ships under /profiles/, e.g. "board-rk3588"');
    } else if (given !== undefined && board.preset && given !== board.profileName) {
      problems.add('profileName', given, `conflicts with the profile of the catalog board ${board.preset.name} ("${board.profileName}")`, 'remove profileName');
    }
  },
};

export const archRule: BoardRule = {
  id: 'arch',
  check({ problems, props, board, explicitProfile }) {
    if (!Object.values(Architecture).includes(board.arch)) {
      problems.add('arch', board.arch, 'must be an Architecture', 'use Architecture.ARM64 or Architecture.AMD64');
    } else if (props.arch !== undefined && explicitProfile && props.arch !== explicitProfile.arch) {
      problems.add('arch', props.arch, `conflicts with the profile's arch (${explicitProfile.arch})`, 'remove arch (it is derived from the profile), or change the profile');
    }
  },
};

/**
 * `imageOutput`: with a profile it must not contradict it (the output file name is derived from
 * the profile); without one it describes the referenced profile and is checked on its own.
 */
export const imageOutputRule: BoardRule = {
  id: 'image-output',
  check({ problems, props, board, explicitProfile: profile, resolved }) {
    const imageOutput = props.imageOutput;
    if (profile) {
      if (!imageOutput) {
        return;
      }
      const pairs: Array<[string, unknown, unknown]> = [
        ['platform', imageOutput.platform, profile.platform],
        ['secureBoot', imageOutput.secureBoot, profile.secureBoot],
        ['diskFormat', imageOutput.diskFormat, profile.diskFormat],
        ['compression', imageOutput.compression, profile.compression],
      ];
      for (const [key, given, derived] of pairs) {
        if (given !== undefined && given !== derived) {
          problems.add(`imageOutput.${key}`, given, `conflicts with the profile "${profile.name}" (${key} ${JSON.stringify(derived)}): the output file name is derived from the profile`,
            'remove imageOutput (it is derived from the profile), or change the profile');
        }
      }
      return;
    }
    const version = resolved.version;
    if (!/^[a-z0-9-]{1,32}$/.test(board.platform)) {
      problems.add('imageOutput.platform', board.platform, 'a Talos platform must be 1 to 32 lowercase letters, digits or "-"', 'use "metal" for SBC images');
    }
    if (!Object.values(DiskFormat).includes(board.diskFormat)) {
      problems.add('imageOutput.diskFormat', board.diskFormat, 'must be a DiskFormat', 'use DiskFormat.RAW');
    }
    if (!Object.values(Compression).includes(board.compression)) {
      problems.add('imageOutput.compression', board.compression, 'must be a Compression', 'use Compression.XZ');
    } else if (version && board.compression === Compression.ZSTD && !version.supportsZstd) {
      problems.add('imageOutput.compression', board.compression, `.zst output needs Talos v1.8 or newer (talosVersion is ${board.talosVersion})`,
        'use Compression.XZ, or a newer Talos release');
    }
  },
};

/** A given or preset profile against the Talos release: disk size, `.zst`, `bootloader: grub`. */
export const profileReleaseRule: BoardRule = {
  id: 'profile-release',
  check({ problems, explicitProfile, resolved }) {
    if (explicitProfile && resolved.version) {
      explicitProfile._validate(problems, 'profile', resolved.version);
    }
  },
};

export const ubootStartsEfiRule: BoardRule = {
  id: 'uboot-starts-efi',
  check({ problems, board }) {
    if (board.arch === Architecture.ARM64 && board.ubootStartsEfi !== true) {
      // pitfall 2: GRUB (and systemd-boot) are EFI applications started by U-Boot's bootefi
      problems.add('ubootStartsEfi', board.ubootStartsEfi,
        'Talos boots arm64 boards through an EFI bootloader that U-Boot starts with bootefi; a U-Boot without EFI support (CONFIG_EFI_LOADER) cannot boot Talos (talos#11885)',
        board.ubootStartsEfi === false
          ? 'ship a U-Boot with CONFIG_EFI_LOADER (mainline U-Boot has it)'
          : 'check at the U-Boot prompt with "bootefi hello" and declare ubootStartsEfi: true, or ship a mainline U-Boot');
    }
  },
};

/** A profile known only by name has an unknown bootloader, which Talos v1.10+ on arm64 needs to be GRUB. */
export const profileBootloaderRule: BoardRule = {
  id: 'profile-bootloader',
  check({ problems, props, board, explicitProfile, resolved }) {
    const version = resolved.version;
    if (!explicitProfile && version && version.requiresGrubBootloader(board.arch) && props.profileName !== undefined
      && OVERLAY_NAME.test(props.profileName) && !isBuiltInKind(props.profileName)) {
      // pitfall 2: a profile known only by name may lack "bootloader: grub" (the NanoPi M6 fork's did)
      problems.add('profileName', props.profileName,
        `the bootloader of the profile "${props.profileName}" is unknown: Talos ${board.talosVersion} defaults arm64 disk images to systemd-boot, so an SBC profile must pin "bootloader: grub" (talos#10859)`,
        `declare the profile: profile: OverlayProfile.fromName('${props.profileName}', { bootloader: Bootloader.GRUB }) once its YAML has "bootloader: grub", `
        + `or OverlayProfile.generate({ name: '${props.profileName}' }) to write it`);
    }
  },
};

import { OverlayBoardProps } from '../board/overlay-board';
import { OverlayProfile } from '../board/overlay-profile';
import { ImageRepository } from '../image/image-repository';
import { RegistryCredentials } from '../image/registry-credentials';
import { DOCKER_HUB_NAMESPACE, DOCKER_HUB_REPOSITORY, GITHUB_NAME, suggestBoardName } from '../private/names';
import { checkShape, Shape } from '../private/types';
import { Problems } from '../private/validation';
import { TalosOverlayProjectOptions } from '../project/options';
import { ENVIRONMENT_NAME, GITHUB_REPOSITORY_NAME } from '../terraform/github-names';
import { OverlayBuild } from '../workflow/overlay-build';

const BOARD_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const KEY_VALUE = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;
const RAW_WRITE = /^([A-Za-z0-9._-]+)@([0-9]+)$/;
const STAGE_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const DTB_PATH = /^[a-z0-9_-]+\/[A-Za-z0-9._-]+\.dtb$/;

/** A raw bootloader write of the scaffolded installer. */
export interface InstallerRawWrite {
  /** File name under the board's U-Boot artifacts directory. */
  readonly file: string;
  /** Byte offset on the disk. */
  readonly offsetBytes: number;
}

/**
 * SoC families the scaffold knows: the raw writes and partition offset of their installers.
 * rk3588: `u-boot-rockchip.bin` at sector 64 (`off int64 = 512 * 64`) and
 * `PartitionOptions.Offset: 2048 * 10` (siderolabs/sbc-rockchip installers/rock5b/src/main.go @ v0.2.0).
 */
const FAMILIES: { [overlay: string]: { rawWrites: InstallerRawWrite[]; partitionOffsetSectors: number } } = {
  rk3588: { rawWrites: [{ file: 'u-boot-rockchip.bin', offsetBytes: 512 * 64 }], partitionOffsetSectors: 2048 * 10 },
};

/** The SoC families `scaffold` supports. */
const SCAFFOLD_FAMILIES = Object.keys(FAMILIES);

/**
 * Everything both sides of an overlay repository's pipeline need, derived once from the
 * plain `TalosOverlayProjectOptions` by pure functions (no construct scope): tag pattern,
 * variable and secret names, environment, GitHub repository, pushed image, build and the
 * board's props. The release workflow (projen) and the settings stack (cdktf) both read it.
 */
export class OverlayPipeline {
  /**
   * Validates the options and derives the pipeline. Throws one error listing every problem
   * (field, value, rule and fix) before anything is written.
   * @param options the declaration
   */
  public static resolve(options: TalosOverlayProjectOptions): OverlayPipeline {
    const problems = new Problems('TalosOverlayProject', 'options');
    // presence and runtime types first (options may come from JSON or another language)
    const strings = ['boardName', 'displayName', 'overlayName', 'profileName', 'talosVersion', 'tagPattern', 'githubRepository', 'dockerHubNamespace',
      'overlayImageName', 'dockerHubUsername', 'usernameVariable', 'tokenSecret', 'releaseEnvironment', 'pkgfileTarget', 'dtbPath'];
    const lists = ['overlayOptions', 'systemExtensions', 'buildArgs', 'rawWrites'];
    checkShape(problems, options, {
      ...Object.fromEntries(strings.map((name): [string, Shape] => [name, 'string?'])),
      ...Object.fromEntries(lists.map((name): [string, Shape] => [name, 'string[]?'])),
      ubootStartsEfi: 'boolean?',
      scaffold: 'boolean?',
      partitionOffsetSectors: 'number?',
    }, { partitionOffsetSectors: 'give the installer\'s PartitionOptions.Offset in LBAs, e.g. 2048' });
    problems.throwIfAny();
    const required = (field: keyof TalosOverlayProjectOptions, value: string | undefined, example: string): string => {
      if (value === undefined || value === '') {
        problems.add(field, value, 'is required', `set ${field}, e.g. ${JSON.stringify(example)}`);
        return '';
      }
      return value;
    };
    const boardName = required('boardName', options.boardName, 'nanopi-m6');
    if (boardName !== '' && (!BOARD_NAME.test(boardName) || boardName.length > 40)) {
      problems.add('boardName', boardName, `must be 1 to 40 lowercase letters and digits separated by single "-" (${BOARD_NAME.source})`, `use a short lowercase name such as "${suggestBoardName(boardName)}"`);
    }
    const overlayName = required('overlayName', options.overlayName, 'rk3588');
    const talosVersion = required('talosVersion', options.talosVersion, 'v1.10.6');
    const namespace = required('dockerHubNamespace', options.dockerHubNamespace, 'dockerhubuser');
    if (namespace !== '' && !DOCKER_HUB_NAMESPACE.test(namespace)) {
      problems.add('dockerHubNamespace', namespace, `a Docker Hub namespace must match ${DOCKER_HUB_NAMESPACE.source}`, 'use your Docker Hub user or organisation name in lowercase');
    }
    const githubRepository = options.githubRepository ?? boardName;
    if (githubRepository !== '' && !GITHUB_REPOSITORY_NAME.test(githubRepository)) {
      problems.add('githubRepository', githubRepository, `a GitHub repository name must match ${GITHUB_REPOSITORY_NAME.source}`, 'use the name without the owner, e.g. "talos-sbc-nanopi-m6"');
    }
    const imageName = options.overlayImageName ?? `talos-sbc-${boardName}`;
    if (!DOCKER_HUB_REPOSITORY.test(imageName)) {
      problems.add('overlayImageName', imageName, `a Docker Hub repository name must match ${DOCKER_HUB_REPOSITORY.source}`, 'use lowercase letters, digits, ".", "_" and "-"');
    }
    const environment = options.releaseEnvironment ?? 'release';
    if (!ENVIRONMENT_NAME.test(environment)) {
      problems.add('releaseEnvironment', environment, `an environment name must match ${ENVIRONMENT_NAME.source}`, 'use a name such as "release"');
    }
    const usernameVariable = options.usernameVariable ?? 'DOCKERHUB_USERNAME';
    const tokenSecret = options.tokenSecret ?? 'DOCKERHUB_TOKEN';
    for (const [field, value] of [['usernameVariable', usernameVariable], ['tokenSecret', tokenSecret]] as const) {
      if (!GITHUB_NAME.test(value) || /^GITHUB_/i.test(value)) {
        problems.add(field, value, `a GitHub Actions name must match ${GITHUB_NAME.source} and not start with "GITHUB_"`, 'use a name such as "DOCKERHUB_TOKEN"');
      }
    }
    const pkgfileTarget = options.pkgfileTarget ?? `talos-sbc-${overlayName}`;
    if (!STAGE_NAME.test(pkgfileTarget)) {
      problems.add('pkgfileTarget', pkgfileTarget, `a bldr stage name must match ${STAGE_NAME.source}`, 'use lowercase letters, digits, ".", "_" and "-", e.g. "talos-sbc-rk3588"');
    }
    const overlayOptions = keyValues(problems, 'overlayOptions', options.overlayOptions ?? []);
    const buildArgs = keyValues(problems, 'buildArgs', options.buildArgs ?? []);

    const family = FAMILIES[overlayName];
    const scaffold = options.scaffold ?? false;
    let rawWrites: InstallerRawWrite[] = family?.rawWrites ?? [];
    if (options.rawWrites !== undefined) {
      rawWrites = [];
      options.rawWrites.forEach((spec, i) => {
        const m = RAW_WRITE.exec(spec);
        if (!m) {
          problems.add(`rawWrites[${i}]`, spec, `must be FILE@OFFSET_BYTES (${RAW_WRITE.source})`, 'write it as "u-boot-rockchip.bin@32768"');
        } else {
          rawWrites.push({ file: m[1], offsetBytes: Number(m[2]) });
        }
      });
    }
    const partitionOffsetSectors = options.partitionOffsetSectors ?? family?.partitionOffsetSectors;
    if (scaffold) {
      if (overlayName !== '' && !family && (options.rawWrites === undefined || options.partitionOffsetSectors === undefined)) {
        problems.add('overlayName', overlayName, `has no scaffold (supported SoC families: ${SCAFFOLD_FAMILIES.join(', ')})`,
          `use one of ${SCAFFOLD_FAMILIES.map((f) => `"${f}"`).join(', ')}, or give rawWrites and partitionOffsetSectors`);
      }
      const dtb = options.dtbPath;
      if (dtb === undefined || !DTB_PATH.test(dtb)) {
        problems.add('dtbPath', dtb, `is required with scaffold and must be <vendor>/<name>.dtb (${DTB_PATH.source})`, 'use the kernel\'s device tree, e.g. "rockchip/rk3588s-nanopi-m6.dtb"');
      }
      if (partitionOffsetSectors !== undefined) {
        for (const write of rawWrites) {
          if (write.offsetBytes >= partitionOffsetSectors * 512) {
            problems.add('rawWrites', `${write.file}@${write.offsetBytes}`, `must start before the first partition (byte ${partitionOffsetSectors * 512})`, 'lower the offset or raise partitionOffsetSectors');
          }
        }
      }
    }
    problems.throwIfAny();

    const board: OverlayBoardProps = {
      boardName,
      displayName: options.displayName,
      overlayName,
      overlayOptions,
      profile: OverlayProfile.generate({ name: options.profileName ?? `board-${overlayName}` }),
      talosVersion,
      tagPattern: options.tagPattern ?? `v*-${boardName}`,
      ubootStartsEfi: options.ubootStartsEfi,
      systemExtensions: options.systemExtensions,
      partitionOffsetSectors,
    };
    return new OverlayPipeline({
      board,
      githubRepository,
      overlayImage: ImageRepository.dockerHub(namespace, imageName),
      registryCredentials: RegistryCredentials.dockerHub({ usernameVariable, tokenSecret }),
      dockerHubUsername: options.dockerHubUsername ?? namespace,
      environmentName: environment,
      overlayBuild: OverlayBuild.pkgfile({ target: pkgfileTarget, buildArgs }),
      pkgfileTarget,
      tagPatterns: [board.tagPattern!],
      scaffold,
      dtbPath: options.dtbPath ?? '',
      rawWrites,
      partitionOffsetSectors: partitionOffsetSectors ?? 0,
    });
  }

  /** The board's props (for `OverlayBoard`). */
  public readonly board: OverlayBoardProps;
  /** The GitHub repository name (without owner). */
  public readonly githubRepository: string;
  /** The overlay image repository the workflow pushes and Terraform manages. */
  public readonly overlayImage: ImageRepository;
  /** The variable and secret names the workflow reads and Terraform creates. */
  public readonly registryCredentials: RegistryCredentials;
  /** Value of the user name variable. */
  public readonly dockerHubUsername: string;
  /** The GitHub Actions environment of the publishing jobs. */
  public readonly environmentName: string;
  /** How the overlay image is built. */
  public readonly overlayBuild: OverlayBuild;
  /** The bldr target of the overlay build. */
  public readonly pkgfileTarget: string;
  /** Release tag patterns (workflow triggers = deployment policies = ruleset). */
  public readonly tagPatterns: string[];
  /** Whether the starting overlay repository is scaffolded. */
  public readonly scaffold: boolean;
  /** The installer's device tree, relative to the kernel's dtbs (empty without scaffold). */
  public readonly dtbPath: string;
  /** The installer's raw bootloader writes. */
  public readonly rawWrites: InstallerRawWrite[];
  /** The installer's partition offset in sectors (0 when unknown). */
  public readonly partitionOffsetSectors: number;

  private constructor(values: Omit<OverlayPipeline, never>) {
    this.board = values.board;
    this.githubRepository = values.githubRepository;
    this.overlayImage = values.overlayImage;
    this.registryCredentials = values.registryCredentials;
    this.dockerHubUsername = values.dockerHubUsername;
    this.environmentName = values.environmentName;
    this.overlayBuild = values.overlayBuild;
    this.pkgfileTarget = values.pkgfileTarget;
    this.tagPatterns = values.tagPatterns;
    this.scaffold = values.scaffold;
    this.dtbPath = values.dtbPath;
    this.rawWrites = values.rawWrites;
    this.partitionOffsetSectors = values.partitionOffsetSectors;
  }
}

function keyValues(problems: Problems, field: string, entries: readonly string[]): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  entries.forEach((entry, i) => {
    const m = KEY_VALUE.exec(entry);
    if (!m) {
      problems.add(`${field}[${i}]`, entry, `must be KEY=VALUE (${KEY_VALUE.source})`, 'write it as "board=nanopi-m6"');
    } else if (m[1] in out) {
      problems.add(`${field}[${i}]`, entry, `repeats the key "${m[1]}"`, 'give each key once');
    } else {
      out[m[1]] = m[2];
    }
  });
  return out;
}

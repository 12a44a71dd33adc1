import { Architecture } from '../board/image-output';
import { OverlayBoardProps } from '../board/overlay-board';
import { OverlayProfile } from '../board/overlay-profile';
import { UbootArtifact } from '../board/raw-layout';
import { TalosVersion } from '../board/talos-version';
import { SystemExtension } from '../extensions/system-extension';
import { ImageRepository } from '../image/image-repository';
import { RegistryCredentials } from '../image/registry-credentials';
import { DOCKER_HUB_NAMESPACE, DOCKER_HUB_REPOSITORY, ENVIRONMENT_NAME, GITHUB_NAME, GITHUB_REPOSITORY_NAME } from '../private/names';
import { Problems } from '../private/validation';
import { TalosOverlayBoardOptions, TalosOverlayProjectOptions } from '../project/options';
import { OverlayBuild, OverlayVariant, SourceDateEpoch } from '../workflow/overlay-build';
import { ReleaseLine } from '../workflow/release-line';
import { Runner } from '../workflow/runner';

const BOARD_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const KEY_VALUE = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;
const RAW_WRITE = /^([A-Za-z0-9._-]+)@([0-9]+)(?::([0-9]+))?$/;
const VARIANT = /^([a-z0-9]+(?:-[a-z0-9]+)*)(?::(.*))?$/;
const RUNNER_LABEL = /^[a-z0-9][a-z0-9.-]{0,63}$/;
const STAGE_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const DTB_PATH = /^[a-z0-9_-]+\/[A-Za-z0-9._-]+\.dtb$/;

/** A raw bootloader write of the scaffolded installer. */
export interface InstallerRawWrite {
  /** File name under the board's U-Boot artifacts directory. */
  readonly file: string;
  /** Byte offset on the disk. */
  readonly offsetBytes: number;
  /**
   * Size of the file in bytes (checked against the layout and verified in the image).
   * @default - unknown: not checked
   */
  readonly sizeBytes?: number;
}

/** One release line of the pipeline: a Talos release, its workflow and its boards. */
export interface PipelineReleaseLine {
  /** The Talos release (`vX.Y.Z`). */
  readonly talosVersion: string;
  /**
   * The workflow file name.
   * @default "release.yaml"
   */
  readonly fileName?: string;
  /**
   * The workflow name.
   * @default "Release"
   */
  readonly workflowName?: string;
  /** The boards' props on this line. */
  readonly boards: OverlayBoardProps[];
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
    const required = (field: keyof TalosOverlayProjectOptions, value: string | undefined, example: string): string => {
      if (value === undefined || value === '') {
        problems.add(field, value, 'is required', `set ${field}, e.g. ${JSON.stringify(example)}`);
        return '';
      }
      return value;
    };
    const boardName = required('boardName', options.boardName, 'nanopi-m6');
    if (boardName !== '' && (!BOARD_NAME.test(boardName) || boardName.length > 40)) {
      problems.add('boardName', boardName, `must be 1 to 40 lowercase letters and digits separated by single "-" (${BOARD_NAME.source})`, 'use a short lowercase name such as "nanopi-m6"');
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
    const overlayOptions = keyValues(problems, 'overlayOptions', options.overlayOptions ?? [], `board=${boardName || 'nanopi-m6'}`);
    const buildArgs = keyValues(problems, 'buildArgs', options.buildArgs ?? [], 'PKGS_PREFIX=ghcr.io/siderolabs');

    const family = FAMILIES[overlayName];
    const scaffold = options.scaffold ?? false;
    let rawWrites: InstallerRawWrite[] = family?.rawWrites ?? [];
    if (options.rawWrites !== undefined) {
      rawWrites = [];
      options.rawWrites.forEach((spec, i) => {
        const m = RAW_WRITE.exec(spec);
        if (!m) {
          problems.add(`rawWrites[${i}]`, spec, `must be FILE@OFFSET_BYTES or FILE@OFFSET_BYTES:SIZE_BYTES (${RAW_WRITE.source})`, 'write it as "u-boot-rockchip.bin@32768"');
        } else {
          rawWrites.push({ file: m[1], offsetBytes: Number(m[2]), ...(m[3] === undefined ? {} : { sizeBytes: Number(m[3]) }) });
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
    if (options.dtbPath !== undefined && !scaffold && !DTB_PATH.test(options.dtbPath)) {
      problems.add('dtbPath', options.dtbPath, `must be <vendor>/<name>.dtb (${DTB_PATH.source})`, 'use the kernel\'s device tree, e.g. "rockchip/rk3588s-nanopi-m6.dtb"');
    }
    const runner = runnerOf(problems, options.runner);
    const overlayPlatforms = options.overlayPlatforms?.map((arch, i) => architectureOf(problems, `overlayPlatforms[${i}]`, arch)!);
    const pinnedArchitecture = architectureOf(problems, 'pinnedArchitecture', options.pinnedArchitecture);
    const installerArchitecture = architectureOf(problems, 'installerArchitecture', options.installerArchitecture);
    const sourceDateEpoch = sourceDateEpochOf(problems, options.sourceDateEpoch);
    const variants = (options.variants ?? []).map((spec, i) => variantOf(problems, `variants[${i}]`, spec));
    const installerImageName = options.installerImageName;
    if (installerImageName !== undefined && !DOCKER_HUB_REPOSITORY.test(installerImageName)) {
      problems.add('installerImageName', installerImageName, `a Docker Hub repository name must match ${DOCKER_HUB_REPOSITORY.source}`, `use lowercase letters, digits, ".", "_" and "-", e.g. "${imageName}-installer"`);
    }
    const additionalVersions = options.additionalTalosVersions ?? [];
    additionalVersions.forEach((version, i) => {
      if (TalosVersion._tryParse(version) === undefined) {
        problems.add(`additionalTalosVersions[${i}]`, version, 'must be a Talos release vX.Y.Z', 'use a release such as "v1.12.5"');
      }
    });
    const talosVersions = [talosVersion, ...additionalVersions];
    const lineOf = (version: string) => version.split('.').slice(0, 2).join('.');
    talosVersions.forEach((version, i) => {
      if (talosVersions.findIndex((v) => lineOf(v) === lineOf(version)) < i) {
        problems.add(`additionalTalosVersions[${i - 1}]`, version, `is on the same release line as ${JSON.stringify(talosVersions.find((v) => lineOf(v) === lineOf(version)))}`, 'give one Talos release per vX.Y line');
      }
    });
    const releaseLines = additionalVersions.length > 0;
    if (releaseLines && options.tagPattern !== undefined) {
      problems.add('tagPattern', options.tagPattern, 'cannot be combined with additionalTalosVersions (each release line derives v<major>.<minor>.*-<board>)', 'remove tagPattern');
    }
    const boardSpecs: TalosOverlayBoardOptions[] = [
      {
        boardName,
        displayName: options.displayName,
        overlayOptions: options.overlayOptions,
        officialExtensions: options.officialExtensions,
        systemExtensions: options.systemExtensions,
        dtbPath: options.dtbPath,
        tagPattern: options.tagPattern,
      },
      ...(options.additionalBoards ?? []),
    ];
    boardSpecs.forEach((spec, i) => {
      if (i === 0) {
        return;
      }
      const field = `additionalBoards[${i - 1}]`;
      if (typeof spec.boardName !== 'string' || !BOARD_NAME.test(spec.boardName) || spec.boardName.length > 40) {
        problems.add(`${field}.boardName`, spec.boardName, `must be 1 to 40 lowercase letters and digits separated by single "-" (${BOARD_NAME.source})`, 'use a short lowercase name such as "rock-5b"');
      } else if (boardSpecs.findIndex((b) => b.boardName === spec.boardName) < i) {
        problems.add(`${field}.boardName`, spec.boardName, 'names a board already declared', 'give each board its own name');
      }
      if (spec.dtbPath !== undefined && !DTB_PATH.test(spec.dtbPath)) {
        problems.add(`${field}.dtbPath`, spec.dtbPath, `must be <vendor>/<name>.dtb (${DTB_PATH.source})`, 'use the kernel\'s device tree, e.g. "rockchip/rk3588-rock-5b.dtb"');
      }
      if (releaseLines && spec.tagPattern !== undefined) {
        problems.add(`${field}.tagPattern`, spec.tagPattern, 'cannot be combined with additionalTalosVersions (each release line derives v<major>.<minor>.*-<board>)', 'remove tagPattern');
      }
    });
    const boardOptions = boardSpecs.map((spec, i) => (i === 0 ? overlayOptions : keyValues(problems, `additionalBoards[${i - 1}].overlayOptions`, spec.overlayOptions ?? [], `board=${spec.boardName}`)));
    problems.throwIfAny();

    const profile = OverlayProfile.generate({ name: options.profileName ?? `board-${overlayName}` });
    // the artifacts the installer writes raw, when their sizes are known (FILE@OFFSET:SIZE)
    const ubootArtifacts: UbootArtifact[] | undefined = options.rawWrites === undefined || rawWrites.every((w) => w.sizeBytes === undefined)
      ? undefined
      : rawWrites.filter((w) => w.sizeBytes !== undefined).map((w) => ({ file: w.file, offsetBytes: w.offsetBytes, sizeBytes: w.sizeBytes }));
    const boardProps = (spec: TalosOverlayBoardOptions, i: number, version: string): OverlayBoardProps => ({
      boardName: spec.boardName,
      displayName: spec.displayName,
      overlayName,
      overlayOptions: boardOptions[i],
      profile,
      talosVersion: version,
      tagPattern: releaseLines ? ReleaseLine.tagPattern(spec.boardName, version) : spec.tagPattern ?? `v*-${spec.boardName}`,
      ubootStartsEfi: options.ubootStartsEfi,
      systemExtensions: [
        ...(spec.systemExtensions ?? []),
        ...(spec.officialExtensions ?? []).map((name) => SystemExtension.official(name)),
      ],
      partitionOffsetSectors,
      // the installer copies the DTB into the EFI partition (installers/<overlay>/src/main.go of the scaffold)
      dtb: spec.dtbPath === undefined ? undefined : `/boot/EFI/dtb/${spec.dtbPath}`,
      ubootArtifacts,
    });
    const lines: PipelineReleaseLine[] = talosVersions.map((version) => ({
      talosVersion: version,
      fileName: releaseLines ? ReleaseLine.workflowFileName(version) : undefined,
      workflowName: releaseLines ? ReleaseLine.workflowName(version) : undefined,
      boards: boardSpecs.map((spec, i) => boardProps(spec, i, version)),
    }));
    const namespaceImage = (name: string) => ImageRepository.dockerHub(namespace, name);
    return new OverlayPipeline({
      board: lines[0].boards[0],
      releaseLines: lines,
      githubRepository,
      overlayImage: namespaceImage(imageName),
      installerImage: installerImageName === undefined ? undefined : namespaceImage(installerImageName),
      registryCredentials: RegistryCredentials.dockerHub({ usernameVariable, tokenSecret }),
      dockerHubUsername: options.dockerHubUsername ?? namespace,
      environmentName: environment,
      overlayBuild: OverlayBuild.pkgfile({ target: pkgfileTarget, buildArgs, sourceDateEpoch, pinnedArchitecture, installerArchitecture }),
      overlayPlatforms,
      runner,
      variants,
      pkgfileTarget,
      tagPatterns: [...new Set(lines.flatMap((line) => line.boards.map((b) => b.tagPattern!)))],
      scaffold,
      dtbPath: options.dtbPath ?? '',
      rawWrites,
      partitionOffsetSectors: partitionOffsetSectors ?? 0,
    });
  }

  /** The first board's props on the first release line. */
  public readonly board: OverlayBoardProps;
  /** The release lines: one workflow each, every board on each. */
  public readonly releaseLines: PipelineReleaseLine[];
  /**
   * Where installer images are pushed.
   * @default - none
   */
  public readonly installerImage?: ImageRepository;
  /**
   * Architectures the overlay image is pushed for.
   * @default - the boards' architectures
   */
  public readonly overlayPlatforms?: Architecture[];
  /**
   * Where the jobs run.
   * @default - ubuntu-24.04
   */
  public readonly runner?: Runner;
  /** Overlay variants. */
  public readonly variants: OverlayVariant[];
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
    this.releaseLines = values.releaseLines;
    this.installerImage = values.installerImage;
    this.overlayPlatforms = values.overlayPlatforms;
    this.runner = values.runner;
    this.variants = values.variants;
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

function keyValues(problems: Problems, field: string, entries: readonly string[], example: string): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  entries.forEach((entry, i) => {
    const m = KEY_VALUE.exec(entry);
    if (!m) {
      problems.add(`${field}[${i}]`, entry, `must be KEY=VALUE (${KEY_VALUE.source})`, `write it as "${example}"`);
    } else if (m[1] in out) {
      problems.add(`${field}[${i}]`, entry, `repeats the key "${m[1]}"`, 'give each key once');
    } else {
      out[m[1]] = m[2];
    }
  });
  return out;
}

const ARCHITECTURES: readonly string[] = Object.values(Architecture);

function architectureOf(problems: Problems, field: string, value: string | undefined): Architecture | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!ARCHITECTURES.includes(value)) {
    problems.add(field, value, `must be one of ${ARCHITECTURES.map((a) => `"${a}"`).join(', ')}`, 'use "arm64" for arm64 boards');
    return undefined;
  }
  return value as Architecture;
}

function sourceDateEpochOf(problems: Problems, value: string | undefined): SourceDateEpoch | undefined {
  if (value === undefined) {
    return undefined;
  }
  const values: readonly string[] = Object.values(SourceDateEpoch);
  if (!values.includes(value)) {
    problems.add('sourceDateEpoch', value, `must be one of ${values.map((v) => `"${v}"`).join(', ')}`, 'use "first-commit" if the overlay\'s Makefile takes the first commit\'s time');
    return undefined;
  }
  return value as SourceDateEpoch;
}

function runnerOf(problems: Problems, label: string | undefined): Runner | undefined {
  if (label === undefined) {
    return undefined;
  }
  if (!RUNNER_LABEL.test(label) || label === 'self-hosted') {
    problems.add('runner', label, `must be a GitHub-hosted runner label (${RUNNER_LABEL.source})`, 'use "ubuntu-24.04" or "ubuntu-24.04-arm"');
    return undefined;
  }
  return Runner.githubHosted(label);
}

function variantOf(problems: Problems, field: string, spec: string): OverlayVariant {
  const m = VARIANT.exec(spec);
  if (!m) {
    problems.add(field, spec, `must be NAME or NAME:KEY=VALUE,KEY=VALUE (${VARIANT.source})`, 'write it as "vendor-uboot:UBOOT_VARIANT=vendor"');
    return { name: spec };
  }
  const buildArgs = m[2] === undefined || m[2] === '' ? {} : keyValues(problems, `${field}.buildArgs`, m[2].split(','), 'UBOOT_VARIANT=vendor');
  return { name: m[1], buildArgs };
}

import { github } from 'projen';
import { boardSelected, PLAN_JOB } from './plan-job';
import { DOCKER_CONFIG_DIR, environmentOf, loginStep, placement, pullsFromDockerHub, WorkflowSettings } from './settings';
import { Architecture } from '../../board/image-output';
import { OverlayBoard } from '../../board/overlay-board';
import { TalosVersion } from '../../board/talos-version';
import { ImageLeg } from '../legs';
import { SETUP_QEMU, UPLOAD_ARTIFACT } from '../pinned-actions';
import { resolveExtensionsStepFor } from '../steps/resolve-extensions';
import { efiPartitionPath, firstPartitionStartSector, verifyImageSteps } from '../steps/verify-image';

type JobStep = github.workflows.JobStep;

/** Where the imager container reads the typed overlay options. */
const TYPED_OPTIONS_IN_CONTAINER = '/options/overlay-options.yaml';
/** The stock imager of the workflow's Talos release. */
const STOCK_IMAGER = '"ghcr.io/siderolabs/imager:${TALOS_VERSION}"';

/**
 * Steps other builders add to every imager leg (hook points for, e.g., resolving extension
 * digests before the imager and verifying the image after it). Each function returns the
 * steps of one leg; their ids must not clash with the leg's own (`login`, `setup-qemu`,
 * `imager`, `upload`, `cleanup`).
 */
export interface LegStepHooks {
  /** Steps after login, before the imager runs (e.g. `resolve-extensions`). */
  readonly beforeImager: Array<(leg: ImageLeg) => JobStep[]>;
  /** Steps after the imager wrote `release/<asset>`, before the upload (e.g. `verify-image`). */
  readonly afterImager: Array<(leg: ImageLeg) => JobStep[]>;
}

/** The id of the step that resolves extension and official overlay digests. */
const RESOLVE_STEP = 'resolve-extensions';

/** The resolve step of a leg; it reads TALOS_VERSION from the workflow's env (set once, at the top). */
function resolveStep(board: OverlayBoard): JobStep {
  const step = resolveExtensionsStepFor(board, RESOLVE_STEP);
  const { TALOS_VERSION: _fromWorkflow, ...env } = step.env;
  return { ...step, env };
}

/**
 * Verifies the image before it is uploaded (issue 8): GPT, first partition, raw writes
 * byte-identical with the pushed overlay's files, the DTB in the EFI partition, the installer's
 * architecture. See src/workflow/steps/verify-image.ts.
 */
function verifySteps(settings: WorkflowSettings, leg: ImageLeg, emulated: string | undefined): JobStep[] {
  const board = leg.board;
  const version = TalosVersion._tryParse(board.talosVersion);
  if (version === undefined || !/\.raw(\.xz|\.zst|\.gz)?$/.test(leg.assetName)) {
    return [];
  }
  const efiFile = board.dtb !== undefined ? efiPartitionPath(board.dtb) : undefined;
  return verifyImageSteps({
    imageFile: `release/${leg.assetName}`,
    hostArch: settings.imagerRunner.arch as Architecture,
    targetArch: board.arch,
    installerArch: emulated as Architecture | undefined,
    overlayName: board.overlayName,
    rawWrites: board.rawWrites.map((w) => ({ file: w.overlayPath ?? w.file, offsetBytes: w.offsetBytes, sizeBytes: w.sizeBytes })),
    firstPartitionStartSector: firstPartitionStartSector(version, board.partitionOffsetSectors),
    efiFiles: efiFile !== undefined ? [efiFile] : [],
    overlayImageRef: leg.overlay.jobId !== undefined
      ? `${settings.overlayImage!.fullName}@\${{ needs.${leg.overlay.jobId}.outputs.digest }}`
      : `\${{ steps.${RESOLVE_STEP}.outputs.overlay-image }}`,
    dockerConfigDir: settings.needsLogin || pullsFromDockerHub(board) ? DOCKER_CONFIG_DIR : undefined,
  });
}

/** The imager's host must run the overlay's installer: the arch it needs emulated, if any. */
export function emulatedInstallerArch(settings: WorkflowSettings, leg: ImageLeg): string | undefined {
  const installer = leg.overlay.jobId !== undefined ? settings.overlayBuild?.installerArchitecture : undefined;
  return installer !== undefined && installer !== settings.imagerRunner.arch ? installer : undefined;
}

/**
 * The imager run of a leg, as the imager step renders it (the pipeline preview reads the same
 * values): the step's env, the `docker run` lines of the disk image and of the installer, and
 * whether the leg logs in and resolves digests first.
 */
export interface ImagerCommand {
  /** The imager step's env: every declaration value reaches the script through it. */
  readonly env: { [key: string]: string };
  /** The imager image, as a shell word of the script. */
  readonly imager: string;
  /** The `docker run` lines of the disk image (continued with ` \\`). */
  readonly dockerRun: string[];
  /** The installer run and push (empty without `installerImage`). */
  readonly installerRun: string[];
  /** Typed overlay options, written to a YAML file the imager reads. */
  readonly typedOptions?: string;
  /** Whether the leg logs in (to push, or to pull from Docker Hub). */
  readonly login: boolean;
  /** Whether the leg resolves extension (or official overlay) digests before the imager. */
  readonly resolves: boolean;
}

/** The imager run of one leg (see `ImagerCommand`). */
export function imagerCommand(settings: WorkflowSettings, leg: ImageLeg): ImagerCommand {
  const board = leg.board;
  // system extensions and an official overlay are pinned from the release's catalogs first
  const resolves = board.systemExtensions.length > 0 || leg.overlay.jobId === undefined;
  // log in to push, and to pull from Docker Hub (anonymous pulls are rate-limited)
  const login = settings.needsLogin || pullsFromDockerHub(board);
  const overlay = leg.overlay;
  const env: { [key: string]: string } = {};
  if (login) {
    env.DOCKER_CONFIG = DOCKER_CONFIG_DIR;
  }
  if (overlay.imagerImage !== undefined) {
    env.IMAGER_IMAGE = overlay.imagerImage;
  }
  if (overlay.jobId !== undefined) {
    env.OVERLAY_REPOSITORY = settings.overlayImage!.fullName;
    env.OVERLAY_DIGEST = `\${{ needs.${overlay.jobId}.outputs.digest }}`;
  } else {
    // the official overlay of the board's catalog, pinned per Talos release, by the digest the
    // release's overlays catalog (ghcr.io/siderolabs/overlays:<talos version>) records
    env.OVERLAY_IMAGE = `\${{ steps.${RESOLVE_STEP}.outputs.overlay-image }}`;
  }
  env.PROFILE = board.profileName;
  env.ARCH = board.arch;
  env.OVERLAY_NAME = board.overlayName;
  const flags: string[] = [
    '  --arch="${ARCH}" \\',
    overlay.jobId !== undefined ? '  --overlay-image="${OVERLAY_REPOSITORY}@${OVERLAY_DIGEST}" \\' : '  --overlay-image="${OVERLAY_IMAGE}" \\',
    '  --overlay-name="${OVERLAY_NAME}" \\',
  ];
  Object.entries(board.overlayOptions).forEach(([key, value], i) => {
    env[`OVERLAY_OPTION_${i + 1}`] = `${key}=${value}`;
    flags.push(`  --overlay-option="\${OVERLAY_OPTION_${i + 1}}" \\`);
  });
  const typedOptions = board.typedOptionsYaml;
  if (typedOptions !== undefined) {
    // typed (boolean, free-text) options go through a YAML file, never key=value
    env.OVERLAY_OPTIONS_YAML = typedOptions;
    flags.push(`  --overlay-option=@${TYPED_OPTIONS_IN_CONTAINER} \\`);
  }
  board.systemExtensions.forEach((_ext, i) => {
    // digest-pinned by the release's extensions catalog (resolved or verified before the imager)
    env[`SYSTEM_EXTENSION_${i + 1}`] = `\${{ steps.${RESOLVE_STEP}.outputs.system-extension-${i + 1} }}`;
    flags.push(`  --system-extension-image="\${SYSTEM_EXTENSION_${i + 1}}" \\`);
  });
  board.extraKernelArgs.forEach((arg, i) => {
    env[`EXTRA_KERNEL_ARG_${i + 1}`] = arg;
    flags.push(`  --extra-kernel-arg="\${EXTRA_KERNEL_ARG_${i + 1}}" \\`);
  });
  // drop the line continuation of the last flag
  flags[flags.length - 1] = flags[flags.length - 1].replace(/ \\$/, '');
  env.IMAGER_OUTPUT = board.imagerOutputFile;
  env.ASSET_NAME = leg.assetName;

  const imager = overlay.imagerImage !== undefined ? '"${IMAGER_IMAGE}"' : STOCK_IMAGER;
  const mounts = [
    '  -v "${PWD}/_out:/out" \\',
    ...(typedOptions !== undefined ? ['  -v "${PWD}/_options:/options:ro" \\'] : []),
    ...(login ? ['  -v "${DOCKER_CONFIG}:/docker-config:ro" -e DOCKER_CONFIG=/docker-config \\'] : []),
  ];
  const dockerRun = [
    'docker run --rm \\',
    ...(board.imagerNeedsPrivileges ? ['  --privileged -v /dev:/dev \\'] : []),
    ...mounts,
    `  ${imager} "\${PROFILE}" \\`,
    ...flags,
  ];
  const installerRun = installerScript(settings, leg, env, flags, mounts, imager);
  return { env, imager, dockerRun, installerRun, typedOptions, login, resolves };
}

/**
 * One imager leg: a board with one overlay build. Runs only when the plan selected the board.
 */
export function imagerJob(settings: WorkflowSettings, leg: ImageLeg, hooks: LegStepHooks): github.workflows.Job {
  const board = leg.board;
  const overlay = leg.overlay;
  const { env, dockerRun, installerRun, typedOptions, login, resolves } = imagerCommand(settings, leg);
  const script = [
    'set -euo pipefail',
    ...(overlay.jobId !== undefined ? [
      'if [[ ! "${OVERLAY_DIGEST}" =~ ^sha256:[0-9a-f]{64}$ ]]; then',
      '  echo "::error::The overlay job did not report the digest of the pushed overlay image."',
      '  exit 1',
      'fi',
    ] : []),
    'mkdir -p _out release',
    ...(typedOptions !== undefined ? ['mkdir -p _options', 'printf \'%s\' "${OVERLAY_OPTIONS_YAML}" > _options/overlay-options.yaml'] : []),
    ...dockerRun,
    'if [[ ! -f "_out/${IMAGER_OUTPUT}" ]]; then',
    '  echo "::error::The imager did not write _out/${IMAGER_OUTPUT} (derived from the profile). It wrote:"',
    '  ls -l _out',
    '  exit 1',
    'fi',
    'mv -- "_out/${IMAGER_OUTPUT}" "release/${ASSET_NAME}"',
    ...installerRun,
    'cd release',
    'sha256sum -- "${ASSET_NAME}" > "${ASSET_NAME}.sha256"',
    '',
  ].join('\n');

  const emulated = emulatedInstallerArch(settings, leg);
  const steps: JobStep[] = [
    ...(login ? [loginStep(settings, { DOCKER_CONFIG: DOCKER_CONFIG_DIR })] : []),
    // declared choice (installerEmulation): the imager runs the overlay's installer for its own
    // runtime.GOARCH (siderolabs/talos pkg/imager/imager.go @ v1.10.6), so a foreign installer
    // needs binfmt/QEMU on the host
    ...(emulated !== undefined ? [{
      name: `Set up QEMU (the overlay's installer is ${emulated})`,
      id: 'setup-qemu',
      uses: settings.actions.uses(SETUP_QEMU),
      with: { platforms: emulated },
    }] : []),
    ...(resolves ? [resolveStep(board)] : []),
    ...hooks.beforeImager.flatMap((hook) => hook(leg)),
    {
      name: `Run the Talos imager (profile ${board.profileName})`,
      id: 'imager',
      env,
      run: script,
    },
    ...verifySteps(settings, leg, emulated),
    ...hooks.afterImager.flatMap((hook) => hook(leg)),
    {
      name: 'Upload the disk image',
      id: 'upload',
      uses: settings.actions.uses(UPLOAD_ARTIFACT),
      with: {
        'name': leg.artifactName,
        'path': [`release/${leg.assetName}`, `release/${leg.assetName}.sha256`].join('\n'),
        'if-no-files-found': 'error',
        'compression-level': 0,
        // re-running one failed leg replaces its artifact (upload-artifact v4+ fails with 409 otherwise)
        'overwrite': true,
      },
    },
  ];
  if (!settings.imagerRunner.isGithubHosted) {
    // a persistent runner keeps the workspace: the imager's files are root-owned, but they
    // sit directly in folders the runner user created, so the runner user can remove them
    steps.push({
      name: 'Remove the imager output (self-hosted runner)',
      id: 'cleanup',
      if: 'always()',
      run: 'rm -rf -- _out _options release\n',
    });
  }
  return {
    name: `Build the ${board.boardName}${overlay.variant ? ` (${overlay.variant})` : ''} disk image${settings.installerImage ? ' and installer' : ''}`,
    needs: [PLAN_JOB, ...(overlay.jobId !== undefined ? [overlay.jobId] : [])],
    if: boardSelected(board),
    ...placement(settings.imagerRunner),
    ...environmentOf(settings),
    timeoutMinutes: settings.timeouts.image,
    permissions: {},
    steps,
  };
}

/** The installer run and push of a leg (none without `installerImage`). */
function installerScript(
  settings: WorkflowSettings, leg: ImageLeg, env: { [key: string]: string }, flags: string[], mounts: string[], imager: string,
): string[] {
  if (!settings.installerImage) {
    return [];
  }
  env.BASE_INSTALLER_IMAGE = settings.baseInstallerImage ?? TalosVersion._tryParse(leg.board.talosVersion)!.baseInstallerImage;
  env.INSTALLER_REPOSITORY = settings.installerImage.fullName;
  env.INSTALLER_TAG_SUFFIX = leg.installerTagSuffix;
  return [
    '# the installer image (for upgrades): same overlay, options, extensions and kernel arguments',
    'docker run --rm \\',
    ...mounts,
    `  ${imager} installer \\`,
    '  --base-installer-image="${BASE_INSTALLER_IMAGE}" \\',
    ...flags,
    'loaded=$(docker load -i "_out/installer-${ARCH}.tar" | sed -n -e \'s/^Loaded image: //p\' -e \'s/^Loaded image ID: //p\' | tail -n 1)',
    'if [[ -z "${loaded}" ]]; then',
    '  echo "::error::docker load did not report the installer image."',
    '  exit 1',
    'fi',
    'installer="${INSTALLER_REPOSITORY}:${GITHUB_REF_NAME}${INSTALLER_TAG_SUFFIX}"',
    'docker tag "${loaded}" "${installer}"',
    'docker push "${installer}"',
  ];
}

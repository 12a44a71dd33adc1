import { checkBuildArgs, BUILD_TARGET } from './build-args';
import { Architecture } from '../../board/image-output';
import { SHA256_DIGEST, TAGGED_IMAGE, checkSafeValue } from '../../private/names';
import { Problems } from '../../private/validation';
import { GithubAction } from '../action-pin';
import { WorkflowSettings } from '../jobs/settings';
import { OverlayVariant } from '../overlay-build';
import { PinnedActionRef } from '../pinned-actions';
import { ReleaseWorkflowProps } from '../release-workflow-props';
import { Runner } from '../runner';

// Validation of ReleaseWorkflow properties (internal): every problem is collected, and the
// construct throws one error.

export const FILE_NAME = /^[a-z0-9][a-z0-9._-]*\.ya?ml$/;
const RUNNER_LABEL = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** `registry/path[:tag][@sha256:<64 hex>]`. */
export function isImageReference(ref: string): boolean {
  const at = ref.indexOf('@');
  return at < 0 ? TAGGED_IMAGE.test(ref) : TAGGED_IMAGE.test(ref.slice(0, at)) && SHA256_DIGEST.test(ref.slice(at + 1));
}

/** The project's own action pins, checked. */
export function validatePins(problems: Problems, pins: readonly { action: string; commit: string; version: string }[]): PinnedActionRef[] {
  const known = Object.values(GithubAction) as string[];
  const seen = new Set<string>();
  return pins.map((pin, i) => {
    if (!known.includes(pin.action)) {
      problems.add(`actionPins[${i}].action`, pin.action, 'must be a GithubAction', 'use e.g. GithubAction.CHECKOUT');
    }
    if (seen.has(pin.action)) {
      problems.add(`actionPins[${i}].action`, pin.action, 'must not be pinned twice', 'remove the duplicate');
    }
    seen.add(pin.action);
    if (!/^[0-9a-f]{40}$/.test(pin.commit)) {
      problems.add(`actionPins[${i}].commit`, pin.commit, 'an action must be pinned to a full 40-hex lowercase commit SHA',
        `resolve the release tag in the action's repository: git rev-parse ${pin.version}^{commit}`);
    }
    if (!/^v[0-9]+(?:\.[0-9]+){0,2}$/.test(pin.version)) {
      problems.add(`actionPins[${i}].version`, pin.version, 'must be the release tag the commit belongs to, e.g. "v7.0.2"', 'give the release tag');
    }
    return { githubRepository: pin.action, commit: pin.commit, version: pin.version };
  });
}

export function validateVariants(problems: Problems, variants: readonly OverlayVariant[]): void {
  const seen = new Set<string>();
  variants.forEach((variant, i) => {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(variant.name) || variant.name.length > 20) {
      problems.add(`variants[${i}].name`, variant.name, 'a variant name must be 1 to 20 lowercase letters and digits separated by single "-"',
        'use a short name such as "vendor-uboot" or "mainline"');
    }
    if (seen.has(variant.name)) {
      problems.add(`variants[${i}].name`, variant.name, 'must be unique (it is part of every pushed tag and asset name)', 'remove the duplicate');
    }
    seen.add(variant.name);
    if (variant.target !== undefined && !BUILD_TARGET.test(variant.target)) {
      problems.add(`variants[${i}].target`, variant.target, `a build target must match ${BUILD_TARGET.source}`, 'use the stage name, e.g. "talos-sbc-rk3588-bsp"');
    }
    checkBuildArgs(problems, `variants[${i}].buildArgs`, variant.buildArgs ?? {});
    if (variant.imagerImage !== undefined) {
      if (!isImageReference(variant.imagerImage)) {
        problems.add(`variants[${i}].imagerImage`, variant.imagerImage, 'must be an image reference "registry/path[:tag][@sha256:<64 hex>]"',
          'use the imager built with the variant\'s kernel, e.g. "ghcr.io/example/imager:v1.10.6-bsp@sha256:…"');
      } else {
        checkSafeValue(problems, `variants[${i}].imagerImage`, variant.imagerImage, 'use a plain image reference');
      }
    }
  });
  if (variants.some((v) => v.name === 'installer')) {
    problems.add('variants', variants.map((v) => v.name), 'a variant must not be named "installer" (reserved for installer image tags)', 'rename the variant');
  }
}

function validateRunners(problems: Problems, runners: Array<[string, Runner]>): void {
  for (const [name, runner] of runners) {
    runner.labels.forEach((label, i) => {
      if (!RUNNER_LABEL.test(label)) {
        problems.add(`${name}.labels[${i}]`, label, `a runner label must match ${RUNNER_LABEL.source}`, 'use a label such as "ubuntu-24.04" or "self-hosted"');
      }
    });
    if (runner.runnerGroup !== undefined && !/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$/.test(runner.runnerGroup)) {
      problems.add(`${name}.runnerGroup`, runner.runnerGroup, 'a runner group name must be 1 to 100 letters, digits, spaces or "._-"', 'use the group name as shown in the organisation settings');
    }
    if (runner.labels.length === 0 && runner.runnerGroup === undefined) {
      problems.add(`${name}.labels`, runner.labels, 'must name at least one runner label', 'use Runner.githubHosted() or Runner.selfHosted([...], arch)');
    }
  }
}

/** Where each architecture can run natively, for the fix of an error. */
function nativeRunnerFix(arch: Architecture): string {
  return arch === Architecture.ARM64
    ? 'Runner.githubHosted(\'ubuntu-24.04-arm\') (free for public repositories) or Runner.selfHosted([\'self-hosted\', \'linux\', \'arm64\'], Architecture.ARM64)'
    : 'Runner.githubHosted(\'ubuntu-24.04\') or Runner.selfHosted([...], Architecture.AMD64)';
}

/** Platforms, runners and the installer host, by architecture. */
export function validateArchitectures(problems: Problems, settings: WorkflowSettings, props: ReleaseWorkflowProps): void {
  const platforms = settings.overlayPlatforms;
  if (platforms.length === 0) {
    problems.add('overlayPlatforms', platforms, 'must name at least one platform', 'use [Architecture.AMD64, Architecture.ARM64]');
  }
  if (new Set(platforms).size !== platforms.length) {
    problems.add('overlayPlatforms', platforms, 'must not repeat a platform', 'remove the duplicate');
  }
  const runners: Array<[string, Runner]> = [['runner', settings.runner]];
  if (props.overlayRunner !== undefined) {
    runners.push(['overlayRunner', settings.overlayRunner]);
  }
  if (props.imagerRunner !== undefined) {
    runners.push(['imagerRunner', settings.imagerRunner]);
  }
  validateRunners(problems, runners);
  const imagerArch = settings.imagerRunner.arch;
  if (platforms.length > 0 && !platforms.includes(imagerArch)) {
    problems.add('overlayPlatforms', platforms,
      `the imager runs on ${imagerArch} and extracts the overlay for its own architecture, so the overlay must be built for linux/${imagerArch}`,
      `add Architecture.${imagerArch.toUpperCase()} to overlayPlatforms, or run the imager on a runner of a built architecture`);
  }
  const build = settings.overlayBuild;
  if (!build) {
    return;
  }
  const pinned = build.pinnedArchitecture;
  if (pinned !== undefined && pinned !== settings.overlayRunner.arch) {
    problems.add(props.overlayRunner !== undefined ? 'overlayRunner' : 'runner', settings.overlayRunner.labels,
      `the overlay build's stages are pinned to ${pinned} (overlayBuild.pinnedArchitecture), and this runner is ${settings.overlayRunner.arch}: they would build under QEMU, hours for a kernel`,
      `build on a native ${pinned} runner: overlayRunner: ${nativeRunnerFix(pinned)}`);
  }
  if (pinned !== undefined && platforms.length > 0 && !platforms.includes(pinned)) {
    problems.add('overlayPlatforms', platforms, `the overlay build's stages are pinned to ${pinned}, so the overlay must be pushed for linux/${pinned}`,
      `add Architecture.${pinned.toUpperCase()} to overlayPlatforms`);
  }
  const installer = build.installerArchitecture;
  if (installer !== undefined && installer !== imagerArch && !settings.installerEmulation) {
    // the imager executes the installer of the overlay on its own host:
    // siderolabs/talos pkg/imager/imager.go @ v1.10.6 (Extract for runtime.GOARCH, executor.New)
    problems.add(props.imagerRunner !== undefined ? 'imagerRunner' : 'runner', settings.imagerRunner.labels,
      `the imager runs the overlay's installer on its own host; the installer is built for ${installer} (overlayBuild.installerArchitecture) and this host is ${imagerArch}, so it would stop with "exec format error"`,
      `unpin the installer stage (one installer per platform), or run the imager on ${nativeRunnerFix(installer)}, or declare installerEmulation: true (binfmt/QEMU, slower)`);
  }
}

/** Collects every problem of the properties (other than the boards and action pins). */
export function validateProps(
  problems: Problems, settings: WorkflowSettings, props: ReleaseWorkflowProps, variants: readonly OverlayVariant[], files: () => void,
): void {
  if ((settings.overlayImage === undefined) !== (settings.overlayBuild === undefined)) {
    problems.add(settings.overlayImage === undefined ? 'overlayImage' : 'overlayBuild', undefined,
      'overlayImage and overlayBuild go together: the overlay is built from the repository and pushed to that image',
      'give both, or neither (boards then use their official catalog overlay)');
  }
  settings.overlayImage?._validate(problems, 'overlayImage');
  settings.registryCredentials._validate(problems, 'registryCredentials');
  const pushRegistry = settings.overlayImage?.registry ?? settings.installerImage?.registry;
  if (pushRegistry !== undefined && settings.registryCredentials.registry !== pushRegistry) {
    problems.add('registryCredentials.registry', settings.registryCredentials.registry,
      `the credentials must be for the registry the images are pushed to (${pushRegistry})`,
      'use RegistryCredentials.dockerHub() for docker.io, or RegistryCredentials.usernameAndToken({ registry: ... }) for the overlay\'s registry');
  }
  settings.overlayBuild?._validate(problems, 'overlayBuild');
  if (!settings.overlayBuild) {
    if (variants.length > 0) {
      problems.add('variants', variants.map((v) => v.name), 'variants are builds of the overlay, so they need overlayBuild', 'give overlayImage and overlayBuild, or remove the variants');
    }
    if (props.pullRequestCheck) {
      problems.add('pullRequestCheck', true, 'the check workflow builds the overlay, so it needs overlayBuild', 'give overlayImage and overlayBuild, or turn the check off');
    }
  }
  validateVariants(problems, variants);
  if (settings.imagerImage !== undefined) {
    if (!isImageReference(settings.imagerImage)) {
      problems.add('imagerImage', settings.imagerImage, 'must be an image reference "registry/path[:tag][@sha256:<64 hex>]"',
        'use the imager built with the boards\' kernel, e.g. "ghcr.io/example/imager:v1.10.6-bsp@sha256:…"');
    } else {
      checkSafeValue(problems, 'imagerImage', settings.imagerImage, 'use a plain image reference');
    }
  }
  if (settings.installerImage) {
    settings.installerImage._validate(problems, 'installerImage');
    if (settings.overlayImage && settings.installerImage.registry !== settings.overlayImage.registry) {
      problems.add('installerImage.registry', settings.installerImage.registry, `installer images are pushed with the overlay's credentials, so they must be on ${settings.overlayImage.registry}`,
        `use a repository on ${settings.overlayImage.registry}`);
    }
  }
  if (settings.baseInstallerImage !== undefined && !isImageReference(settings.baseInstallerImage)) {
    problems.add('baseInstallerImage', settings.baseInstallerImage, 'must be an image reference "registry/path[:tag][@sha256:<64 hex>]"',
      'use e.g. "ghcr.io/siderolabs/installer-base:v1.10.6", or leave it unset to derive it from the Talos release');
  }
  if (settings.environment !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(settings.environment)) {
    problems.add('environment', settings.environment, 'a GitHub environment name used here must be 1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit',
      'use a name such as "release"');
  }
  files();
  validateArchitectures(problems, settings, props);
  for (const [name, value] of Object.entries(settings.timeouts)) {
    if (!Number.isInteger(value) || value < 1 || value > 360) {
      problems.add(`${name}TimeoutMinutes`, value, 'must be a whole number of minutes from 1 to 360', 'use e.g. 60');
    }
  }
}

/** File names, check branches and the workflow name. */
export function validateFiles(
  problems: Problems, props: ReleaseWorkflowProps, fileName: string, checkFileName: string, checkBranches: readonly string[], workflowName: string,
): void {
  if (!FILE_NAME.test(fileName)) {
    problems.add('fileName', fileName, `a workflow file name must match ${FILE_NAME.source}`, 'use a name such as "release.yaml"');
  }
  if (props.pullRequestCheck) {
    if (!FILE_NAME.test(checkFileName)) {
      problems.add('checkFileName', checkFileName, `a workflow file name must match ${FILE_NAME.source}`, 'use a name such as "overlay-check.yaml"');
    } else if (checkFileName === fileName) {
      problems.add('checkFileName', checkFileName, 'must differ from fileName', 'use a name such as "overlay-check.yaml"');
    }
    checkBranches.forEach((branch, i) => {
      if (!/^[A-Za-z0-9._\/*-]{1,100}$/.test(branch) || branch.includes('..')) {
        problems.add(`checkBranches[${i}]`, branch, 'a branch filter must be 1 to 100 letters, digits or "._/*-" (no "..")', 'use a branch name such as "main"');
      }
    });
  }
  if (!/^[A-Za-z0-9 ._()-]{1,80}$/.test(workflowName)) {
    problems.add('workflowName', workflowName, 'must be 1 to 80 letters, digits, spaces or "._()-"', 'use a plain name such as "Release"');
  }
}

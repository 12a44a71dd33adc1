import { Architecture } from '../../board/image-output';
import { OverlayBoard } from '../../board/overlay-board';
import { ImageRepository } from '../../image/image-repository';
import { RegistryCredentials } from '../../image/registry-credentials';
import { keyField } from '../../private/text';
import {
  checkEnum, checkInstance, checkNumber, checkObject, checkOptionalArray, checkOptionalBoolean, checkOptionalInstance,
  checkOptionalString, checkString, checkStringMap, stringEntries,
} from '../../private/types';
import { Problems } from '../../private/validation';
import { GithubAction } from '../action-pin';
import { OverlayBuild } from '../overlay-build';
import { ReleaseWorkflowProps } from '../release-workflow-props';
import { Runner } from '../runner';

// Presence and runtime types of the ReleaseWorkflow properties (internal), checked before any
// other rule reads them: untyped callers (JavaScript, JSON, Python and Java through jsii) can
// pass undefined, null, holes, strings for numbers and plain values for classes.

const RUNNER_FIX = 'use Runner.githubHosted(\'ubuntu-24.04\'), Runner.selfHosted([...], arch) or Runner.group(...)';
const IMAGE_FIX = 'use ImageRepository.dockerHub(namespace, name) or ImageRepository.of({ registry, namespace, name })';

/** Adds a problem for every property of the wrong type; returns whether every type is right. */
export function checkPropTypes(problems: Problems, props: unknown): props is ReleaseWorkflowProps {
  const before = problems.count;
  if (!checkObject(problems, 'props', props, 'pass the ReleaseWorkflow properties, e.g. { boards: [board] }')) {
    return false;
  }
  const p = props as { [key: string]: unknown };
  checkOptionalArray(problems, 'boards', p.boards, 'pass [new OverlayBoard(...)], or call addBoard()',
    (item, field) => checkInstance(problems, field, item, OverlayBoard, 'pass an OverlayBoard (new OverlayBoard(...) or OverlayBoard.fromCatalog(...))'));
  checkOptionalInstance(problems, 'overlayImage', p.overlayImage, ImageRepository, IMAGE_FIX);
  checkOptionalInstance(problems, 'installerImage', p.installerImage, ImageRepository, IMAGE_FIX);
  checkOptionalInstance(problems, 'overlayBuild', p.overlayBuild, OverlayBuild, 'use OverlayBuild.pkgfile({ target }) or OverlayBuild.dockerfile()');
  checkOptionalInstance(problems, 'registryCredentials', p.registryCredentials, RegistryCredentials,
    'use RegistryCredentials.dockerHub() or RegistryCredentials.usernameAndToken({ ... })');
  for (const name of ['runner', 'overlayRunner', 'imagerRunner']) {
    checkOptionalInstance(problems, name, p[name], Runner, RUNNER_FIX);
  }
  const strings: Array<[string, string]> = [
    ['baseInstallerImage', 'use e.g. "ghcr.io/siderolabs/installer-base:v1.10.6", or leave it unset'],
    ['imagerImage', 'use an image reference, or leave it unset for the stock imager'],
    ['fileName', 'use a name such as "release.yaml"'],
    ['workflowName', 'use a plain name such as "Release"'],
    ['environment', 'use a name such as "release", or leave it unset'],
    ['checkFileName', 'use a name such as "overlay-check.yaml"'],
  ];
  for (const [name, fix] of strings) {
    checkOptionalString(problems, name, p[name], fix);
  }
  for (const name of ['installerEmulation', 'replacePublishedRelease', 'provenance', 'pullRequestCheck', 'inspectRepository', 'buildAttestations']) {
    checkOptionalBoolean(problems, name, p[name]);
  }
  for (const name of ['overlayTimeoutMinutes', 'imageTimeoutMinutes', 'releaseTimeoutMinutes']) {
    if (p[name] !== undefined && typeof p[name] !== 'number') {
      // NaN and fractions are numbers: the range rule reports them
      checkNumber(problems, name, p[name], 'use a whole number of minutes, e.g. 60');
    }
  }
  checkOptionalArray(problems, 'overlayPlatforms', p.overlayPlatforms, 'use [Architecture.AMD64, Architecture.ARM64]',
    (item, field) => checkEnum(problems, field, item, Architecture, 'Architecture'));
  checkOptionalArray(problems, 'checkBranches', p.checkBranches, 'use branch names such as ["main"]', stringEntries(problems, 'use a branch name such as "main"'));
  checkOptionalArray(problems, 'variants', p.variants, 'pass [{ name: "mainline" }, ...]', (item, field) => {
    if (!checkObject(problems, field, item, 'pass { name, target, buildArgs, imagerImage }')) {
      return false;
    }
    const v = item as { [key: string]: unknown };
    const n = problems.count;
    checkString(problems, `${field}.name`, v.name, 'name the variant, e.g. "mainline"');
    checkOptionalString(problems, `${field}.target`, v.target, 'use the stage name, e.g. "talos-sbc-rk3588-bsp", or leave it unset');
    checkStringMap(problems, `${field}.buildArgs`, v.buildArgs, 'give each build argument a string value', (key) => keyField(`${field}.buildArgs`, key));
    checkOptionalString(problems, `${field}.imagerImage`, v.imagerImage, 'use an image reference, or leave it unset');
    return problems.count === n;
  });
  checkOptionalArray(problems, 'actionPins', p.actionPins, 'pass [{ action: GithubAction.CHECKOUT, commit, version }]', (item, field) => {
    if (!checkObject(problems, field, item, 'pass { action, commit, version }')) {
      return false;
    }
    const pin = item as { [key: string]: unknown };
    const n = problems.count;
    checkEnum(problems, `${field}.action`, pin.action, GithubAction, 'GithubAction');
    checkString(problems, `${field}.commit`, pin.commit, 'give the full 40-hex commit SHA of the release');
    checkString(problems, `${field}.version`, pin.version, 'give the release tag, e.g. "v7.0.2"');
    return problems.count === n;
  });
  checkOptionalArray(problems, 'auditAcknowledgements', p.auditAcknowledgements, 'pass [{ ruleId, reason, where }]', (item, field) => {
    if (!checkObject(problems, field, item, 'pass { ruleId, reason, where }')) {
      return false;
    }
    const ack = item as { [key: string]: unknown };
    const n = problems.count;
    checkString(problems, `${field}.ruleId`, ack.ruleId, 'use the rule id printed with the finding, e.g. "TSC-W5"');
    checkString(problems, `${field}.reason`, ack.reason, 'say why the finding is acceptable, in one line');
    checkOptionalString(problems, `${field}.where`, ack.where, 'use a location as printed with the finding, e.g. "jobs.release", or leave it unset');
    return problems.count === n;
  });
  checkOptionalArray(problems, 'additionalAuditRules', p.additionalAuditRules, 'pass rule objects (IWorkflowRule)', (item, field) => {
    if (typeof item !== 'object' || typeof (item as { check?: unknown }).check !== 'function') {
      problems.add(field, item, 'must be a rule: an object with id, level, description and check()', 'implement IWorkflowRule');
      return false;
    }
    return true;
  });
  return problems.count === before;
}

/** A board passed to `addBoard`. */
export function checkBoardType(problems: Problems, field: string, board: unknown): board is OverlayBoard {
  return checkInstance(problems, field, board, OverlayBoard, 'pass an OverlayBoard (new OverlayBoard(...) or OverlayBoard.fromCatalog(...))');
}

/**
 * Property-based hostile input (fast-check, fixed seed): generated hostile strings, numbers,
 * `undefined`s, `null`s, holes and plain objects replace the properties and arguments of every
 * public constructor and static factory, starting from a valid declaration. Each program must
 * either synthesise output that every validator accepts (the workflows through actionlint,
 * `@actions/workflow-parser` and shellcheck; the settings as Terraform JSON), or throw the
 * library's error class (`TalosSbcValidationError`) with nothing written. Anything else (a
 * `TypeError` from inside the library, an error from projen or cdktf) fails with the seed and
 * the counterexample printed.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { TerraformStack } from 'cdktf';
import fc from 'fast-check';
import { Project } from 'projen';
import {
  Acknowledgement, Architecture, BoardPreset, Bootloader, ImageRepository, OverlayBoard, OverlayBoardProps, OverlayBuild, OverlayPipeline,
  OverlayProfile, RegistryCredentials, ReleaseLine, ReleaseWorkflow, ReleaseWorkflowProps, Runner, SystemExtension, TalosSbcValidationError,
} from '../src';
import {
  ActionsPermissions, DockerHubRepo, ReleaseEnvironment, ReleaseTagRuleset, RepoSecrets, RulesetBypassActor, SecretValue, SettingsStack,
} from '../src/terraform';
import { NANOPI_M6 } from './support/fixtures';
import { filesUnder, HostileOutcome, runProjenProgram, runSettingsProgram } from './support/hostile';
import { validateWorkflows, WorkflowFile } from './support/workflow-validators';

/** The fixed seed: a failure prints it with the counterexample (fc.assert's report). */
const SEED = 20261202;
/** Runs per entry point: modest, so the whole file stays well under a minute. */
const RUNS = 12;

// ---------------------------------------------------------------------------------------------
// Hostile values
// ---------------------------------------------------------------------------------------------

const KEEP = Symbol('keep');

// eslint-disable-next-line no-sparse-arrays
const HOLES = [, 'a'];

const hostileString = fc.oneof(
  fc.constantFrom(
    '', ' ', '\u200B', '\u200B\u200B\u200B', 'x\u202Ey', '\u2066x\u2069', 'a\u0085b', 'a\u2028b', 'a\nb', 'a\rb', '\t', '\u0000',
    '$(reboot)', '`id`', '${{ secrets.DOCKERHUB_TOKEN }}', '${TfToken[TOKEN.1]}', '${file("/etc/passwd")}', '%{ if true }x%{ endif }',
    '..', '../x', '/abs', 'a/../b', 'self-hosted', '60', 'undefined', 'null', '__proto__', 'constructor', '*', '**', '!x',
    'v1.10.6', 'v9.9.9', 'arm64', 'amd64', 'rk3588', 'nanopi-m6', 'NanoPi-M6', '🍓', '🍓'.repeat(101), 'a'.repeat(300), 'x;y', 'a b', '"q"', "'q'",
  ),
  fc.string({ maxLength: 16 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

const hostileNumber = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -1, 0, 0.5, 1.5, 2 ** 53, -0, 1e300),
  fc.integer({ min: -1000, max: 100000 }),
  fc.double({ noNaN: false }),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 2, arbitrary: fc.constantFrom(undefined, null, true, false) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(HOLES, [undefined], [null], [], {}, { a: 1 }, ['a', 'a'], [1, 2], Symbol('s'), () => 1) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 2 }) },
);

/** A value that is kept (most of the time) or replaced by a hostile one. */
const maybeHostile = fc.oneof({ weight: 2, arbitrary: fc.constant<unknown>(KEEP) }, { weight: 1, arbitrary: hostileValue });

/** `baseline` with some of `fields` replaced by hostile values (at least one). */
function mutated<T extends object>(baseline: T, fields: readonly string[]): fc.Arbitrary<T> {
  return fc.tuple(...fields.map(() => maybeHostile), fc.nat({ max: fields.length - 1 }), hostileValue).map(([...all]) => {
    const forced = all[fields.length] as number;
    const forcedValue = all[fields.length + 1];
    const out: { [key: string]: unknown } = { ...(baseline as object) };
    fields.forEach((field, i) => {
      const value = i === forced && all[i] === KEEP ? forcedValue : all[i];
      if (value !== KEEP) {
        out[field] = value;
      }
    });
    return out as T;
  });
}

/** Arguments of a factory: each kept (from `valid`) or replaced. */
function argumentsOf(valid: readonly unknown[]): fc.Arbitrary<unknown[]> {
  return fc.tuple(...valid.map(() => maybeHostile), fc.nat({ max: Math.max(valid.length - 1, 0) }), hostileValue)
    .map(([...all]) => valid.map((v, i) => (all[i] !== KEEP ? all[i] : i === all[valid.length] ? all[valid.length + 1] : v)));
}

// ---------------------------------------------------------------------------------------------
// Programs and outcomes
// ---------------------------------------------------------------------------------------------

const WORKFLOW: ReleaseWorkflowProps = {
  overlayImage: ImageRepository.dockerHub('123417', 'talos-sbc-nanopi-m6'),
  overlayBuild: OverlayBuild.pkgfile({ target: 'talos-sbc-rk3588-mainline' }),
  inspectRepository: false,
};

/** Synthesised workflows, by content, waiting for one batch through the validators. */
const synthesised = new Map<string, { fileName: string; input: string }>();

function describeInput(input: unknown): string {
  return fc.stringify(input).slice(0, 2000);
}

/** The property every projen program must have. */
function projenProperty(entry: string, input: unknown, declare: (project: Project) => void): void {
  let workflows: WorkflowFile[] = [];
  const outcome = runProjenProgram((project) => {
    declare(project);
    project.synth();
    workflows = filesUnder(join(project.outdir, '.github', 'workflows'))
      .map((name) => ({ fileName: `.github/workflows/${name}`, yamlText: readFileSync(join(project.outdir, '.github', 'workflows', name), 'utf8') }));
  });
  expectLibraryErrorOrOutput(entry, input, outcome);
  if (outcome.error === undefined) {
    expect(workflows.length).toBeGreaterThan(0);
    for (const workflow of workflows) {
      if (!synthesised.has(workflow.yamlText)) {
        synthesised.set(workflow.yamlText, { fileName: `${entry}-${synthesised.size}-${workflow.fileName.split('/').pop()}`, input: describeInput(input) });
      }
    }
  }
}

/** The property every settings program must have. */
function settingsProperty(entry: string, input: unknown, declare: (stack: TerraformStack) => void): void {
  const outcome = runSettingsProgram(declare);
  expectLibraryErrorOrOutput(entry, input, outcome);
  if (outcome.error === undefined) {
    const stacks = outcome.written.filter((f) => f.endsWith('cdk.tf.json'));
    expect(stacks.length).toBeGreaterThan(0);
    for (const file of stacks) {
      expect(() => JSON.parse(readFileSync(join(outcome.outdir, file), 'utf8'))).not.toThrow();
    }
  }
}

/** A pure factory: it returns, or throws the library's error. */
function factoryProperty(entry: string, input: unknown, call: () => unknown): unknown {
  try {
    return call();
  } catch (e) {
    if (!(e instanceof TalosSbcValidationError)) {
      throw new Error(`${entry} crashed instead of throwing TalosSbcValidationError: ${String((e as Error)?.stack ?? e)}\ninput: ${describeInput(input)}`);
    }
    return undefined;
  }
}

function expectLibraryErrorOrOutput(entry: string, input: unknown, outcome: HostileOutcome): void {
  if (outcome.error !== undefined) {
    if (!outcome.isLibraryError) {
      throw new Error(`${entry} crashed instead of throwing TalosSbcValidationError: ${String((outcome.error as Error)?.stack ?? outcome.error)}\ninput: ${describeInput(input)}`);
    }
    expect(outcome.message).not.toMatch(/\bundefined\b(?!")/);
    expect(outcome.message!.length).toBeLessThan(20_000);
    if (outcome.written.length > 0) {
      throw new Error(`${entry} threw but wrote ${outcome.written.join(', ')}\ninput: ${describeInput(input)}`);
    }
  }
}

function check<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void, runs: number = RUNS): void {
  fc.assert(fc.property(arbitrary, predicate), { seed: SEED, numRuns: runs, endOnFailure: true });
}

const release = (project: Project, board: Partial<OverlayBoardProps> = {}, workflow: Partial<ReleaseWorkflowProps> = {}) => {
  const overlayBoard = new OverlayBoard(project, 'Board', { ...NANOPI_M6, ...board });
  new ReleaseWorkflow(project, 'Release', { ...WORKFLOW, ...workflow, boards: [overlayBoard] });
};

// ---------------------------------------------------------------------------------------------
// The entry points
// ---------------------------------------------------------------------------------------------

describe('every public constructor and static factory, fed hostile values', () => {
  test('OverlayBoard', () => {
    check(mutated(NANOPI_M6, ['boardName', 'displayName', 'overlayName', 'overlayOptions', 'profileName', 'profile', 'arch', 'talosVersion', 'tagPattern',
      'systemExtensions', 'extraKernelArgs', 'imageOutput', 'ubootStartsEfi', 'kernel', 'partitionOffsetSectors', 'ubootArtifacts', 'overlayTextOptions']),
    (props) => projenProperty('OverlayBoard', props, (p) => new ReleaseWorkflow(p, 'Release', { ...WORKFLOW, boards: [new OverlayBoard(p, 'Board', props)] })));
  });

  test('OverlayBoard.fromCatalog', () => {
    const baseline = { preset: BoardPreset.ROCK5B, talosVersion: 'v1.10.6' };
    check(mutated(baseline, ['preset', 'talosVersion', 'boardName', 'displayName', 'tagPattern', 'overlayOptions', 'systemExtensions', 'kernel',
      'nonGrubBootloaderReason', 'extraKernelArgs']),
    (props) => projenProperty('OverlayBoard.fromCatalog', props, (p) => new ReleaseWorkflow(p, 'Release', { boards: [OverlayBoard.fromCatalog(p, 'Board', props as any)] })));
  });

  test('ReleaseWorkflow', () => {
    check(mutated(WORKFLOW, ['overlayImage', 'overlayBuild', 'installerImage', 'baseInstallerImage', 'variants', 'registryCredentials', 'overlayPlatforms',
      'runner', 'overlayRunner', 'imagerRunner', 'imagerImage', 'fileName', 'workflowName', 'environment', 'pullRequestCheck', 'checkBranches',
      'checkFileName', 'auditAcknowledgements', 'actionPins', 'overlayTimeoutMinutes', 'imageTimeoutMinutes', 'replacePublishedRelease', 'boards']),
    (props) => projenProperty('ReleaseWorkflow', props, (p) => {
      const board = new OverlayBoard(p, 'Board', NANOPI_M6);
      const workflow = new ReleaseWorkflow(p, 'Release', props);
      if (props.boards === undefined) {
        workflow.addBoard(board);
      }
    }));
  });

  test('ImageRepository.dockerHub, ImageRepository.of, RegistryCredentials.*', () => {
    check(fc.tuple(argumentsOf(['123417', 'talos-sbc-nanopi-m6']), mutated({ registry: 'ghcr.io', namespace: 'acme', name: 'overlay' }, ['registry', 'namespace', 'name']),
      mutated({ usernameVariable: 'GHCR_USER', tokenSecret: 'GHCR_TOKEN', registry: 'ghcr.io' }, ['registry', 'usernameVariable', 'tokenSecret'])),
    ([hub, of, credentials]) => {
      const repository = factoryProperty('ImageRepository.dockerHub', hub, () => (ImageRepository.dockerHub as any)(...hub));
      if (repository) {
        projenProperty('ImageRepository.dockerHub', hub, (p) => release(p, {}, { overlayImage: repository as ImageRepository }));
      }
      const other = factoryProperty('ImageRepository.of', of, () => ImageRepository.of(of));
      const creds = factoryProperty('RegistryCredentials.usernameAndToken', credentials, () => RegistryCredentials.usernameAndToken(credentials));
      factoryProperty('RegistryCredentials.dockerHub', credentials, () => RegistryCredentials.dockerHub(credentials as any));
      if (other && creds) {
        projenProperty('ImageRepository.of', [of, credentials], (p) => release(p, {}, {
          overlayImage: other as ImageRepository, registryCredentials: creds as RegistryCredentials,
        }));
      }
    }, 8);
  });

  test('Runner.githubHosted, Runner.selfHosted, Runner.group', () => {
    check(fc.tuple(argumentsOf(['ubuntu-24.04-arm']), argumentsOf([['self-hosted', 'linux', 'arm64'], Architecture.ARM64]), argumentsOf(['pkgs', Architecture.ARM64, ['arm64']])),
      ([hosted, self, group]) => {
        const runners = [
          factoryProperty('Runner.githubHosted', hosted, () => (Runner.githubHosted as any)(...hosted)),
          factoryProperty('Runner.selfHosted', self, () => (Runner.selfHosted as any)(...self)),
          factoryProperty('Runner.group', group, () => (Runner.group as any)(...group)),
        ];
        runners.forEach((runner, i) => {
          if (runner) {
            projenProperty(['Runner.githubHosted', 'Runner.selfHosted', 'Runner.group'][i], [hosted, self, group][i], (p) => release(p, {}, { runner: runner as Runner }));
          }
        });
      }, 8);
  });

  test('OverlayBuild.pkgfile, OverlayBuild.dockerfile', () => {
    const baseline = { target: 'talos-sbc-rk3588-mainline', file: 'Pkgfile', buildArgs: { PKGS: 'v1.10.0' } };
    check(mutated(baseline, ['target', 'file', 'buildArgs', 'sourceDateEpoch', 'pinnedArchitecture', 'installerArchitecture']), (options) => {
      for (const [entry, factory] of [['OverlayBuild.pkgfile', OverlayBuild.pkgfile], ['OverlayBuild.dockerfile', OverlayBuild.dockerfile]] as const) {
        const build = factoryProperty(entry, options, () => factory(options as any));
        if (build) {
          projenProperty(entry, options, (p) => release(p, {}, { overlayBuild: build as OverlayBuild }));
        }
      }
    }, 8);
  });

  test('SystemExtension.official, SystemExtension.fromImage', () => {
    check(fc.tuple(argumentsOf(['realtek-firmware', {}]), argumentsOf([`ghcr.io/example/firmware:1.0@sha256:${'ab'.repeat(32)}`])), ([official, image]) => {
      const extensions = [
        factoryProperty('SystemExtension.official', official, () => (SystemExtension.official as any)(...official)),
        factoryProperty('SystemExtension.fromImage', image, () => (SystemExtension.fromImage as any)(...image)),
      ].filter((e) => e !== undefined) as SystemExtension[];
      if (extensions.length > 0) {
        projenProperty('SystemExtension', [official, image], (p) => release(p, { systemExtensions: extensions }));
      }
    }, 8);
  });

  test('OverlayProfile.generate, OverlayProfile.fromName', () => {
    const baseline = { name: 'board-rk3588', bootloader: Bootloader.GRUB };
    check(fc.tuple(mutated(baseline, ['name', 'arch', 'platform', 'secureBoot', 'diskFormat', 'compression', 'diskSizeBytes', 'bootloader', 'nonGrubBootloaderReason']), hostileValue),
      ([props, name]) => {
        const profiles = [
          factoryProperty('OverlayProfile.generate', props, () => OverlayProfile.generate(props as any)),
          factoryProperty('OverlayProfile.fromName', [name, props], () => OverlayProfile.fromName(name as any, props as any)),
        ];
        for (const profile of profiles.filter((x) => x !== undefined)) {
          projenProperty('OverlayProfile', props, (p) => release(p, { profile: profile as OverlayProfile }));
        }
      }, 8);
  });

  test('ReleaseLine.tagPattern, workflowFileName, workflowName', () => {
    check(argumentsOf(['rock-5b', 'v1.10.6']), (args) => {
      const [boardName, talosVersion] = args;
      const pattern = factoryProperty('ReleaseLine.tagPattern', args, () => ReleaseLine.tagPattern(boardName as any, talosVersion as any));
      const fileName = factoryProperty('ReleaseLine.workflowFileName', args, () => ReleaseLine.workflowFileName(talosVersion as any));
      const workflowName = factoryProperty('ReleaseLine.workflowName', args, () => ReleaseLine.workflowName(talosVersion as any));
      for (const value of [pattern, fileName, workflowName]) {
        expect(value === undefined || (typeof value === 'string' && !value.includes('undefined'))).toBe(true);
      }
    }, 20);
  });

  test('WorkflowAudit acknowledgements and user rules (through ReleaseWorkflow)', () => {
    const ack: Acknowledgement = { ruleId: 'TSC-W5', reason: 'the release job also pushes to ghcr.io', where: 'jobs.release' };
    check(mutated(ack, ['ruleId', 'reason', 'where']), (a) => projenProperty('WorkflowAudit', a, (p) => release(p, {}, { auditAcknowledgements: [a] })), 8);
  });

  test('OverlayPipeline.resolve (TalosOverlayProject options)', () => {
    const options = {
      name: 'talos-sbc-nanopi-m6',
      boardName: 'nanopi-m6',
      overlayName: 'rk3588',
      talosVersion: 'v1.10.6',
      dockerHubNamespace: 'user1234',
      pkgfileTarget: 'talos-sbc-rk3588-mainline',
      overlayOptions: ['board=nanopi-m6', 'chipset=rk3588s'],
      ubootStartsEfi: true,
      profileName: 'board-rk3588',
    };
    check(mutated(options, ['boardName', 'overlayName', 'talosVersion', 'dockerHubNamespace', 'pkgfileTarget', 'overlayOptions', 'profileName', 'tagPattern',
      'systemExtensions', 'buildArgs', 'rawWrites', 'partitionOffsetSectors', 'githubRepository', 'usernameVariable', 'additionalBoards', 'variants', 'runner',
      'overlayPlatforms', 'additionalTalosVersions', 'sourceDateEpoch']),
    (o) => factoryProperty('OverlayPipeline.resolve', o, () => OverlayPipeline.resolve(o as any)), 20);
  });
});

describe('settings constructs, fed hostile values', () => {
  const repository = ImageRepository.dockerHub('user1234', 'talos-sbc-nanopi-m6');

  test('DockerHubRepo', () => {
    check(mutated({ repository, description: 'Talos overlay', preventDestroy: true } as any, ['repository', 'description', 'fullDescription', 'private',
      'immutableTags', 'immutableTagRules', 'preventDestroy', 'destroyReason', 'importExisting']),
    (props) => settingsProperty('DockerHubRepo', props, (s) => new DockerHubRepo(s, 'Overlay', props)));
  });

  test('RepoSecrets and SecretValue.*', () => {
    check(fc.tuple(mutated({ repository: 'talos-sbc-nanopi-m6', credentials: RegistryCredentials.dockerHub(), usernameValue: '123417' } as any,
      ['repository', 'credentials', 'usernameValue', 'tokenValue', 'usernameScope', 'variables', 'secrets', 'environmentVariables']), argumentsOf(['dockerhub_token']),
    argumentsOf(['A'.repeat(64), '568250167242549743'])), ([props, variable, sealed]) => {
      const values = [
        factoryProperty('SecretValue.fromTerraformVariable', variable, () => (SecretValue.fromTerraformVariable as any)(...variable)),
        factoryProperty('SecretValue.fromSealedBox', sealed, () => (SecretValue.fromSealedBox as any)(...sealed)),
      ];
      settingsProperty('RepoSecrets', props, (s) => new RepoSecrets(s, 'Secrets', props));
      for (const tokenValue of values.filter((v) => v !== undefined)) {
        settingsProperty('RepoSecrets(tokenValue)', [variable, sealed], (s) => new RepoSecrets(s, 'Secrets', {
          githubRepository: 'talos-sbc-nanopi-m6', credentials: RegistryCredentials.dockerHub(), usernameValue: '123417', tokenValue: tokenValue as SecretValue,
        }));
      }
    }, 8);
  });

  test('ReleaseEnvironment, ReleaseTagRuleset, RulesetBypassActor.*', () => {
    check(fc.tuple(mutated({ repository: 'talos-sbc-nanopi-m6', tagPatterns: ['v*-nanopi-m6'] } as any, ['repository', 'environmentName', 'tagPatterns',
      'reviewerUserIds', 'reviewerTeamIds', 'waitTimerMinutes', 'preventSelfReview']), mutated({ repository: 'talos-sbc-nanopi-m6', tagPatterns: ['v*-nanopi-m6'] } as any,
      ['repository', 'tagPatterns', 'rulesetName', 'restrictCreation', 'bypassActors']), hostileValue), ([environment, ruleset, id]) => {
      settingsProperty('ReleaseEnvironment', environment, (s) => new ReleaseEnvironment(s, 'Environment', environment));
      settingsProperty('ReleaseTagRuleset', ruleset, (s) => new ReleaseTagRuleset(s, 'Ruleset', ruleset));
      for (const factory of [RulesetBypassActor.team, RulesetBypassActor.githubApp, RulesetBypassActor.repositoryRole]) {
        const actor = factoryProperty('RulesetBypassActor', id, () => factory(id as any));
        if (actor) {
          settingsProperty('RulesetBypassActor', id, (s) => new ReleaseTagRuleset(s, 'Ruleset', { githubRepository: 'r', tagPatterns: ['v*-x'], bypassActors: [actor as RulesetBypassActor] }));
        }
      }
    }, 8);
  });

  test('ActionsPermissions, SettingsStack', () => {
    check(fc.tuple(mutated({ repository: 'talos-sbc-nanopi-m6' } as any, ['repository', 'allowedActions', 'githubOwnedAllowed', 'allowedPatterns', 'requireShaPinning']),
      mutated({ githubOwner: 'talos-sbc' } as any, ['localBackend', 'localStatePath', 'githubOwner'])), ([permissions, stack]) => {
      settingsProperty('ActionsPermissions', permissions, (s) => new ActionsPermissions(s, 'Permissions', permissions));
      const outcome = runSettingsProgram((s) => {
        const settings = new SettingsStack(s.node.root as any, 'Settings', stack);
        new DockerHubRepo(settings, 'Overlay', { imageRepository: repository });
      });
      expectLibraryErrorOrOutput('SettingsStack', stack, outcome);
    }, 8);
  });
});

test('every workflow synthesised above passes actionlint, the workflow parser and shellcheck', () => {
  // every synthesised workflow, once, in one batch
  const files = [...synthesised.entries()].map(([yamlText, { fileName }]) => ({ fileName, yamlText }));
  // a self-hosted runner's own labels are unknown to actionlint by design (a repository lists them
  // in its actionlint.yaml); every other finding counts
  const findings = validateWorkflows(files).filter((f) => !(/^Runner\.(selfHosted|group)-/.test(f.message) && /is unknown\..*\[runner-label\]$/.test(f.message)));
  if (findings.length > 0) {
    const inputs = [...synthesised.values()].map((v) => `${v.fileName}: ${v.input}`).join('\n');
    throw new Error(`seed ${SEED}: synthesised workflows the validators reject:\n${JSON.stringify(findings, null, 2)}\ninputs:\n${inputs}`);
  }
});

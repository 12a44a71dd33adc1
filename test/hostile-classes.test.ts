/**
 * The classes of hostile input of issue 12, each with cases of our own across the constructs
 * and both sides (projen programs and settings apps): every case throws the library's one error
 * class (`TalosSbcValidationError`, not a crash), with the exact message, and writes nothing.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { TerraformStack, TerraformVariable, Token } from 'cdktf';
import { Project, TextFile } from 'projen';
import {
  Acknowledgement, Architecture, FindingLevel, ImageRepository, IWorkflowRule, OverlayBoard, OverlayBoardProps, OverlayBuild, RegistryCredentials,
  ReleaseLine, ReleaseWorkflow, ReleaseWorkflowProps, Runner, SystemExtension, TalosSbcValidationError, WorkflowAudit, WorkflowFinding,
} from '../src';
import {
  DockerHubRepo, DockerHubRepoProps, ReleaseEnvironment, ReleaseTagRuleset, RepoSecrets, RepoSecretsProps, RulesetBypassActor, SecretValue,
} from '../src/terraform';
import { NANOPI_M6 } from './support/fixtures';
import { HostileOutcome, runProjenProgram, runSettingsProgram } from './support/hostile';

const BOARD = '[talos-sbc-constructs] OverlayBoard at "Board" is invalid:\n';
const RELEASE = '[talos-sbc-constructs] ReleaseWorkflow at "Release" is invalid:\n';
const HUB = '[talos-sbc-constructs] DockerHubRepo at "settings/Overlay" is invalid:\n';
const SECRETS = '[talos-sbc-constructs] RepoSecrets at "settings/Secrets" is invalid:\n';

const WORKFLOW: ReleaseWorkflowProps = {
  overlayImage: ImageRepository.dockerHub('123417', 'talos-sbc-nanopi-m6'),
  overlayBuild: OverlayBuild.pkgfile({ target: 'talos-sbc-rk3588-mainline' }),
  inspectRepository: false,
};

/** Untyped values, as JavaScript, JSON, Python or Java callers pass them. */
const untyped = (value: unknown): any => value;

function release(project: Project, board: Partial<OverlayBoardProps> = {}, workflow: Partial<ReleaseWorkflowProps> = {}): void {
  const overlayBoard = new OverlayBoard(project, 'Board', { ...NANOPI_M6, ...board });
  new ReleaseWorkflow(project, 'Release', { ...WORKFLOW, ...workflow, boards: [overlayBoard] });
}

function hub(stack: TerraformStack, props: Partial<DockerHubRepoProps>): void {
  new DockerHubRepo(stack, 'Overlay', { imageRepository: ImageRepository.dockerHub('user1234', 'talos-sbc-nanopi-m6'), ...props });
}

function secrets(stack: TerraformStack, props: Partial<RepoSecretsProps>): void {
  new RepoSecrets(stack, 'Secrets', { githubRepository: 'talos-sbc-nanopi-m6', credentials: RegistryCredentials.dockerHub(), usernameValue: '123417', ...props });
}

interface Case {
  readonly title: string;
  readonly side: 'projen' | 'settings';
  readonly declare: (scope: any) => void;
  readonly expected: string;
}

function run(c: Case): HostileOutcome {
  return c.side === 'projen' ? runProjenProgram(c.declare) : runSettingsProgram(c.declare);
}

function describeClass(name: string, cases: Case[]): void {
  describe(name, () => {
    test.each(cases)('$title', (c) => {
      const outcome = run(c);
      expect(outcome.message).toBe(c.expected);
      expect(outcome.isLibraryError).toBe(true);
      expect(outcome.written).toEqual([]);
    });
  });
}

// 1. Missing values: explicit undefined/null and holes are named, never crash, never become "undefined".
describeClass('1. missing values', [
  {
    title: 'OverlayBoard boardName explicitly undefined',
    side: 'projen',
    declare: (p) => release(p, { boardName: untyped(undefined) }),
    expected: BOARD + '  - boardName = (not set): is required (a string). Fix: use a short lowercase name such as "my-board"',
  },
  {
    title: 'OverlayBoard talosVersion null',
    side: 'projen',
    declare: (p) => release(p, { talosVersion: untyped(null) }),
    expected: BOARD + '  - talosVersion = null: is required (a string). Fix: use the exact release tag of siderolabs/talos, e.g. "v1.10.6"',
  },
  {
    title: 'ReleaseWorkflow boards with a hole',
    side: 'projen',
    declare: (p) => {
      const board = new OverlayBoard(p, 'Board', NANOPI_M6);
      // eslint-disable-next-line no-sparse-arrays
      new ReleaseWorkflow(p, 'Release', { ...WORKFLOW, boards: untyped([board, , board]) });
    },
    expected: RELEASE + '  - boards[1] = (not set): an entry is empty (a hole, or a missing or null value). Fix: remove the empty entry',
  },
  {
    title: 'ImageRepository.dockerHub with an undefined namespace (no "docker.io/undefined/…")',
    side: 'projen',
    declare: () => ImageRepository.dockerHub(untyped(undefined), 'talos-sbc-nanopi-m6'),
    expected: '[talos-sbc-constructs] ImageRepository at "ImageRepository.dockerHub" is invalid:\n'
      + '  - namespace = (not set): is required (a string). Fix: pass the Docker Hub account or organisation name, e.g. "myuser"',
  },
  {
    title: 'ReleaseLine.tagPattern without a board name (no "v1.10.*-undefined")',
    side: 'projen',
    declare: () => ReleaseLine.tagPattern(untyped(undefined), 'v1.10.6'),
    expected: '[talos-sbc-constructs] ReleaseLine at "ReleaseLine" is invalid:\n'
      + '  - boardName = (not set): is required (a string). Fix: pass the board\'s boardName, e.g. "rock-5b"',
  },
  {
    title: 'RepoSecrets usernameValue null',
    side: 'settings',
    declare: (s) => secrets(s, { usernameValue: untyped(null) }),
    expected: SECRETS + '  - usernameValue = null: is required (a string). Fix: set the registry user name, e.g. "myuser"',
  },
  {
    title: 'ReleaseEnvironment tagPatterns with a hole',
    side: 'settings',
    // eslint-disable-next-line no-sparse-arrays
    declare: (s) => new ReleaseEnvironment(s, 'Environment', { githubRepository: 'talos-sbc-nanopi-m6', tagPatterns: untyped(['v*-nanopi-m6', , 'v*-rock-5b']) }),
    expected: '[talos-sbc-constructs] ReleaseEnvironment at "settings/Environment" is invalid:\n'
      + '  - tagPatterns[1] = (not set): an entry is empty (a hole, or a missing or null value). Fix: remove the empty entry',
  },
  {
    title: 'SecretValue.fromSealedBox without a ciphertext',
    side: 'settings',
    declare: () => SecretValue.fromSealedBox(untyped(undefined), '568250167242549743'),
    expected: '[talos-sbc-constructs] SecretValue at "SecretValue.fromSealedBox" is invalid:\n'
      + '  - ciphertext = "<not set, not shown>": is required (the base64 sealed box, a string). Fix: pass the output of talos-sbc-seal unchanged',
  },
]);

// 2. Wrong types from untyped callers.
describeClass('2. wrong types', [
  {
    title: 'a plain string where a SecretValue belongs (the string is never echoed)',
    side: 'settings',
    declare: (s) => secrets(s, { secrets: { EXTRA_TOKEN: untyped('ghp_plaintext_token_value') } }),
    expected: SECRETS + '  - secrets.EXTRA_TOKEN = "<a string, not shown>": must be a SecretValue (made by its static methods), not a string. '
      + 'Fix: use SecretValue.fromTerraformVariable(), SecretValue.fromSealedBox(ciphertext, keyId) or SecretValue.unmanaged(); never the secret itself',
  },
  {
    title: 'a string "60" where a number belongs',
    side: 'projen',
    declare: (p) => release(p, {}, { imageTimeoutMinutes: untyped('60') }),
    expected: RELEASE + '  - imageTimeoutMinutes = "60": must be a number, not a string. Fix: use a whole number of minutes, e.g. 60',
  },
  {
    title: 'an overlayPlatforms entry that is not an Architecture (never written into with.platforms)',
    side: 'projen',
    declare: (p) => release(p, {}, { overlayPlatforms: untyped(['arm64', 'linux/riscv64']) }),
    expected: RELEASE + '  - overlayPlatforms[1] = "linux/riscv64": must be an Architecture. Fix: use Architecture.ARM64 or Architecture.AMD64',
  },
  {
    title: 'a self-hosted runner with an unknown arch: the arch is blamed, with values that exist',
    side: 'projen',
    declare: () => Runner.selfHosted(['self-hosted', 'linux'], untyped('riscv64')),
    expected: '[talos-sbc-constructs] Runner at "Runner.selfHosted" is invalid:\n'
      + '  - arch = "riscv64": must be an Architecture. Fix: use Architecture.ARM64 or Architecture.AMD64',
  },
  {
    title: 'a plain object where an ImageRepository belongs',
    side: 'projen',
    declare: (p) => release(p, {}, { overlayImage: untyped({ registry: 'docker.io', namespace: '123417', name: 'overlay' }) }),
    expected: RELEASE + '  - overlayImage = {"registry":"docker.io","namespace":"123417","name":"overlay"}: must be a ImageRepository (made by its static methods), not an object. '
      + 'Fix: use ImageRepository.dockerHub(namespace, name) or ImageRepository.of({ registry, namespace, name })',
  },
  {
    title: 'DockerHubRepo private as the string "false"',
    side: 'settings',
    declare: (s) => hub(s, { private: untyped('false') }),
    expected: HUB + '  - private = "false": must be true or false, not a string. Fix: use true or false, or leave it unset',
  },
  {
    title: 'OverlayBuild.pkgfile with a numeric target',
    side: 'projen',
    declare: () => OverlayBuild.pkgfile({ target: untyped(42) }),
    expected: '[talos-sbc-constructs] OverlayBuild at "OverlayBuild.pkgfile" is invalid:\n'
      + '  - target = 42: must be a string, not a number. Fix: name the Pkgfile stage that produces the overlay, e.g. "talos-sbc-rk3588-mainline"',
  },
]);

// 3. Collisions after name derivation: checked on the derived names.
describeClass('3. collisions of derived names', [
  {
    title: 'board rock-5b with variant x-y and board rock-5b-x with variant y derive one job id',
    side: 'projen',
    declare: (p) => {
      const a = new OverlayBoard(p, 'A', { ...NANOPI_M6, boardName: 'rock-5b' });
      const b = new OverlayBoard(p, 'B', { ...NANOPI_M6, boardName: 'rock-5b-x' });
      new ReleaseWorkflow(p, 'Release', { ...WORKFLOW, variants: [{ name: 'x-y' }, { name: 'y' }], boards: [a, b] });
    },
    expected: RELEASE + '  - boards[1].boardName = "rock-5b-x": board "rock-5b-x" with variant "y" derives the job id "image-rock-5b-x-y", which board "rock-5b" with variant "x-y" already derives: '
      + 'one would overwrite the other. Fix: rename the board or the variant so that no "<board>-<variant>" name repeats',
  },
  {
    title: 'an installer tag equal to an overlay variant tag in the same repository',
    side: 'projen',
    declare: (p) => release(p, { boardName: 'm6' }, {
      installerImage: ImageRepository.dockerHub('123417', 'talos-sbc-nanopi-m6'),
      variants: [{ name: 'v1' }, { name: 'm6-v1-installer' }],
    }),
    expected: RELEASE + '  - boards[0].boardName = "m6": board "m6" with variant "v1" derives the installer image tag "<git tag>-m6-v1-installer", '
      + 'which the overlay image of variant "m6-v1-installer" (same repository) already derives: one would overwrite the other. '
      + 'Fix: rename the board or the variant so that no "<board>-<variant>" name repeats, or push installer images to their own repository (installerImage)',
  },
  {
    title: 'board a-b with variant c and board a with variant b-c derive one asset, artifact and job',
    side: 'projen',
    declare: (p) => {
      const a = new OverlayBoard(p, 'A', { ...NANOPI_M6, boardName: 'a-b' });
      const b = new OverlayBoard(p, 'B', { ...NANOPI_M6, boardName: 'a' });
      new ReleaseWorkflow(p, 'Release', { ...WORKFLOW, variants: [{ name: 'c' }, { name: 'b-c' }], boards: [a, b] });
    },
    expected: RELEASE + '  - boards[1].boardName = "a": board "a" with variant "b-c" derives the job id "image-a-b-c", which board "a-b" with variant "c" already derives: '
      + 'one would overwrite the other. Fix: rename the board or the variant so that no "<board>-<variant>" name repeats',
  },
]);

/** A user's audit rule that reports whatever it is given. */
function reportingRule(id: string, location: string): IWorkflowRule {
  return {
    id,
    level: FindingLevel.ERROR,
    description: 'reports one finding',
    check: (): WorkflowFinding[] => [{ ruleId: id, level: FindingLevel.ERROR, location, message: 'custom finding', fix: 'none' }],
  };
}

// 4. Text that is not what it looks like.
describeClass('4. text that is not what it looks like', [
  {
    title: 'displayName with a bidi override (U+202E reaches release notes)',
    side: 'projen',
    declare: (p) => release(p, { displayName: 'NanoPi M6 \u202Eexe.image' }),
    expected: BOARD + '  - displayName = "NanoPi M6 <U+202E>exe.image": must not contain U+202E (a bidi control character (it reorders the text around it)). '
      + 'Fix: use a plain name such as "NanoPi M6 exe.image"',
  },
  {
    title: 'displayName with a C1 next-line (U+0085 breaks YAML header comments)',
    side: 'projen',
    declare: (p) => release(p, { displayName: 'NanoPi\u0085M6' }),
    expected: BOARD + '  - displayName = "NanoPi<U+0085>M6": must not contain U+0085 (a C1 control character (U+0085 ends a line in YAML)). Fix: use a plain name such as "NanoPi M6"',
  },
  {
    title: 'displayName of zero-width spaces only',
    side: 'projen',
    declare: (p) => release(p, { displayName: '\u200B\u200B\u200B' }),
    expected: BOARD + '  - displayName = "<U+200B><U+200B><U+200B>": must show some text: it has only spaces or invisible characters. Fix: use a plain name such as "nanopi-m6"',
  },
  {
    title: 'an acknowledgement reason of zero-width spaces',
    side: 'projen',
    declare: (p) => release(p, {}, { auditAcknowledgements: [{ ruleId: 'TSC-W5', reason: '\u200B'.repeat(12) }] }),
    expected: '[talos-sbc-constructs] WorkflowAudit is invalid:\n'
      + '  - acknowledgements[0].reason = "' + '<U+200B>'.repeat(12) + '": a finding can only be acknowledged with a written reason of at least 10 characters (spaces and invisible characters do not count). '
      + 'Fix: say why the finding is acceptable, e.g. "the release job also pushes the installer image to ghcr.io"',
  },
  {
    title: 'a custom audit rule id with a line separator',
    side: 'projen',
    declare: (p) => release(p, {}, { additionalAuditRules: [reportingRule('ACME-1\u2028permissions: write-all', 'jobs.release')] }),
    expected: '[talos-sbc-constructs] WorkflowAudit is invalid:\n'
      + '  - rules[12].id = "ACME-1<U+2028>permissions: write-all": a rule id must not contain U+2028 (a line or paragraph separator) (it is written into the workflow file\'s comments). '
      + 'Fix: give the rule a stable id such as "ACME-W1"',
  },
  {
    title: 'DockerHubRepo destroyReason of invisible characters',
    side: 'settings',
    declare: (s) => hub(s, { preventDestroy: false, destroyReason: '\u2060\u200B\u00A0' }),
    expected: HUB + '  - destroyReason = "<U+2060><U+200B><U+00A0>": preventDestroy: false needs a reason: destroying the repository deletes every image in it. '
      + 'Fix: set destroyReason (e.g. "scratch repository for CI tests"), or keep preventDestroy: true',
  },
  {
    title: 'DockerHubRepo description with a right-to-left isolate',
    side: 'settings',
    declare: (s) => hub(s, { description: 'Talos overlay \u2067evil\u2069' }),
    expected: HUB + '  - description = "Talos overlay <U+2067>evil<U+2069>": must not contain U+2067 (a bidi control character (it reorders the text around it)) (Docker Hub shows it as one line). '
      + 'Fix: write the description as one line of plain text',
  },
]);

describe('4. text: what passes, and what is cleaned', () => {
  test('a display name of emoji counts code points: 100 pass, 101 do not', () => {
    expect(runProjenProgram((p) => release(p, { displayName: '🍓'.repeat(100) })).message).toBeUndefined();
    const outcome = runProjenProgram((p) => release(p, { displayName: '🍓'.repeat(101) }));
    expect(outcome.message).toBe(BOARD + '  - displayName = "' + '🍓'.repeat(101) + '": must be 1 to 100 printable characters without "$", "`" or "\\". '
      + 'Fix: use a plain name such as "' + '🍓'.repeat(100) + '"');
    expect(outcome.written).toEqual([]);
  });

  test('a custom rule\'s location is cleaned before it reaches the workflow file\'s comment', () => {
    const ack: Acknowledgement = { ruleId: 'ACME-1', reason: 'reviewed: this finding is expected here' };
    let yaml = '';
    const outcome = runProjenProgram((p) => {
      release(p, {}, { additionalAuditRules: [reportingRule('ACME-1', 'jobs.release\npermissions: write-all\u202E')], auditAcknowledgements: [ack] });
      p.synth();
      yaml = readFileSync(join(p.outdir, '.github/workflows/release.yaml'), 'utf8');
    });
    expect(outcome.message).toBeUndefined();
    expect(yaml).toContain('#   ACME-1 jobs.release<U+000A>permissions: write-all<U+202E>: reviewed: this finding is expected here\n');
    expect(yaml).not.toMatch(/^permissions: write-all/m);
  });
});

// 5. Artifact paths and runners.
describeClass('5. artifact paths and runners', [
  {
    title: 'an artifact path that climbs out of the repository',
    side: 'projen',
    declare: (p) => release(p, { ubootArtifacts: [{ file: 'u-boot-rockchip.bin', offsetBytes: 32768, path: 'artifacts/../../secrets/u-boot.bin' }], partitionOffsetSectors: 20480 }),
    expected: BOARD + '  - ubootArtifacts[0].path = "artifacts/../../secrets/u-boot.bin": must not contain ".." segments: an artifact is a file of the repository, not a path out of it. '
      + 'Fix: give the path as committed, below the repository root, e.g. "artifacts/u-boot/uboot.img"',
  },
  {
    title: 'Runner.githubHosted(\'self-hosted\')',
    side: 'projen',
    declare: () => Runner.githubHosted('self-hosted'),
    expected: '[talos-sbc-constructs] Runner at "Runner.githubHosted" is invalid:\n'
      + '  - image = "self-hosted": "self-hosted" selects self-hosted runners, not a GitHub-hosted image. '
      + 'Fix: use Runner.selfHosted([\'self-hosted\', \'linux\', \'arm64\'], Architecture.ARM64), or a GitHub-hosted image such as "ubuntu-24.04"',
  },
  {
    title: 'Runner.githubHosted(\'Self-Hosted\') in another case',
    side: 'projen',
    declare: () => Runner.githubHosted('Self-Hosted'),
    expected: '[talos-sbc-constructs] Runner at "Runner.githubHosted" is invalid:\n'
      + '  - image = "Self-Hosted": "self-hosted" selects self-hosted runners, not a GitHub-hosted image. '
      + 'Fix: use Runner.selfHosted([\'self-hosted\', \'linux\', \'arm64\'], Architecture.ARM64), or a GitHub-hosted image such as "ubuntu-24.04"',
  },
]);

// 6. Foreign errors: caught at the construct, naming it and the field.
describeClass('6. foreign errors', [
  {
    title: 'another component owns the workflow file (projen: "There is already a file under …")',
    side: 'projen',
    declare: (p) => {
      new TextFile(p, '.github/workflows/release.yaml', { lines: ['name: hand-written'] });
      release(p);
    },
    expected: RELEASE + '  - fileName = "release.yaml": another component (a TextFile) already writes .github/workflows/release.yaml. '
      + 'Fix: give this ReleaseWorkflow its own fileName, e.g. "release-2.yaml", or remove the other file',
  },
  {
    title: 'a cdktf token as a repository name',
    side: 'settings',
    declare: (s) => new ReleaseTagRuleset(s, 'Ruleset', {
      githubRepository: Token.asString(new TerraformVariable(s, 'repo', { type: 'string' }).value),
      tagPatterns: ['v*-nanopi-m6'],
    }),
    expected: '[talos-sbc-constructs] ReleaseTagRuleset at "settings/Ruleset" is invalid:\n'
      + '  - githubRepository = "${TfToken[TOKEN.0]}": is a cdktf token (a value Terraform knows only at apply time, such as a variable or a resource attribute), but this value is checked and used at synth time. '
      + 'Fix: pass the literal value: use the repository name as on GitHub, e.g. "talos-sbc-nanopi-m6"',
  },
]);

test('6. foreign errors: a cdktf token as a bypass actor id (the token\'s number varies, so the value is matched loosely)', () => {
  const outcome = runSettingsProgram((s) => RulesetBypassActor.team(Token.asNumber(new TerraformVariable(s, 'team', { type: 'number' }).value)));
  expect(outcome.isLibraryError).toBe(true);
  expect(outcome.message).toMatch(/^\[talos-sbc-constructs\] RulesetBypassActor at "RulesetBypassActor.team" is invalid:\n  - teamId = -[0-9.]+e\+[0-9]+: is a cdktf token \(a value Terraform knows only at apply time\), but the actor id is checked and written at synth time. Fix: pass the literal numeric id, e.g. 5$/);
  expect(outcome.written).toEqual([]);
});

// 7. Message quality.
describeClass('7. message quality', [
  {
    title: 'a 1 MB value is cut in the message',
    side: 'settings',
    declare: (s) => hub(s, { description: 'a'.repeat(1024 * 1024) }),
    expected: HUB + '  - description = "' + 'a'.repeat(160) + '"… (1048576 code points): Docker Hub allows at most 100 characters (got 1048576). '
      + 'Fix: shorten it and put the details in fullDescription',
  },
  {
    title: 'invisible characters are shown escaped',
    side: 'projen',
    declare: (p) => release(p, { boardName: 'nanopi\u200Bm6' }),
    expected: BOARD + '  - boardName = "nanopi<U+200B>m6": must be 1 to 40 lowercase letters and digits separated by single "-" (^[a-z0-9]+(?:-[a-z0-9]+)*$). '
      + 'Fix: use a short lowercase name such as "nanopi-m6"',
  },
  {
    title: 'the suggested board name follows the input, not the NanoPi M6',
    side: 'projen',
    declare: (p) => release(p, { boardName: 'Rock 5B', tagPattern: 'v*-rock-5b' }),
    expected: BOARD + '  - boardName = "Rock 5B": must be 1 to 40 lowercase letters and digits separated by single "-" (^[a-z0-9]+(?:-[a-z0-9]+)*$). '
      + 'Fix: use a short lowercase name such as "rock-5b"',
  },
  {
    title: 'the suggested option value follows the input',
    side: 'projen',
    declare: (p) => release(p, { overlayOptions: { board: 'rock-5b;reboot', chipset: 'rk3588' } }),
    expected: BOARD + '  - overlayOptions.board = "rock-5b;reboot": must not contain whitespace, quotes, shell metacharacters ($ ` ; & | < > ( ) { } [ ] * ? ! # ~ ^ \\) or control characters. '
      + 'Fix: use a plain value such as "rock-5breboot", or pass free text in overlayTextOptions',
  },
  {
    title: 'an empty key is written prop[""] (settings side)',
    side: 'settings',
    declare: (s) => secrets(s, { variables: { '': 'x' } }),
    expected: SECRETS + '  - variables[""] = "": a GitHub Actions variable name must not be empty. Fix: name the variable, e.g. "TALOS_VERSION"',
  },
  {
    title: 'an empty key is written prop[""] (projen side)',
    side: 'projen',
    declare: (p) => release(p, {}, { overlayBuild: OverlayBuild.pkgfile({ target: 'talos-sbc-rk3588-mainline', buildArgs: { '': 'x' } }) }),
    expected: RELEASE + '  - overlayBuild.buildArgs[""] = "": a build argument name must match ^[A-Z_][A-Z0-9_]*$. Fix: use an upper-case name such as "PKGS_PREFIX"',
  },
]);

describe('the error class', () => {
  test('carries the construct, its path and every problem as data', () => {
    const outcome = runProjenProgram((p) => release(p, { boardName: 'Rock 5B', displayName: '\u200B' }));
    const error = outcome.error as TalosSbcValidationError;
    expect(error).toBeInstanceOf(TalosSbcValidationError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('TalosSbcValidationError');
    expect(error.constructName).toBe('OverlayBoard');
    expect(error.constructPath).toBe('Board');
    expect(error.problems.map((p) => [p.field, p.value])).toEqual([['boardName', '"Rock 5B"'], ['displayName', '"<U+200B>"']]);
    expect(Object.isFrozen(error.problems)).toBe(true);
    expect((error as unknown as Error).stack).toContain('TalosSbcValidationError');
  });

  test('static factories, the audit and the cross-side check throw it too', () => {
    const thrown = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e;
      }
      return undefined;
    };
    expect(thrown(() => SystemExtension.official(untyped(7)))).toBeInstanceOf(TalosSbcValidationError);
    expect(thrown(() => new WorkflowAudit({ acknowledgements: [{ ruleId: 'TSC-W99', reason: 'no such rule at all' }] }))).toBeInstanceOf(TalosSbcValidationError);
    expect(thrown(() => Runner.group('pkgs', Architecture.ARM64, untyped('arm64')))).toBeInstanceOf(TalosSbcValidationError);
  });
});

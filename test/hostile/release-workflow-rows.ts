/**
 * Hostile-input rows of ReleaseWorkflow (test/hostile-input.test.ts).
 */
import { Project } from 'projen';
import { RELEASE, releaseOf, Row, withWorkflow, WORKFLOW } from './common';
import { Architecture, ImageRepository, OverlayBoard, OverlayBuild, RegistryCredentials, ReleaseWorkflow, Runner } from '../../src';
import { NANOPI_M6 } from '../support/fixtures';

export const RELEASE_WORKFLOW_ROWS: Row<Project>[] = [
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

/**
 * Hostile-input rows of the settings constructs, DockerHubRepo and RepoSecrets (test/hostile-input.test.ts).
 */
import { App, TerraformStack } from 'cdktf';
import { dockerHubRepo, HUB, repoSecrets, Row, SECRETS } from './common';
import { ImageRepository, RegistryCredentials } from '../../src';
import { SecretValue } from '../../src/terraform';
import { DockerHubProvider } from '../../src/terraform/docker-provider';

export const DOCKER_HUB_REPO_ROWS: Row<TerraformStack>[] = [
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

export const REPO_SECRETS_ROWS: Row<TerraformStack>[] = [
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

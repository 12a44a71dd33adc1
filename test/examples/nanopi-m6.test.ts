import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { TalosOverlayProjectOptions } from '../../src';
import { exampleDir, exampleOptions, REPO, synthProject } from '../support/examples';
import { expectValidWorkflow } from '../support/workflow-validators';

const EXAMPLE_DIR = exampleDir('nanopi-m6');
const WORKFLOW = '.github/workflows/release.yaml';
const STACK_JSON = 'cdktf.out/stacks/settings/cdk.tf.json';
/** The example's one declaration: the options of its `.projenrc.ts`. */
const NANOPI_M6 = exampleOptions('nanopi-m6');

interface BothSides {
  readonly workflowYaml: string;
  readonly terraformJson: string;
  readonly profileYaml: string;
}

const PROFILE = 'profiles/rk3588/board-rk3588.yaml';

/** Synthesises both sides of a declaration into fresh temporary folders. */
function synthBoth(options: TalosOverlayProjectOptions = NANOPI_M6): BothSides {
  const out = synthProject(options);
  return { workflowYaml: out.file(WORKFLOW), profileYaml: out.file(PROFILE), terraformJson: out.terraformJson };
}

/** Every `vars.X` and `secrets.X` the workflow reads, except the automatic GITHUB_TOKEN. */
function referencedNames(workflowYaml: string): { variables: string[]; secrets: string[] } {
  const names = (kind: string) => [...new Set([...workflowYaml.matchAll(new RegExp(`\\b${kind}\\.([A-Za-z_][A-Za-z0-9_]*)`, 'g'))].map((m) => m[1]))]
    .filter((n) => n !== 'GITHUB_TOKEN')
    .sort();
  return { variables: names('vars'), secrets: names('secrets') };
}

/** What the Terraform stack creates in GitHub and Docker Hub (environment-scoped names carry their environment). */
function managed(terraformJson: string) {
  const tf = JSON.parse(terraformJson);
  const all = (type: string) => Object.values<any>(tf.resource[type] ?? {});
  const environmentOf = (r: any) => (r.environment === undefined ? {} : { environment: r.environment });
  return {
    variables: [...all('github_actions_variable'), ...all('github_actions_environment_variable')]
      .map((v) => ({ name: v.variable_name, repository: v.repository, ...environmentOf(v) })),
    secrets: [...all('github_actions_secret'), ...all('github_actions_environment_secret')]
      .map((v) => ({ name: v.secret_name, repository: v.repository, ...environmentOf(v) })),
    dockerHubRepositories: all('docker_hub_repository').map((r) => `docker.io/${r.namespace}/${r.name}`),
    environments: all('github_repository_environment').map((e) => ({ name: e.environment, repository: e.repository })),
    deploymentTagPatterns: all('github_repository_environment_deployment_policy').map((p) => ({ environment: p.environment, tagPattern: p.tag_pattern })),
    rulesetTagRefs: all('github_repository_ruleset').flatMap((r) => r.conditions.ref_name.include),
  };
}

/** The environments the workflow's jobs run in, and its tag trigger. */
function workflowSettings(workflowYaml: string): { environments: string[]; jobsWithoutEnvironment: string[]; tagPatterns: string[] } {
  const wf = parse(workflowYaml);
  const jobs = Object.entries<any>(wf.jobs);
  return {
    environments: [...new Set(jobs.filter(([, j]) => j.environment).map(([, j]) => j.environment))],
    jobsWithoutEnvironment: jobs.filter(([, j]) => !j.environment).map(([id]) => id),
    tagPatterns: wf.on.push.tags,
  };
}

/** The image repositories the workflow pushes to and hands to the imager. */
function pushedRepositories(workflowYaml: string): { pushed: string[]; imager: string[] } {
  const wf = parse(workflowYaml);
  const steps = Object.values<any>(wf.jobs).flatMap((job) => job.steps);
  const pushed = steps.filter((s) => String(s.uses).startsWith('docker/build-push-action@'))
    .flatMap((s) => String(s.with.tags).split('\n'))
    .map((tag) => tag.replace(/:\$\{\{ github\.ref_name \}\}$/, ''));
  const imager = steps.filter((s) => s.env?.OVERLAY_REPOSITORY).map((s) => s.env.OVERLAY_REPOSITORY);
  return { pushed: [...new Set(pushed)], imager: [...new Set(imager)] };
}

describe('examples/nanopi-m6', () => {
  const fresh = synthBoth();

  test('the committed workflow is exactly what `npx projen example` generates (no drift)', () => {
    expect(readFileSync(join(EXAMPLE_DIR, WORKFLOW), 'utf8')).toBe(fresh.workflowYaml);
  });

  test('the committed Terraform JSON is exactly what the settings app generates (no drift)', () => {
    expect(readFileSync(join(EXAMPLE_DIR, STACK_JSON), 'utf8')).toBe(fresh.terraformJson);
  });

  test('the committed overlay profile is exactly what the declaration generates (no drift), and it pins bootloader: grub', () => {
    expect(readFileSync(join(EXAMPLE_DIR, PROFILE), 'utf8')).toBe(fresh.profileYaml);
    expect(parse(fresh.profileYaml)).toEqual({
      arch: 'arm64',
      platform: 'metal',
      secureboot: false,
      output: { kind: 'image', outFormat: '.xz', imageOptions: { diskSize: 1306525696, diskFormat: 'raw', bootloader: 'grub' } },
    });
  });

  test('the example workflow passes actionlint, @actions/workflow-parser and shellcheck', () => {
    expectValidWorkflow(readFileSync(join(EXAMPLE_DIR, WORKFLOW), 'utf8'), 'release.yaml');
  });

  test('the example matches the user\'s real setup', () => {
    const wf = parse(fresh.workflowYaml);
    expect(wf.on).toEqual({ push: { tags: ['v*-nanopi-m6'] } });
    expect(wf.env.TALOS_VERSION).toBe('v1.10.6');
    const imager = wf.jobs['image-nanopi-m6'].steps.find((s: any) => s.env?.PROFILE);
    expect(imager.env).toMatchObject({
      PROFILE: 'board-rk3588',
      ARCH: 'arm64',
      OVERLAY_NAME: 'rk3588',
      OVERLAY_OPTION_1: 'board=nanopi-m6',
      OVERLAY_OPTION_2: 'chipset=rk3588s',
      // pinned by the digest the release's extensions catalog lists (the resolve step, below)
      SYSTEM_EXTENSION_1: '${{ steps.resolve-extensions.outputs.system-extension-1 }}',
      IMAGER_OUTPUT: 'metal-arm64.raw.xz',
    });
    // the v1.10.6 build (siderolabs/extensions Pkgfile LINUX_FIRMWARE_VERSION @ v1.10.6)
    const resolve = wf.jobs['image-nanopi-m6'].steps.find((s: any) => s.id === 'resolve-extensions');
    expect(resolve.env).toMatchObject({ EXTENSION_COUNT: '1', EXTENSION_1: 'ghcr.io/siderolabs/realtek-firmware:20250708' });
    // the image is verified before upload: blobs the example declares, the raised partition offset, the DTB
    const verify = wf.jobs['image-nanopi-m6'].steps.find((s: any) => s.id === 'verify-image');
    expect(verify.env).toMatchObject({
      HOST_ARCH: 'arm64',
      FIRST_PARTITION_START_SECTOR: String(2048 * 13),
      RAW_WRITES: '32768 4161536 artifacts/arm64/u-boot/nanopi-m6/idbloader.img\n8388608 4194304 artifacts/arm64/u-boot/nanopi-m6/uboot.img',
      EFI_FILES: 'dtb/rockchip/rk3588s-nanopi-m6.dtb',
    });
    const steps = wf.jobs['image-nanopi-m6'].steps.map((s: any) => s.id);
    expect(steps.indexOf('verify-image')).toBeGreaterThan(steps.indexOf('imager'));
    expect(steps.indexOf('verify-image')).toBeLessThan(steps.indexOf('upload'));
    const push = wf.jobs.overlay.steps.find((s: any) => s.id === 'push');
    expect(push.with.tags).toBe('docker.io/123417/talos-sbc-nanopi-m6:${{ github.ref_name }}');
    expect(push.with.target).toBe('talos-sbc-rk3588-mainline');
    expect(push.with.file).toBe('Pkgfile');
  });

  test('the example runs on real runners: native arm64 build and imager, SOURCE_DATE_EPOCH from the first commit, arm64 only, re-runnable', () => {
    const wf = parse(fresh.workflowYaml);
    const overlay = wf.jobs.overlay;
    // the repository pins its kernel, u-boot and installer stages to linux/arm64 and pushes arm64 only
    expect(overlay['runs-on']).toBe('ubuntu-24.04-arm');
    expect(overlay.steps.map((s: any) => s.id)).not.toContain('setup-qemu');
    const push = overlay.steps.find((s: any) => s.id === 'push');
    expect(push.with.platforms).toBe('linux/arm64');
    // every build arg the repository reads, SOURCE_DATE_EPOCH as its Makefile computes it (first commit, full history)
    expect(push.with['build-args'].split('\n')).toEqual([
      'PKGS_PREFIX=ghcr.io/siderolabs', 'PKGS=v1.7.0', 'KERNEL_VARIANT=mainline', 'SOURCE_DATE_EPOCH=${{ steps.source-date-epoch.outputs.epoch }}',
    ]);
    expect(overlay.steps.find((s: any) => s.id === 'checkout').with['fetch-depth']).toBe(0);
    expect(overlay.steps.find((s: any) => s.id === 'source-date-epoch').run).toContain('git rev-list --max-parents=0 HEAD | head -n 1');
    // the imager host runs the overlay's arm64 installer natively
    const leg = wf.jobs['image-nanopi-m6'];
    expect(leg['runs-on']).toBe('ubuntu-24.04-arm');
    expect(leg.steps.map((s: any) => s.id)).not.toContain('setup-qemu');
    expect(leg.steps.find((s: any) => s.id === 'upload').with.overwrite).toBe(true);
    expect(leg.if).toBe('needs.plan.outputs.release-nanopi-m6 == \'true\'');
  });

  describe('one declaration, two trees (the bridge)', () => {
    test('every vars.X / secrets.X the workflow reads is created by Terraform for the same repository', () => {
      const refs = referencedNames(fresh.workflowYaml);
      const tf = managed(fresh.terraformJson);
      expect(refs).toEqual({ variables: ['DOCKERHUB_USERNAME'], secrets: ['DOCKERHUB_TOKEN'] });
      // the jobs that read them run in the release environment, which holds them
      const environment = workflowSettings(fresh.workflowYaml).environments[0];
      for (const name of refs.variables) {
        expect(tf.variables).toContainEqual({ name, repository: NANOPI_M6.githubRepository, environment });
      }
      for (const name of refs.secrets) {
        expect(tf.secrets).toContainEqual({ name, repository: NANOPI_M6.githubRepository, environment });
      }
    });

    test('the publishing jobs run in the environment Terraform creates, and only release tags may deploy to it', () => {
      const wf = workflowSettings(fresh.workflowYaml);
      const tf = managed(fresh.terraformJson);
      expect(wf.environments).toEqual(['release']);
      // the plan job reads no secret and publishes nothing
      expect(wf.jobsWithoutEnvironment).toEqual(['plan']);
      expect(tf.environments).toEqual([{ name: 'release', repository: 'nanopi-m6' }]);
      expect(tf.deploymentTagPatterns).toEqual(wf.tagPatterns.map((tagPattern) => ({ environment: 'release', tagPattern })));
      expect(tf.rulesetTagRefs).toEqual(wf.tagPatterns.map((p) => `refs/tags/${p}`));
      expect(wf.tagPatterns).toEqual(['v*-nanopi-m6']);
    });

    test('the image the workflow pushes (and the imager reads) is the Docker Hub repository Terraform manages', () => {
      const { pushed, imager } = pushedRepositories(fresh.workflowYaml);
      const tf = managed(fresh.terraformJson);
      expect(pushed).toEqual(['docker.io/123417/talos-sbc-nanopi-m6']);
      expect(imager).toEqual(pushed);
      expect(tf.dockerHubRepositories).toEqual(pushed);
    });

    /** What both trees say about each declared value. */
    function bothSay(both: BothSides) {
      const tf = managed(both.terraformJson);
      const wf = workflowSettings(both.workflowYaml);
      const refs = referencedNames(both.workflowYaml);
      return {
        workflow: {
          repositoryVariables: refs.variables,
          repositorySecrets: refs.secrets,
          image: pushedRepositories(both.workflowYaml).pushed,
          environments: wf.environments,
          tagPatterns: wf.tagPatterns,
        },
        terraform: {
          repositoryVariables: tf.variables.map((v) => v.name),
          repositorySecrets: tf.secrets.map((v) => v.name),
          image: tf.dockerHubRepositories,
          environments: tf.environments.map((e) => e.name),
          tagPatterns: tf.deploymentTagPatterns.map((p) => p.tagPattern),
          rulesetTagPatterns: tf.rulesetTagRefs.map((r) => r.replace(/^refs\/tags\//, '')),
          githubRepositories: [...new Set([...tf.variables, ...tf.secrets, ...tf.environments].map((r) => r.repository))],
        },
      };
    }

    const BASE = NANOPI_M6;
    test.each([
      ['overlay image', { dockerHubNamespace: 'acme4242', overlayImageName: 'talos-overlay' }],
      ['user name variable', { usernameVariable: 'HUB_USER' }],
      ['token secret', { tokenSecret: 'HUB_PUSH_TOKEN' }],
      ['environment name', { releaseEnvironment: 'publish' }],
      ['tag pattern', { tagPattern: 'release-*-m6' }],
      ['GitHub repository', { githubRepository: 'talos-overlays' }],
    ] as Array<[string, Partial<TalosOverlayProjectOptions>]>)('changing the %s once changes both outputs, and they still agree', (_what, change) => {
      const before = bothSay(synthBoth());
      const after = bothSay(synthBoth({ ...BASE, ...change }));
      expect(after).not.toEqual(before);
      // the two sides agree after the change
      expect(after.terraform.repositoryVariables).toEqual(after.workflow.repositoryVariables);
      expect(after.terraform.repositorySecrets).toEqual(after.workflow.repositorySecrets);
      expect(after.terraform.image).toEqual(after.workflow.image);
      expect(after.terraform.environments).toEqual(after.workflow.environments);
      expect(after.terraform.tagPatterns).toEqual(after.workflow.tagPatterns);
      expect(after.terraform.rulesetTagPatterns).toEqual(after.workflow.tagPatterns);
      expect(after.terraform.githubRepositories).toEqual([change.githubRepository ?? BASE.githubRepository]);
      // and each side changed where the value appears on it
      if (change.githubRepository === undefined) {
        expect(after.workflow).not.toEqual(before.workflow);
      }
      expect(after.terraform).not.toEqual(before.terraform);
    });

    test('renaming a value in the declaration changes both outputs', () => {
      const renamed: TalosOverlayProjectOptions = {
        ...NANOPI_M6,
        githubRepository: 'talos-overlays',
        dockerHubNamespace: 'acme4242',
        overlayImageName: 'talos-overlay',
        usernameVariable: 'HUB_USER',
        tokenSecret: 'HUB_PUSH_TOKEN',
        releaseEnvironment: 'publish',
        tagPattern: 'release-*-m6',
      };
      const both = synthBoth(renamed);
      const refs = referencedNames(both.workflowYaml);
      const tf = managed(both.terraformJson);
      const wf = workflowSettings(both.workflowYaml);
      expect(refs).toEqual({ variables: ['HUB_USER'], secrets: ['HUB_PUSH_TOKEN'] });
      expect(tf.variables).toEqual([{ name: 'HUB_USER', repository: 'talos-overlays', environment: 'publish' }]);
      expect(tf.secrets).toEqual([{ name: 'HUB_PUSH_TOKEN', repository: 'talos-overlays', environment: 'publish' }]);
      expect(pushedRepositories(both.workflowYaml).pushed).toEqual(['docker.io/acme4242/talos-overlay']);
      expect(tf.dockerHubRepositories).toEqual(['docker.io/acme4242/talos-overlay']);
      expect(wf).toEqual({ environments: ['publish'], jobsWithoutEnvironment: ['plan'], tagPatterns: ['release-*-m6'] });
      expect(tf.environments).toEqual([{ name: 'publish', repository: 'talos-overlays' }]);
      expect(tf.deploymentTagPatterns).toEqual([{ environment: 'publish', tagPattern: 'release-*-m6' }]);
      expect(tf.rulesetTagRefs).toEqual(['refs/tags/release-*-m6']);
    });
  });

  test('the Terraform JSON holds the repository (prevent_destroy), the environment with its tag policy, the variable, the environment secret and the tag ruleset, with no secret literal', () => {
    const sentinel = 'dckr_pat_SENTINEL_must_never_be_synthesised';
    const before = process.env.TF_VAR_dockerhub_token;
    process.env.TF_VAR_dockerhub_token = sentinel;
    try {
      const json = synthBoth().terraformJson;
      expect(json).not.toContain(sentinel);
      const tf = JSON.parse(json);
      const [repo] = Object.values<any>(tf.resource.docker_hub_repository);
      expect(repo).toMatchObject({ namespace: '123417', name: 'talos-sbc-nanopi-m6', private: false, lifecycle: { prevent_destroy: true } });
      const [variable] = Object.values<any>(tf.resource.github_actions_environment_variable);
      expect(variable).toMatchObject({ variable_name: 'DOCKERHUB_USERNAME', value: '123417', repository: 'nanopi-m6', environment: 'release' });
      const [secret] = Object.values<any>(tf.resource.github_actions_environment_secret);
      expect(secret).toMatchObject({ secret_name: 'DOCKERHUB_TOKEN', value: '${var.dockerhub_token}', repository: 'nanopi-m6', environment: 'release' });
      expect(tf.resource.github_actions_secret).toBeUndefined();
      const [environment] = Object.values<any>(tf.resource.github_repository_environment);
      expect(environment).toMatchObject({ environment: 'release', deployment_branch_policy: { protected_branches: false, custom_branch_policies: true } });
      const [policy] = Object.values<any>(tf.resource.github_repository_environment_deployment_policy);
      expect(policy).toMatchObject({ environment: 'release', tag_pattern: 'v*-nanopi-m6' });
      const [ruleset] = Object.values<any>(tf.resource.github_repository_ruleset);
      expect(ruleset).toMatchObject({ target: 'tag', enforcement: 'active', rules: { deletion: true, update: true, non_fast_forward: true } });
      const [permissions] = Object.values<any>(tf.resource.github_actions_repository_permissions);
      expect(permissions).toMatchObject({ sha_pinning_required: true });
      expect(tf.terraform.required_providers.github.version).toBe('~> 6.12.0');
      expect(tf.variable.dockerhub_token).toMatchObject({ sensitive: true, type: 'string' });
      expect(tf.terraform.backend.local.path).toBe('../../../terraform-state/settings.tfstate');
      expect(tf.provider).toEqual({ docker: [{}], github: [{}] }); // credentials only from the environment
    } finally {
      if (before === undefined) {
        delete process.env.TF_VAR_dockerhub_token;
      } else {
        process.env.TF_VAR_dockerhub_token = before;
      }
    }
  });

  test('cdktf.json runs the settings app (for `cdktf deploy`)', () => {
    const config = JSON.parse(readFileSync(join(EXAMPLE_DIR, 'cdktf.json'), 'utf8'));
    expect(config).toMatchObject({ language: 'typescript', output: 'cdktf.out' });
    expect(config.app).toBe('npx ts-node --project tsconfig.projen.json projenrc/settings-app.ts');
  });
});

describe('the examples are projects of the library\'s own type, with no glue', () => {
  const tracked = (example: string) => execFileSync('git', ['ls-files', '--', `examples/${example}`], { cwd: REPO, encoding: 'utf8' })
    .split('\n').filter((f) => f !== '').map((f) => f.slice(`examples/${example}/`.length));

  test.each([
    ['nanopi-m6', ['.github/workflows/release.yaml']],
    ['multi-board', ['.github/workflows/release-v1.10.yaml', '.github/workflows/release-v1.12.yaml']],
  ])('examples/%s: .projenrc.ts is the only hand-written source; the generated outputs stay tracked although its .gitignore ignores cdktf.out/', (example, workflows) => {
    const files = tracked(example);
    // the declaration is the only TypeScript a person wrote; projenrc/settings-app.ts is generated
    expect(files.filter((f) => f.endsWith('.ts'))).toEqual(['.projenrc.ts', 'projenrc/settings-app.ts']);
    expect(readFileSync(join(exampleDir(example), 'projenrc/settings-app.ts'), 'utf8')).toMatch(/^\/\/ ~~ Generated by talos-sbc-constructs/);
    // the drift check (git status in .ci/run) covers every output, because each is tracked
    for (const output of [...workflows, 'profiles/rk3588/board-rk3588.yaml', 'cdktf.json', 'cdktf.out/stacks/settings/cdk.tf.json']) {
      expect(files).toContain(output);
    }
    // the generated .gitignore ignores cdktf.out/ (as in a user's repository): the stack is tracked by `git add -f`
    const ignored = execFileSync('git', ['check-ignore', '--no-index', '-v', `examples/${example}/cdktf.out/stacks/settings/cdk.tf.json`], { cwd: REPO, encoding: 'utf8' });
    expect(ignored).toContain(`examples/${example}/.gitignore`);
  });
});

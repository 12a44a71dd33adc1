import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';
import { NANOPI_M6_PIPELINE, PipelineDeclaration } from '../../examples/nanopi-m6/pipeline';
import { STACK_NAME, createSettingsApp } from '../../examples/nanopi-m6/settings';
import { createProject } from '../../examples/nanopi-m6/workflows';
import { ImageRepository, RegistryCredentials } from '../../src';
import { expectValidWorkflow } from '../support/workflow-validators';

const EXAMPLE_DIR = join(__dirname, '..', '..', 'examples', 'nanopi-m6');
const WORKFLOW = '.github/workflows/release.yaml';
const STACK_JSON = `cdktf.out/stacks/${STACK_NAME}/cdk.tf.json`;

interface BothSides {
  readonly workflowYaml: string;
  readonly terraformJson: string;
}

/** Synthesises both sides of a declaration into fresh temporary folders. */
function synthBoth(pipeline: PipelineDeclaration = NANOPI_M6_PIPELINE): BothSides {
  const projectDir = mkdtempSync(join(tmpdir(), 'nanopi-m6-workflow-'));
  createProject(projectDir, pipeline).synth();
  const settingsDir = mkdtempSync(join(tmpdir(), 'nanopi-m6-settings-'));
  createSettingsApp(join(settingsDir, 'cdktf.out'), pipeline).synth();
  return {
    workflowYaml: readFileSync(join(projectDir, WORKFLOW), 'utf8'),
    terraformJson: readFileSync(join(settingsDir, STACK_JSON), 'utf8'),
  };
}

/** Every `vars.X` and `secrets.X` the workflow reads, except the automatic GITHUB_TOKEN. */
function referencedNames(workflowYaml: string): { variables: string[]; secrets: string[] } {
  const names = (kind: string) => [...new Set([...workflowYaml.matchAll(new RegExp(`\\b${kind}\\.([A-Za-z_][A-Za-z0-9_]*)`, 'g'))].map((m) => m[1]))]
    .filter((n) => n !== 'GITHUB_TOKEN')
    .sort();
  return { variables: names('vars'), secrets: names('secrets') };
}

/** What the Terraform stack creates in GitHub and Docker Hub. */
function managed(terraformJson: string) {
  const tf = JSON.parse(terraformJson);
  const variables = Object.values<any>(tf.resource.github_actions_variable ?? {});
  const secrets = Object.values<any>(tf.resource.github_actions_secret ?? {});
  const repos = Object.values<any>(tf.resource.docker_hub_repository ?? {});
  return {
    variables: variables.map((v) => ({ name: v.variable_name, repository: v.repository })),
    secrets: secrets.map((s) => ({ name: s.secret_name, repository: s.repository })),
    dockerHubRepositories: repos.map((r) => `docker.io/${r.namespace}/${r.name}`),
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
      SYSTEM_EXTENSION_1: 'ghcr.io/siderolabs/realtek-firmware:20240513@sha256:4ca40c2836c1cdb5105456186afd880925d72e81ee6b0ff69a40c9c05b7b74a4',
      IMAGER_OUTPUT: 'metal-arm64.raw.xz',
    });
    const push = wf.jobs.overlay.steps.find((s: any) => s.id === 'push');
    expect(push.with.tags).toBe('docker.io/123417/talos-sbc-nanopi-m6:${{ github.ref_name }}');
    expect(push.with.target).toBe('talos-sbc-rk3588-mainline');
    expect(push.with.file).toBe('Pkgfile');
  });

  describe('one declaration, two trees (the bridge)', () => {
    test('every vars.X / secrets.X the workflow reads is created by Terraform for the same repository', () => {
      const refs = referencedNames(fresh.workflowYaml);
      const tf = managed(fresh.terraformJson);
      expect(refs).toEqual({ variables: ['DOCKERHUB_USERNAME'], secrets: ['DOCKERHUB_TOKEN'] });
      for (const name of refs.variables) {
        expect(tf.variables).toContainEqual({ name, repository: NANOPI_M6_PIPELINE.githubRepository });
      }
      for (const name of refs.secrets) {
        expect(tf.secrets).toContainEqual({ name, repository: NANOPI_M6_PIPELINE.githubRepository });
      }
    });

    test('the image the workflow pushes (and the imager reads) is the Docker Hub repository Terraform manages', () => {
      const { pushed, imager } = pushedRepositories(fresh.workflowYaml);
      const tf = managed(fresh.terraformJson);
      expect(pushed).toEqual(['docker.io/123417/talos-sbc-nanopi-m6']);
      expect(imager).toEqual(pushed);
      expect(tf.dockerHubRepositories).toEqual(pushed);
    });

    test('renaming a value in the declaration changes both outputs', () => {
      const renamed: PipelineDeclaration = {
        ...NANOPI_M6_PIPELINE,
        githubRepository: 'talos-overlays',
        overlayImage: ImageRepository.dockerHub('acme4242', 'talos-overlay'),
        registryCredentials: RegistryCredentials.dockerHub({ usernameVariable: 'HUB_USER', tokenSecret: 'HUB_PUSH_TOKEN' }),
      };
      const both = synthBoth(renamed);
      const refs = referencedNames(both.workflowYaml);
      const tf = managed(both.terraformJson);
      expect(refs).toEqual({ variables: ['HUB_USER'], secrets: ['HUB_PUSH_TOKEN'] });
      expect(tf.variables).toEqual([{ name: 'HUB_USER', repository: 'talos-overlays' }]);
      expect(tf.secrets).toEqual([{ name: 'HUB_PUSH_TOKEN', repository: 'talos-overlays' }]);
      expect(pushedRepositories(both.workflowYaml).pushed).toEqual(['docker.io/acme4242/talos-overlay']);
      expect(tf.dockerHubRepositories).toEqual(['docker.io/acme4242/talos-overlay']);
    });
  });

  test('the Terraform JSON holds the repository (prevent_destroy), the variable and the secret, with no secret literal', () => {
    const sentinel = 'dckr_pat_SENTINEL_must_never_be_synthesised';
    const before = process.env.TF_VAR_dockerhub_token;
    process.env.TF_VAR_dockerhub_token = sentinel;
    try {
      const json = synthBoth().terraformJson;
      expect(json).not.toContain(sentinel);
      const tf = JSON.parse(json);
      const [repo] = Object.values<any>(tf.resource.docker_hub_repository);
      expect(repo).toMatchObject({ namespace: '123417', name: 'talos-sbc-nanopi-m6', private: false, lifecycle: { prevent_destroy: true } });
      const [variable] = Object.values<any>(tf.resource.github_actions_variable);
      expect(variable).toMatchObject({ variable_name: 'DOCKERHUB_USERNAME', value: '123417', repository: 'nanopi-m6' });
      const [secret] = Object.values<any>(tf.resource.github_actions_secret);
      expect(secret).toMatchObject({ secret_name: 'DOCKERHUB_TOKEN', plaintext_value: '${var.dockerhub_token}', repository: 'nanopi-m6' });
      expect(tf.variable.dockerhub_token).toMatchObject({ sensitive: true, type: 'string' });
      expect(tf.terraform.backend.local.path).toBe('terraform.nanopi-m6-settings.tfstate');
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
    expect(config.app).toContain('main.ts');
  });
});

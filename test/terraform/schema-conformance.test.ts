import { readFileSync } from 'fs';
import { join } from 'path';
import { Testing } from 'cdktf';
import { SettingsStack } from '../../src/terraform';
import { DOCKER_HUB_PROVIDER_VERSION_CONSTRAINT } from '../../src/terraform/docker-provider';
import { PROVIDER_SCHEMAS, providerSchemaViolations } from '../support/provider-schema';

const EXAMPLE_JSON = join(__dirname, '..', '..', 'examples', 'nanopi-m6', 'cdktf.out', 'stacks', 'settings', 'cdk.tf.json');
const [DOCKER, GITHUB] = PROVIDER_SCHEMAS;

/** A minimal document with one resource of `type`, configured by `body`, for the providers' pinned constraints. */
function documentWith(section: 'resource' | 'data', type: string, body: object): any {
  return {
    terraform: {
      required_providers: {
        docker: { source: 'docker/docker', version: DOCKER.versionConstraint },
        github: { source: 'integrations/github', version: GITHUB.versionConstraint },
      },
    },
    [section]: { [type]: { r: body } },
  };
}

describe('provider-schema conformance (src/terraform/schemas, read in the provider source at the pinned tags)', () => {
  test('the example\'s committed cdk.tf.json conforms', () => {
    expect(providerSchemaViolations(JSON.parse(readFileSync(EXAMPLE_JSON, 'utf8')))).toEqual([]);
  });

  test('the schemas describe the provider versions the constructs pin', () => {
    expect(DOCKER.source).toBe('docker/docker');
    expect(DOCKER.versionConstraint).toBe(DOCKER_HUB_PROVIDER_VERSION_CONSTRAINT);
    expect(DOCKER.tag).toBe('v0.6.0');
    expect(GITHUB.source).toBe('integrations/github');
    expect(GITHUB.versionConstraint).toBe(new SettingsStack(Testing.app(), 'settings').githubProviderVersionConstraint);
    expect(GITHUB.tag).toMatch(/^v6\.12\.\d+$/);
  });

  test('every entry cites file:line@tag at the schema\'s tag', () => {
    const cites: string[] = [];
    const walk = (attributes: any) => {
      for (const a of Object.values<any>(attributes ?? {})) {
        cites.push(a.cite);
        walk(a.block);
        walk(a.attributes);
      }
    };
    for (const schema of PROVIDER_SCHEMAS) {
      for (const entry of [schema.provider, ...Object.values(schema.resources), ...Object.values(schema.dataSources)] as any[]) {
        cites.push(entry.cite);
        walk(entry.attributes);
      }
      for (const cite of cites.splice(0)) {
        expect(cite).toMatch(new RegExp(`^[A-Za-z0-9_./-]+\\.go:[1-9][0-9]*@${schema.tag.replace(/\./g, '\\.')}$`));
      }
    }
  });

  describe('the checker fails where the provider or Terraform would', () => {
    test('the old docker_hub_repository output: "" read back as null, and ~> 0.6 admitting 0.7', () => {
      const doc = documentWith('resource', 'docker_hub_repository', {
        namespace: '123417',
        name: 'talos-sbc-nanopi-m6',
        description: '',
        full_description: '',
        private: false,
        immutable_tags_settings: { enabled: false, rules: [] },
      });
      doc.terraform.required_providers.docker.version = '~> 0.6';
      expect(providerSchemaViolations(doc)).toEqual([
        'terraform.required_providers.docker.version: "~> 0.6" is not the constraint the schema was read for ("~> 0.6.0", docker/docker @ v0.6.0)',
        'resource.docker_hub_repository.r.description: "" is read back as null by the provider, so the apply fails ("Provider produced inconsistent result"); leave it out (internal/provider/resource_repository.go:245@v0.6.0)',
        'resource.docker_hub_repository.r.full_description: "" is read back as null by the provider, so the apply fails ("Provider produced inconsistent result"); leave it out (internal/provider/resource_repository.go:246@v0.6.0)',
      ]);
    });

    test('the old github_actions_secret output: deprecated plaintext_value / encrypted_value', () => {
      expect(providerSchemaViolations(documentWith('resource', 'github_actions_secret', {
        repository: 'r', secret_name: 'S', plaintext_value: '${var.s}',
      }))).toEqual([
        'resource.github_actions_secret.r.plaintext_value: deprecated: Use value. (github/resource_github_actions_secret.go:85@v6.12.1)',
      ]);
      expect(providerSchemaViolations(documentWith('resource', 'github_actions_environment_secret', {
        repository: 'r', environment: 'release', secret_name: 'S', encrypted_value: 'abc',
      }))).toEqual([
        'resource.github_actions_environment_secret.r.encrypted_value: deprecated: Use value_encrypted and key_id. (github/resource_github_actions_environment_secret.go:76@v6.12.1)',
      ]);
    });

    test('unknown, computed-only, missing required, wrong type, enum, ExactlyOneOf, RequiredWith', () => {
      expect(providerSchemaViolations(documentWith('resource', 'github_actions_secret', {
        repository: 'r', secret_name: 7, repository_id: 1, colour: 'red', key_id: '1', value: 'x',
      }))).toEqual([
        'resource.github_actions_secret.r.secret_name: expected string, got 7 (github/resource_github_actions_secret.go:46@v6.12.1)',
        'resource.github_actions_secret.r.repository_id: computed-only attribute cannot be set (github/resource_github_actions_secret.go:41@v6.12.1)',
        'resource.github_actions_secret.r.colour: unknown attribute',
        'resource.github_actions_secret.r.key_id: conflicts with value (github/resource_github_actions_secret.go:53@v6.12.1)',
        'resource.github_actions_secret.r.key_id: requires value_encrypted (github/resource_github_actions_secret.go:53@v6.12.1)',
      ]);
      expect(providerSchemaViolations(documentWith('resource', 'github_actions_secret', { secret_name: 'S' }))).toEqual([
        'resource.github_actions_secret.r.repository: required attribute missing (github/resource_github_actions_secret.go:36@v6.12.1)',
        'resource.github_actions_secret.r: exactly one of value, value_encrypted, encrypted_value, plaintext_value must be set, got none (github/resource_github_actions_secret.go:61@v6.12.1)',
      ]);
      expect(providerSchemaViolations(documentWith('resource', 'github_actions_repository_permissions', {
        repository: 'r', allowed_actions: 'some', allowed_actions_config: { github_owned_allowed: 'yes' },
      }))).toEqual([
        'resource.github_actions_repository_permissions.r.allowed_actions: "some" is not one of all, local_only, selected (github/resource_github_actions_repository_permissions.go:23@v6.12.1)',
        'resource.github_actions_repository_permissions.r.allowed_actions_config[0].github_owned_allowed: expected bool, got "yes" (github/resource_github_actions_repository_permissions.go:36@v6.12.1)',
      ]);
    });

    test('a resource type no schema describes', () => {
      expect(providerSchemaViolations(documentWith('data', 'github_repository', { name: 'r' }))).toEqual([
        'data.github_repository: no provider schema describes this type',
      ]);
    });
  });
});

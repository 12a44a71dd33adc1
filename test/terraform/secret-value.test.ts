import 'cdktf/lib/testing/adapters/jest';
import { ActionsEnvironmentSecret } from '@cdktf/provider-github/lib/actions-environment-secret';
import { ActionsSecret } from '@cdktf/provider-github/lib/actions-secret';
import { DataGithubActionsEnvironmentPublicKey } from '@cdktf/provider-github/lib/data-github-actions-environment-public-key';
import { DataGithubActionsPublicKey } from '@cdktf/provider-github/lib/data-github-actions-public-key';
import { Testing } from 'cdktf';
import { RegistryCredentials } from '../../src/image';
import { ReleaseEnvironment, RepoSecrets, SecretValue } from '../../src/terraform';
import { errorOf as messageOf } from '../support/errors';
import { newStack, synthConforming } from '../support/terraform';

Testing.setupJest();

/** A well-formed sealed box (60 bytes: 48 bytes of overhead and a 12-byte value); fixed so snapshots are stable. */
const CIPHERTEXT = Buffer.alloc(60, 7).toString('base64');
const KEY_ID = '568250167242549743';

const props = { githubRepository: 'talos-sbc-nanopi-m6', credentials: RegistryCredentials.dockerHub(), usernameValue: '123417' };

describe('SecretValue', () => {
  test('fromSealedBox: value_encrypted with its own key_id (provider 6.12), no variable, and a plan-time check of the public key id', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    new RepoSecrets(stack, 'Secrets', { ...props, tokenValue: SecretValue.fromSealedBox(CIPHERTEXT, KEY_ID) });

    // THEN
    const synthesized = synthConforming(stack);
    expect(synthesized).toMatchSnapshot();
    expect(synthesized).toHaveResourceWithProperties(ActionsSecret, {
      repository: 'talos-sbc-nanopi-m6',
      secret_name: 'DOCKERHUB_TOKEN',
      value_encrypted: CIPHERTEXT,
      // from provider 6.11 Update sends key_id from configuration or state (resource_github_actions_secret.go:260-272
      // @ v6.12.1): the sealed box's own key id is written, so a value re-sealed after key rotation is sent with its key
      key_id: KEY_ID,
      lifecycle: {
        precondition: [{
          condition: `\${(data.github_actions_public_key.Secrets_PublicKey_50CB2E2B.key_id == "${KEY_ID}")}`,
          error_message: `The sealed value of the Actions secret DOCKERHUB_TOKEN was made against the public key ${KEY_ID}, `
            + 'which is no longer the repository\'s current key: seal the value again (talos-sbc-seal) and update SecretValue.fromSealedBox().',
        }],
      },
    });
    expect(synthesized).toHaveDataSourceWithProperties(DataGithubActionsPublicKey, { repository: 'talos-sbc-nanopi-m6', provider: 'github' });
    const json = JSON.parse(synthesized);
    expect(json.variable).toBeUndefined();
    const [secret] = Object.values(json.resource.github_actions_secret) as any[];
    expect(Object.keys(secret).filter((k) => /value|key_id/.test(k)).sort()).toEqual(['key_id', 'value_encrypted']);
    expect(json.terraform.required_providers.github.version).toBe('~> 6.12.0'); // value_encrypted / key_id are settable from 6.12
  });

  test('fromSealedBox in an environment: checked against the environment\'s key, one data source per scope', () => {
    const stack = newStack();
    const release = new ReleaseEnvironment(stack, 'Release', { githubRepository: 'talos-sbc-nanopi-m6', tagPatterns: ['v*-nanopi-m6'] });

    new RepoSecrets(stack, 'Secrets', {
      ...props,
      environment: release,
      tokenValue: SecretValue.fromSealedBox(CIPHERTEXT, KEY_ID),
      environmentSecrets: { COSIGN_KEY: SecretValue.fromSealedBox(CIPHERTEXT, KEY_ID) },
      secrets: { SLACK_WEBHOOK: SecretValue.fromSealedBox(CIPHERTEXT, '1') },
    });

    const synthesized = synthConforming(stack);
    expect(synthesized).toHaveResourceWithProperties(ActionsEnvironmentSecret, {
      environment: 'release',
      secret_name: 'DOCKERHUB_TOKEN',
      value_encrypted: CIPHERTEXT,
      key_id: KEY_ID,
      depends_on: ['github_repository_environment.Release_6218179A'],
    });
    expect(synthesized).toHaveDataSourceWithProperties(DataGithubActionsEnvironmentPublicKey, {
      repository: 'talos-sbc-nanopi-m6',
      environment: 'release',
      depends_on: ['github_repository_environment.Release_6218179A'],
    });
    const json = JSON.parse(synthesized);
    expect(Object.keys(json.data.github_actions_environment_public_key)).toHaveLength(1);
    expect(Object.keys(json.data.github_actions_public_key)).toHaveLength(1);
    const conditions = [
      ...Object.values(json.resource.github_actions_environment_secret),
      ...Object.values(json.resource.github_actions_secret),
    ].map((r: any) => r.lifecycle.precondition[0].condition);
    expect(conditions).toEqual([
      `\${(data.github_actions_environment_public_key.Secrets_EnvironmentPublicKey_642D10BA.key_id == "${KEY_ID}")}`,
      `\${(data.github_actions_environment_public_key.Secrets_EnvironmentPublicKey_642D10BA.key_id == "${KEY_ID}")}`,
      '${(data.github_actions_public_key.Secrets_PublicKey_50CB2E2B.key_id == "1")}',
    ]);
  });

  test('accessors', () => {
    const sealed = SecretValue.fromSealedBox(CIPHERTEXT, KEY_ID);
    expect(sealed.isManagedByTerraform).toBe(true);
    expect(sealed.sealedKeyId).toBe(KEY_ID);
    expect(sealed.terraformVariableName('DOCKERHUB_TOKEN')).toBeUndefined();
    expect(SecretValue.fromTerraformVariable().sealedKeyId).toBeUndefined();
    expect(SecretValue.unmanaged().sealedKeyId).toBeUndefined();
  });

  describe('rejects a bad sealed box without echoing it', () => {
    test('a value that is not base64 (e.g. a pasted token)', () => {
      const pasted = 'dckr_pat_Zz9-not-sealed';
      const message = messageOf(() => new RepoSecrets(newStack(), 'Secrets', { ...props, tokenValue: SecretValue.fromSealedBox(pasted, KEY_ID) }));
      expect(message).toBe(
        '[talos-sbc-constructs] RepoSecrets at "settings/Secrets" is invalid:\n'
        + '  - tokenValue.ciphertext = "<23 characters, not shown>": a sealed box must be standard base64 (A-Z a-z 0-9 + /, padded with =). '
        + 'Fix: pass the output of talos-sbc-seal (or of libsodium crypto_box_seal, base64-encoded) unchanged, without line breaks',
      );
      expect(message).not.toContain(pasted);
    });

    test('base64 too short to be a sealed box, and a bad key id', () => {
      const short = Buffer.from('hunter2').toString('base64');
      expect(messageOf(() => new RepoSecrets(newStack(), 'Secrets', {
        ...props,
        secrets: { COSIGN_KEY: SecretValue.fromSealedBox(short, 'key id 1') },
      }))).toBe([
        '[talos-sbc-constructs] RepoSecrets at "settings/Secrets" is invalid:',
        '  - secrets.COSIGN_KEY.ciphertext = "<12 characters, not shown>": a sealed box is at least 48 bytes (32-byte ephemeral key and 16-byte MAC) but this decodes to 7. '
        + 'Fix: seal the secret value with talos-sbc-seal and pass its output, not the value itself',
        '  - secrets.COSIGN_KEY.keyId = "key id 1": an Actions public key id must match ^[A-Za-z0-9_-]{1,64}$. '
        + 'Fix: pass key_id from GET /repos/{owner}/{repo}/actions/secrets/public-key (e.g. "568250167242549743")',
      ].join('\n'));
    });

    test('an empty ciphertext and an empty key id', () => {
      expect(messageOf(() => new RepoSecrets(newStack(), 'Secrets', { ...props, tokenValue: SecretValue.fromSealedBox('', '') }))).toBe([
        '[talos-sbc-constructs] RepoSecrets at "settings/Secrets" is invalid:',
        '  - tokenValue.ciphertext = "<0 characters, not shown>": a sealed box must be standard base64 (A-Z a-z 0-9 + /, padded with =). '
        + 'Fix: pass the output of talos-sbc-seal (or of libsodium crypto_box_seal, base64-encoded) unchanged, without line breaks',
        '  - tokenValue.keyId = "": an Actions public key id must match ^[A-Za-z0-9_-]{1,64}$. '
        + 'Fix: pass key_id from GET /repos/{owner}/{repo}/actions/secrets/public-key (e.g. "568250167242549743")',
      ].join('\n'));
    });
  });
});

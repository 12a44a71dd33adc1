import { IConstruct } from 'constructs';
import { TerraformStack, TerraformVariable } from './core';
import { checkNotPrototypeKey } from './github-names';
import { describeType } from '../private/text';
import { checkOptionalString, checkString } from '../private/types';
import { Problems } from '../private/validation';

/** Terraform identifiers usable as a `TF_VAR_<name>` environment variable. */
const TERRAFORM_VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Names Terraform reserves for variables. */
const RESERVED_VARIABLE_NAMES = ['source', 'version', 'providers', 'count', 'for_each', 'lifecycle', 'depends_on', 'locals'];

/** Standard base64 (RFC 4648 alphabet, padded), as GitHub's REST API and libsodium's ORIGINAL variant use. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A sealed box is the 32-byte ephemeral public key, the 16-byte MAC, then the message. */
const SEALED_BOX_OVERHEAD = 48;

/** GitHub Actions public key ids (numeric strings such as `568250167242549743`). */
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** How a secret's value reaches GitHub. */
enum SecretValueKind {
  TERRAFORM_VARIABLE = 'terraform-variable',
  SEALED_BOX = 'sealed-box',
  UNMANAGED = 'unmanaged',
}

/**
 * What a bound `SecretValue` writes into a `github_actions_secret` or
 * `github_actions_environment_secret` (internal), with the github provider 6.12 attribute names
 * (integrations/terraform-provider-github github/resource_github_actions_secret.go:53-75 @ v6.12.1).
 *
 * `value` is always a token (a variable reference), never a literal; `valueEncrypted` is a sealed
 * box that only GitHub can open, written with the `keyId` it was sealed against.
 */
export interface SecretValueBinding {
  /** Value for `value`: a `${var.…}` reference. */
  readonly value?: string;
  /** Value for `value_encrypted`: a sealed-box ciphertext (base64). */
  readonly valueEncrypted?: string;
  /**
   * Value for `key_id`: the id of the Actions public key `valueEncrypted` was sealed against. From
   * provider v6.11.0 Update sends the `key_id` of the configuration (or state), so it must be the
   * sealed box's own key id, never a stale one (resource_github_actions_secret.go:260-272 @ v6.12.1).
   */
  readonly keyId?: string;
}

/**
 * Where the value of a GitHub Actions secret comes from.
 *
 * A secret value is never a literal in the synthesised configuration. Choose one of:
 * - `SecretValue.fromTerraformVariable()`: a sensitive Terraform variable, set at plan/apply
 *   time through `TF_VAR_<name>`. The value still ends up in the Terraform state (as for any
 *   `plaintext_value`), so keep the state private.
 * - `SecretValue.fromSealedBox(ciphertext, keyId)`: a libsodium sealed box made once, offline,
 *   against the repository's (or environment's) Actions public key (`npx talos-sbc-seal`). Only
 *   GitHub can open it, so it may be committed; the state holds only the ciphertext.
 * - `SecretValue.unmanaged()`: Terraform does not manage the secret at all; set it once with
 *   `gh secret set <NAME> --repo <owner>/<repo>`. Nothing about it is written to the state.
 */
export class SecretValue {
  /**
   * The value of a sensitive Terraform variable (`sensitive = true`, `type = string`), set through
   * the environment variable `TF_VAR_<name>`.
   *
   * Variables with the same name in one stack are shared (one `TF_VAR_…` for every repository
   * that uses it).
   *
   * @param name Terraform variable name; default: the secret name in lower case, e.g.
   *   `dockerhub_token` for `DOCKERHUB_TOKEN` (set `TF_VAR_dockerhub_token`)
   */
  public static fromTerraformVariable(name?: string): SecretValue {
    const problems = new Problems('SecretValue', 'SecretValue.fromTerraformVariable');
    checkOptionalString(problems, 'name', name, 'pass a Terraform variable name such as "dockerhub_token", or nothing');
    problems.throwIfAny();
    return new SecretValue(SecretValueKind.TERRAFORM_VARIABLE, name);
  }

  /**
   * A sealed-box ciphertext, made once against the Actions public key of the repository (for a
   * repository secret) or of the environment (for an environment secret), written as
   * `value_encrypted` with `key_id` set to `keyId` (github provider ≥ 6.12), so a value re-sealed
   * after GitHub rotates the key is sent with its own key id.
   *
   * Seal the value with the package's command (the value is read from stdin, never argv):
   *
   * ```sh
   * gh api repos/<owner>/<repo>/actions/secrets/public-key > key.json
   * printf %s "$DOCKERHUB_TOKEN" | npx talos-sbc-seal --key-file key.json
   * ```
   *
   * Sealing is randomised: seal once and commit the result (re-sealing on every synthesis would
   * replace the secret on every apply). Terraform checks at plan time that the key `keyId` is
   * still the current one (`data.github_actions_public_key`); re-seal when GitHub rotates it.
   *
   * @param ciphertext the base64 sealed box (at least 48 bytes decoded)
   * @param keyId the `key_id` of the public key it was sealed against, e.g. `568250167242549743`
   * @see https://docs.github.com/en/rest/guides/encrypting-secrets-for-the-rest-api
   */
  public static fromSealedBox(ciphertext: string, keyId: string): SecretValue {
    const problems = new Problems('SecretValue', 'SecretValue.fromSealedBox');
    if (typeof ciphertext !== 'string') {
      // never echoed (see validateSealedBox)
      problems.add('ciphertext', `<${describeType(ciphertext)}, not shown>`, 'is required (the base64 sealed box, a string)',
        'pass the output of talos-sbc-seal unchanged');
    }
    checkString(problems, 'keyId', keyId, 'pass key_id from GET /repos/{owner}/{repo}/actions/secrets/public-key (e.g. "568250167242549743")');
    problems.throwIfAny();
    return new SecretValue(SecretValueKind.SEALED_BOX, undefined, ciphertext, keyId);
  }

  /**
   * The secret is not managed by Terraform: no resource is created and its value never enters
   * the configuration or the state. Set it by hand, once per repository:
   *
   * ```sh
   * gh secret set DOCKERHUB_TOKEN --repo <owner>/<repo>
   * ```
   */
  public static unmanaged(): SecretValue {
    return new SecretValue(SecretValueKind.UNMANAGED, undefined);
  }

  private constructor(
    private readonly kind: SecretValueKind,
    private readonly variableName: string | undefined,
    private readonly ciphertext?: string,
    private readonly keyId?: string,
  ) {}

  /** Whether Terraform manages the secret (false for `SecretValue.unmanaged()`). */
  public get isManagedByTerraform(): boolean {
    return this.kind !== SecretValueKind.UNMANAGED;
  }

  /**
   * The id of the Actions public key a sealed box was made against, or undefined when the value
   * is not a sealed box.
   */
  public get sealedKeyId(): string | undefined {
    return this.kind === SecretValueKind.SEALED_BOX ? this.keyId : undefined;
  }

  /**
   * The Terraform variable name used for the secret `secretName`, or undefined when the value
   * does not come from a variable.
   * @param secretName the GitHub Actions secret name, e.g. `DOCKERHUB_TOKEN`
   */
  public terraformVariableName(secretName: string): string | undefined {
    if (this.kind !== SecretValueKind.TERRAFORM_VARIABLE) {
      return undefined;
    }
    return this.variableName ?? secretName.toLowerCase();
  }

  /**
   * Adds the problems of this value to `problems`.
   * @internal
   */
  public _validate(problems: Problems, field: string, secretName: string): void {
    if (this.kind === SecretValueKind.SEALED_BOX) {
      validateSealedBox(problems, field, this.ciphertext!, this.keyId!);
      return;
    }
    const name = this.terraformVariableName(secretName);
    if (name === undefined) {
      return;
    }
    const explicit = this.variableName !== undefined;
    const where = explicit ? `${field}.variableName` : `${field}.variableName (derived from the secret name)`;
    if (!checkNotPrototypeKey(problems, where, name, 'Terraform variable')) {
      return;
    } else if (!TERRAFORM_VARIABLE_NAME.test(name)) {
      problems.add(where, name, `a Terraform variable name set through TF_VAR_<name> must match ${TERRAFORM_VARIABLE_NAME.source}`,
        `pass a name such as "${name.toLowerCase().replace(/[^a-z0-9_]/g, '_').replace(/^([0-9])/, '_$1') || 'dockerhub_token'}" to SecretValue.fromTerraformVariable()`);
    } else if (RESERVED_VARIABLE_NAMES.includes(name.toLowerCase())) {
      problems.add(where, name, `Terraform reserves the variable names ${RESERVED_VARIABLE_NAMES.join(', ')}`,
        `pass another name, e.g. "${name.toLowerCase()}_secret", to SecretValue.fromTerraformVariable()`);
    }
  }

  /**
   * Creates (or reuses) whatever the value needs in the stack of `scope` and returns the
   * attributes for `github_actions_secret`, or undefined when Terraform does not manage the secret.
   * @internal
   */
  public _bind(scope: IConstruct, secretName: string): SecretValueBinding | undefined {
    switch (this.kind) {
      case SecretValueKind.TERRAFORM_VARIABLE:
        return { value: sensitiveVariable(scope, this.terraformVariableName(secretName)!, secretName).stringValue };
      case SecretValueKind.SEALED_BOX:
        return { valueEncrypted: this.ciphertext, keyId: this.keyId };
      case SecretValueKind.UNMANAGED:
        return undefined;
    }
  }
}

function validateSealedBox(problems: Problems, field: string, ciphertext: string, keyId: string): void {
  // The ciphertext is never echoed: a value that fails these checks may be a pasted plaintext.
  const shown = `<${[...ciphertext].length} characters, not shown>`;
  if (ciphertext.length === 0 || !BASE64.test(ciphertext)) {
    problems.add(`${field}.ciphertext`, shown, 'a sealed box must be standard base64 (A-Z a-z 0-9 + /, padded with =)',
      'pass the output of talos-sbc-seal (or of libsodium crypto_box_seal, base64-encoded) unchanged, without line breaks');
  } else if (Buffer.from(ciphertext, 'base64').length < SEALED_BOX_OVERHEAD) {
    problems.add(`${field}.ciphertext`, shown,
      `a sealed box is at least ${SEALED_BOX_OVERHEAD} bytes (32-byte ephemeral key and 16-byte MAC) but this decodes to ${Buffer.from(ciphertext, 'base64').length}`,
      'seal the secret value with talos-sbc-seal and pass its output, not the value itself');
  }
  if (!KEY_ID.test(keyId)) {
    problems.add(`${field}.keyId`, keyId, `an Actions public key id must match ${KEY_ID.source}`,
      'pass key_id from GET /repos/{owner}/{repo}/actions/secrets/public-key (e.g. "568250167242549743")');
  }
}

/** The stack-level sensitive variable `name`, created on first use. */
function sensitiveVariable(scope: IConstruct, name: string, secretName: string): TerraformVariable {
  const stack = TerraformStack.of(scope);
  const id = `SecretVariable-${name}`;
  const existing = stack.node.tryFindChild(id);
  if (existing instanceof TerraformVariable) {
    return existing;
  }
  const variable = new TerraformVariable(stack, id, {
    type: 'string',
    sensitive: true,
    nullable: false,
    description: `Value of the GitHub Actions secret ${secretName}. Set it through the environment variable TF_VAR_${name}; never commit it.`,
  });
  variable.overrideLogicalId(name);
  return variable;
}

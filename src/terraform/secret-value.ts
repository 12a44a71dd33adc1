import { IConstruct } from 'constructs';
import { TerraformStack, TerraformVariable } from './core';
import { Problems } from '../private/validation';

/** Terraform identifiers usable as a `TF_VAR_<name>` environment variable. */
const TERRAFORM_VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Names Terraform reserves for variables. */
const RESERVED_VARIABLE_NAMES = ['source', 'version', 'providers', 'count', 'for_each', 'lifecycle', 'depends_on', 'locals'];

/** How a secret's value reaches GitHub. */
enum SecretValueKind {
  TERRAFORM_VARIABLE = 'terraform-variable',
  UNMANAGED = 'unmanaged',
}

/**
 * What a bound `SecretValue` writes into a `github_actions_secret` (internal).
 *
 * `plaintextValue` is always a token (a variable reference), never a literal. A later
 * `SecretValue.fromSealedBox(ciphertext, keyId)` fills `encryptedValue` instead.
 */
export interface SecretValueBinding {
  /** Value for `plaintext_value`: a `${var.…}` reference. */
  readonly plaintextValue?: string;
  /** Value for `encrypted_value`: a sealed-box ciphertext (base64). */
  readonly encryptedValue?: string;
}

/**
 * Where the value of a GitHub Actions secret comes from.
 *
 * A secret value is never a literal in the synthesised configuration. Choose one of:
 * - `SecretValue.fromTerraformVariable()`: a sensitive Terraform variable, set at plan/apply
 *   time through `TF_VAR_<name>`. The value still ends up in the Terraform state (as for any
 *   `plaintext_value`), so keep the state private.
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
    return new SecretValue(SecretValueKind.TERRAFORM_VARIABLE, name);
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

  private constructor(private readonly kind: SecretValueKind, private readonly variableName: string | undefined) {}

  /** Whether Terraform manages the secret (false for `SecretValue.unmanaged()`). */
  public get isManagedByTerraform(): boolean {
    return this.kind !== SecretValueKind.UNMANAGED;
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
    const name = this.terraformVariableName(secretName);
    if (name === undefined) {
      return;
    }
    const explicit = this.variableName !== undefined;
    const where = explicit ? `${field}.variableName` : `${field}.variableName (derived from the secret name)`;
    if (!TERRAFORM_VARIABLE_NAME.test(name)) {
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
        return { plaintextValue: sensitiveVariable(scope, this.terraformVariableName(secretName)!, secretName).stringValue };
      case SecretValueKind.UNMANAGED:
        return undefined;
    }
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

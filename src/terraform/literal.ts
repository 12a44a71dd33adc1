import { Problems } from '../private/validation';

/**
 * cdktf token markers: `${TfToken[…]}` (strings), `#{TfToken[…]}` (lists), `&{TfToken[…]}` (maps).
 * cdktf replaces any text that contains one with the reference the token stands for, so a user
 * string holding `${TfToken[TOKEN.5]}` could become `${var.dockerhub_token}` and publish the token
 * (cdktf lib/tokens/private/encoding.js: BEGIN_STRING_TOKEN_MARKER, STRING_TOKEN_REGEX).
 */
const TOKEN_MARKUP = /[$#&]\{TfToken\[/;

/**
 * Checks that a user string can be written into Terraform as data: it must not contain cdktf token
 * markup (see `TOKEN_MARKUP`). Terraform template sequences (`${`, `%{`) are fine: `terraformLiteral`
 * escapes them.
 * @returns whether the value is acceptable
 */
export function checkTerraformText(problems: Problems, field: string, value: string, shown: unknown = value): boolean {
  if (TOKEN_MARKUP.test(value)) {
    problems.add(field, shown,
      'contains cdktf token markup ("${TfToken[", "#{TfToken[" or "&{TfToken["), which cdktf would replace with a Terraform reference such as a secret variable',
      'pass plain text; write the text without the "{TfToken[" sequence');
    return false;
  }
  return true;
}

/** Whether `value` contains cdktf token markup (see `checkTerraformText`). */
export function hasTokenMarkup(value: string): boolean {
  return TOKEN_MARKUP.test(value);
}

/**
 * Terraform evaluates every string in the configuration as a template: `${...}` and `%{...}`
 * in a literal would run (e.g. `${file("~/.docker/config.json")}` publishes a local file).
 * This escapes them (`$${`, `%%{`) so the value reaches the provider exactly as written.
 *
 * User text must have passed `checkTerraformText`: text with cdktf token markup is refused here
 * too (escaping cannot help, cdktf would still find the marker inside `$${TfToken[…]}`).
 */
export function terraformLiteral(value: string): string {
  if (TOKEN_MARKUP.test(value)) {
    throw new Error('[talos-sbc-constructs] internal: text with cdktf token markup reached terraformLiteral unchecked');
  }
  return value.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

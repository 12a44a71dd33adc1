/**
 * Terraform evaluates every string in the configuration as a template: `${...}` and `%{...}`
 * in a literal would run (e.g. `${file("~/.docker/config.json")}` publishes a local file).
 * This escapes them (`$${`, `%%{`) so the value reaches the provider exactly as written.
 * cdktf token markers (references produced by cdktf) are left alone.
 */
export function terraformLiteral(value: string): string {
  // cdktf token markers look like `${TfToken[TOKEN.1]}`; every other `${` is literal text
  return value.replace(/\$\{(?!TfToken\[)/g, () => '$${').replace(/%\{/g, () => '%%{');
}

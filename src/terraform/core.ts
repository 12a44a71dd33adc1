/**
 * The one module that imports the Terraform CDK core.
 *
 * Every other file under `src/terraform/` imports cdktf through this module, so moving to the
 * API-compatible community fork is a one-line change (`from 'cdktf'` → `from 'cdktn'`).
 * Prebuilt provider bindings (`@cdktf/provider-github`) are imported by deep path where used.
 *
 * Not part of the public barrel.
 */
export {
  Annotations,
  App,
  Aspects,
  LocalBackend,
  Op,
  TerraformBackend,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  TerraformVariable,
  Token,
  booleanToTerraform,
  listMapper,
  numberToTerraform,
  stringToTerraform,
} from 'cdktf';
export type {
  IAspect,
  TerraformMetaArguments,
  TerraformProviderGeneratorMetadata,
} from 'cdktf';

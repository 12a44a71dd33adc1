import { TerraformStack, Testing } from 'cdktf';
import { providerSchemaViolations } from './provider-schema';

/** A fresh stack named "settings" in a test app. */
export function newStack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'settings');
}

/**
 * `Testing.synth(stack, true)` (provider-presence validation on), after checking the document
 * against the provider schemas (src/terraform/schemas): fails the test on any violation.
 */
export function synthConforming(stack: TerraformStack): string {
  const synthesized = Testing.synth(stack, true);
  const violations = providerSchemaViolations(JSON.parse(synthesized));
  if (violations.length > 0) {
    throw new Error(`the synthesised Terraform does not conform to the provider schemas:\n${violations.join('\n')}`);
  }
  return synthesized;
}

/** The stack's synthesised JSON (provider-presence validation on, provider schemas checked), parsed. */
export function synthJson(stack: TerraformStack): any {
  return JSON.parse(synthConforming(stack));
}

import { TerraformStack, Testing } from 'cdktf';

/** A fresh stack named "settings" in a test app. */
export function newStack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'settings');
}

/** The stack's synthesised JSON (provider-presence validation on), parsed. */
export function synthJson(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack, true));
}

import { IConstruct } from 'constructs';
import { Token } from './core';
import { checkShape, Shape } from '../private/types';
import { pathOf, Problems } from '../private/validation';

// Presence, runtime types and literalness of a settings construct's properties (internal),
// checked first in each constructor, before any value is read.

/**
 * Throws the library's error when a property is missing or of the wrong type, or when a value
 * that must be known at synth time is a cdktf token (`Token.asString(...)`, a variable or a
 * resource attribute): names, patterns and ids are checked and derived at synth time, so a
 * token there would otherwise fail later inside cdktf or the provider.
 * @param tokenFree properties whose values must be literals (strings, numbers, lists of them)
 */
export function checkSettingsProps(
  construct: IConstruct, constructName: string, props: unknown, shapes: { [name: string]: Shape },
  fixes: { [name: string]: string }, tokenFree: readonly string[],
): void {
  const problems = new Problems(constructName, pathOf(construct));
  if (checkShape(problems, props, shapes, fixes)) {
    for (const name of tokenFree) {
      const value = props[name];
      const items: Array<[string, unknown]> = Array.isArray(value) ? value.map((v, i) => [`${name}[${i}]`, v]) : [[name, value]];
      for (const [field, item] of items) {
        if (item !== undefined && Token.isUnresolved(item)) {
          problems.add(field, item,
            'is a cdktf token (a value Terraform knows only at apply time, such as a variable or a resource attribute), but this value is checked and used at synth time',
            `pass the literal value${fixes[name] ? `: ${fixes[name]}` : ''}`);
        }
      }
    }
  }
  problems.throwIfAny();
}

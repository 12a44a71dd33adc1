import { describeType, keyField } from './text';
import { Problems } from './validation';

// Runtime type checks for every public entry point. TypeScript checks types at compile time
// only: JavaScript, JSON-configured, Python and Java callers (through jsii) can pass
// `undefined`, `null`, a string for a number, an array with holes or a plain object for a
// class. Each check adds a problem naming the field and returns whether the value has the type,
// so later checks only run on values of the right type.

/** Whether the value is missing (`undefined` or `null`). */
export function isMissing(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

function missingOrType(problems: Problems, field: string, value: unknown, expected: string, fix: string): false {
  if (isMissing(value)) {
    problems.add(field, value === null ? null : undefined, `is required (${expected})`, fix);
  } else {
    problems.add(field, value, `must be ${expected}, not ${describeType(value)}`, fix);
  }
  return false;
}

/** A required string. */
export function checkString(problems: Problems, field: string, value: unknown, fix: string): value is string {
  return typeof value === 'string' || missingOrType(problems, field, value, 'a string', fix);
}

/** An optional string: `undefined` passes; `null` and other types do not. */
export function checkOptionalString(problems: Problems, field: string, value: unknown, fix: string): value is string | undefined {
  return value === undefined || checkString(problems, field, value, fix);
}

/** A required finite number. */
export function checkNumber(problems: Problems, field: string, value: unknown, fix: string): value is number {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) {
      return true;
    }
    problems.add(field, value, 'must be a finite number', fix);
    return false;
  }
  return missingOrType(problems, field, value, 'a number', fix);
}

/** An optional finite number. */
export function checkOptionalNumber(problems: Problems, field: string, value: unknown, fix: string): value is number | undefined {
  return value === undefined || checkNumber(problems, field, value, fix);
}

/** An optional boolean. */
export function checkOptionalBoolean(problems: Problems, field: string, value: unknown): value is boolean | undefined {
  return value === undefined || typeof value === 'boolean'
    || missingOrType(problems, field, value, 'true or false', 'use true or false, or leave it unset');
}

/**
 * A required array without holes; each entry checked by `entry` (which adds its own problems
 * and returns whether it is fine). Returns whether the array and every entry are fine.
 */
export function checkArray(
  problems: Problems, field: string, value: unknown, fix: string,
  entry?: (item: unknown, field: string) => boolean,
): value is unknown[] {
  if (!Array.isArray(value)) {
    return missingOrType(problems, field, value, 'an array', fix);
  }
  let ok = true;
  for (let i = 0; i < value.length; i++) {
    if (!(i in value) || isMissing(value[i])) {
      problems.add(`${field}[${i}]`, value[i] === null ? null : undefined, 'an entry is empty (a hole, or a missing or null value)', 'remove the empty entry');
      ok = false;
    } else if (entry && !entry(value[i], `${field}[${i}]`)) {
      ok = false;
    }
  }
  return ok;
}

/** An optional array (see `checkArray`). */
export function checkOptionalArray(
  problems: Problems, field: string, value: unknown, fix: string,
  entry?: (item: unknown, field: string) => boolean,
): value is unknown[] | undefined {
  return value === undefined || checkArray(problems, field, value, fix, entry);
}

/** An entry checker for arrays of strings. */
export function stringEntries(problems: Problems, fix: string): (item: unknown, field: string) => boolean {
  return (item, field) => checkString(problems, field, item, fix);
}

/**
 * A plain object of string values (`{ [key: string]: string }`); every value checked. Keys are
 * checked by the caller.
 */
export function checkStringMap(
  problems: Problems, field: string, value: unknown, fix: string, fieldOfKey: (key: string) => string,
): value is { [key: string]: string } {
  if (value === undefined) {
    return true;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return missingOrType(problems, field, value, 'an object of string values', fix);
  }
  let ok = true;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') {
      missingOrType(problems, fieldOfKey(key), item, 'a string', fix);
      ok = false;
    }
  }
  return ok;
}

/** A required plain object (a props struct). */
export function checkObject(problems: Problems, field: string, value: unknown, fix: string): value is { [key: string]: unknown } {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return true;
  }
  return missingOrType(problems, field, value, 'an object', fix);
}

/**
 * A required value of an enum: `enumObject` is the enum, `enumName` its name in messages.
 * The fix lists the members (`Architecture.ARM64 or Architecture.AMD64`).
 */
export function checkEnum<T>(problems: Problems, field: string, value: unknown, enumObject: { [key: string]: T }, enumName: string): value is T {
  const members = Object.entries(enumObject).filter(([, v]) => typeof v === 'string' || typeof v === 'number');
  if ((members.map(([, v]) => v) as unknown[]).includes(value)) {
    return true;
  }
  const names = members.map(([k]) => `${enumName}.${k}`);
  const list = names.length <= 2 ? names.join(' or ') : `one of ${names.join(', ')}`;
  if (isMissing(value)) {
    problems.add(field, value === null ? null : undefined, `is required (an ${enumName})`, `use ${list}`);
  } else {
    problems.add(field, value, `must be ${enumName.match(/^[AEIOU]/) ? 'an' : 'a'} ${enumName}`, `use ${list}`);
  }
  return false;
}

/** An optional enum value. */
export function checkOptionalEnum<T>(
  problems: Problems, field: string, value: unknown, enumObject: { [key: string]: T }, enumName: string,
): value is T | undefined {
  return value === undefined || checkEnum(problems, field, value, enumObject, enumName);
}

/**
 * A required instance of a library class (a value object made by its static factories). A
 * plain string or object where a class belongs is refused with the factories as the fix.
 */
export function checkInstance<T>(
  problems: Problems, field: string, value: unknown, cls: { prototype: T; name: string }, fix: string, secret: boolean = false,
): value is T {
  if (value instanceof (cls as unknown as Function)) {
    return true;
  }
  const expected = `a ${cls.name}`;
  if (isMissing(value)) {
    problems.add(field, value === null ? null : undefined, `is required (${expected})`, fix);
  } else {
    // a plain string where a secret belongs may be the secret itself: never echo it
    const shown = secret ? `<${describeType(value)}, not shown>` : value;
    problems.add(field, shown, `must be ${expected} (made by its static methods), not ${describeType(value)}`, fix);
  }
  return false;
}

/** An optional instance (see `checkInstance`). */
export function checkOptionalInstance<T>(
  problems: Problems, field: string, value: unknown, cls: { prototype: T; name: string }, fix: string, secret: boolean = false,
): value is T | undefined {
  return value === undefined || checkInstance(problems, field, value, cls, fix, secret);
}

/** The expected type of one property, for `checkShape`. */
export type Shape =
  | 'string' | 'string?' | 'number?' | 'boolean?' | 'string[]' | 'string[]?' | 'number[]?' | 'stringMap?'
  | { readonly instance: { prototype: unknown; name: string }; readonly optional?: boolean; readonly fix: string; readonly secret?: boolean }
  | { readonly instanceArray: { prototype: unknown; name: string }; readonly optional?: boolean; readonly fix: string }
  | { readonly instanceMap: { prototype: unknown; name: string }; readonly fix: string; readonly secret?: boolean }
  | { readonly enumObject: { [key: string]: unknown }; readonly enumName: string; readonly optional?: boolean };

/**
 * Checks the presence and runtime type of each property of a props struct against `shapes`;
 * `fixes` gives the fix per property for the primitive shapes. Returns whether every type is right.
 */
export function checkShape(
  problems: Problems, props: unknown, shapes: { [name: string]: Shape }, fixes: { [name: string]: string } = {}, prefix: string = '',
): props is { [key: string]: unknown } {
  const before = problems.count;
  if (!checkObject(problems, prefix ? prefix.replace(/\.$/, '') : 'props', props, 'pass the properties as an object')) {
    return false;
  }
  const p = props as { [key: string]: unknown };
  for (const [name, shape] of Object.entries(shapes)) {
    const field = `${prefix}${name}`;
    const value = p[name];
    const fix = fixes[name] ?? `set ${name} as documented`;
    if (typeof shape === 'string') {
      const optional = shape.endsWith('?');
      if (optional && value === undefined) {
        continue;
      }
      switch (shape.replace('?', '')) {
        case 'string': checkString(problems, field, value, fix); break;
        case 'number': checkNumber(problems, field, value, fix); break;
        case 'boolean': checkOptionalBoolean(problems, field, value); break;
        case 'string[]': checkArray(problems, field, value, fix, stringEntries(problems, fix)); break;
        case 'number[]': checkArray(problems, field, value, fix, (item, f) => checkNumber(problems, f, item, fix)); break;
        case 'stringMap': checkStringMap(problems, field, value, fix, (key) => keyField(field, key)); break;
      }
    } else if ('instance' in shape) {
      if (!(shape.optional && value === undefined)) {
        checkInstance(problems, field, value, shape.instance, shape.fix, shape.secret);
      }
    } else if ('instanceArray' in shape) {
      if (!(shape.optional && value === undefined)) {
        checkArray(problems, field, value, shape.fix, (item, f) => checkInstance(problems, f, item, shape.instanceArray, shape.fix));
      }
    } else if ('instanceMap' in shape) {
      if (value !== undefined) {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          checkObject(problems, field, value, shape.fix);
        } else {
          for (const [key, item] of Object.entries(value)) {
            checkInstance(problems, keyField(field, key), item, shape.instanceMap, shape.fix, shape.secret);
          }
        }
      }
    } else if (!(shape.optional && value === undefined)) {
      checkEnum(problems, field, value, shape.enumObject, shape.enumName);
    }
  }
  return problems.count === before;
}

import { IConstruct } from 'constructs';
import { renderField, renderValue } from './text';
import { TalosSbcValidationError, ValidationProblem } from '../validation-error';

export { renderValue } from './text';

/**
 * One problem found while validating a declaration.
 */
export interface Problem {
  /** The property path, e.g. `overlayOptions.board`. */
  readonly field: string;
  /** The offending value (rendered by `renderValue`: JSON, cut, invisible characters escaped). */
  readonly value: unknown;
  /** The rule the value breaks. */
  readonly rule: string;
  /** How to fix it. */
  readonly fix: string;
}

/**
 * Collects every problem of one construct and throws them together as one
 * `TalosSbcValidationError`.
 *
 * Message format (stable, asserted by tests):
 *
 * ```
 * [talos-sbc-constructs] OverlayBoard at "App/Board" is invalid:
 *   - overlayName = "Rk3588": must match ^[a-z0-9]... Fix: use ...
 * ```
 */
export class Problems {
  private readonly problems: Problem[] = [];

  constructor(private readonly constructName: string, private readonly path: string) {}

  public add(field: string, value: unknown, rule: string, fix: string): void {
    this.problems.push({ field, value, rule, fix });
  }

  public get isEmpty(): boolean {
    return this.problems.length === 0;
  }

  /** The number of problems so far (to tell whether a group of checks added any). */
  public get count(): number {
    return this.problems.length;
  }

  public throwIfAny(): void {
    if (this.problems.length === 0) {
      return;
    }
    throw validationError(this.constructName, this.path, this.problems);
  }
}

/** The library's error for these problems. */
export function validationError(constructName: string, path: string, problems: readonly Problem[]): TalosSbcValidationError {
  const shown: ValidationProblem[] = problems.map(shownOf);
  return new TalosSbcValidationError(constructName, path, formatShown(constructName, path, shown), shown);
}

export function formatProblems(constructName: string, path: string, problems: readonly Problem[]): string {
  return formatShown(constructName, path, problems.map(shownOf));
}

/** A problem as the message shows it. */
function shownOf(p: Problem): ValidationProblem {
  return { field: renderField(p.field), value: renderValue(p.value), rule: p.rule, fix: p.fix };
}

function formatShown(constructName: string, path: string, problems: readonly ValidationProblem[]): string {
  const lines = problems.map((p) => `  - ${p.field} = ${p.value}: ${p.rule}. Fix: ${p.fix}`);
  return `[talos-sbc-constructs] ${constructName} at "${renderField(path)}" is invalid:\n${lines.join('\n')}`;
}

/**
 * The construct path of a construct below its root, e.g. `Release` or `settings/Overlay`.
 * The root's own id is left out: a projen project's root id embeds its output folder.
 */
export function pathOf(scope: IConstruct): string {
  const ids = scope.node.scopes.slice(1).map((s) => s.node.id).filter((id) => id.length > 0);
  return ids.length > 0 ? ids.join('/') : scope.node.id;
}

/** Throws a single-problem error immediately (for static factories with no construct). */
export function fail(constructName: string, path: string, field: string, value: unknown, rule: string, fix: string): never {
  throw validationError(constructName, path, [{ field, value, rule, fix }]);
}

/**
 * Throws a library error whose message is given whole (for errors that are not a list of
 * field problems, e.g. a cross-side check); `problems` carries the same content as data.
 */
export function failWith(constructName: string, path: string, message: string, problems: readonly Problem[]): never {
  throw new TalosSbcValidationError(constructName, path, message, problems.map(shownOf));
}

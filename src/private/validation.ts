import { IConstruct } from 'constructs';

/**
 * One problem found while validating a declaration.
 */
export interface Problem {
  /** The property path, e.g. `overlayOptions.board`. */
  readonly field: string;
  /** The offending value (rendered with JSON.stringify). */
  readonly value: unknown;
  /** The rule the value breaks. */
  readonly rule: string;
  /** How to fix it. */
  readonly fix: string;
}

/**
 * Collects every problem of one construct and throws them together as one error.
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

  public throwIfAny(): void {
    if (this.problems.length === 0) {
      return;
    }
    throw new Error(formatProblems(this.constructName, this.path, this.problems));
  }
}

export function formatProblems(constructName: string, path: string, problems: readonly Problem[]): string {
  const lines = problems.map((p) => `  - ${escapeControl(p.field)} = ${renderValue(p.value)}: ${p.rule}. Fix: ${p.fix}`);
  return `[talos-sbc-constructs] ${constructName} at "${path}" is invalid:\n${lines.join('\n')}`;
}

export function renderValue(value: unknown): string {
  if (value === undefined) {
    return 'undefined';
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return String(value);
  }
  return JSON.stringify(value);
}

/** Keeps one problem on one line: control characters in a field name are escaped. */
function escapeControl(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
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
  throw new Error(formatProblems(constructName, path, [{ field, value, rule, fix }]));
}

/**
 * One problem of a rejected declaration: the field, the value as shown, the rule it breaks
 * and how to fix it.
 */
export interface ValidationProblem {
  /** The property path, e.g. `boards[0].displayName`. */
  readonly field: string;
  /**
   * The offending value as the message shows it: JSON-quoted, invisible characters escaped
   * (`<U+200B>`), long values cut after 160 code points.
   */
  readonly value: string;
  /** The rule the value breaks. */
  readonly rule: string;
  /** How to fix it. */
  readonly fix: string;
}

/**
 * The one error the library throws for a declaration it rejects, at every public entry point
 * (constructors, static factories, the project type). It carries the construct (or factory)
 * and every problem found, so callers can tell a rejected declaration from a crash:
 *
 * ```ts
 * try { ... } catch (e) { if (e instanceof TalosSbcValidationError) { e.problems ... } }
 * ```
 *
 * Nothing is written when it is thrown. In JavaScript it is an `Error` (`instanceof Error`, with a
 * stack trace).
 */
export class TalosSbcValidationError {
  /** The whole message: the construct path, then one line per problem. */
  public readonly message: string;
  /** Always `TalosSbcValidationError`. */
  public readonly name: string;
  /** The kind of construct or value that was rejected, e.g. `OverlayBoard` or `Runner`. */
  public readonly constructName: string;
  /** The construct path (below the root), or the factory, e.g. `Board` or `Runner.githubHosted`. */
  public readonly constructPath: string;
  /** Every problem found, in the order of the message. */
  public readonly problems: ValidationProblem[];

  /**
   * @param constructName the kind of construct or value rejected
   * @param constructPath the construct path, or the factory
   * @param message the whole message
   * @param problems every problem
   */
  constructor(constructName: string, constructPath: string, message: string, problems: ValidationProblem[]) {
    this.message = message;
    this.name = 'TalosSbcValidationError';
    this.constructName = constructName;
    this.constructPath = constructPath;
    this.problems = problems.map((p) => ({ ...p }));
    Object.freeze(this.problems);
    this.problems.forEach((p) => Object.freeze(p));
    Error.captureStackTrace?.(this, TalosSbcValidationError);
  }

  /** The message, as `Error.prototype.toString` would give it. */
  public toString(): string {
    return `${this.name}: ${this.message}`;
  }
}

// An Error for JavaScript (instanceof Error, stack traces, jest's toThrow) without naming Error
// as a base class, which jsii cannot express in the type system of the other languages.
Object.setPrototypeOf(TalosSbcValidationError.prototype, Error.prototype);

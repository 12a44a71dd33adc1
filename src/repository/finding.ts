/**
 * How serious a finding of the overlay repository inspection is.
 */
export enum RepositoryFindingSeverity {
  /** The build or the image would fail (or be wrong): do not generate a release from it. */
  ERROR = 'error',
  /** Likely wrong or very slow, or the inspection could not check something. */
  WARNING = 'warning',
  /** For information, e.g. the inspection was skipped. */
  NOTE = 'note',
}

/**
 * One finding of {@link OverlayRepositoryInspection.inspect}.
 */
export interface RepositoryFinding {
  /** How serious it is. */
  readonly severity: RepositoryFindingSeverity;

  /** Which rule reported it, e.g. `missing-build-arg` (see {@link OverlayRepositoryInspection}). */
  readonly ruleId: string;

  /** Repository-relative path (with "/") of the file the finding is about, e.g. `artifacts/rkbin/pkg.yaml`. */
  readonly file: string;

  /**
   * 1-based line in `file`.
   * @default - the finding is about the whole file or the declaration
   */
  readonly line?: number;

  /** What is wrong, naming the stage, variable, platform or bytes involved. */
  readonly message: string;

  /** How to fix it. */
  readonly fix: string;
}

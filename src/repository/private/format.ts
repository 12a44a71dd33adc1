import { RepositoryFinding, RepositoryFindingSeverity } from '../finding';

const ORDER = [RepositoryFindingSeverity.ERROR, RepositoryFindingSeverity.WARNING, RepositoryFindingSeverity.NOTE];

/** Sorts findings: errors first, then by file, line and rule (deterministic output). */
export function sortFindings(findings: RepositoryFinding[]): RepositoryFinding[] {
  return [...findings].sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity)
    || compare(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || compare(a.ruleId, b.ruleId) || compare(a.message, b.message));
}

/** Code-point order (independent of the locale). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One line per finding: `ERROR artifacts/rkbin/pkg.yaml:14 [missing-build-arg] message. Fix: fix`. */
export function formatFindings(findings: RepositoryFinding[]): string {
  return findings.map((f) => `${f.severity.toUpperCase()} ${f.file}${f.line === undefined ? '' : `:${f.line}`} [${f.ruleId}] ${f.message}. Fix: ${f.fix}`).join('\n');
}

import { RepositoryFinding, RepositoryFindingSeverity } from '../finding';

const ORDER = [RepositoryFindingSeverity.ERROR, RepositoryFindingSeverity.WARNING, RepositoryFindingSeverity.NOTE];

/** Sorts findings: errors first, then by file, line and rule (deterministic output). */
export function sortFindings(findings: RepositoryFinding[]): RepositoryFinding[] {
  return [...findings].sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity)
    || a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message));
}

/** One line per finding: `ERROR artifacts/rkbin/pkg.yaml:14 [missing-build-arg] message. Fix: fix`. */
export function formatFindings(findings: RepositoryFinding[]): string {
  return findings.map((f) => `${f.severity.toUpperCase()} ${f.file}${f.line === undefined ? '' : `:${f.line}`} [${f.ruleId}] ${f.message}. Fix: ${f.fix}`).join('\n');
}

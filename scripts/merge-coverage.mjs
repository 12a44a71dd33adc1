// Merges the coverage of the two jest stages (test:unit and test:integration, each written as
// istanbul JSON to coverage/<stage>/coverage-final.json) into one report in coverage/, with the
// reporters of the whole-suite run (`npx projen test`): json, lcov, clover, cobertura and text.
//
// Usage: node scripts/merge-coverage.mjs <stage dir>... (default coverage/unit coverage/integration)
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import libCoverage from 'istanbul-lib-coverage';
import libReport from 'istanbul-lib-report';
import reports from 'istanbul-reports';

const dirs = process.argv.length > 2 ? process.argv.slice(2) : ['coverage/unit', 'coverage/integration'];
const map = libCoverage.createCoverageMap({});
for (const dir of dirs) {
  const file = path.join(dir, 'coverage-final.json');
  if (!existsSync(file)) {
    console.error(`merge-coverage: ${file} is missing: run the stage first`);
    process.exit(1);
  }
  map.merge(JSON.parse(readFileSync(file, 'utf8')));
}
const context = libReport.createContext({ dir: 'coverage', coverageMap: map });
for (const name of ['json', 'lcov', 'clover', 'cobertura', 'text']) {
  reports.create(name).execute(context);
}

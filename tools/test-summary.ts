/**
 * Prints the closing line CI reads, `N passed, N failed`, from vitest's JSON report.
 * A missing report (the run stopped before the tests, e.g. at the type check) counts as one failure.
 */
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'test-results/vitest.json';
if (!existsSync(file)) {
  console.log('0 passed, 1 failed');
} else {
  const r = JSON.parse(readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests?: number; success?: boolean };
  // A suite that fails to load fails the run without failing a test: count it as one.
  const failed = r.numFailedTests > 0 ? r.numFailedTests : r.success === false ? 1 : 0;
  const skipped = r.numPendingTests ? `, ${r.numPendingTests} skipped` : '';
  console.log(`${r.numPassedTests} passed, ${failed} failed${skipped}`);
}

// A wtr reporter that counts every test of every session and prints `N passed, N failed, N skipped`
// on a line of its own, and writes the counts to $RC_TEST_COUNTS (read by test/run.mjs).
// A test file that fails to import (or any file-level error) counts as one failure.
import { writeFileSync } from 'node:fs';

function countSuite(suite, counts) {
  for (const t of suite.tests ?? []) {
    if (t.skipped) counts.skipped++;
    else if (t.passed) counts.passed++;
    else counts.failed++;
  }
  for (const s of suite.suites ?? []) countSuite(s, counts);
}

export function summaryReporter() {
  let counts = { passed: 0, failed: 0, skipped: 0 };
  return {
    onTestRunFinished({ sessions }) {
      counts = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        if (session.testResults) countSuite(session.testResults, counts);
        const fileErrors = (session.errors ?? []).length;
        if (fileErrors > 0 || (!session.passed && !session.testResults)) {
          counts.failed += Math.max(1, fileErrors);
        }
      }
    },
    stop() {
      if (process.env.RC_TEST_COUNTS)
        writeFileSync(process.env.RC_TEST_COUNTS, JSON.stringify(counts));
      else
        console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
    },
  };
}

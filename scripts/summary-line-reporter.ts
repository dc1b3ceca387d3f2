// Vitest reporter that lists the ten slowest test files (where to look when the suite gets slow), then ends the run
// with the plain line "N passed, N failed, N skipped" that CI reads: keep that line last.
import type { Reporter, SerializedError, TestModule } from 'vitest/node';

const SLOWEST_SHOWN = 10;

/** Import and collection plus every test and hook of the file, in milliseconds. */
function fileDuration(testModule: TestModule): number {
  const diagnostic = testModule.diagnostic();
  return diagnostic.collectDuration + diagnostic.duration;
}

function slowestFiles(testModules: ReadonlyArray<TestModule>): string[] {
  const slowest = [...testModules].sort((a, b) => fileDuration(b) - fileDuration(a)).slice(0, SLOWEST_SHOWN);
  if (slowest.length === 0) return [];
  return [
    `Slowest ${slowest.length} test files:`,
    ...slowest.map(
      (testModule) =>
        `${(fileDuration(testModule) / 1000).toFixed(1).padStart(7)} s  ${testModule.relativeModuleId} (${testModule.project.name})`,
    ),
  ];
}

export default class SummaryLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    let passed = 0;
    // An error outside any test (a config error, a rejection after a test ended) fails the run: count it.
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const testModule of testModules) {
      // A file that failed to load counts as a failure even though it has no tests.
      if (testModule.state() === 'failed' && [...testModule.children.allTests()].length === 0) failed += 1;
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
    }
    const lines = [...slowestFiles(testModules), `${passed} passed, ${failed} failed, ${skipped} skipped`];
    process.stdout.write(`\n${lines.join('\n')}\n`);
  }
}

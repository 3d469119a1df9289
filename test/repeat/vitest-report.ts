/** What one vitest run's JSON report says about failures, for `npm run test:repeat`. */

/** The part of vitest's JSON reporter output this reads. */
export interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: {
      fullName: string;
      status: string;
      duration?: number | null;
      failureMessages: string[];
    }[];
  }[];
}

export interface Failure {
  /** The test file, relative to `root`. */
  file: string;
  /** The test's full name; the file itself when it failed to load or in a hook. */
  test: string;
  /** How long the test ran before it failed, in ms (undefined for a file-level failure). */
  durationMs: number | undefined;
  /** The first lines of the failure message. */
  message: string;
}

export interface RunSummary {
  passed: number;
  failed: number;
  failures: Failure[];
}

const MESSAGE_LINES = 6;

function firstLines(text: string): string {
  return text.split('\n').slice(0, MESSAGE_LINES).join('\n');
}

/**
 * The failures of one run. A file that failed without a failing test (it failed to load, or a
 * `beforeAll` threw) counts as one failure, as `.ci/run` counts it.
 */
export function summarize(report: VitestJsonReport, root: string): RunSummary {
  const failures: Failure[] = [];
  for (const file of report.testResults) {
    const name = file.name.startsWith(root) ? file.name.slice(root.length + 1) : file.name;
    const failed = file.assertionResults.filter((a) => a.status === 'failed');
    for (const test of failed) {
      failures.push({
        file: name,
        test: test.fullName,
        durationMs: test.duration ?? undefined,
        message: firstLines(test.failureMessages.join('\n')),
      });
    }
    if (file.status === 'failed' && failed.length === 0) {
      failures.push({
        file: name,
        test: '(the file itself)',
        durationMs: undefined,
        message: firstLines(file.message ?? 'failed without a failing test'),
      });
    }
  }
  const fileLevel = failures.filter((f) => f.durationMs === undefined).length;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + fileLevel,
    failures,
  };
}

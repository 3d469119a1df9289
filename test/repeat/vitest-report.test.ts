import { describe, expect, it } from 'vitest';
import { summarize, type VitestJsonReport } from './vitest-report.js';

const report: VitestJsonReport = {
  numPassedTests: 3,
  numFailedTests: 1,
  testResults: [
    {
      name: '/repo/test/a.test.ts',
      status: 'failed',
      assertionResults: [
        { fullName: 'a works', status: 'passed', duration: 5, failureMessages: [] },
        {
          fullName: 'a races',
          status: 'failed',
          duration: 1234,
          failureMessages: ['AssertionError: expected 1 to be 2\n' + 'at line\n'.repeat(20)],
        },
      ],
    },
    {
      name: '/repo/test/b.test.ts',
      status: 'failed',
      message: 'hook timed out',
      assertionResults: [],
    },
    {
      name: '/repo/test/c.test.ts',
      status: 'passed',
      assertionResults: [
        { fullName: 'c', status: 'passed', duration: 1, failureMessages: [] },
        { fullName: 'c2', status: 'passed', duration: 1, failureMessages: [] },
      ],
    },
  ],
};

describe('summarize', () => {
  it('lists failing tests with their duration, and a file that failed without one', () => {
    const summary = summarize(report, '/repo');
    expect([summary.passed, summary.failed]).toEqual([3, 2]);
    expect(summary.failures.map((f) => [f.file, f.test, f.durationMs])).toEqual([
      ['test/a.test.ts', 'a races', 1234],
      ['test/b.test.ts', '(the file itself)', undefined],
    ]);
    expect(summary.failures[0]!.message.split('\n')).toHaveLength(6);
    expect(summary.failures[1]!.message).toBe('hook timed out');
  });

  it('a clean run has no failures', () => {
    const clean = { ...report, numFailedTests: 0, testResults: [report.testResults[2]!] };
    expect(summarize(clean, '/repo')).toEqual({ passed: 3, failed: 0, failures: [] });
  });
});

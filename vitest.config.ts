import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Tests that overload a shared resource of the machine (etcd flooded into `too many
 * requests`, and the CPU with it) run after everything else, alone: beside other tests their
 * load would starve the 3 s leases of unrelated clusters, and theirs.
 */
const RUN_ALONE = ['test/etcd-overload.test.ts'];

export default defineConfig({
  test: {
    exclude: [...configDefaults.exclude, '**/dist/**'],
    // One etcd and one MariaDB for each project's run; tests get their own prefix/database
    // (test/support).
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Global teardown stops MariaDB cleanly, which can outlast the 10 s default.
    teardownTimeout: 60_000,
    // Forks, not threads: tests spawn and signal child processes (servers, chaos).
    pool: 'forks',
    // Two cores, and integration tests each run several server processes.
    maxWorkers: 2,
    // The JSON report is what .ci/run counts (npm run test:repeat puts each run's elsewhere);
    // the default reporter is for people.
    reporters: [
      'default',
      ['json', { outputFile: process.env.VITEST_JSON_REPORT ?? '.ci/report/vitest.json' }],
    ],
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['shared/**/*.test.ts', 'services/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, '**/dist/**', ...RUN_ALONE],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'alone', include: RUN_ALONE, sequence: { groupOrder: 1 } },
      },
    ],
  },
});

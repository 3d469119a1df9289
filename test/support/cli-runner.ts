/**
 * Runs the built `baton` CLI (dist/services/cli/main.js) as a child process against a test
 * cluster's api, as an operator would (needs `npm run build`).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../services/cli/cluster/infra/repo-root.js';
import type { TestCluster } from './test-cluster.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A `baton ...` runner for cluster `t`, with the admin token and the cluster's CA. */
export function cliFor(t: TestCluster): (...args: string[]) => Promise<CliRun> {
  const cli = join(repoRoot(), 'dist', 'services', 'cli', 'main.js');
  const home = mkdtempSync(join(tmpdir(), 'baton-cli-home-'));
  return (...args) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      BATON_HOME: home,
      BATON_TOKEN: t.adminToken,
      BATON_CA: t.cluster.caFile!,
    };
    delete env['BATON_API'];
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [cli, '--api', t.cluster.api.address, ...args],
        { env, timeout: 90_000, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
          resolve({ code, stdout, stderr });
        },
      );
    });
  };
}

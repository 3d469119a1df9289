import type { Command } from 'commander';
import { registerClusterDown } from './down.js';
import { registerClusterStatus } from './status.js';
import { registerClusterUp } from './up.js';

/** `baton cluster up|status|down`: a whole cluster as local processes under BATON_HOME. */
export function registerCluster(program: Command): void {
  const cluster = program
    .command('cluster')
    .description('run a whole Baton cluster on this machine (state in $BATON_HOME)');
  registerClusterUp(cluster);
  registerClusterStatus(cluster);
  registerClusterDown(cluster);
}

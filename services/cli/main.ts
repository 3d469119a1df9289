#!/usr/bin/env node
/**
 * `baton`: the command-line client of the Baton api, and `baton cluster up|status|down` to run a
 * whole cluster on this machine. Wiring only; each command lives in its own file.
 *
 * Exit codes: 0 success; 1 failure (bad usage or input, not found, an instance that did not
 * end as wanted, a timeout); 2 the api could not be reached; 130 `cluster up` interrupted.
 * `baton health` exits 0 or 1 only (Docker reserves 2 in healthchecks).
 */
import { Command } from 'commander';
import { registerCluster } from './cluster/register.js';
import { registerAlertChannel } from './commands/alert-channel.js';
import { registerApply } from './commands/apply.js';
import { registerBackfill } from './commands/backfill.js';
import { registerCerts } from './commands/certs.js';
import { registerAudit } from './commands/audit.js';
import { registerGet } from './commands/get.js';
import { registerHealth } from './commands/health.js';
import { registerHistory } from './commands/history.js';
import { registerList } from './commands/list.js';
import { registerLogs } from './commands/logs.js';
import { registerMembers } from './commands/members.js';
import { registerRerun } from './commands/rerun.js';
import { registerRecover } from './commands/recover.js';
import { registerForceSuccess } from './commands/force-success.js';
import { registerPauseResume } from './commands/pause-resume.js';
import { registerSchedule } from './commands/schedule.js';
import { registerStart } from './commands/start.js';
import { registerSerial } from './commands/serial.js';
import { registerTaskGroup } from './commands/task-group.js';
import { registerStop } from './commands/stop.js';
import { registerToken } from './commands/token.js';
import { registerWorkflows } from './commands/workflows.js';

const program = new Command('baton')
  .description('Baton, a distributed workflow scheduler: command-line client')
  .option('--api <host:port>', 'the api to talk to (default: $BATON_API, else cluster.json)')
  .option('--token <token>', 'api token (default: $BATON_TOKEN, else cluster.json)')
  .option('--ca <file>', 'CA certificate of a TLS api (default: $BATON_CA, else cluster.json)')
  .option('--home <dir>', 'where cluster up keeps its state (default: $BATON_HOME, else ./.baton)')
  .option('--json', 'print exactly one JSON document on stdout')
  // Commander's own errors ("unknown option", a suggestion) on one line, like ours.
  .configureOutput({
    outputError: (text, write) => write(`${text.trimEnd().replace(/\s*\n\s*/g, ' ')}\n`),
  });

for (const register of [
  registerApply,
  registerStart,
  registerGet,
  registerList,
  registerStop,
  registerRerun,
  registerRecover,
  registerForceSuccess,
  registerPauseResume,
  registerLogs,
  registerHistory,
  registerAudit,
  registerWorkflows,
  registerSchedule,
  registerBackfill,
  registerMembers,
  registerSerial,
  registerTaskGroup,
  registerHealth,
  registerCerts,
  registerToken,
  registerAlertChannel,
  registerCluster,
]) {
  register(program);
}

await program.parseAsync();

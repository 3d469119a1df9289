import type { Command } from 'commander';
import type { SerialState__Output } from '../../../shared/proto/gen/baton/v1/SerialState.js';
import { runCommand } from '../run-command.js';
import { localTime, table } from '../text-format.js';

/**
 * How an admission shows: an instance recovered or resumed from STOP (round > 0) re-entered
 * the queue at the tail under a new ticket, with its original id; it is marked a recovery.
 */
function admissionNote(round: number): string {
  return round > 0 ? `recovery (round ${round})` : '';
}

function serialJson(state: SerialState__Output) {
  return {
    workflow: state.workflow,
    shard: state.shard,
    coordinator: state.coordinator,
    holder:
      state.holder === null
        ? null
        : {
            instanceId: state.holder.instance_id,
            since: state.holder.since,
            owner: state.holder.owner,
            epoch: state.holder.epoch,
            ticket: state.holder.ticket,
            round: state.holder.round,
            recovery: state.holder.round > 0,
          },
    waitingCount: Number(state.waiting_count),
    waiting: state.waiting.map((w) => ({
      instanceId: w.instance_id,
      position: Number(w.position),
      queuedAt: w.queued_at,
      owner: w.owner,
      executionType: w.execution_type,
      ticket: w.ticket,
      round: w.round,
      recovery: w.round > 0,
    })),
    discarded: state.discarded,
  };
}

/**
 * `baton serial NAME`: who holds a serial definition's slot, since when, and who waits, in
 * order; a recovered or resumed instance is shown with its original id as a recovery.
 */
export function registerSerial(program: Command): void {
  program
    .command('serial')
    .description("show a serial workflow's running slot and waiting queue")
    .argument('<name>', 'the workflow name')
    .option('--limit <n>', 'waiting instances to list (at most 1000)', '100')
    .action((name: string, opts: { limit: string }, command: Command) =>
      runCommand(command, async (ctx) => {
        const state = await ctx.call('GetSerialState', {
          workflow: name,
          limit: Number(opts.limit),
        });
        if (ctx.json) {
          ctx.printJson(serialJson(state));
          return;
        }
        const holder = state.holder;
        ctx.say(
          holder === null
            ? `${name}: slot free (shard ${state.shard}, coordinator ${state.coordinator})`
            : `${name}: instance ${holder.instance_id} holds the slot since ${localTime(holder.since)} (${[`owner ${holder.owner}`, admissionNote(holder.round)].filter(Boolean).join('; ')})`,
        );
        ctx.say(`${state.waiting_count} waiting`);
        if (state.waiting.length > 0) {
          ctx.say(
            table(
              ['POSITION', 'INSTANCE', 'QUEUED', 'OWNER', 'ADMISSION'],
              state.waiting.map((w) => [
                w.position,
                w.instance_id,
                localTime(w.queued_at),
                w.owner,
                admissionNote(w.round) || 'new',
              ]),
            ),
          );
        }
      }),
    );
}

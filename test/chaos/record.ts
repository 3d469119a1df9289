/**
 * Reading the external record the chaos tasks write (see task-script.ts): one run of a task per
 * `start` line, ended by the earliest `end` line with the same identity.
 */
import { existsSync, readFileSync } from 'node:fs';

/** One execution of a task attempt, as the task itself recorded it. */
export interface TaskRun {
  workflow: string;
  instance: string;
  task: string;
  attempt: number;
  /** The worker it ran on (its NODE_NAME). */
  worker: string;
  /** The task script's pid: tells two runs of one attempt apart. */
  pid: string;
  /** Epoch milliseconds. */
  start: number;
  /** Epoch milliseconds; undefined when no end was recorded. */
  end: number | undefined;
  /** `0`/`1` (exit status), `term` (SIGTERM), `gone` (the group was SIGKILLed). */
  how: string | undefined;
}

/** `instance task attempt`: one task attempt, whichever run of it. */
export function attemptKey(run: { instance: string; task: string; attempt: number }): string {
  return `${run.instance} ${run.task} ${run.attempt}`;
}

/**
 * Parses the record's text. A line without a time is one whose `date` was killed with the task
 * (a kill at its very first command): a start without a time takes its run's end as its start;
 * an end without one is ignored (the watcher outside the group records the end too). Malformed
 * lines (none are expected) are skipped.
 */
export function parseRecord(text: string): TaskRun[] {
  const runs = new Map<string, TaskRun>();
  const order: TaskRun[] = [];
  for (const line of text.split('\n')) {
    const [kind, at, workflow, instance, task, attempt, worker, pid, how] = line.split(' ');
    if (pid === undefined || workflow === undefined || instance === undefined) continue;
    if (task === undefined || attempt === undefined || worker === undefined) continue;
    const time = at === '' || at === undefined ? NaN : Number(at);
    if (Number.isNaN(time) && kind !== 'start') continue;
    const key = `${instance} ${task} ${attempt} ${worker} ${pid}`;
    if (kind === 'start') {
      const run: TaskRun = {
        workflow,
        instance,
        task,
        attempt: Number(attempt),
        worker,
        pid,
        start: time,
        end: undefined,
        how: undefined,
      };
      runs.set(key, run);
      order.push(run);
    } else if (kind === 'end') {
      const run = runs.get(key);
      if (run !== undefined && (run.end === undefined || time < run.end)) {
        run.end = time;
        run.how = how;
        if (Number.isNaN(run.start)) run.start = time;
      }
    }
  }
  return order.filter((run) => !Number.isNaN(run.start));
}

export function readRecord(file: string): TaskRun[] {
  return existsSync(file) ? parseRecord(readFileSync(file, 'utf8')) : [];
}

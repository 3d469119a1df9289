/**
 * The one shell script every chaos task runs. It appends what it did to the run's record, a file
 * outside Baton: `start <ms> <workflow> <instance> <task> <attempt> <worker> <pid>` when it
 * begins, and `end <ms> <same fields> <how>` when it ends. The checker trusts only this record
 * for what actually ran.
 *
 * A task can end three ways, and each leaves an `end` line as close as possible to when its
 * side effects stopped:
 * - it finishes: the recorder (below) notes its exit status;
 * - it is killed with SIGTERM (a stop, a timeout): the trap writes `term` from inside the task's
 *   process group, so the line is written before the worker sees the group empty and reports;
 * - its whole group is SIGKILLed (its worker died, or lost its lease): nothing in the group
 *   can write, so a recorder outside the group (`setsid`) waits for EOF on a pipe that only
 *   the task's processes hold open, and writes `gone` the moment the last of them dies.
 * The checker takes the earliest `end` of a run. Lines are single `>>` (O_APPEND) writes far
 * below PIPE_BUF, so concurrent tasks never interleave within a line.
 *
 * For the branching workload (D1) a task can also decide at run time, from /dev/urandom (`sh`
 * is dash here: no $RANDOM), so every attempt may come out differently and a decision taken
 * twice could disagree with itself: it fails or succeeds on a coin toss, and it writes the
 * output `pick` (0 to picks−1) to $BATON_OUTPUT for a SWITCH downstream to route on.
 *
 * For the controls workload a task can fail until its cause is fixed: with `fails` = `fix` it
 * fails until the file `<fix dir>/<its instance id>` exists, which the workload creates before
 * some of its recovers (controls.ts), so a recover has work to do and may or may not succeed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SCRIPT = `# Baton chaos task: $1 record file, $2 seconds of work, fails while its attempt <= $3 (or
# on a coin toss when $3 is "coin", or until the file $5/<instance id> exists when $3 is "fix");
# when $4 > 0 it writes the output pick=0..$4-1, at random.
rec=$1 secs=$2 fails=$3 picks=\${4:-0} fixdir=\${5:-}
key="$BATON_WORKFLOW $BATON_INSTANCE_ID $BATON_TASK_NAME $BATON_TASK_ATTEMPT \${CHAOS_WORKER:-unknown} $$"
random() { od -An -N2 -tu2 /dev/urandom | tr -d ' '; }
{
  trap 'echo "end $(date +%s%3N) $key term" >>"$rec"; exit 143' TERM
  echo "start $(date +%s%3N) $key" >>"$rec"
  sleep "$secs"
  if [ "$picks" -gt 0 ]; then echo "pick=$(( $(random) % picks ))" >>"$BATON_OUTPUT"; fi
  if [ "$fails" = coin ]; then echo $(( $(random) % 2 ));
  elif [ "$fails" = fix ]; then if [ -e "$fixdir/$BATON_INSTANCE_ID" ]; then echo 0; else echo 1; fi
  elif [ "$BATON_TASK_ATTEMPT" -le "$fails" ]; then echo 1; else echo 0; fi
} | setsid sh -c 'rc=$(cat); echo "end $(date +%s%3N) $1 \${rc:-gone}" >>"$0"; exit "\${rc:-137}"' "$rec" "$key"
`;

/** Writes the script into `dir` and returns its path. */
export function writeTaskScript(dir: string): string {
  const path = join(dir, 'chaos-task.sh');
  writeFileSync(path, SCRIPT, { mode: 0o755 });
  return path;
}

/**
 * The command of a chaos task: works `seconds` (fractions allowed; a `${param}` placeholder is
 * substituted by Baton first) and exits 1 while its attempt is at most `failAttempts`, or on a
 * coin toss when that is `'coin'`, or until `<fixDir>/<instance id>` exists when it is `'fix'`. With `picks` > 0 it also writes the output `pick`, drawn
 * from 0 to picks−1 (the task must declare `outputs: [pick]`).
 * Uses no `${...}` of its own, which Baton would take for a parameter.
 */
export function taskCommand(
  script: string,
  record: string,
  seconds: string,
  failAttempts: string | number = 0,
  picks = 0,
  fixDir?: string,
): string {
  const command = `sh ${script} ${record} ${seconds} ${failAttempts}`;
  if (fixDir !== undefined) return `${command} ${picks} ${fixDir}`;
  return picks > 0 ? `${command} ${picks}` : command;
}

/** The chaos runner's command line. */
import { parseArgs } from 'node:util';
import { parseDuration } from '../../shared/domain/duration.js';
import { WORKLOAD_KINDS, type WorkloadKind } from './definitions.js';
import { FAULT_GROUPS, type FaultKind } from './faults.js';
import { randomSeed } from './rng.js';

export interface ChaosOptions {
  /** How long faults are injected and instances started. */
  durationMs: number;
  seed: number;
  /** How long the healed cluster may take to end every instance before S2/F3 are judged. */
  settleMs: number;
  faults: FaultKind[];
  /** The workload kinds started (`--kinds`; all by default). */
  kinds: WorkloadKind[];
  /** `--kinds` as given, for the replay command. */
  kindsFlag: string | undefined;
  leaseTtlMs: number;
  /** The coordinators' SERIAL_GAP_WAIT_MS (the S3 exception). */
  serialGapWaitMs: number;
  /** Keep the run's directory (logs, record, data) even when there was no violation. */
  keep: boolean;
  /** Write the summary as JSON here. */
  summaryFile: string | undefined;
}

/** Every group but `none`: the run does every kind of fault unless told otherwise. */
const DEFAULT_FAULTS = Object.keys(FAULT_GROUPS)
  .filter((g) => g !== 'none')
  .join(',');

export const USAGE = `usage: npm run chaos -- [options]
  --duration 10m      how long to inject faults and start instances (default 10m)
  --seed N            the seed of every random decision (default: random, always printed)
  --settle 60s        how long the healed cluster may take to end every instance (default 60s)
  --faults LIST       comma-separated, of ${Object.keys(FAULT_GROUPS).join(',')}
                      (default: ${DEFAULT_FAULTS}; none: the workload alone)
  --kinds LIST        comma-separated workload kinds to start; a name also selects the kinds
                      named NAME-* (controls: controls, controls-serial, controls-sub)
                      (default: all, ${WORKLOAD_KINDS.map((k) => k.kind).join(',')})
  --lease-ttl 3s      LEASE_TTL_MS of every service (default 3s)
  --gap-wait 30s      SERIAL_GAP_WAIT_MS of the coordinators (default 30s)
  --keep              keep the run directory (it is kept anyway when something is violated)
  --summary FILE      also write the summary as JSON to FILE`;

/** @throws Error (with the usage) on an unknown flag or a bad value. */
export function parseOptions(argv: string[]): ChaosOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string', default: '10m' },
      seed: { type: 'string' },
      settle: { type: 'string', default: '60s' },
      faults: { type: 'string', default: DEFAULT_FAULTS },
      kinds: { type: 'string' },
      'lease-ttl': { type: 'string', default: '3s' },
      'gap-wait': { type: 'string', default: '30s' },
      keep: { type: 'boolean', default: false },
      summary: { type: 'string' },
    },
    strict: true,
  });
  const seed = values.seed === undefined ? randomSeed() : Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new Error(`--seed: not a number: ${values.seed}`);
  const faults = values.faults
    .split(',')
    .filter((g) => g !== '')
    .flatMap((group) => {
      const kinds = FAULT_GROUPS[group];
      if (kinds === undefined) throw new Error(`--faults: unknown kind ${group}`);
      return kinds;
    });
  const kinds = values.kinds === undefined ? [...WORKLOAD_KINDS] : selectKinds(values.kinds);
  const leaseTtlMs = parseDuration(values['lease-ttl'], '--lease-ttl');
  if (leaseTtlMs < 1000 || leaseTtlMs % 1000 !== 0)
    throw new Error('--lease-ttl: whole seconds, at least 1s');
  return {
    durationMs: parseDuration(values.duration, '--duration'),
    seed,
    settleMs: parseDuration(values.settle, '--settle'),
    faults,
    kinds,
    kindsFlag: values.kinds,
    leaseTtlMs,
    serialGapWaitMs: parseDuration(values['gap-wait'], '--gap-wait'),
    keep: values.keep,
    summaryFile: values.summary,
  };
}

/** The kinds `--kinds` names: each name selects its kind and the kinds named `name-*`. */
function selectKinds(list: string): WorkloadKind[] {
  const names = list.split(',').filter((n) => n !== '');
  for (const name of names) {
    if (!WORKLOAD_KINDS.some((k) => k.kind === name || k.kind.startsWith(`${name}-`)))
      throw new Error(`--kinds: unknown kind ${name}`);
  }
  return WORKLOAD_KINDS.filter((k) =>
    names.some((n) => k.kind === n || k.kind.startsWith(`${n}-`)),
  );
}

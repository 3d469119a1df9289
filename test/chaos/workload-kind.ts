/** What the workload starts, per kind (definitions.ts, definitions-controls.ts). */
import type { Rng } from './rng.js';

/** A kind of instance the workload starts: a root definition, a start rate and a cap. */
export interface WorkloadKind {
  kind: string;
  /** The definition started (children are started by Baton). */
  workflow: string;
  /** Time between two starts, drawn uniformly, in ms. */
  everyMs: [number, number];
  /** No new start while this many of the kind have not ended (keeps the settle bounded). */
  maxOpen: number;
  params(rng: Rng): Record<string, string>;
  /** Starts backfills of the definition (backfills.ts) instead of instances. */
  backfill?: true;
}

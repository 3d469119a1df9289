import type { BenchCluster } from './support/bench-cluster.js';
import { quantile } from './support/stats.js';

/** Streams open at once on the one api (a fan-out, not a single lucky client). */
const WATCHERS = 20;

export interface WatchRound {
  p50: number;
  p99: number;
  samples: number;
}

/**
 * Watch latency: from a state change's commit (its `state_changes.at`, MySQL's NOW(6) in the
 * statement that commits it) to the event arriving at a client, over WATCHERS WatchInstances
 * streams opened before `instances` two-task workflows are started (every instance-level
 * change they make is a sample at every watcher). Same machine, same clock. Includes the
 * api's poll interval (WATCH_POLL_MS): that is what a watcher waits.
 */
export async function measureWatchLatency(
  bench: BenchCluster,
  label: string,
  instances: number,
): Promise<WatchRound> {
  const { api } = bench;
  const workflow = `watch-${label}`;
  await api.ApplyWorkflow({
    yaml: [
      `name: ${workflow}`,
      'tasks:',
      '  - { name: a, type: SHELL, command: "true" }',
      '  - { name: b, type: SHELL, command: "true", dependsOn: [a] }',
    ].join('\n'),
  });
  const latencies: number[] = [];
  const stops = Array.from({ length: WATCHERS }, () => new AbortController());
  const ended = new Set<string>();
  let opened = 0;
  let allEnded: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allEnded = resolve));
  const ready = Array.from({ length: WATCHERS }, (_, i) => {
    const stream = api.WatchInstances(
      { workflow, after_change: '0' },
      { signal: stops[i]!.signal },
    );
    return (async () => {
      // The first pull opens the call; the event it waits for arrives after the starts.
      opened += 1;
      for await (const event of stream) {
        latencies.push(Date.now() - new Date(event.at).getTime());
        if (i === 0 && ['SUCCESS', 'FAILURE'].includes(event.to_state)) {
          ended.add(event.instance_id);
          if (ended.size === instances) allEnded();
        }
      }
    })().catch(() => undefined);
  });
  // Let the calls reach the api and subscribe before any change is made.
  while (opened < WATCHERS) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 500));
  for (let i = 0; i < instances; i += 1) await api.StartInstance({ workflow });
  await done;
  for (const stop of stops) stop.abort();
  await Promise.all(ready);
  return {
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    samples: latencies.length,
  };
}

/**
 * The nemesis (Jepsen's name for it): injects one fault at a time on a seeded random schedule
 * and heals each before the next — a killed process is restarted, a paused one resumed, a cut,
 * slowed or stalled link restored, etcd and MariaDB started again — so the cluster is always on its way back to
 * health and the run can end with everything healed. Each round does every enabled kind once,
 * in a shuffled order, so even a short run injects every kind.
 */
import { assertNever } from '../../shared/assert-never.js';
import { errorMessage } from '../../shared/errors.js';
import type { Role } from '../../shared/etcd/keys.js';
import type { ChaosCluster } from './cluster.js';
import type { Fault, FaultKind } from './faults.js';
import type { ChaosInfra } from './infra.js';
import type { Rng } from './rng.js';
import type { TcpProxy } from './tcp-proxy.js';

/** How long a slow-mysql fault lasts, in ms (see test/chaos.test.ts for why not longer). */
const SLOW_HOLD_MS: [number, number] = [4_000, 10_000];

export interface NemesisOptions {
  kinds: readonly FaultKind[];
  leaseTtlMs: number;
  /** Pause between one fault's heal and the next fault, in ms. */
  gapMs: [number, number];
  log: (line: string) => void;
}

export class Nemesis {
  readonly faults: Fault[] = [];
  private stopping = false;
  private running: Promise<void> | undefined;

  constructor(
    private readonly cluster: ChaosCluster,
    private readonly infra: ChaosInfra,
    private readonly rng: Rng,
    private readonly o: NemesisOptions,
  ) {}

  /** Starts injecting faults until `stop()`. */
  start(): void {
    this.running = this.loop();
    // Reported by stop(); until then a failed heal must not end the runner as unhandled.
    this.running.catch((err: unknown) => this.o.log(`nemesis failed: ${errorMessage(err)}`));
  }

  /** Lets the fault under way heal, then returns. Rejects if injecting or healing failed. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  private async loop(): Promise<void> {
    if (this.o.kinds.length === 0) return;
    for (let round = 1; !this.stopping; round += 1) {
      for (const kind of this.rng.shuffle(this.o.kinds)) {
        await this.sleep(this.rng.int(...this.o.gapMs));
        if (this.stopping) return;
        await this.inject(kind);
      }
      // When the first round ends tells how much of a short run's time every kind needs.
      this.o.log(`nemesis: round ${round} done (every kind once)`);
    }
  }

  private async inject(kind: FaultKind): Promise<void> {
    const ttl = this.o.leaseTtlMs;
    switch (kind) {
      case 'kill-master':
        return this.kill('master');
      case 'kill-coordinator':
        return this.kill('coordinator');
      case 'kill-worker':
        return this.kill('worker');
      case 'pause-master': {
        // Past the TTL: its lease expires and another master adopts its instances meanwhile.
        const target = this.rng.pick(this.cluster.names('master'));
        const holdMs = ttl + this.rng.int(500, 3_000);
        return this.record(kind, target, `held ${holdMs} ms`, async () => {
          this.cluster.pause(target);
          await sleep(holdMs);
          this.cluster.resume(target);
        });
      }
      case 'partition-master': {
        const target = this.rng.pick(this.cluster.names('master'));
        const holdMs = ttl + this.rng.int(500, 4_000);
        return this.hold(kind, 'etcd', target, `cut ${holdMs} ms`, holdMs, (p) => p.cut());
      }
      case 'restart-etcd': {
        // Sometimes shorter than the TTL (leases survive), sometimes not (everyone rejoins).
        const downMs = this.rng.int(0, ttl);
        return this.record(kind, 'etcd', `down ${downMs} ms + start`, () =>
          retry(() => this.infra.restartEtcd(downMs)),
        );
      }
      case 'restart-mysql': {
        const downMs = this.rng.int(0, 3_000);
        return this.record(kind, 'mariadb', `down ${downMs} ms + start`, () =>
          retry(() => this.infra.restartMariaDb(downMs)),
        );
      }
      case 'slow-mysql': {
        // Every chunk to and from MariaDB waits `latencyMs`: a query takes twice that at least.
        const target = this.rng.pick(this.cluster.mysqlProxied());
        const latencyMs = this.rng.int(200, 2_000);
        const holdMs = this.rng.int(SLOW_HOLD_MS[0], SLOW_HOLD_MS[1]);
        const detail = `+${latencyMs} ms each way for ${holdMs} ms`;
        return this.hold(kind, 'mysql', target, detail, holdMs, (p) => p.delay(latencyMs));
      }
      case 'stall-mysql': {
        // Past the TTL, but the master keeps its etcd lease: it still owns its instances and
        // must simply wait; writes it sent before the stall land after the heal (fenced, see
        // check-ownership.ts for why the F1 rule on paused masters leaves stalls out).
        const target = this.rng.pick(this.cluster.names('master'));
        const holdMs = ttl + this.rng.int(1_000, 3_000);
        const detail = `stalled ${holdMs} ms`;
        return this.hold(kind, 'mysql', target, detail, holdMs, (p) => p.stall());
      }
      default:
        // A kind in FAULT_KINDS without a case here does not compile.
        return assertNever(kind);
    }
  }

  /** Breaks `target`'s link to etcd or MariaDB with `fault`, holds it `holdMs`, heals it. */
  private hold(
    kind: FaultKind,
    link: 'etcd' | 'mysql',
    target: string,
    detail: string,
    holdMs: number,
    fault: (proxy: TcpProxy) => void,
  ): Promise<void> {
    const proxy = this.cluster.proxy(link, target);
    return this.record(kind, target, detail, async () => {
      fault(proxy);
      try {
        await sleep(holdMs);
      } finally {
        proxy.heal();
      }
    });
  }

  /** SIGKILL a process of `role`; it is started again after a while under the same name. */
  private async kill(role: Role): Promise<void> {
    const target = this.rng.pick(this.cluster.names(role));
    const downMs = this.rng.int(200, 3_000);
    await this.record(
      `kill-${role}` as FaultKind,
      target,
      `down ${downMs} ms + start`,
      async () => {
        this.cluster.kill(target);
        await sleep(downMs);
        await retry(() => this.cluster.restart(target));
      },
    );
  }

  private async record(
    kind: FaultKind,
    target: string,
    detail: string,
    act: () => Promise<void>,
  ): Promise<void> {
    const start = Date.now();
    this.o.log(`nemesis: ${kind} ${target} (${detail})`);
    try {
      await act();
    } finally {
      this.faults.push({ kind, target, start, end: Date.now(), detail });
    }
  }

  /** Sleeps, but wakes early when the nemesis is stopped. */
  private async sleep(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (!this.stopping && Date.now() < until) await sleep(Math.min(200, until - Date.now()));
  }
}

/** Healing must succeed: a restart that fails (a port race, a slow start) is tried again. */
async function retry(heal: () => Promise<void>, attempts = 3): Promise<void> {
  for (let i = 1; ; i += 1) {
    try {
      return await heal();
    } catch (err) {
      if (i >= attempts) throw err;
      await sleep(1_000);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

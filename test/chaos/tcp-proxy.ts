/**
 * A TCP proxy in front of one backend for one process, so the nemesis can break that process's
 * link alone: a master's link to etcd (cut) or a master's or the api's link to MariaDB (slow,
 * stalled) while everything else is untouched. One proxy per process, as in etcd3's own tests
 * (`src/test/util.ts`). It dials the backend afresh for every connection, so a backend that was
 * restarted on its port is found again by the next connection.
 *
 * Modes (each applies to open connections and to connections made while it holds):
 * - `pass`: bytes are forwarded as they come.
 * - `cut`: every connection is reset (RST, like a dropped route answered by a firewall's
 *   reject) and new ones are reset at once, instead of hanging.
 * - `delay`: every chunk, in both directions, is forwarded `ms` after it arrived, in arrival
 *   order (each direction is one queue, drained head first, never a timer per chunk).
 * - `stall`: every byte and every FIN is held, nothing is forwarded and nothing closed: the
 *   process sees a peer that has stopped answering.
 *
 * `heal()` goes back to `pass`; whatever was held goes on at once, in order. A reset (a socket
 * error on either side) is not queued: it ends the connection at once, data in flight included,
 * as a crashed peer would.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

type Mode = { kind: 'pass' | 'cut' | 'stall' } | { kind: 'delay'; ms: number };

/** A chunk, or the sender's FIN (`null`), and when it reached the proxy. */
interface Item {
  at: number;
  chunk: Buffer | null;
}

export class TcpProxy {
  private mode: Mode = { kind: 'pass' };
  private readonly links = new Set<Link>();

  private constructor(
    private readonly server: Server,
    /** `127.0.0.1:PORT` the process dials instead of the backend. */
    readonly address: string,
  ) {}

  /** Listens on a free port of 127.0.0.1 and forwards to `targetPort` there. */
  static async start(targetPort: number): Promise<TcpProxy> {
    // Half-open allowed: a FIN is forwarded like data (and held like data), not answered.
    const server = createServer({ allowHalfOpen: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: 0, host: '127.0.0.1' }, resolve);
    });
    const bound = server.address();
    if (bound === null || typeof bound === 'string') throw new Error('proxy has no port');
    const proxy = new TcpProxy(server, `127.0.0.1:${bound.port}`);
    // Nobody knows the address before it is returned, so no connection can arrive unhandled.
    server.on('connection', (client) => proxy.accept(client, targetPort));
    return proxy;
  }

  /** Resets every connection through the proxy and every new one until `heal()`. */
  cut(): void {
    this.setMode({ kind: 'cut' });
    for (const link of this.links) link.destroy(true);
    this.links.clear();
  }

  /** Forwards every chunk, both ways, `ms` after it arrived, until `heal()`. */
  delay(ms: number): void {
    this.setMode({ kind: 'delay', ms });
  }

  /** Holds every byte, both ways, and every close, until `heal()`. */
  stall(): void {
    this.setMode({ kind: 'stall' });
  }

  /** Forwards again; what was held or delayed goes on at once, in order. */
  heal(): void {
    this.setMode({ kind: 'pass' });
  }

  /** Bytes received and not yet forwarded, over all connections. */
  get heldBytes(): number {
    let n = 0;
    for (const link of this.links) n += link.heldBytes;
    return n;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private setMode(mode: Mode): void {
    this.mode = mode;
    for (const link of this.links) link.pump();
  }

  private accept(client: Socket, targetPort: number): void {
    if (this.mode.kind === 'cut') {
      reset(client);
      return;
    }
    const upstream = connect({ port: targetPort, host: '127.0.0.1', allowHalfOpen: true });
    const link = new Link(
      client,
      upstream,
      () => this.mode,
      () => this.links.delete(link),
    );
    this.links.add(link);
  }
}

/** One client connection and its own connection to the backend. */
class Link {
  private readonly lanes: [Lane, Lane];
  private closed = 0;

  constructor(
    private readonly client: Socket,
    private readonly upstream: Socket,
    mode: () => Mode,
    private readonly onGone: () => void,
  ) {
    this.lanes = [new Lane(client, upstream, mode), new Lane(upstream, client, mode)];
    for (const socket of [client, upstream]) {
      socket.setNoDelay(true);
      // Either side failing ends the pair: the process sees what it would see if the backend
      // went away (which, or a reset link, is what just happened).
      socket.on('error', () => this.destroy(false));
      // A clean close of both (each FIN forwarded both ways) is the end of the link.
      socket.on('close', () => {
        this.closed += 1;
        if (this.closed === 2) this.destroy(false);
      });
    }
  }

  get heldBytes(): number {
    return this.lanes[0].heldBytes + this.lanes[1].heldBytes;
  }

  pump(): void {
    for (const lane of this.lanes) lane.pump();
  }

  /** Ends both sockets at once, with RSTs when `hard`; forgets whatever is held. */
  destroy(hard: boolean): void {
    for (const lane of this.lanes) lane.dispose();
    for (const socket of [this.client, this.upstream]) {
      if (hard) reset(socket);
      else socket.destroy();
    }
    this.onGone();
  }
}

/** One direction of a link: a FIFO of what arrived, forwarded as the mode allows. */
class Lane {
  private readonly queue: Item[] = [];
  private timer: NodeJS.Timeout | undefined;
  private waitingForDrain = false;

  constructor(
    private readonly from: Socket,
    private readonly to: Socket,
    private readonly mode: () => Mode,
  ) {
    from.on('data', (chunk: Buffer) => this.push(chunk));
    from.on('end', () => this.push(null));
  }

  get heldBytes(): number {
    return this.queue.reduce((n, item) => n + (item.chunk?.length ?? 0), 0);
  }

  /**
   * Forwards from the head of the queue whatever the mode lets through now, and sets one timer
   * for the next item that is due later. Only the head is ever looked at, so nothing overtakes.
   */
  pump(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const mode = this.mode();
    if (mode.kind === 'stall' || mode.kind === 'cut') return;
    for (let head = this.queue[0]; head !== undefined; head = this.queue[0]) {
      const wait = mode.kind === 'delay' ? head.at + mode.ms - Date.now() : 0;
      if (wait > 0) {
        this.timer = setTimeout(() => this.pump(), wait);
        return;
      }
      this.queue.shift();
      if (head.chunk === null) this.to.end();
      else if (!this.to.write(head.chunk)) this.throttle();
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.queue.length = 0;
  }

  private push(chunk: Buffer | null): void {
    this.queue.push({ at: Date.now(), chunk });
    // Only an empty queue can have something due now; otherwise the head's timer is set.
    if (this.queue.length === 1) this.pump();
  }

  /** The receiver is full: read no more from the sender until it has drained (as pipe does). */
  private throttle(): void {
    if (this.waitingForDrain) return;
    this.waitingForDrain = true;
    this.from.pause();
    this.to.once('drain', () => {
      this.waitingForDrain = false;
      this.from.resume();
    });
  }
}

/** RST instead of FIN; a socket that is already gone is simply destroyed. */
function reset(socket: Socket): void {
  try {
    socket.resetAndDestroy();
  } catch {
    socket.destroy();
  }
}

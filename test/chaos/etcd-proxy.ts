/**
 * A TCP proxy in front of etcd for one master, so the nemesis can cut that master off from
 * etcd while it still reaches MySQL (a partition no process signal can make). Cut, it resets
 * every open connection and every new one at once (RST, like a dropped route answered by a
 * firewall's reject) instead of hanging; healed, it forwards again. A proxy per master, as in
 * etcd3's own tests (`src/test/util.ts`).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export class EtcdProxy {
  private cutOff = false;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    /** `127.0.0.1:PORT` the master dials instead of etcd. */
    readonly address: string,
  ) {}

  /** Listens on a free port of 127.0.0.1 and forwards to `targetPort` there. */
  static async start(targetPort: number): Promise<EtcdProxy> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: 0, host: '127.0.0.1' }, resolve);
    });
    const bound = server.address();
    if (bound === null || typeof bound === 'string') throw new Error('proxy has no port');
    const proxy = new EtcdProxy(server, `127.0.0.1:${bound.port}`);
    // Nobody knows the address before it is returned, so no connection can arrive unhandled.
    server.on('connection', (client) => proxy.accept(client, targetPort));
    return proxy;
  }

  get isCut(): boolean {
    return this.cutOff;
  }

  /** Resets every connection through the proxy and refuses new ones until `heal()`. */
  cut(): void {
    this.cutOff = true;
    for (const socket of this.sockets) reset(socket);
    this.sockets.clear();
  }

  heal(): void {
    this.cutOff = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, targetPort: number): void {
    if (this.cutOff) {
      reset(client);
      return;
    }
    const upstream = connect({ port: targetPort, host: '127.0.0.1' });
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.sockets.add(a);
      a.setNoDelay(true);
      a.pipe(b);
      // Either side failing or closing ends the pair: the master sees what it would see if
      // etcd went away (it is, after all, what just happened).
      a.on('error', () => b.destroy());
      a.on('close', () => {
        this.sockets.delete(a);
        b.destroy();
      });
    }
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

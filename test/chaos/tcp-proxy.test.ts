import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TcpProxy } from './tcp-proxy.js';

/** A backend that echoes everything and counts the bytes it received. */
interface Echo {
  server: Server;
  port: number;
  received: number;
  /** Closes the server and every connection it has. */
  stop: () => Promise<void>;
}

async function startEcho(port = 0): Promise<Echo> {
  const server = createServer();
  const sockets = new Set<Socket>();
  const stop = (): Promise<void> => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const echo: Echo = { server, port: 0, received: 0, stop };
  echo.server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('data', (chunk: Buffer) => {
      echo.received += chunk.length;
      socket.write(chunk);
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    echo.server.once('error', reject);
    echo.server.listen({ port, host: '127.0.0.1' }, resolve);
  });
  const bound = echo.server.address();
  if (bound === null || typeof bound === 'string') throw new Error('echo has no port');
  echo.port = bound.port;
  return echo;
}

/** A client of the proxy that collects what comes back and how it ended. */
interface Client {
  socket: Socket;
  text: () => string;
  /** When the i-th byte came back, by Date.now(). */
  arrivals: number[];
  closed: Promise<void>;
}

async function dial(proxy: TcpProxy): Promise<Client> {
  const [host, port] = proxy.address.split(':');
  const socket = connect({ host, port: Number(port) });
  socket.setNoDelay(true);
  socket.on('error', () => {});
  let text = '';
  const arrivals: number[] = [];
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    for (let i = 0; i < chunk.length; i += 1) arrivals.push(Date.now());
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return { socket, text: () => text, arrivals, closed };
}

/** Writes each part as its own chunk (waiting until it was handed to the kernel). */
async function send(client: Client, ...parts: string[]): Promise<void> {
  for (const part of parts) {
    await new Promise<void>((resolve, reject) =>
      client.socket.write(part, (err) => (err ? reject(err) : resolve())),
    );
  }
}

describe('TcpProxy', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp(): Promise<{ echo: Echo; proxy: TcpProxy }> {
    const echo = await startEcho();
    cleanups.push(() => echo.stop());
    const proxy = await TcpProxy.start(echo.port);
    cleanups.push(() => proxy.close());
    return { echo, proxy };
  }

  it('forwards both ways as bytes come', async () => {
    const { proxy } = await setUp();
    const client = await dial(proxy);
    await send(client, 'hello ', 'world');
    await expect.poll(client.text).toBe('hello world');
  });

  it('delays every chunk both ways and keeps their order, also across a change of delay', async () => {
    const { proxy } = await setUp();
    const client = await dial(proxy);
    proxy.delay(150);
    const sentAt = Date.now();
    await send(client, 'a', 'b', 'c');
    proxy.delay(300);
    await send(client, 'd', 'e');
    proxy.delay(20);
    await send(client, 'f', 'g', 'h');
    await expect.poll(client.text).toBe('abcdefgh');
    // Each byte went through the delay twice (to the echo and back); timers are ms-grained.
    expect(client.arrivals[0]! - sentAt).toBeGreaterThanOrEqual(2 * 20 - 2);
  });

  it('delays a connection made while the delay holds', async () => {
    const { proxy } = await setUp();
    proxy.delay(100);
    const client = await dial(proxy);
    const sentAt = Date.now();
    await send(client, 'x');
    await expect.poll(client.text).toBe('x');
    expect(client.arrivals[0]! - sentAt).toBeGreaterThanOrEqual(2 * 100 - 2);
  });

  it('lets nothing through a stall, open or new connections, and everything after the heal', async () => {
    const { echo, proxy } = await setUp();
    const before = await dial(proxy);
    await send(before, 'ping');
    await expect.poll(before.text).toBe('ping');
    proxy.stall();
    await send(before, 'one', 'two');
    const during = await dial(proxy);
    await send(during, 'three');
    // Every byte has reached the proxy, and the backend has seen none of them.
    await expect.poll(() => proxy.heldBytes).toBe('onetwothree'.length);
    expect(echo.received).toBe('ping'.length);
    expect(before.text()).toBe('ping');
    during.socket.end();
    proxy.heal();
    await expect.poll(before.text).toBe('pingonetwo');
    await expect.poll(() => echo.received).toBe('pingonetwothree'.length);
    // The data went before the FIN: echoed back, then the echo's own FIN closed the client.
    await during.closed;
    expect(during.text()).toBe('three');
  });

  it('resets open and new connections while cut, and forwards again once healed', async () => {
    const { proxy } = await setUp();
    const open = await dial(proxy);
    proxy.cut();
    await open.closed;
    const during = await dial(proxy).catch(() => undefined);
    if (during !== undefined) await during.closed;
    proxy.heal();
    const after = await dial(proxy);
    await send(after, 'back');
    await expect.poll(after.text).toBe('back');
  });

  it('dials the backend per connection: a backend started again on its port is found', async () => {
    const echo = await startEcho();
    const proxy = await TcpProxy.start(echo.port);
    cleanups.push(() => proxy.close());
    await echo.stop();
    const refused = await dial(proxy);
    await refused.closed;
    const again = await startEcho(echo.port);
    cleanups.push(() => again.stop());
    const client = await dial(proxy);
    await send(client, 'up');
    await expect.poll(client.text).toBe('up');
  });
});

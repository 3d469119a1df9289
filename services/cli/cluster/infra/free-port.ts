import { createServer } from 'node:net';
import type { Server } from 'node:net';

/**
 * Returns a TCP port that is free on `host` right now (default `127.0.0.1`): binds port 0,
 * reads the port the kernel chose, and closes the socket again.
 *
 * The port is only a good guess: another process may take it before the caller binds it, so
 * callers that spawn servers on it retry with a new port when the server reports "address in
 * use". Rejects with the bind error when `host` cannot be bound at all.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const [port] = await freePorts(1, host);
  if (port === undefined) throw new Error('freePorts(1) returned no port');
  return port;
}

/**
 * Returns `count` distinct free TCP ports on `host`. All of them are held open until every one
 * is bound, so the kernel cannot hand out the same port twice (two sequential `freePort()`
 * calls can). Rejects with the bind error when `host` cannot be bound.
 */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      ports.push(await listenOnAnyPort(server, host));
    }
    return ports;
  } finally {
    await Promise.all(servers.map((server) => closeServer(server)));
  }
}

function listenOnAnyPort(server: Server, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      if (address !== null && typeof address === 'object') resolve(address.port);
      else reject(new Error(`could not read the port bound on ${host}`));
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) resolve();
    else server.close(() => resolve());
  });
}

/**
 * True when `port` can be bound on `host` right now. Servers check this before they start,
 * because a readiness probe on an occupied port is answered by whoever holds it.
 */
export async function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, host, exclusive: true }, resolve);
    });
    return true;
  } catch {
    return false;
  } finally {
    await closeServer(server);
  }
}

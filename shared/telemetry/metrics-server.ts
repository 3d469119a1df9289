import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MetricsServer {
  /** host:port actually bound. */
  readonly address: string;
  close(): Promise<void>;
}

/** Serves `GET /metrics` on `listen` (host:port, port 0 picks a free one); 404 elsewhere. */
export async function startMetricsServer(
  listen: string,
  handle: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<MetricsServer> {
  const cut = listen.lastIndexOf(':');
  const host = listen.slice(0, cut);
  const port = Number(listen.slice(cut + 1));
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.split('?')[0] === '/metrics') {
      handle(req, res);
      return;
    }
    res.statusCode = 404;
    res.end('not found: metrics are at /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    address: `${host}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { createServer, type Server } from 'node:http';
import { verifyWebhookSignature } from '../../shared/alerts/webhook-signature.js';

/** One request the receiver got. */
export interface ReceivedAlert {
  key: string;
  event: string;
  signatureOk: boolean;
  body: string;
  json: { id: string; event: string; instance: { id: string; workflow: string; state: string } };
}

/**
 * A real HTTP webhook receiver on a fixed local port that a test takes down (not listening:
 * connections are refused) and brings back up. It checks every request's signature with the
 * channel's secret and keeps what it got, in order.
 */
export class WebhookReceiver {
  readonly received: ReceivedAlert[] = [];
  private server: Server | undefined;

  constructor(
    readonly port: number,
    private readonly secret: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async up(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const header = req.headers['x-baton-signature'];
        this.received.push({
          key: String(req.headers['idempotency-key']),
          event: String(req.headers['x-baton-event']),
          signatureOk: verifyWebhookSignature(
            this.secret,
            body,
            typeof header === 'string' ? header : undefined,
          ),
          body,
          json: JSON.parse(body) as ReceivedAlert['json'],
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  keys(): string[] {
    return this.received.map((r) => r.key);
  }
}

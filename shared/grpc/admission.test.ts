import * as grpc from '@grpc/grpc-js';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { ResourceExhaustedError } from '../errors.js';
import { CallAdmission } from './admission.js';
import { bindService, startGrpcServer, type RunningServer } from './server.js';
import { fromGrpcError, RETRY_AFTER_KEY } from './status-mapping.js';

const json = {
  serialize: (value: unknown) => Buffer.from(JSON.stringify(value)),
  deserialize: (buffer: Buffer) => JSON.parse(buffer.toString()) as { n: number },
};

/** One unary method, JSON-encoded: enough to drive a real server through admission. */
const definition = {
  Hold: {
    path: '/baton.test.Admission/Hold',
    requestStream: false,
    responseStream: false,
    requestSerialize: json.serialize,
    requestDeserialize: json.deserialize,
    responseSerialize: json.serialize,
    responseDeserialize: json.deserialize,
    originalName: 'hold',
  },
} satisfies grpc.ServiceDefinition;

describe('CallAdmission', () => {
  it('admits up to its bound, refuses beyond with a retry hint, and frees a place once', () => {
    const admission = new CallAdmission(2, 300);
    const first = admission.enter();
    admission.enter();
    expect(() => admission.enter()).toThrow(ResourceExhaustedError);
    try {
      admission.enter();
    } catch (err) {
      expect(err).toMatchObject({ retryable: true, retryAfterMs: 300 });
    }
    first();
    first();
    expect(admission.inFlight).toBe(1);
    admission.enter();
    expect(admission.inFlight).toBe(2);
  });
});

describe('a server bound with admission', () => {
  const admission = new CallAdmission(2, 250);
  const releases: (() => void)[] = [];
  let server: RunningServer | undefined;
  let client: grpc.Client | undefined;
  afterAll(async () => {
    client?.close();
    await server?.shutdown(1_000);
  });

  const call = (n: number): Promise<{ n: number }> =>
    new Promise((resolve, reject) => {
      const typed = client as unknown as {
        Hold(request: { n: number }, callback: grpc.requestCallback<{ n: number }>): void;
      };
      typed.Hold({ n }, (err, res) => (err ? reject(err) : resolve(res!)));
    });

  it('answers RESOURCE_EXHAUSTED with retry-after-ms past MAX_INFLIGHT_CALLS, at once, and recovers', async () => {
    const handlers = {
      Hold: (request: { n: number }) =>
        new Promise<{ n: number }>((resolve) => releases.push(() => resolve(request))),
    };
    const binding = bindService(definition, handlers, pino({ level: 'silent' }), { admission });
    server = await startGrpcServer('127.0.0.1:0', [binding]);
    const Client = grpc.makeGenericClientConstructor(definition, 'Admission');
    client = new Client(server.address, grpc.credentials.createInsecure());

    const held = [call(1), call(2)];
    await expect.poll(() => releases.length).toBe(2);
    const refused = await call(3).then(
      () => undefined,
      (err: unknown) => err as grpc.ServiceError,
    );
    expect(refused?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(refused?.metadata.get(RETRY_AFTER_KEY)).toEqual(['250']);
    const typed = fromGrpcError(refused);
    expect(typed).toBeInstanceOf(ResourceExhaustedError);
    expect(typed).toMatchObject({ retryable: true, retryAfterMs: 250 });
    expect(releases).toHaveLength(2);

    for (const release of releases.splice(0)) release();
    expect(await Promise.all(held)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(admission.inFlight).toBe(0);
    const again = call(4);
    await expect.poll(() => releases.length).toBe(1);
    releases[0]!();
    expect(await again).toEqual({ n: 4 });
  });
});

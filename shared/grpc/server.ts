import * as grpc from '@grpc/grpc-js';
import type { Deserialize, Serialize } from '@grpc/proto-loader';
import type { Logger } from 'pino';
import { BatonError, InternalError } from '../errors.js';
import type { CallAdmission } from './admission.js';
import type { Authorizer, CallContext } from './call-context.js';
import { toGrpcStatus } from './status-mapping.js';
import { markRpcError, rpcServerObserver, serverSpan, type RpcObserver } from './rpc-telemetry.js';
import { wrapServerStream, type StreamHandler } from './server-stream.js';

/**
 * Handlers for a generated service definition: plain async functions of (request, context), and
 * for the server-streaming methods named in `S` (the generated types do not say which ones
 * stream) a StreamHandler that writes its messages.
 */
export type ServiceHandlers<D, S extends string = never> = {
  [K in keyof D as string extends K ? never : K]: D[K] extends {
    requestDeserialize: Deserialize<infer Req>;
    responseSerialize: Serialize<infer Res>;
  }
    ? K extends S
      ? StreamHandler<Req, Res>
      : (request: Req, ctx: CallContext) => Promise<Res>
    : never;
};

export interface ServiceBinding {
  definition: grpc.ServiceDefinition;
  implementation: grpc.UntypedServiceImplementation;
}

/** Pairs a service definition with its handlers, wrapping each in error mapping and context. */
export interface BindOptions {
  /** Runs before every handler; a rejection is the call's answer and the handler never runs. */
  authorize?: Authorizer;
  /**
   * Bounds the calls in flight (pass the same one to every binding of a server): past it a call
   * is answered RESOURCE_EXHAUSTED with a `retry-after-ms` hint before anything else runs.
   */
  admission?: CallAdmission;
}

export function bindService<D extends grpc.ServiceDefinition, S extends string = never>(
  definition: D,
  handlers: ServiceHandlers<D, S>,
  log: Logger,
  options: BindOptions = {},
): ServiceBinding {
  const implementation: grpc.UntypedServiceImplementation = {};
  const observe = rpcServerObserver();
  for (const [name, method] of Object.entries(definition)) {
    const handler = (
      handlers as Record<string, (req: unknown, ctx: CallContext) => Promise<unknown>>
    )[name];
    if (handler === undefined) throw new Error(`no handler for ${method.path}`);
    if (method.requestStream) throw new Error(`${method.path}: client streaming is not supported`);
    implementation[name] = method.responseStream
      ? wrapServerStream(
          method.path,
          handler as unknown as StreamHandler<unknown, unknown>,
          log,
          observe,
          options,
        )
      : wrapUnary(method.path, handler, log, observe, options);
  }
  return { definition, implementation };
}

function wrapUnary(
  path: string,
  handler: (req: unknown, ctx: CallContext) => Promise<unknown>,
  log: Logger,
  observe: RpcObserver,
  { authorize, admission }: BindOptions,
): grpc.handleUnaryCall<unknown, unknown> {
  return (call, callback) => {
    const started = performance.now();
    let leave: () => void;
    try {
      leave = admission?.enter() ?? (() => undefined);
    } catch (err) {
      // Refused at the door: no span, no handler; the caller backs off and retries.
      const status = toGrpcStatus(err);
      observe(path, status.code, performance.now() - started);
      callback(status);
      return;
    }
    const controller = new AbortController();
    call.on('cancelled', () => controller.abort());
    const deadline = call.getDeadline();
    const deadlineMs =
      deadline instanceof Date
        ? deadline.getTime()
        : Number.isFinite(deadline)
          ? Number(deadline)
          : undefined;
    const run = async (): Promise<unknown> => {
      const principal = authorize
        ? await authorize(path, {
            metadata: call.metadata,
            peerCertificate: call.getAuthContext().sslPeerCertificate,
          })
        : undefined;
      const ctx: CallContext = {
        deadline: deadlineMs,
        signal: controller.signal,
        metadata: call.metadata,
        method: path,
        principal,
      };
      return handler(call.request, ctx);
    };
    void serverSpan(path, call.metadata, (span) =>
      run()
        .finally(leave)
        .then(
          (response) => {
            observe(path, grpc.status.OK, performance.now() - started);
            callback(null, response);
          },
          (err: unknown) => {
            if (!(err instanceof BatonError) || err instanceof InternalError) {
              log.error({ err, method: path }, 'handler failed');
            } else {
              log.debug({ err: err.message, method: path }, 'handler refused');
            }
            const status = toGrpcStatus(err);
            observe(path, status.code, performance.now() - started);
            markRpcError(span, status.code, err);
            callback(status);
          },
        ),
    );
  };
}

export interface RunningServer {
  readonly server: grpc.Server;
  /** host:port actually bound (port resolved when 0 was asked for). */
  readonly address: string;
  readonly port: number;
  /** Stops accepting calls and waits for in-flight ones, forcing after `graceMs`. Idempotent. */
  shutdown(graceMs: number): Promise<void>;
}

/**
 * Binds `listen` (host:port, port may be 0) and serves the given services; `extras` adds
 * standard ones (health, reflection) to the same server. `credentials` default to plaintext;
 * shared/tls/credentials.ts makes the TLS ones.
 */
export async function startGrpcServer(
  listen: string,
  services: ServiceBinding[],
  extras: (server: grpc.Server) => void = () => undefined,
  credentials: grpc.ServerCredentials = grpc.ServerCredentials.createInsecure(),
): Promise<RunningServer> {
  const server = new grpc.Server({ 'grpc.max_receive_message_length': 16 * 1024 * 1024 });
  for (const s of services) server.addService(s.definition, s.implementation);
  extras(server);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(listen, credentials, (err, bound) => (err ? reject(err) : resolve(bound)));
  });
  const host = listen.slice(0, listen.lastIndexOf(':'));
  let stopping: Promise<void> | undefined;
  return {
    server,
    port,
    address: `${host}:${port}`,
    shutdown(graceMs: number): Promise<void> {
      stopping ??= new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
      return stopping;
    },
  };
}

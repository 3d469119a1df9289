import * as grpc from '@grpc/grpc-js';
import type { Deserialize, MethodDefinition, Serialize } from '@grpc/proto-loader';
import { fromGrpcError } from './status-mapping.js';
import { remainingMs, type CallContext } from './call-context.js';
import { clientSpan, markRpcError } from './rpc-telemetry.js';
import { serverStream, type StreamOptions } from './client-stream.js';

export interface CallOptions {
  /** Deadline for this call; default 10 s. Never longer than the parent call's deadline. */
  timeoutMs?: number;
  /** The incoming call this outbound call serves: its deadline and cancellation carry over. */
  parent?: CallContext;
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * A promise-returning client derived from a generated service definition (whose grpc index
 * signature is not a method, hence the key filter).
 */
export type ServiceClient<D, S extends string = never> = {
  [K in keyof D as string extends K ? never : K]: D[K] extends {
    requestSerialize: Serialize<infer Req>;
    responseDeserialize: Deserialize<infer Res>;
  }
    ? K extends S
      ? (request: Req, options?: StreamOptions) => AsyncGenerator<Res, void, undefined>
      : (request: Req, options?: CallOptions) => Promise<Res>
    : never;
};

/**
 * Builds a typed, promise-based client over a shared channel. Rejections are typed BatonErrors
 * (see status-mapping.ts); every call has a deadline.
 */
export function makeServiceClient<D extends grpc.ServiceDefinition, S extends string = never>(
  definition: D,
  channel: grpc.Client,
  identity: ClientIdentity = {},
): ServiceClient<D, S> {
  const client: Record<string, unknown> = {};
  for (const [name, m] of Object.entries(definition)) {
    const method = m as MethodDefinition<unknown, unknown>;
    client[name] = method.responseStream
      ? (request: unknown, options: StreamOptions = {}) => {
          const metadata = new grpc.Metadata();
          if (identity.token !== undefined)
            metadata.set('authorization', `Bearer ${identity.token}`);
          return serverStream(channel, method, request, metadata, options);
        }
      : (request: unknown, options: CallOptions = {}) =>
          unaryCall(channel, method, request, options, identity);
  }
  return client as ServiceClient<D, S>;
}

/** Who a client calls as, beyond its channel's certificate: an api bearer token. */
export interface ClientIdentity {
  token?: string;
}

function unaryCall(
  channel: grpc.Client,
  method: MethodDefinition<unknown, unknown>,
  request: unknown,
  options: CallOptions,
  identity: ClientIdentity,
): Promise<unknown> {
  const timeoutMs = remainingMs(options.parent, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signals = [options.signal, options.parent?.signal].filter((s) => s !== undefined);
  return clientSpan(
    method.path,
    (metadata, span) =>
      new Promise((resolve, reject) => {
        if (identity.token !== undefined) metadata.set('authorization', `Bearer ${identity.token}`);
        const call = channel.makeUnaryRequest(
          method.path,
          method.requestSerialize,
          method.responseDeserialize,
          request,
          metadata,
          { deadline: Date.now() + timeoutMs },
          (err, response) => {
            for (const s of signals) s.removeEventListener('abort', cancel);
            if (err) {
              markRpcError(span, err.code, err);
              reject(fromGrpcError(err));
            } else resolve(response);
          },
        );
        function cancel(): void {
          call.cancel();
        }
        for (const s of signals) {
          if (s.aborted) call.cancel();
          else s.addEventListener('abort', cancel, { once: true });
        }
      }),
  );
}

/** How to connect to one address: credentials and extra channel options made for it. */
export type ChannelSecurity = (address: string) => {
  credentials: grpc.ChannelCredentials;
  options?: grpc.ChannelOptions;
};

/**
 * One channel per peer address, reused by every client of that peer. Channels reconnect by
 * themselves; `close` ends them all at shutdown.
 */
export class ChannelPool {
  private readonly channels = new Map<string, grpc.Client>();

  /**
   * @param credentials how every channel connects, or how it connects to a given address: no
   *   default, so plaintext is always a visible choice (`grpc.credentials.createInsecure()`);
   *   shared/tls/credentials.ts makes the TLS ones
   * @param options more channel options (e.g. `grpc.ssl_target_name_override`)
   */
  constructor(
    private readonly credentials: grpc.ChannelCredentials | ChannelSecurity,
    private readonly options: grpc.ChannelOptions = {},
  ) {}

  get(address: string): grpc.Client {
    let channel = this.channels.get(address);
    if (channel === undefined) {
      const security =
        typeof this.credentials === 'function'
          ? this.credentials(address)
          : { credentials: this.credentials };
      channel = new grpc.Client(address, security.credentials, {
        'grpc.keepalive_time_ms': 10_000,
        'grpc.keepalive_timeout_ms': 5_000,
        'grpc.max_receive_message_length': 16 * 1024 * 1024,
        // Peers restart at the same address within seconds (a worker after a crash). grpc's
        // reconnect backoff grows to 120 s, failing every call at once meanwhile with the old
        // "connection refused" (seen in chaos runs): keep it short.
        'grpc.initial_reconnect_backoff_ms': 250,
        'grpc.max_reconnect_backoff_ms': 2_000,
        ...security.options,
        ...this.options,
      });
      this.channels.set(address, channel);
    }
    return channel;
  }

  /** Drops a channel whose peer is gone so a restarted peer on the same address gets a fresh one. */
  forget(address: string): void {
    this.channels.get(address)?.close();
    this.channels.delete(address);
  }

  close(): void {
    for (const channel of this.channels.values()) channel.close();
    this.channels.clear();
  }
}

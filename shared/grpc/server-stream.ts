import * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { BatonError, InternalError } from '../errors.js';
import type { CallAdmission } from './admission.js';
import type { Authorizer, CallContext } from './call-context.js';
import { toGrpcStatus } from './status-mapping.js';
import { markRpcError, serverSpan, type RpcObserver } from './rpc-telemetry.js';

/**
 * The writing end of a server-streaming call, with backpressure: `write` resolves once gRPC has
 * room for more (its send buffer holds at most a few messages), so a handler that awaits each
 * write never queues more than that inside gRPC for a slow reader.
 */
export interface ServerStream<Res> {
  write(message: Res): Promise<void>;
}

/** A server-streaming handler: it writes messages, and its settling ends the call. */
export type StreamHandler<Req, Res> = (
  request: Req,
  stream: ServerStream<Res>,
  ctx: CallContext,
) => Promise<void>;

/**
 * Wraps a server-streaming handler like a unary one: the same authorization, span, metric and
 * the same error mapping (toGrpcStatus), sent as the stream's final status. Admission is checked
 * at the door but not held: a stream lives for minutes, so it is bounded by its own limit (the
 * watch hub's), not by the calls-in-flight bound meant for short calls.
 */
export function wrapServerStream(
  path: string,
  handler: StreamHandler<unknown, unknown>,
  log: Logger,
  observe: RpcObserver,
  options: { authorize?: Authorizer | undefined; admission?: CallAdmission | undefined },
): grpc.handleServerStreamingCall<unknown, unknown> {
  return (call) => {
    const started = performance.now();
    const fail = (err: unknown) => {
      const status = toGrpcStatus(err);
      observe(path, status.code, performance.now() - started);
      call.emit('error', status);
      return status;
    };
    try {
      options.admission?.enter()();
    } catch (err) {
      fail(err);
      return;
    }
    const controller = new AbortController();
    call.on('cancelled', () => controller.abort());
    call.on('close', () => controller.abort());
    const stream: ServerStream<unknown> = {
      write: (message) =>
        new Promise<void>((resolve, reject) => {
          if (controller.signal.aborted) {
            reject(new CancelledStream());
            return;
          }
          if (call.write(message)) {
            resolve();
            return;
          }
          const done = () => {
            call.off('drain', done);
            controller.signal.removeEventListener('abort', done);
            if (controller.signal.aborted) reject(new CancelledStream());
            else resolve();
          };
          call.on('drain', done);
          controller.signal.addEventListener('abort', done);
        }),
    };
    void serverSpan(path, call.metadata, async (span) => {
      try {
        const principal = options.authorize
          ? await options.authorize(path, {
              metadata: call.metadata,
              peerCertificate: call.getAuthContext().sslPeerCertificate,
            })
          : undefined;
        const deadline = call.getDeadline();
        const ctx: CallContext = {
          deadline: deadline instanceof Date ? deadline.getTime() : finite(Number(deadline)),
          signal: controller.signal,
          metadata: call.metadata,
          method: path,
          principal,
        };
        await handler(call.request, stream, ctx);
        observe(path, grpc.status.OK, performance.now() - started);
        call.end();
      } catch (err) {
        if (controller.signal.aborted) return; // the caller left: nobody to tell
        if (!(err instanceof BatonError) || err instanceof InternalError) {
          log.error({ err, method: path }, 'stream handler failed');
        } else {
          log.debug({ err: err.message, method: path }, 'stream ended with an error');
        }
        markRpcError(span, fail(err).code, err);
      }
    });
  };
}

/** Thrown by `write` once the caller has gone; handlers just let it end them. */
class CancelledStream extends Error {
  constructor() {
    super('the caller cancelled the stream');
  }
}

function finite(n: number): number | undefined {
  return Number.isFinite(n) ? n : undefined;
}

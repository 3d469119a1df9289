import type * as grpc from '@grpc/grpc-js';
import type { MethodDefinition } from '@grpc/proto-loader';
import { fromGrpcError } from './status-mapping.js';

/** Options of a server-streaming call: no deadline unless given (a watch lasts as long as it must). */
export interface StreamOptions {
  /** Ends the stream (CANCELLED) after this long; default: none. */
  timeoutMs?: number;
  /** Aborting cancels the call; the iteration then ends quietly. */
  signal?: AbortSignal;
}

/**
 * Calls a server-streaming method and yields its messages. The stream's error status ends the
 * iteration with the typed BatonError (fromGrpcError), as a unary call rejects; breaking out of
 * the loop (or aborting `signal`) cancels the call. Reading is paced by the consumer: grpc
 * stops taking messages from the network while the loop body awaits, so a slow consumer makes
 * the server wait (or end the stream: see the watch hub), never this process buffer.
 */
export async function* serverStream<Res>(
  channel: grpc.Client,
  method: MethodDefinition<unknown, unknown>,
  request: unknown,
  metadata: grpc.Metadata,
  options: StreamOptions = {},
): AsyncGenerator<Res, void, undefined> {
  const call = channel.makeServerStreamRequest(
    method.path,
    method.requestSerialize,
    method.responseDeserialize,
    request,
    metadata,
    options.timeoutMs === undefined ? {} : { deadline: Date.now() + options.timeoutMs },
  );
  const cancel = () => call.cancel();
  if (options.signal?.aborted) call.cancel();
  options.signal?.addEventListener('abort', cancel, { once: true });
  let ended = false;
  try {
    for await (const message of call as AsyncIterable<Res>) yield message;
    ended = true;
  } catch (err) {
    ended = true;
    if (options.signal?.aborted) return;
    throw fromGrpcError(err);
  } finally {
    options.signal?.removeEventListener('abort', cancel);
    if (!ended) call.cancel();
  }
}

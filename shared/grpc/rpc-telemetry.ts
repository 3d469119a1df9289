import * as grpc from '@grpc/grpc-js';
import {
  context,
  metrics,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Span,
} from '@opentelemetry/api';
import { errorMessage } from '../errors.js';

/** Records one served call: its method path, final status code and duration. */
export type RpcObserver = (path: string, code: grpc.status, durationMs: number) => void;

/** `/baton.v1.Master/RunTask` → service `baton.v1.Master`, method `RunTask`. */
function rpcAttributes(path: string): Record<string, string> {
  const [service = '', method = ''] = path.slice(1).split('/');
  return { 'rpc.system': 'grpc', 'rpc.service': service, 'rpc.method': method };
}

/**
 * Runs a served call inside a SERVER span whose parent is the caller's context from the
 * `traceparent` metadata, so one request is one trace across processes.
 */
export function serverSpan<T>(
  path: string,
  metadata: grpc.Metadata,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = propagation.extract(context.active(), metadata, {
    keys: (m) => Object.keys(m.getMap()),
    get: (m, key) => {
      const values = m.get(key);
      return values.length === 0 ? undefined : values.map(String);
    },
  });
  const span = trace
    .getTracer('baton')
    .startSpan(path.slice(1), { kind: SpanKind.SERVER, attributes: rpcAttributes(path) }, parent);
  return context.with(trace.setSpan(parent, span), () => fn(span)).finally(() => span.end());
}

/** Runs an outgoing call inside a CLIENT span and hands it metadata carrying that context. */
export function clientSpan<T>(
  path: string,
  fn: (metadata: grpc.Metadata, span: Span) => Promise<T>,
): Promise<T> {
  const span = trace
    .getTracer('baton')
    .startSpan(path.slice(1), { kind: SpanKind.CLIENT, attributes: rpcAttributes(path) });
  const metadata = new grpc.Metadata();
  propagation.inject(trace.setSpan(context.active(), span), metadata, {
    set: (m, key, value) => m.set(key, value),
  });
  return fn(metadata, span).finally(() => span.end());
}

/** Sets the span's gRPC status code, and status ERROR unless the code is OK. */
export function markRpcError(span: Span, code: grpc.status, err: unknown): void {
  span.setAttribute('rpc.grpc.status_code', code);
  if (code !== grpc.status.OK)
    span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(err) });
}

/** A histogram of served-call latency by method and status, for the Prometheus endpoint. */
export function rpcServerObserver(): RpcObserver {
  const histogram = metrics.getMeter('baton').createHistogram('rpc.server.duration', {
    description: 'Latency of served gRPC calls',
    unit: 'ms',
    advice: { explicitBucketBoundaries: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 10000] },
  });
  return (path, code, durationMs) => {
    histogram.record(durationMs, { ...rpcAttributes(path), 'rpc.grpc.status_code': code });
  };
}

import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
} from '@opentelemetry/api';
import { errorMessage } from '../errors.js';

// Services take the OpenTelemetry API from here, so tracing has one entry point.
export { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace };
export type { Attributes, Context, Span };

/** Span attribute names Baton uses; one list so Jaeger searches work across services. */
export const ATTR = {
  instanceId: 'baton.instance.id',
  workflow: 'baton.workflow',
  task: 'baton.task',
  taskInstanceId: 'baton.task.instance.id',
  attempt: 'baton.attempt',
  epoch: 'baton.epoch',
  owner: 'baton.owner',
  worker: 'baton.worker',
  state: 'baton.state',
  previousOwner: 'baton.previous_owner',
} as const;

function tracer() {
  return trace.getTracer('baton');
}

/**
 * The W3C `traceparent` of the span active in `ctx`, for storing on a row so whoever runs the
 * instance later continues the same trace. Null when there is no valid span (tracing off).
 */
export function traceparentOf(ctx: Context = context.active()): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier.traceparent ?? null;
}

/** The context a stored `traceparent` stands for; an empty context when there is none. */
export function contextOf(traceparent: string | null | undefined): Context {
  if (traceparent === null || traceparent === undefined || traceparent === '') return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent });
}

export interface SpanOptions {
  attributes?: Attributes;
  kind?: SpanKind;
  /** Parent context; default: the active one. */
  parent?: Context;
  links?: Link[];
}

/**
 * Runs `fn` inside a new span: the span is active for everything `fn` awaits, ends when `fn`
 * settles, and records a thrown error as the span's status.
 */
export async function inSpan<T>(
  name: string,
  options: SpanOptions,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(
    name,
    {
      kind: options.kind ?? SpanKind.INTERNAL,
      attributes: options.attributes,
      links: options.links,
    },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (err) {
    failSpan(span, err);
    throw err;
  } finally {
    span.end();
  }
}

/** Starts a span the caller ends (for work that outlives one call, such as a running task). */
export function startSpan(name: string, options: SpanOptions = {}): Span {
  return tracer().startSpan(
    name,
    {
      kind: options.kind ?? SpanKind.INTERNAL,
      attributes: options.attributes,
      links: options.links,
    },
    options.parent ?? context.active(),
  );
}

/** Marks `span` failed with `err` (status ERROR plus an exception event). */
export function failSpan(span: Span, err: unknown): void {
  span.recordException(err instanceof Error ? err : new Error(errorMessage(err)));
  span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(err) });
}

/** `failSpan` on the active span, for errors handled without rethrowing. */
export function failActiveSpan(err: unknown): void {
  const span = trace.getActiveSpan();
  if (span !== undefined) failSpan(span, err);
}

/** The context in which `span` is active, for handing to work that runs later. */
export function contextWith(span: Span, parent: Context = context.active()): Context {
  return trace.setSpan(parent, span);
}

/** Trace and span ids of the active span, for log lines; empty when there is none. */
export function activeTraceIds(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan();
  if (span === undefined) return {};
  const { traceId, spanId, traceFlags } = span.spanContext();
  if (!trace.isSpanContextValid(span.spanContext()) || traceFlags === undefined) return {};
  return { trace_id: traceId, span_id: spanId };
}

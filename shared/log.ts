import { pino, type Logger } from 'pino';
import { activeTraceIds } from './telemetry/tracing.js';

export type { Logger } from 'pino';

/**
 * Structured JSON logs on stdout, one logger per process. `service` and `node` are on every
 * line, `trace_id`/`span_id` when a span is active; instance-scoped loggers add `instance_id`
 * through `child`.
 */
export function createLogger(service: string, node: string, level = 'info'): Logger {
  return pino({
    level,
    base: { service, node, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // Lines written while a span is active name its trace, so a log line leads to Jaeger.
    mixin: activeTraceIds,
  });
}

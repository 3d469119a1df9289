import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Structured JSON logs on stdout, one logger per process. `service` and `node` are on every
 * line; instance-scoped loggers add `instance_id` through `child`.
 */
export function createLogger(service: string, node: string, level = 'info'): Logger {
  return pino({
    level,
    base: { service, node, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}

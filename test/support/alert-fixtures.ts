/** What the alert cluster tests share: the channel secret, the settings, definitions. */

export const SECRET = 'test-alert-secret-0123456789';

/** Fast retries and a short lease, so a test sees them within seconds. */
export const ALERT_ENV = {
  ALERT_ALLOWED_HOSTS: '127.0.0.1',
  ALERT_POLL_INTERVAL_MS: '200',
  ALERT_RETRY_INITIAL_MS: '500',
  ALERT_RETRY_MAX_MS: '4000',
  ALERT_TIMEOUT_MS: '2000',
  ALERT_LEASE_MS: '3000',
};

/** A one-task SHELL definition; `extra` is more top-level YAML. */
export function definition(name: string, command: string, extra: string): string {
  return `name: ${name}\n${extra}tasks:\n  - name: a\n    type: SHELL\n    command: ${command}\n`;
}

/** Subscribes to every event on the channel `ops`. */
export const ALL =
  'alerts: { channel: ops, on: [FAILURE, SUCCESS, TIMEOUT, FAILOVER, SERIAL_DISCARD] }\n';

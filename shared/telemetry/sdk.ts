import { NodeSDK } from '@opentelemetry/sdk-node';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { startMetricsServer, type MetricsServer } from './metrics-server.js';

export interface TelemetryOptions {
  /** `baton-<role>` unless OTEL_SERVICE_NAME says otherwise. */
  serviceName: string;
  /** This process's node name: `service.instance.id`, so Jaeger tells masters apart. */
  instanceId: string;
  /** host:port for the Prometheus `/metrics` endpoint (port 0 picks one); undefined: off. */
  metricsListen: string | undefined;
}

export interface Telemetry {
  /** host:port the metrics endpoint is bound to, when it runs. */
  readonly metricsAddress: string | undefined;
  /** Flushes pending spans and closes the metrics endpoint. */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK for a service process. Tracing is configured by the standard
 * OTEL_* variables and exports OTLP; with no OTLP endpoint set (and no explicit
 * OTEL_TRACES_EXPORTER) it is off, so a laptop run doesn't spend time on failed exports.
 * Metrics are served for Prometheus to scrape; logs stay on stdout (pino), not OTLP.
 */
export async function startTelemetry(options: TelemetryOptions): Promise<Telemetry> {
  const env = process.env;
  const endpointSet =
    (env.OTEL_EXPORTER_OTLP_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? '') !== '';
  if (env.OTEL_TRACES_EXPORTER === undefined && !endpointSet) env.OTEL_TRACES_EXPORTER = 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  // Our own reader serves /metrics; the SDK must not add an OTLP metrics exporter by default.
  env.OTEL_METRICS_EXPORTER ??= 'none';

  const prometheus =
    options.metricsListen === undefined
      ? undefined
      : new PrometheusExporter({ preventServerStart: true });
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? options.serviceName,
    resource: resourceFromAttributes({ 'service.instance.id': options.instanceId }),
    ...(prometheus === undefined ? {} : { metricReaders: [prometheus] }),
    instrumentations: [],
  });
  sdk.start();
  let server: MetricsServer | undefined;
  if (prometheus !== undefined && options.metricsListen !== undefined) {
    server = await startMetricsServer(options.metricsListen, (req, res) =>
      prometheus.getMetricsRequestHandler(req, res),
    );
  }
  return {
    metricsAddress: server?.address,
    async shutdown(): Promise<void> {
      await server?.close();
      await sdk.shutdown();
    },
  };
}

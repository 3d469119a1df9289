/**
 * A test OTLP/gRPC trace receiver built from the official OTLP proto definitions (shipped in
 * the `otlp-proto-definitions` dev dependency): the services export to it over the real wire.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** '' for a root span. */
  parentSpanId: string;
  name: string;
  /** 1 internal, 2 server, 3 client (OTLP SpanKind numbering). */
  kind: number;
  service: string;
  /** `service.instance.id`: the Baton node name. */
  node: string;
  attributes: Record<string, string | number | boolean>;
  /** 0 unset, 1 ok, 2 error. */
  statusCode: number;
  links: { traceId: string; spanId: string }[];
}

export interface OtlpReceiver {
  /** `http://127.0.0.1:PORT`, for OTEL_EXPORTER_OTLP_ENDPOINT. */
  endpoint: string;
  spans(): ReceivedSpan[];
  close(): Promise<void>;
}

interface AnyValue {
  string_value?: string;
  bool_value?: boolean;
  int_value?: string;
  double_value?: number;
  value?: string;
}
interface KeyValue {
  key: string;
  value?: AnyValue;
}
interface OtlpSpan {
  trace_id: Buffer;
  span_id: Buffer;
  parent_span_id: Buffer;
  name: string;
  kind: number | string;
  attributes: KeyValue[];
  status?: { code: number | string };
  links: { trace_id: Buffer; span_id: Buffer }[];
}
interface ExportRequest {
  resource_spans: {
    resource?: { attributes: KeyValue[] };
    scope_spans: { spans: OtlpSpan[] }[];
  }[];
}

function protoDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('otlp-proto-definitions/package.json')), 'build', 'protos');
}

function valueOf(v: AnyValue | undefined): string | number | boolean {
  if (v === undefined) return '';
  if (v.string_value !== undefined) return v.string_value;
  if (v.bool_value !== undefined) return v.bool_value;
  if (v.int_value !== undefined) return Number(v.int_value);
  if (v.double_value !== undefined) return v.double_value;
  return '';
}

function attributesOf(list: KeyValue[] | undefined): Record<string, string | number | boolean> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, valueOf(kv.value)]));
}

function hex(bytes: Buffer | undefined): string {
  return bytes === undefined ? '' : Buffer.from(bytes).toString('hex');
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const definition = protoLoader.loadSync(
    'opentelemetry/proto/collector/trace/v1/trace_service.proto',
    {
      includeDirs: [protoDir()],
      keepCase: true,
      longs: String,
      enums: Number,
      defaults: true,
      oneofs: true,
    },
  );
  const loaded = grpc.loadPackageDefinition(definition) as unknown as {
    opentelemetry: {
      proto: { collector: { trace: { v1: { TraceService: grpc.ServiceClientConstructor } } } };
    };
  };
  const service = loaded.opentelemetry.proto.collector.trace.v1.TraceService.service;
  const received: ReceivedSpan[] = [];
  const server = new grpc.Server();
  server.addService(service, {
    Export(
      call: grpc.ServerUnaryCall<ExportRequest, unknown>,
      callback: grpc.sendUnaryData<unknown>,
    ) {
      for (const rs of call.request.resource_spans) {
        const resource = attributesOf(rs.resource?.attributes);
        for (const ss of rs.scope_spans) {
          for (const s of ss.spans) {
            received.push({
              traceId: hex(s.trace_id),
              spanId: hex(s.span_id),
              parentSpanId: hex(s.parent_span_id),
              name: s.name,
              kind: Number(s.kind),
              service: String(resource['service.name'] ?? ''),
              node: String(resource['service.instance.id'] ?? ''),
              attributes: attributesOf(s.attributes),
              statusCode: Number(s.status?.code ?? 0),
              links: s.links.map((l) => ({ traceId: hex(l.trace_id), spanId: hex(l.span_id) })),
            });
          }
        }
      }
      callback(null, {});
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans: () => [...received],
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}

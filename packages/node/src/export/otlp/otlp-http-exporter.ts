import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { diag } from '@opentelemetry/api';
import type { FinishedSpan } from '../../trace/finished-span.js';
import type { EnvRecord } from '../env-integer.js';
import { HttpSpanExporter, type HttpExportRequest } from '../http/http-span-exporter.js';
import type { RetryPolicy } from '../http/post-with-retry.js';
import type { HttpResponseData } from '../http/send-request.js';
import { OtlpProtobufEncoder } from './encode-otlp-protobuf.js';
import { encodeOtlpJson } from './encode-otlp-json.js';
import { parsePartialSuccess } from './parse-export-response.js';
import { DEFAULT_OTLP_TIMEOUT_MILLIS, DEFAULT_OTLP_TRACES_URL, otlpConfigFromEnv } from './otlp-config-from-env.js';
import type { OtlpCompression, OtlpHttpConfig, OtlpHttpProtocol } from './otlp-config-from-env.js';

const gzipAsync = promisify(gzip);

export const SKEIN_USER_AGENT = 'skein-node-otlp-exporter/0.1.0';

export interface OtlpHttpSpanExporterOptions {
  /** Full URL to POST to. Default http://localhost:4318/v1/traces. */
  readonly url?: string;
  /** Default http/protobuf. */
  readonly protocol?: OtlpHttpProtocol;
  /** Sent with every request (e.g. an API key). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Default none. */
  readonly compression?: OtlpCompression;
  /** Bounds each export, retries included. Default 10000 ms. */
  readonly timeoutMillis?: number;
  /** Backoff settings (OpenTelemetry's defaults: 5 attempts, 1 s doubling ×1.5 up to 5 s). */
  readonly retry?: Partial<RetryPolicy>;
  /** TLS material for https endpoints. */
  readonly tls?: OtlpHttpConfig['tls'];
}

/**
 * Sends spans to an OTLP/HTTP endpoint (`POST /v1/traces`) as protobuf or JSON, optionally
 * gzipped, over a keep-alive connection. Throttling and temporary failures are retried
 * within the timeout; everything else fails the export without retry. The requests are never
 * traced (see sendRequest).
 */
export class OtlpHttpSpanExporter extends HttpSpanExporter {
  readonly protocol: OtlpHttpProtocol;
  readonly compression: OtlpCompression;
  readonly timeoutMillis: number;
  protected readonly request: HttpExportRequest;
  private readonly encoder = new OtlpProtobufEncoder();

  /** An exporter configured from OTEL_EXPORTER_OTLP_* (see otlpConfigFromEnv). */
  static fromEnv(env: EnvRecord, overrides: Partial<OtlpHttpSpanExporterOptions> = {}): OtlpHttpSpanExporter {
    return new OtlpHttpSpanExporter({ ...otlpConfigFromEnv(env), ...overrides });
  }

  constructor(options: OtlpHttpSpanExporterOptions = {}) {
    super('OTLP exporter', new URL(options.url ?? DEFAULT_OTLP_TRACES_URL), options.tls);
    this.protocol = options.protocol ?? 'http/protobuf';
    this.compression = options.compression ?? 'none';
    this.timeoutMillis = options.timeoutMillis ?? DEFAULT_OTLP_TIMEOUT_MILLIS;
    this.request = {
      headers: {
        ...lowerCaseKeys(options.headers ?? {}),
        'content-type': this.protocol === 'http/json' ? 'application/json' : 'application/x-protobuf',
        'user-agent': SKEIN_USER_AGENT,
        ...(this.compression === 'gzip' ? { 'content-encoding': 'gzip' } : {}),
      },
      timeoutMillis: this.timeoutMillis,
      retry: options.retry,
    };
  }

  protected async encode(spans: readonly FinishedSpan[]): Promise<Uint8Array> {
    const body = this.protocol === 'http/json' ? encodeOtlpJson(spans) : this.encoder.encode(spans);
    return this.compression === 'gzip' ? gzipAsync(body) : body;
  }

  protected override onAccepted(response: HttpResponseData, spanCount: number): void {
    const partial = parsePartialSuccess(response.body, headerText(response.headers['content-type']));
    if (partial) {
      diag.warn(`OTLP exporter: the server rejected ${partial.rejectedSpans} of ${spanCount} spans` + (partial.errorMessage ? `: ${partial.errorMessage}` : ''));
    }
  }
}

function lowerCaseKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) out[key.toLowerCase()] = value;
  return out;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

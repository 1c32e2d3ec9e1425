import { diag } from '@opentelemetry/api';
import type { FinishedSpan } from '../../trace/finished-span.js';
import { firstSetEnv, integerFromEnv } from '../env-integer.js';
import type { EnvRecord } from '../env-integer.js';
import { HttpSpanExporter, type HttpExportRequest } from '../http/http-span-exporter.js';
import type { RetryPolicy } from '../http/post-with-retry.js';
import { toZipkinSpan } from './to-zipkin-span.js';

export const DEFAULT_ZIPKIN_URL = 'http://localhost:9411/api/v2/spans';
const DEFAULT_TIMEOUT_MILLIS = 10_000;

export interface ZipkinSpanExporterOptions {
  /** Default http://localhost:9411/api/v2/spans. */
  readonly url?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Bounds each export, retries included. Default 10000 ms. */
  readonly timeoutMillis?: number;
  /** For spans whose resource has no service.name. Default unknown_service:node. */
  readonly serviceName?: string;
  readonly retry?: Partial<RetryPolicy>;
}

/** Zipkin settings from OTEL_EXPORTER_ZIPKIN_ENDPOINT and OTEL_EXPORTER_ZIPKIN_TIMEOUT. */
export function zipkinOptionsFromEnv(env: EnvRecord): { url: string; timeoutMillis: number } {
  let url = DEFAULT_ZIPKIN_URL;
  const endpoint = firstSetEnv(env, 'OTEL_EXPORTER_ZIPKIN_ENDPOINT');
  if (endpoint) {
    try {
      const parsed = new URL(endpoint.value);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
      url = endpoint.value;
    } catch {
      diag.warn(`${endpoint.name}=${JSON.stringify(endpoint.value)} is not an http(s) URL; using ${DEFAULT_ZIPKIN_URL}`);
    }
  }
  return { url, timeoutMillis: integerFromEnv(env, 'OTEL_EXPORTER_ZIPKIN_TIMEOUT', 1) ?? DEFAULT_TIMEOUT_MILLIS };
}

/** Sends spans to a Zipkin server as a v2 JSON list (`POST /api/v2/spans`). */
export class ZipkinSpanExporter extends HttpSpanExporter {
  protected readonly request: HttpExportRequest;
  private readonly serviceName: string;

  constructor(options: ZipkinSpanExporterOptions = {}) {
    super('Zipkin exporter', new URL(options.url ?? DEFAULT_ZIPKIN_URL));
    this.request = {
      headers: { ...options.headers, 'content-type': 'application/json' },
      timeoutMillis: options.timeoutMillis ?? DEFAULT_TIMEOUT_MILLIS,
      retry: options.retry,
    };
    this.serviceName = options.serviceName ?? 'unknown_service:node';
  }

  protected encode(spans: readonly FinishedSpan[]): Uint8Array {
    return Buffer.from(JSON.stringify(spans.map((span) => toZipkinSpan(span, this.serviceName))), 'utf8');
  }
}

import * as http from 'node:http';
import * as https from 'node:https';
import { diag } from '@opentelemetry/api';
import type { FinishedSpan } from '../../trace/finished-span.js';
import type { ExportResult, SpanExporter } from '../span-exporter.js';
import { firstSetEnv, integerFromEnv } from '../env-integer.js';
import type { EnvRecord } from '../env-integer.js';
import { ExportLifecycle } from '../http/export-lifecycle.js';
import { postWithRetry } from '../http/post-with-retry.js';
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
export class ZipkinSpanExporter implements SpanExporter {
  readonly url: URL;
  private readonly headers: Record<string, string>;
  private readonly timeoutMillis: number;
  private readonly serviceName: string;
  private readonly retry: Partial<RetryPolicy> | undefined;
  private readonly agent: http.Agent;
  private readonly lifecycle: ExportLifecycle;

  constructor(options: ZipkinSpanExporterOptions = {}) {
    this.url = new URL(options.url ?? DEFAULT_ZIPKIN_URL);
    this.headers = { ...options.headers, 'content-type': 'application/json' };
    this.timeoutMillis = options.timeoutMillis ?? DEFAULT_TIMEOUT_MILLIS;
    this.serviceName = options.serviceName ?? 'unknown_service:node';
    this.retry = options.retry;
    this.agent = this.url.protocol === 'https:' ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
    this.lifecycle = new ExportLifecycle('Zipkin exporter', this.agent);
  }

  export(spans: readonly FinishedSpan[]): Promise<ExportResult> {
    return this.lifecycle.export(spans, (batch) => this.send(batch));
  }

  forceFlush(): Promise<void> {
    return this.lifecycle.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.lifecycle.shutdown();
  }

  private async send(spans: readonly FinishedSpan[]): Promise<ExportResult> {
    let body: Buffer;
    try {
      body = Buffer.from(JSON.stringify(spans.map((span) => toZipkinSpan(span, this.serviceName))), 'utf8');
    } catch (error) {
      diag.error('Zipkin exporter: could not encode spans', error);
      return { ok: false, error: error as Error, retryable: false };
    }
    const result = await postWithRetry({
      url: this.url,
      headers: this.headers,
      body,
      timeoutMillis: this.timeoutMillis,
      agent: this.agent,
      ...(this.retry ? { retry: this.retry } : {}),
    });
    if (result.ok) return { ok: true };
    diag.warn(`Zipkin exporter: sending ${spans.length} spans to ${this.url.href} failed: ${result.error.message}`);
    return { ok: false, error: result.error, retryable: result.retryable };
  }
}

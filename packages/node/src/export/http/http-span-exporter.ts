import * as http from 'node:http';
import * as https from 'node:https';
import { diag } from '@opentelemetry/api';
import type { FinishedSpan } from '../../trace/finished-span.js';
import type { ExportResult, SpanExporter } from '../span-exporter.js';
import { postWithRetry, type RetryPolicy } from './post-with-retry.js';
import type { HttpResponseData } from './send-request.js';

/** How an HTTP exporter's requests are made, beyond the URL. */
export interface HttpExportRequest {
  readonly headers: Readonly<Record<string, string>>;
  /** Bounds each export, retries included. */
  readonly timeoutMillis: number;
  readonly retry: Partial<RetryPolicy> | undefined;
}

/**
 * What the OTLP/HTTP and Zipkin exporters share around their own encoding: one keep-alive
 * agent, POST with retries inside the timeout, exports in flight (forceFlush waits for them),
 * a shutdown that waits for them and closes the agent, and refusing to export afterwards.
 * Subclasses say how spans become a body, and may read a successful answer.
 */
export abstract class HttpSpanExporter implements SpanExporter {
  private readonly pending = new Set<Promise<ExportResult>>();
  private readonly agent: http.Agent;
  private stopped = false;

  protected constructor(
    /** Names the exporter in diagnostics, e.g. "OTLP exporter". */
    private readonly exporterName: string,
    readonly url: URL,
    tls?: https.AgentOptions,
  ) {
    this.agent = url.protocol === 'https:' ? new https.Agent({ keepAlive: true, maxSockets: 4, ...tls }) : new http.Agent({ keepAlive: true, maxSockets: 4 });
  }

  protected abstract readonly request: HttpExportRequest;

  /** The request body for these spans; a throw fails the export (not retryable). */
  protected abstract encode(spans: readonly FinishedSpan[]): Uint8Array | Promise<Uint8Array>;

  /** Called with the server's answer to an accepted export (e.g. OTLP partial success). */
  protected onAccepted(_response: HttpResponseData, _spanCount: number): void {}

  export(spans: readonly FinishedSpan[]): Promise<ExportResult> {
    if (this.stopped) return Promise.resolve({ ok: false, error: new Error(`${this.exporterName} is shut down`), retryable: false });
    if (spans.length === 0) return Promise.resolve({ ok: true });
    const sending = this.send(spans);
    this.pending.add(sending);
    void sending.finally(() => this.pending.delete(sending));
    return sending;
  }

  async forceFlush(): Promise<void> {
    await Promise.all(this.pending);
  }

  async shutdown(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await Promise.all(this.pending);
    this.agent.destroy();
  }

  private async send(spans: readonly FinishedSpan[]): Promise<ExportResult> {
    let body: Uint8Array;
    try {
      body = await this.encode(spans);
    } catch (error) {
      diag.error(`${this.exporterName}: could not encode spans`, error);
      return { ok: false, error: error as Error, retryable: false };
    }
    const { headers, timeoutMillis, retry } = this.request;
    const result = await postWithRetry({ url: this.url, headers, body, timeoutMillis, agent: this.agent, ...(retry ? { retry } : {}) });
    if (!result.ok) {
      diag.warn(`${this.exporterName}: sending ${spans.length} spans to ${this.url.href} failed: ${result.error.message}`);
      return { ok: false, error: result.error, retryable: result.retryable };
    }
    this.onAccepted(result.response, spans.length);
    return { ok: true };
  }
}

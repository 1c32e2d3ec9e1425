import { diag } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import type { FinishedSpan } from '../trace/finished-span.js';
import type { SpanProcessor } from '../trace/span-processor.js';
import type { SpanExporter } from './span-exporter.js';
import { callExporter } from './call-exporter.js';

const EXPORT_TIMEOUT_MS = 30_000;

/**
 * Exports each sampled span as it ends: for tests, debugging and the console exporter, not for
 * production traffic. The exporter contract allows one call in flight, so spans that end while
 * an export runs are sent together right after it.
 */
export class SimpleSpanProcessor implements SpanProcessor {
  private pending: FinishedSpan[] = [];
  private inFlight: Promise<void> | undefined;
  private shutdownPromise: Promise<void> | undefined;

  constructor(private readonly exporter: SpanExporter) {}

  onStart(_span: FinishedSpan, _parentContext: Context): void {}

  onEnd(span: FinishedSpan): void {
    if (this.shutdownPromise) return;
    try {
      if ((span.spanContext().traceFlags & 1) !== 1) return;
    } catch {
      return;
    }
    this.pending.push(span);
    if (!this.inFlight) this.inFlight = this.drain();
  }

  async forceFlush(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    try {
      await this.exporter.forceFlush?.();
    } catch (error) {
      diag.error('SimpleSpanProcessor: exporter forceFlush failed', error);
    }
  }

  shutdown(): Promise<void> {
    this.shutdownPromise ??= this.forceFlush().then(async () => {
      try {
        await this.exporter.shutdown();
      } catch (error) {
        diag.error('SimpleSpanProcessor: exporter shutdown failed', error);
      }
    });
    return this.shutdownPromise;
  }

  /** Starts the first export synchronously (so console output appears at span end). */
  private drain(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    return callExporter(this.exporter, batch, EXPORT_TIMEOUT_MS).then((result) => {
      if (!result.ok) diag.warn(`SimpleSpanProcessor: export failed: ${result.error.message}`);
      this.inFlight = this.pending.length > 0 ? this.drain() : undefined;
    });
  }
}

import type { FinishedSpan } from '../trace/finished-span.js';
import type { ExportResult, SpanExporter } from './span-exporter.js';

/**
 * Keeps exported spans in memory, for users' tests: pair it with SimpleSpanProcessor and read
 * `getFinishedSpans()` after the code under test ran.
 */
export class InMemorySpanExporter implements SpanExporter {
  private spans: FinishedSpan[] = [];
  private stopped = false;

  export(spans: readonly FinishedSpan[]): Promise<ExportResult> {
    if (this.stopped) {
      return Promise.resolve({ ok: false, error: new Error('InMemorySpanExporter is shut down'), retryable: false });
    }
    for (const span of spans) this.spans.push(span);
    return Promise.resolve({ ok: true });
  }

  /** The spans exported so far, oldest first (a copy). */
  getFinishedSpans(): FinishedSpan[] {
    return this.spans.slice();
  }

  /** Forgets the spans exported so far. */
  reset(): void {
    this.spans = [];
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  /** Later exports fail; the spans already kept stay readable until reset(). */
  shutdown(): Promise<void> {
    this.stopped = true;
    return Promise.resolve();
  }
}

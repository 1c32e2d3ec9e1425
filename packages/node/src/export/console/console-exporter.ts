import type { FinishedSpan } from '../../trace/finished-span.js';
import type { ExportResult, SpanExporter } from '../span-exporter.js';
import { formatSpan } from './format-span.js';

/** Anything with a `write(text)`, such as process.stdout or a file stream. */
export interface TextSink {
  write(text: string): unknown;
}

/**
 * Prints each span as a readable block (see formatSpan): for development and debugging. Pair it
 * with SimpleSpanProcessor to see spans as they end.
 */
export class ConsoleSpanExporter implements SpanExporter {
  private readonly stream: TextSink;
  private stopped = false;

  constructor(options: { stream?: TextSink } = {}) {
    this.stream = options.stream ?? process.stdout;
  }

  export(spans: readonly FinishedSpan[]): Promise<ExportResult> {
    if (this.stopped) return Promise.resolve({ ok: false, error: new Error('console exporter is shut down'), retryable: false });
    try {
      let text = '';
      for (const span of spans) text += formatSpan(span);
      if (text) this.stream.write(text);
      return Promise.resolve({ ok: true });
    } catch (error) {
      return Promise.resolve({ ok: false, error: error instanceof Error ? error : new Error(String(error)), retryable: false });
    }
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    this.stopped = true;
    return Promise.resolve();
  }
}

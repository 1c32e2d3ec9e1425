import type { FinishedSpan } from '../trace/finished-span.js';

export type ExportResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly error: Error; readonly retryable: boolean };

/**
 * Sends finished spans somewhere. `export` is called by one processor at a time with at most
 * one call in flight, must never throw (a rejected promise counts as a failed export), and
 * must settle within its own timeout.
 */
export interface SpanExporter {
  export(spans: readonly FinishedSpan[]): Promise<ExportResult>;
  forceFlush?(): Promise<void>;
  shutdown(): Promise<void>;
}

import type { Context } from '@opentelemetry/api';
import type { FinishedSpan } from './finished-span.js';

/**
 * Sees every recording span at start and end. `onEnd` is on the application's hot path: it
 * must be cheap, synchronous and must never throw.
 */
export interface SpanProcessor {
  onStart(span: FinishedSpan, parentContext: Context): void;
  onEnd(span: FinishedSpan): void;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

import type { Span } from '@opentelemetry/api';
import { runInNewSpan, type TracedOptions } from './run-in-new-span.js';

/**
 * Runs `fn(span)` in a new active span, like `traced`, for code that wants to add attributes
 * or events to the span it runs in. Errors are recorded and rethrown; the span always ends.
 *
 * ```ts
 * await withSpan('charge', { attributes: { 'payment.provider': 'stripe' } }, async (span) => { ... });
 * ```
 */
export function withSpan<T>(name: string, options: TracedOptions | undefined, fn: (span: Span) => T): T {
  return runInNewSpan(name, options, fn, undefined, undefined);
}

import type { Span } from '@skein/model';

/**
 * The order `getTrace` returns spans in: start time, then span id, then the client half of a
 * Zipkin shared span before its server half. Both stores use the same key so results are
 * identical and deterministic.
 */
export function compareSpansInTrace(a: Span, b: Span): number {
  if (a.startTimeUnixNano !== b.startTimeUnixNano) return a.startTimeUnixNano < b.startTimeUnixNano ? -1 : 1;
  if (a.spanId !== b.spanId) return a.spanId < b.spanId ? -1 : 1;
  if (a.shared !== b.shared) return a.shared ? 1 : -1;
  return 0;
}

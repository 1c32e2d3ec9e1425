import type { TraceRef, TraceSort } from '../trace-store.js';

const byTraceId = (a: TraceRef, b: TraceRef): number => (a.traceId < b.traceId ? -1 : a.traceId > b.traceId ? 1 : 0);
const cmp = (x: bigint, y: bigint): number => (x < y ? -1 : x > y ? 1 : 0);

/**
 * Search result order. Every sort breaks ties by trace id (ascending) so that paging and
 * tests see the same order from every store.
 */
export function compareTraceRefs(sort: TraceSort): (a: TraceRef, b: TraceRef) => number {
  switch (sort) {
    case 'newest':
      return (a, b) => cmp(b.startTimeUnixNano, a.startTimeUnixNano) || byTraceId(a, b);
    case 'oldest':
      return (a, b) => cmp(a.startTimeUnixNano, b.startTimeUnixNano) || byTraceId(a, b);
    case 'duration':
      return (a, b) => cmp(b.durationNanos, a.durationNanos) || byTraceId(a, b);
    case 'shortest':
      return (a, b) => cmp(a.durationNanos, b.durationNanos) || byTraceId(a, b);
  }
}

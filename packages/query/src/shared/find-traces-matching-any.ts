import type { Span } from '@skein/model';
import type { TraceQuery, TraceRef, TraceStore } from '@skein/store';
import { compareTraceRefs } from '@skein/store/semantics/trace-ref-order';

/**
 * Whole traces matching ANY of `queries` (which differ only in span filters and share sort and
 * limit), in the store's deterministic order. One query goes straight to the store; several are
 * merged on trace ids: a trace's sort keys come from all its matching spans (earliest start,
 * longest duration), exactly as if one query had matched them all.
 */
export async function findTracesMatchingAny(store: TraceStore, queries: readonly TraceQuery[]): Promise<Span[][]> {
  const first = queries[0];
  if (!first) return [];
  if (queries.length === 1) return store.findTraces(first);
  const refLists = await Promise.all(queries.map((q) => store.findTraceIds(q)));
  const merged = new Map<string, TraceRef>();
  for (const ref of refLists.flat()) {
    const seen = merged.get(ref.traceId);
    merged.set(
      ref.traceId,
      seen
        ? {
            traceId: ref.traceId,
            startTimeUnixNano: ref.startTimeUnixNano < seen.startTimeUnixNano ? ref.startTimeUnixNano : seen.startTimeUnixNano,
            durationNanos: ref.durationNanos > seen.durationNanos ? ref.durationNanos : seen.durationNanos,
          }
        : ref,
    );
  }
  const ordered = [...merged.values()].sort(compareTraceRefs(first.sort ?? 'newest')).slice(0, first.limit);
  return store.getTraces(ordered.map((r) => r.traceId));
}

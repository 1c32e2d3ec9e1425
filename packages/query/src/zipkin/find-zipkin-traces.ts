import type { Span } from '@skein/model';
import type { TraceQuery, TraceRef, TraceStore } from '@skein/store';
import { compareTraceRefs } from '@skein/store/semantics/trace-ref-order';
import { conditionsFor } from './annotation-query.js';
import { badParam } from './zipkin-params.js';
import type { ZipkinTraceSearch } from './zipkin-trace-search.js';

/**
 * Bare annotationQuery terms that are also known tag keys each double the store queries (an
 * annotation value OR a tag key); this bounds the fan-out.
 */
export const MAX_AMBIGUOUS_TERMS = 5;

/**
 * Runs a Zipkin search. A bare term matches an annotation value or a tag key; the store has no
 * OR, so the term is read as a tag key only when some stored span or resource has that key
 * (the store's attribute keys), and one query runs per reading; results are merged.
 */
export async function findZipkinTraces(store: TraceStore, search: ZipkinTraceSearch): Promise<Span[][]> {
  const { base, annotations } = search;
  if (annotations.bare.length === 0) return store.findTraces(withConditions(base, conditionsFor(annotations, [])));

  const knownKeys = new Set(await store.getAttributeKeys());
  const ambiguous = annotations.bare.flatMap((term, i) => (knownKeys.has(term) ? [i] : []));
  if (ambiguous.length > MAX_AMBIGUOUS_TERMS) {
    throw badParam(`annotationQuery: at most ${MAX_AMBIGUOUS_TERMS} bare terms may name tag keys, got ${ambiguous.length}; use key=value terms`);
  }
  const queries: TraceQuery[] = [];
  for (let mask = 0; mask < 1 << ambiguous.length; mask++) {
    const asTagKey = annotations.bare.map(() => false);
    ambiguous.forEach((termIndex, bit) => (asTagKey[termIndex] = (mask & (1 << bit)) !== 0));
    queries.push(withConditions(base, conditionsFor(annotations, asTagKey)));
  }
  return findTracesMatchingAny(store, queries);
}

const withConditions = (q: TraceQuery, attributes: TraceQuery['attributes'] & object): TraceQuery => (attributes.length > 0 ? { ...q, attributes } : q);

/**
 * Whole traces matching any of `queries` (same window, sort and limit), in the store's order:
 * a trace's sort key takes all its matching spans into account (earliest start, longest
 * duration), as one query with OR would have.
 */
async function findTracesMatchingAny(store: TraceStore, queries: readonly TraceQuery[]): Promise<Span[][]> {
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

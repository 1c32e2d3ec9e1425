import type { Span } from '@skein/model';
import type { TraceQuery, TraceStore } from '@skein/store';
import { findTracesMatchingAny } from '../shared/find-traces-matching-any.js';
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

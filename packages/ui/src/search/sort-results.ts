import type { TraceSummary } from '../shared/api-client.js';
import type { SortChoice } from './search-query.js';

/**
 * The order of the results list. Newest/oldest/slowest/fastest come sorted from the server
 * (which orders deterministically) and are kept as given; "most spans" and "most errors" are
 * computed here over the fetched results, ties broken by trace id so the order never depends
 * on arrival.
 */
export function sortResults(traces: readonly TraceSummary[], sort: SortChoice): TraceSummary[] {
  const byId = (a: TraceSummary, b: TraceSummary): number => (a.traceId < b.traceId ? -1 : a.traceId > b.traceId ? 1 : 0);
  if (sort === 'most-spans') return [...traces].sort((a, b) => b.spanCount - a.spanCount || byId(a, b));
  if (sort === 'most-errors') return [...traces].sort((a, b) => b.errorCount - a.errorCount || byId(a, b));
  return [...traces];
}

/** Each trace's duration as a fraction (0..1) of the longest in the list, for the duration bar. */
export function durationFractions(traces: readonly TraceSummary[]): number[] {
  const ds = traces.map((t) => Number(t.durationNanos));
  const max = Math.max(0, ...ds);
  return ds.map((d) => (max > 0 ? d / max : 0));
}

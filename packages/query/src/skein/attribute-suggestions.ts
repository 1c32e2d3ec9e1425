import { anyValueToString, serviceNameOf, type Span } from '@skein/model';
import type { TraceStore } from '@skein/store';

/** How many recent traces of a service are read to suggest its keys and values. */
export const SUGGESTION_SAMPLE_TRACES = 200;
export const DEFAULT_VALUE_SUGGESTIONS = 100;
export const MAX_VALUE_SUGGESTIONS = 1000;

/**
 * Attribute keys for the search form's autocomplete. Without a service, every key the store
 * has seen (span and resource attributes). The store has no per-service key index, so for one
 * service the keys come from the spans of that service in its most recent traces: good enough
 * for suggestions, and bounded whatever the store holds.
 */
export async function suggestAttributeKeys(store: TraceStore, service?: string): Promise<string[]> {
  if (!service) return store.getAttributeKeys();
  const keys = new Set<string>();
  for (const span of await recentSpansOf(store, service)) {
    for (const a of span.attributes) keys.add(a.key);
    for (const a of span.resource.attributes) keys.add(a.key);
  }
  return [...keys].sort();
}

/**
 * Distinct values (as text) of one attribute key, sorted, at most `limit`. For one service,
 * read from its recent traces that have the key (same reasoning as the keys).
 */
export async function suggestAttributeValues(store: TraceStore, key: string, service?: string, limit = DEFAULT_VALUE_SUGGESTIONS): Promise<string[]> {
  if (!service) return store.getAttributeValues(key, limit);
  const values = new Set<string>();
  for (const span of await recentSpansOf(store, service, key)) {
    for (const a of span.attributes) if (a.key === key) values.add(anyValueToString(a.value));
    for (const a of span.resource.attributes) if (a.key === key) values.add(anyValueToString(a.value));
  }
  return [...values].sort().slice(0, limit);
}

async function recentSpansOf(store: TraceStore, service: string, withKey?: string): Promise<Span[]> {
  const traces = await store.findTraces({
    serviceName: service,
    ...(withKey === undefined ? {} : { attributes: [{ key: withKey, op: 'exists' as const }] }),
    limit: SUGGESTION_SAMPLE_TRACES,
    sort: 'newest',
  });
  // A trace crosses services; only the chosen service's spans say what it records.
  return traces.flat().filter((s) => serviceNameOf(s.resource) === service);
}

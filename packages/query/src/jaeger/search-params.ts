import { microsToNanos, parseDuration } from '@skein/model';
import type { TraceQuery } from '@skein/store';
import { parseGoDuration } from './go-duration.js';
import { parseJaegerTraceId } from './jaeger-ids.js';
import { paramError, parseGoInt64, queryError } from './param-errors.js';
import type { QueryValues } from './query-values.js';
import { jaegerTagFilters } from './tag-filters.js';

/** Jaeger UI asks for 20 traces; scripts that omit `limit` get the same. */
export const DEFAULT_SEARCH_LIMIT = 20;
/** Whole traces come back, so a runaway `limit` is capped rather than served. */
export const MAX_SEARCH_LIMIT = 10_000;
/** Jaeger's defaultTraceQueryLookbackDuration: searches without `start` cover two days. */
export const DEFAULT_SEARCH_LOOKBACK_NANOS = 48n * 3600n * 1_000_000_000n;

export type JaegerSearch =
  /** `traceID=…` parameters: fetch exactly those traces (32-hex ids). */
  | { readonly kind: 'ids'; readonly traceIds: readonly string[] }
  /** A search: traces matching ANY of `queries` (they differ only in span filters), newest first, at most `limit`. */
  | { readonly kind: 'search'; readonly queries: readonly TraceQuery[]; readonly limit: number };

/**
 * Parses `GET /api/traces` as Jaeger's query parser does: service (required unless traceIDs are
 * given), operation, tags (JSON map in `tags`, `key:value` in repeated `tag`), min/maxDuration
 * as Go durations, start/end in Unix µs, limit. `lookback` (`1h`, `2d`; `custom` means none)
 * sets `start` when `start` is absent. Throws a 400 SkeinError naming the bad parameter.
 */
export function parseJaegerSearch(q: QueryValues, nowNanos: bigint): JaegerSearch {
  const traceIds = q.all('traceID').map((text) => {
    const parsed = parseJaegerTraceId(text);
    if (!parsed.ok) throw queryError(`cannot parse traceID param: ${parsed.message}`);
    return parsed.traceId;
  });

  const end = microsParam(q, 'end') ?? nowNanos;
  const start = microsParam(q, 'start') ?? end - lookbackNanos(q);
  const tags = parseTags(q);
  const limit = parseLimit(q);
  const minDuration = durationParam(q, 'minDuration');
  const maxDuration = durationParam(q, 'maxDuration');

  if (traceIds.length > 0) return { kind: 'ids', traceIds };

  const service = q.first('service');
  if (service === undefined) throw queryError("parameter 'service' is required");
  if (minDuration !== undefined && maxDuration !== undefined && minDuration !== 0n && maxDuration !== 0n && maxDuration < minDuration) {
    throw queryError("'maxDuration' should be greater than 'minDuration'");
  }

  const operation = q.first('operation');
  const base: TraceQuery = {
    serviceName: service,
    ...(operation !== undefined ? { spanName: operation } : {}),
    // Jaeger treats a zero duration bound as "no bound".
    ...(minDuration ? { minDurationNanos: minDuration } : {}),
    ...(maxDuration ? { maxDurationNanos: maxDuration } : {}),
    startTimeMinNanos: start,
    startTimeMaxNanos: end,
    limit,
    sort: 'newest',
  };
  const queries = jaegerTagFilters(tags).map((filter) => ({ ...base, ...filter }));
  return { kind: 'search', queries, limit };
}

function microsParam(q: QueryValues, name: string): bigint | undefined {
  const text = q.first(name);
  return text === undefined ? undefined : microsToNanos(parseGoInt64(name, text));
}

function durationParam(q: QueryValues, name: string): bigint | undefined {
  const text = q.first(name);
  if (text === undefined) return undefined;
  const parsed = parseGoDuration(text);
  if (!parsed.ok) throw paramError(name, parsed.message);
  return parsed.nanos;
}

function lookbackNanos(q: QueryValues): bigint {
  const text = q.first('lookback');
  if (text === undefined || text === 'custom') return DEFAULT_SEARCH_LOOKBACK_NANOS;
  const nanos = parseDuration(text);
  if (nanos === undefined) throw paramError('lookback', `not a duration like 1h, 2d or custom: ${JSON.stringify(text)}`);
  return nanos;
}

function parseLimit(q: QueryValues): number {
  const text = q.first('limit');
  if (text === undefined) return DEFAULT_SEARCH_LIMIT;
  const n = parseGoInt64('limit', text);
  if (n < 0n) throw paramError('limit', `must not be negative: ${text}`);
  if (n === 0n) return DEFAULT_SEARCH_LIMIT;
  return n > BigInt(MAX_SEARCH_LIMIT) ? MAX_SEARCH_LIMIT : Number(n);
}

/** `tag=key:value` (split at the first colon) then `tags={"k":"v"}`; later entries win, as in Jaeger. */
function parseTags(q: QueryValues): Map<string, string> {
  const tags = new Map<string, string>();
  for (const tag of q.all('tag')) {
    const colon = tag.indexOf(':');
    if (colon < 0) throw queryError(`malformed 'tag' parameter, expecting key:value, received: ${tag}`);
    tags.set(tag.slice(0, colon), tag.slice(colon + 1));
  }
  for (const json of q.all('tags')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (err) {
      throw queryError(`malformed 'tags' parameter, cannot unmarshal JSON: ${(err as Error).message}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw queryError(`malformed 'tags' parameter, cannot unmarshal JSON: expected an object of strings, received: ${json}`);
    }
    for (const [key, value] of Object.entries(parsed)) {
      // Jaeger takes strings only; numbers and booleans are what a user means by their text.
      if (typeof value === 'string') tags.set(key, value);
      else if (typeof value === 'number' || typeof value === 'boolean') tags.set(key, String(value));
      else throw queryError(`malformed 'tags' parameter, cannot unmarshal JSON: value of ${JSON.stringify(key)} is not a string`);
    }
  }
  return tags;
}

import type { TraceQuery } from '@skein/store';
import { parseGoDuration } from './go-duration.js';
import { parseGoBool, queryError } from './param-errors.js';
import type { QueryValues } from './query-values.js';
import { parseRfc3339Nanos } from './rfc3339.js';
import { DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT } from './search-params.js';
import { jaegerTagFilters } from './tag-filters.js';

/**
 * api_v3 parameter names: Jaeger's gateway takes the proto3-JSON camelCase names and, as
 * deprecated aliases, the snake_case proto field names (plus `query.num_traces` from API v2).
 * The canonical name comes first.
 */
const P = {
  serviceName: ['query.serviceName', 'query.service_name'],
  operationName: ['query.operationName', 'query.operation_name'],
  attributes: ['query.attributes'],
  timeMin: ['query.startTimeMin', 'query.start_time_min'],
  timeMax: ['query.startTimeMax', 'query.start_time_max'],
  searchDepth: ['query.searchDepth', 'query.num_traces', 'query.search_depth'],
  durationMin: ['query.durationMin', 'query.duration_min'],
  durationMax: ['query.durationMax', 'query.duration_max'],
  rawTraces: ['query.rawTraces', 'query.raw_traces'],
} as const;

/** A 400 worded as the api_v3 gateway words it. */
const malformed = (name: string, why: string) => queryError(`malformed parameter ${name}: ${why}`);

export interface V3Search {
  /** ORed span filters (see tag-filters.ts), sharing everything else. */
  readonly queries: readonly TraceQuery[];
  readonly raw: boolean;
}

/**
 * `GET /api/v3/traces`: start_time_min/max (RFC 3339, required, the max exclusive as the proto
 * says), service and operation names, attributes (a JSON string map, matched like Jaeger tags),
 * duration_min/max (Go durations), search_depth (trace count), raw_traces.
 */
export function parseV3Search(q: QueryValues): V3Search {
  const timeMin = q.firstOf(...P.timeMin);
  const timeMax = q.firstOf(...P.timeMax);
  if (!timeMin || !timeMax) throw queryError(`${P.timeMin[0]} and ${P.timeMax[0]} are required`);
  const startMin = rfc3339Param(timeMin);
  const startMaxExclusive = rfc3339Param(timeMax);

  const service = q.firstOf(...P.serviceName)?.value;
  const operation = q.firstOf(...P.operationName)?.value;
  const durationMin = durationParam(q.firstOf(...P.durationMin));
  const durationMax = durationParam(q.firstOf(...P.durationMax));
  const base: TraceQuery = {
    ...(service !== undefined ? { serviceName: service } : {}),
    ...(operation !== undefined ? { spanName: operation } : {}),
    ...(durationMin ? { minDurationNanos: durationMin } : {}),
    ...(durationMax ? { maxDurationNanos: durationMax } : {}),
    startTimeMinNanos: startMin,
    startTimeMaxNanos: startMaxExclusive - 1n,
    limit: searchDepth(q.firstOf(...P.searchDepth)),
    sort: 'newest',
  };
  const rawTraces = q.firstOf(...P.rawTraces);
  let raw = false;
  if (rawTraces) {
    const parsed = parseGoBool(rawTraces.value);
    if (parsed === undefined) throw malformed(rawTraces.name, `strconv.ParseBool: parsing ${JSON.stringify(rawTraces.value)}: invalid syntax`);
    raw = parsed;
  }
  const queries = jaegerTagFilters(attributesParam(q.firstOf(...P.attributes))).map((filter) => ({ ...base, ...filter }));
  return { queries, raw };
}

function rfc3339Param(p: { name: string; value: string }): bigint {
  const nanos = parseRfc3339Nanos(p.value);
  if (nanos === undefined) throw malformed(p.name, `not an RFC 3339 timestamp like 2024-01-31T10:00:00.123Z: ${JSON.stringify(p.value)}`);
  return nanos;
}

function durationParam(p: { name: string; value: string } | undefined): bigint | undefined {
  if (!p) return undefined;
  const parsed = parseGoDuration(p.value);
  if (!parsed.ok) throw malformed(p.name, parsed.message);
  return parsed.nanos;
}

function searchDepth(p: { name: string; value: string } | undefined): number {
  if (!p) return DEFAULT_SEARCH_LIMIT;
  if (!/^[+-]?\d+$/.test(p.value)) throw malformed(p.name, `strconv.Atoi: parsing ${JSON.stringify(p.value)}: invalid syntax`);
  const n = Number(p.value);
  if (n < 0) throw malformed(p.name, `must not be negative: ${p.value}`);
  return n === 0 ? DEFAULT_SEARCH_LIMIT : Math.min(n, MAX_SEARCH_LIMIT);
}

function attributesParam(p: { name: string; value: string } | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!p) return out;
  let parsed: unknown;
  try {
    parsed = JSON.parse(p.value);
  } catch (err) {
    throw malformed(p.name, `not a JSON object of strings: ${(err as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw malformed(p.name, `not a JSON object of strings: ${p.value}`);
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === 'string') out.set(key, value);
    else if (typeof value === 'number' || typeof value === 'boolean') out.set(key, String(value));
    else throw malformed(p.name, `value of ${JSON.stringify(key)} is not a string`);
  }
  return out;
}

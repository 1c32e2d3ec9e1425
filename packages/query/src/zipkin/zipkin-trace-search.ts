import { StatusCode } from '@skein/model';
import type { TraceQuery } from '@skein/store';
import { parseAnnotationQuery, type ParsedAnnotationQuery } from './annotation-query.js';
import { badParam, optionalLong, optionalParam, type RawQuery } from './zipkin-params.js';

/** Zipkin's QUERY_LOOKBACK default: one day, in milliseconds. */
export const DEFAULT_LOOKBACK_MILLIS = 86_400_000n;
/** Zipkin's default `limit`. */
export const DEFAULT_TRACE_LIMIT = 10;
/**
 * Zipkin puts no ceiling on `limit`; whole traces are materialized per result, so Skein returns
 * at most this many (fewer than asked is what `limit` allows: "maximum number of traces").
 */
export const MAX_TRACE_LIMIT = 10_000;

const NANOS_PER_MILLI = 1_000_000n;
const NANOS_PER_MICRO = 1_000n;

export interface ZipkinTraceSearch {
  /** Everything but the annotationQuery's bare terms, which need OR (see annotation-query.ts). */
  readonly base: TraceQuery;
  readonly annotations: ParsedAnnotationQuery;
}

/**
 * `GET /api/v2/traces` parameters → a store query, with zipkin2 QueryRequest's defaults and
 * checks (and its messages): endTs defaults to now and lookback to one day (both epoch ms),
 * min/maxDuration are microseconds, limit defaults to 10; "all" or empty names mean no filter.
 * Names are matched as stored: Zipkin lower-cases names on write and query, Skein keeps what
 * the client sent, and the names it lists are the ones that match.
 */
export function parseZipkinTraceSearch(query: RawQuery, nowMillis: bigint, defaultLookbackMillis: bigint = DEFAULT_LOOKBACK_MILLIS): ZipkinTraceSearch {
  const endTs = optionalLong(query, 'endTs') ?? nowMillis;
  const lookback = optionalLong(query, 'lookback') ?? defaultLookbackMillis;
  const limitParam = optionalLong(query, 'limit');
  const minDuration = optionalLong(query, 'minDuration');
  const maxDuration = optionalLong(query, 'maxDuration');

  if (endTs <= 0n) throw badParam('endTs <= 0');
  if (limitParam !== undefined && (limitParam <= 0n || limitParam > 2_147_483_647n)) throw badParam(limitParam <= 0n ? 'limit <= 0' : 'limit: out of range');
  if (lookback <= 0n) throw badParam('lookback <= 0');
  if (minDuration !== undefined) {
    if (minDuration <= 0n) throw badParam('minDuration <= 0');
    if (maxDuration !== undefined && maxDuration < minDuration) throw badParam('maxDuration < minDuration');
  } else if (maxDuration !== undefined) {
    throw badParam('maxDuration is only valid with minDuration');
  }

  const annotations = parseAnnotationQuery(optionalParam(query, 'annotationQuery'));
  const spanName = optionalParam(query, 'spanName');
  const windowStart = (endTs - lookback) * NANOS_PER_MILLI;
  const base: { -readonly [K in keyof TraceQuery]: TraceQuery[K] } = {
    startTimeMinNanos: windowStart > 0n ? windowStart : 0n,
    startTimeMaxNanos: endTs * NANOS_PER_MILLI,
    limit: Math.min(Number(limitParam ?? BigInt(DEFAULT_TRACE_LIMIT)), MAX_TRACE_LIMIT),
    sort: 'newest',
  };
  const serviceName = optionalParam(query, 'serviceName');
  if (serviceName !== undefined) base.serviceName = serviceName;
  const remoteServiceName = optionalParam(query, 'remoteServiceName');
  if (remoteServiceName !== undefined) base.remoteServiceName = remoteServiceName;
  if (spanName !== undefined && spanName !== 'all') base.spanName = spanName;
  if (minDuration !== undefined) base.minDurationNanos = minDuration * NANOS_PER_MICRO;
  if (maxDuration !== undefined) base.maxDurationNanos = maxDuration * NANOS_PER_MICRO;
  if (annotations.error) base.statusCode = StatusCode.ERROR;
  return { base, annotations };
}

import { diag, propagation, TraceFlags, trace } from '@opentelemetry/api';
import type { BaggageEntry, Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';
import { isTracingSuppressed } from '../export/suppress-tracing.js';
import { firstHeaderValue, readHeader, readHeaderKeys } from './carrier.js';
import { BYTE_HEX, isAllZeros, isAnyCaseHex, leftPadHex, smallHexValue } from './hex.js';
import { MapBaggage } from './map-baggage.js';
import { isAllSafe, percentDecode, percentEncode, safeCharTable } from './percent-encoding.js';
import { DEBUG_FLAG_KEY, isDebugRequested, withoutSamplingHints } from './sampling-hints.js';
import { spanContextForInjection } from './span-context-for-injection.js';
import { MAX_BAGGAGE_CHARS, MAX_BAGGAGE_MEMBERS, MAX_BAGGAGE_MEMBER_CHARS } from './w3c-baggage.js';

export const UBER_TRACE_ID_HEADER = 'uber-trace-id';
export const UBER_BAGGAGE_HEADER_PREFIX = 'uberctx-';

/** Jaeger's flag bits: 0x01 sampled, 0x02 debug (which implies sampled). */
const JAEGER_SAMPLED = 0x01;
const JAEGER_DEBUG = 0x02;
/** 32 + 16 + 16 + 2 hex digits and 3 separators, each of which may arrive URL-encoded (`%3A`). */
const MAX_UBER_TRACE_ID_CHARS = 32 + 16 + 16 + 2 + 3 * 3;

/** RFC 7230 token characters: a baggage key must be one to become a header name. */
const HEADER_NAME_CHARS = safeCharTable("!#$&'*+-.^_`|~");
/** What encodeURIComponent leaves raw, so OpenTelemetry's and Jaeger clients' decoders agree. */
const URI_COMPONENT_CHARS = safeCharTable("-_.!~*'()");

/** The fields of a valid `uber-trace-id`. */
export interface ParsedUberTraceId {
  traceId: string;
  spanId: string;
  /** Jaeger's flags byte (0x01 sampled, 0x02 debug). */
  flags: number;
}

/**
 * Parses `{trace-id}:{span-id}:{parent-span-id}:{flags}`: hex ids of 1-32 / 1-16 / 1-16
 * characters (either case; left-padded and lowercased), flags of 1-2 hex digits, the separators
 * possibly URL-encoded as `%3A`. All-zero trace or span ids are invalid; a `0` parent is normal
 * (it is deprecated and not kept).
 */
export function parseUberTraceId(value: string): ParsedUberTraceId | undefined {
  if (typeof value !== 'string' || value.length > MAX_UBER_TRACE_ID_CHARS) return undefined;
  let s = value.trim();
  if (s.indexOf('%') !== -1) s = s.replace(/%3a/gi, ':');
  const first = s.indexOf(':');
  const second = first === -1 ? -1 : s.indexOf(':', first + 1);
  const third = second === -1 ? -1 : s.indexOf(':', second + 1);
  if (third === -1 || s.indexOf(':', third + 1) !== -1) return undefined;
  if (first < 1 || first > 32 || !isAnyCaseHex(s, 0, first) || isAllZeros(s, 0, first)) return undefined;
  const spanIdLength = second - first - 1;
  if (spanIdLength < 1 || spanIdLength > 16 || !isAnyCaseHex(s, first + 1, second) || isAllZeros(s, first + 1, second)) return undefined;
  const parentLength = third - second - 1;
  if (parentLength < 1 || parentLength > 16 || !isAnyCaseHex(s, second + 1, third)) return undefined;
  const flags = smallHexValue(s, third + 1, s.length);
  if (flags < 0) return undefined;
  return {
    traceId: leftPadHex(s.slice(0, first).toLowerCase(), 32),
    spanId: leftPadHex(s.slice(first + 1, second).toLowerCase(), 16),
    flags,
  };
}

/**
 * Jaeger's native propagation: `uber-trace-id` and `uberctx-{key}` baggage headers. Baggage
 * values are percent-decoded; a value with a malformed escape is kept as it arrived. Extracted
 * baggage is merged into the context's baggage (as OpenTelemetry's JaegerPropagator does),
 * within the same limits as W3C baggage. The debug flag is shared with B3 (see sampling-hints).
 */
export class JaegerPropagator implements TextMapPropagator {
  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    try {
      const spanContext = spanContextForInjection(context);
      if (spanContext !== undefined) {
        let flags = spanContext.traceFlags & TraceFlags.SAMPLED ? JAEGER_SAMPLED : 0;
        if (isDebugRequested(context)) flags |= JAEGER_SAMPLED | JAEGER_DEBUG;
        setter.set(carrier, UBER_TRACE_ID_HEADER, spanContext.traceId + ':' + spanContext.spanId + ':0:' + BYTE_HEX[flags]);
      }
      const baggage = propagation.getBaggage(context);
      if (baggage === undefined || isTracingSuppressed(context)) return;
      let count = 0;
      for (const [key, entry] of baggage.getAllEntries()) {
        if (count === MAX_BAGGAGE_MEMBERS) break;
        if (typeof key !== 'string' || key.length === 0 || !isAllSafe(key, 0, key.length, HEADER_NAME_CHARS)) continue;
        if (typeof entry?.value !== 'string') continue;
        setter.set(carrier, UBER_BAGGAGE_HEADER_PREFIX + key, percentEncode(entry.value, URI_COMPONENT_CHARS));
        count++;
      }
    } catch (error) {
      diag.warn('JaegerPropagator: inject failed', error);
    }
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    let result = context;
    try {
      const uberTraceId = firstHeaderValue(readHeader(getter, carrier, UBER_TRACE_ID_HEADER));
      const parsed = uberTraceId === undefined ? undefined : parseUberTraceId(uberTraceId);
      if (parsed !== undefined) {
        const debug = (parsed.flags & JAEGER_DEBUG) !== 0;
        let next = withoutSamplingHints(result);
        if (debug) next = next.setValue(DEBUG_FLAG_KEY, '1');
        result = trace.setSpanContext(next, {
          traceId: parsed.traceId,
          spanId: parsed.spanId,
          traceFlags: debug || (parsed.flags & JAEGER_SAMPLED) !== 0 ? TraceFlags.SAMPLED : TraceFlags.NONE,
          isRemote: true,
        });
      }
      return extractBaggage(result, carrier, getter);
    } catch (error) {
      diag.warn('JaegerPropagator: extract failed', error);
      return result;
    }
  }

  fields(): string[] {
    return [UBER_TRACE_ID_HEADER];
  }
}

function extractBaggage(context: Context, carrier: unknown, getter: TextMapGetter): Context {
  let entries: Map<string, BaggageEntry> | undefined;
  let count = 0;
  let chars = 0;
  for (const headerName of readHeaderKeys(getter, carrier)) {
    if (typeof headerName !== 'string' || headerName.length <= UBER_BAGGAGE_HEADER_PREFIX.length) continue;
    if (headerName.slice(0, UBER_BAGGAGE_HEADER_PREFIX.length).toLowerCase() !== UBER_BAGGAGE_HEADER_PREFIX) continue;
    const raw = firstHeaderValue(readHeader(getter, carrier, headerName));
    if (raw === undefined || raw.length > MAX_BAGGAGE_MEMBER_CHARS) continue;
    const key = headerName.slice(UBER_BAGGAGE_HEADER_PREFIX.length);
    chars += key.length + raw.length + 1;
    if (chars > MAX_BAGGAGE_CHARS || count === MAX_BAGGAGE_MEMBERS) break;
    if (entries === undefined) entries = startingEntries(context);
    entries.set(key, { value: percentDecode(raw, true) ?? raw });
    count++;
  }
  return entries === undefined ? context : propagation.setBaggage(context, new MapBaggage(entries));
}

/** The context's current baggage entries, to merge extracted entries into. */
function startingEntries(context: Context): Map<string, BaggageEntry> {
  const existing = propagation.getBaggage(context);
  return new Map(existing === undefined ? undefined : existing.getAllEntries());
}

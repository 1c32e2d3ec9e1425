import { diag, trace } from '@opentelemetry/api';
import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';
import { onlyHeaderValue, readHeader, skipOwsBackward, skipOwsForward } from './carrier.js';
import { BYTE_HEX, isAllZeros, isLowerHex, lowerHexByteAt } from './hex.js';
import { withoutSamplingHints } from './sampling-hints.js';
import { spanContextForInjection } from './span-context-for-injection.js';
import { W3CTraceState } from './trace-state.js';

export const TRACEPARENT_HEADER = 'traceparent';
export const TRACESTATE_HEADER = 'tracestate';

/** `00-` + 32 + `-` + 16 + `-` + 2: the exact length of a version 00 traceparent. */
const VERSION_00_LENGTH = 55;
/**
 * Future versions may append fields; W3C asks to "only disallow prohibitively large headers".
 * Anything longer than this is that, and is not scanned.
 */
const MAX_TRACEPARENT_CHARS = 512;
/**
 * Flags we write: sampled (0x01) and Level 2's random (0x02). W3C: other flags "are reserved
 * for future use. Vendors MUST set those to zero."
 */
const KNOWN_FLAGS = 0x03;

/** The fields of a valid `traceparent`. */
export interface ParsedTraceParent {
  traceId: string;
  spanId: string;
  traceFlags: number;
}

/**
 * Parses a `traceparent` value per W3C Trace Context: version 00 exactly (55 characters);
 * a higher version by its first four fields, which must be followed by the end or '-';
 * version ff, uppercase hex and all-zero ids are invalid. Surrounding spaces/tabs are allowed.
 * For versions above 00 only the sampled bit is kept (other flags may mean something else there).
 */
export function parseTraceParent(value: string): ParsedTraceParent | undefined {
  if (typeof value !== 'string' || value.length > MAX_TRACEPARENT_CHARS) return undefined;
  const start = skipOwsForward(value, 0, value.length);
  const end = skipOwsBackward(value, start, value.length);
  const length = end - start;
  if (length < VERSION_00_LENGTH) return undefined;

  const version = lowerHexByteAt(value, start);
  if (version < 0 || version === 0xff || value.charCodeAt(start + 2) !== 45 /* - */) return undefined;
  if (version === 0 && length !== VERSION_00_LENGTH) return undefined;
  if (length > VERSION_00_LENGTH && value.charCodeAt(start + VERSION_00_LENGTH) !== 45) return undefined;

  const traceIdStart = start + 3;
  const spanIdStart = start + 36;
  if (!isLowerHex(value, traceIdStart, traceIdStart + 32) || value.charCodeAt(traceIdStart + 32) !== 45) return undefined;
  if (!isLowerHex(value, spanIdStart, spanIdStart + 16) || value.charCodeAt(spanIdStart + 16) !== 45) return undefined;
  if (isAllZeros(value, traceIdStart, traceIdStart + 32) || isAllZeros(value, spanIdStart, spanIdStart + 16)) return undefined;
  const flags = lowerHexByteAt(value, start + 53);
  if (flags < 0) return undefined;

  return {
    traceId: value.slice(traceIdStart, traceIdStart + 32),
    spanId: value.slice(spanIdStart, spanIdStart + 16),
    traceFlags: version === 0 ? flags : flags & 0x01,
  };
}

/**
 * W3C Trace Context (`traceparent` + `tracestate`). Extraction takes a single `traceparent`
 * (two of them make it invalid, as the W3C test suite expects) and combines all `tracestate`
 * values; an invalid tracestate is dropped while the traceparent is still used.
 */
export class W3CTraceContextPropagator implements TextMapPropagator {
  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    try {
      const spanContext = spanContextForInjection(context);
      if (spanContext === undefined) return;
      setter.set(
        carrier,
        TRACEPARENT_HEADER,
        '00-' + spanContext.traceId + '-' + spanContext.spanId + '-' + BYTE_HEX[spanContext.traceFlags & KNOWN_FLAGS],
      );
      const traceState = spanContext.source.traceState;
      if (traceState !== undefined) {
        const serialized = traceState.serialize();
        if (typeof serialized === 'string' && serialized.length > 0) setter.set(carrier, TRACESTATE_HEADER, serialized);
      }
    } catch (error) {
      diag.warn('W3CTraceContextPropagator: inject failed', error);
    }
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    try {
      const traceParent = onlyHeaderValue(readHeader(getter, carrier, TRACEPARENT_HEADER));
      if (traceParent === undefined) return context;
      const parsed = parseTraceParent(traceParent);
      if (parsed === undefined) return context;
      const rawTraceState = readHeader(getter, carrier, TRACESTATE_HEADER);
      const traceState = rawTraceState === undefined ? undefined : W3CTraceState.parse(rawTraceState);
      return trace.setSpanContext(withoutSamplingHints(context), {
        traceId: parsed.traceId,
        spanId: parsed.spanId,
        traceFlags: parsed.traceFlags,
        isRemote: true,
        traceState,
      });
    } catch (error) {
      diag.warn('W3CTraceContextPropagator: extract failed', error);
      return context;
    }
  }

  fields(): string[] {
    return [TRACEPARENT_HEADER, TRACESTATE_HEADER];
  }
}

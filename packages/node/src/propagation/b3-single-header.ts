import { skipOwsBackward, skipOwsForward } from './carrier.js';
import { isAllZeros, isLowerHex, leftPadHex } from './hex.js';
import type { B3SamplingState, ParsedB3 } from './b3-sampling.js';

export const B3_SINGLE_HEADER = 'b3';

/** The longest valid value: 32 trace + '-' + 16 span + '-' + 1 sampling + '-' + 16 parent. */
const MAX_B3_SINGLE_CHARS = 68;

function samplingFromChar(c: number): 'accept' | 'deny' | 'debug' | undefined {
  if (c === 49 /* 1 */) return 'accept';
  if (c === 48 /* 0 */) return 'deny';
  if (c === 100 /* d */) return 'debug';
  return undefined;
}

/**
 * Parses a `b3` single header: `{TraceId}-{SpanId}[-{SamplingState}[-{ParentSpanId}]]` with
 * a 16 or 32 lower-hex trace id (64-bit ids are left-padded to 128 bits), a 16 lower-hex span
 * id, sampling `1`/`0`/`d`, or the sampling state alone (`0`, `1`, `d`). All-zero ids,
 * uppercase hex, other sampling characters and trailing fields are invalid. The parent span id
 * is checked but not kept: a span context has no place for it.
 */
export function parseB3Single(value: string): ParsedB3 | undefined {
  if (typeof value !== 'string' || value.length > MAX_B3_SINGLE_CHARS + 8) return undefined;
  const start = skipOwsForward(value, 0, value.length);
  const end = skipOwsBackward(value, start, value.length);
  const length = end - start;
  if (length === 1) {
    const sampling = samplingFromChar(value.charCodeAt(start));
    return sampling === undefined ? undefined : { kind: 'decision', sampling };
  }
  if (length > MAX_B3_SINGLE_CHARS) return undefined;

  const traceIdLength = value.charCodeAt(start + 16) === 45 ? 16 : 32;
  const spanIdStart = start + traceIdLength + 1;
  const spanIdEnd = spanIdStart + 16;
  if (value.charCodeAt(start + traceIdLength) !== 45 || spanIdEnd > end) return undefined;
  if (!isLowerHex(value, start, start + traceIdLength) || isAllZeros(value, start, start + traceIdLength)) return undefined;
  if (!isLowerHex(value, spanIdStart, spanIdEnd) || isAllZeros(value, spanIdStart, spanIdEnd)) return undefined;

  let sampling: B3SamplingState = 'defer';
  if (spanIdEnd < end) {
    // '-' then exactly one sampling character, optionally followed by '-' and a parent span id.
    if (value.charCodeAt(spanIdEnd) !== 45 || spanIdEnd + 2 > end) return undefined;
    const state = samplingFromChar(value.charCodeAt(spanIdEnd + 1));
    if (state === undefined) return undefined;
    sampling = state;
    const afterSampling = spanIdEnd + 2;
    if (afterSampling < end) {
      if (value.charCodeAt(afterSampling) !== 45 || end - afterSampling - 1 !== 16) return undefined;
      if (!isLowerHex(value, afterSampling + 1, end)) return undefined;
    }
  }
  return {
    kind: 'context',
    traceId: leftPadHex(value.slice(start, start + traceIdLength), 32),
    spanId: value.slice(spanIdStart, spanIdEnd),
    sampling,
  };
}

/** The `b3` value for a span context: sampling is always written (`d` for debug). */
export function formatB3Single(traceId: string, spanId: string, sampled: boolean, debug: boolean): string {
  return traceId + '-' + spanId + '-' + (debug ? 'd' : sampled ? '1' : '0');
}

import type { TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import { firstHeaderValue, readHeader } from './carrier.js';
import { isAllZeros, isLowerHex, leftPadHex } from './hex.js';
import type { B3SamplingState, ParsedB3 } from './b3-sampling.js';

// Lowercase names: HTTP is case-insensitive, and lowercase is what Node's headers and gRPC use.
export const X_B3_TRACE_ID = 'x-b3-traceid';
export const X_B3_SPAN_ID = 'x-b3-spanid';
export const X_B3_PARENT_SPAN_ID = 'x-b3-parentspanid';
export const X_B3_SAMPLED = 'x-b3-sampled';
export const X_B3_FLAGS = 'x-b3-flags';

/** `X-B3-Sampled`: `1`/`0`, and the legacy `true`/`false` a lenient reader accepts. */
function samplingFromSampledHeader(value: string | undefined): 'accept' | 'deny' | 'defer' | undefined {
  if (value === undefined) return 'defer';
  const trimmed = value.trim();
  if (trimmed === '1') return 'accept';
  if (trimmed === '0') return 'deny';
  const lower = trimmed.toLowerCase();
  if (lower === 'true') return 'accept';
  if (lower === 'false') return 'deny';
  return undefined;
}

function isB3Id(value: string, lengths: 16 | 32 | 'trace'): boolean {
  const length = value.length;
  const validLength = lengths === 'trace' ? length === 16 || length === 32 : length === lengths;
  return validLength && isLowerHex(value, 0, length) && !isAllZeros(value, 0, length);
}

/**
 * Reads B3 multi headers ("the first value wins" for repeated headers). A trace id needs a
 * span id; `X-B3-Flags: 1` is debug (implies accept, whatever `X-B3-Sampled` says); without
 * ids, `X-B3-Sampled` or `X-B3-Flags: 1` alone is a sampling decision only. An invalid id or
 * `X-B3-Sampled` value makes the whole set invalid.
 */
export function readB3Multi(getter: TextMapGetter, carrier: unknown): ParsedB3 | undefined {
  const traceIdHeader = firstHeaderValue(readHeader(getter, carrier, X_B3_TRACE_ID));
  const sampledHeader = firstHeaderValue(readHeader(getter, carrier, X_B3_SAMPLED));
  const flagsHeader = firstHeaderValue(readHeader(getter, carrier, X_B3_FLAGS));
  const debug = flagsHeader !== undefined && flagsHeader.trim() === '1';
  const sampledState = samplingFromSampledHeader(sampledHeader);
  if (sampledState === undefined && !debug) return undefined;
  const sampling: B3SamplingState = debug ? 'debug' : sampledState!;

  if (traceIdHeader === undefined) {
    return sampling === 'defer' ? undefined : { kind: 'decision', sampling };
  }
  const traceId = traceIdHeader.trim();
  const spanIdHeader = firstHeaderValue(readHeader(getter, carrier, X_B3_SPAN_ID));
  if (spanIdHeader === undefined) return undefined;
  const spanId = spanIdHeader.trim();
  if (!isB3Id(traceId, 'trace') || !isB3Id(spanId, 16)) return undefined;
  return { kind: 'context', traceId: leftPadHex(traceId, 32), spanId, sampling };
}

/**
 * Writes B3 multi headers. Debug is `X-B3-Flags: 1` without `X-B3-Sampled` (the README: "Debug
 * implies an accept decision, so don't also send the X-B3-Sampled header").
 */
export function writeB3Multi(
  carrier: unknown,
  setter: TextMapSetter,
  traceId: string,
  spanId: string,
  sampled: boolean,
  debug: boolean,
): void {
  setter.set(carrier, X_B3_TRACE_ID, traceId);
  setter.set(carrier, X_B3_SPAN_ID, spanId);
  if (debug) setter.set(carrier, X_B3_FLAGS, '1');
  else setter.set(carrier, X_B3_SAMPLED, sampled ? '1' : '0');
}

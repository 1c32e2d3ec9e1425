import { diag, TraceFlags, trace } from '@opentelemetry/api';
import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';
import { firstHeaderValue, readHeader, skipOwsBackward, skipOwsForward } from './carrier.js';
import { isAllZeros, isAnyCaseHex, isLowerHex } from './hex.js';
import { SAMPLING_DEFERRED_KEY, withoutSamplingHints } from './sampling-hints.js';
import { spanContextForInjection } from './span-context-for-injection.js';

export const AWS_XRAY_TRACE_HEADER = 'x-amzn-trace-id';
/** How AWS services (API Gateway, Lambda event headers) spell it when a carrier keeps case. */
const AWS_XRAY_TRACE_HEADER_CANONICAL = 'X-Amzn-Trace-Id';

/** `1-` + 8 hex epoch seconds + `-` + 24 hex: 35 characters. */
const ROOT_LENGTH = 35;
/**
 * The header also carries `Self=`, `Lineage=` and other fields we ignore; AWS keeps the whole
 * header within a few hundred bytes. Anything longer than this is not scanned.
 */
const MAX_XRAY_HEADER_CHARS = 2048;

/** X-Ray's sampling decision: `Sampled=1`, `Sampled=0`, or deferred (`Sampled=?` or absent). */
export type XRaySampling = 'accept' | 'deny' | 'defer';

/** The fields of a valid X-Ray trace header. */
export interface ParsedXRayHeader {
  /** The Root's epoch and random parts joined: a 32-hex W3C trace id. */
  traceId: string;
  spanId: string;
  sampling: XRaySampling;
}

/**
 * Parses `Root=1-{8 hex}-{24 hex};Parent={16 hex};Sampled={0|1|?}`: fields in any order,
 * whitespace around them ignored, the first occurrence of each used, `Self=` and unknown fields
 * ignored. Root and Parent are required (a missing Parent, e.g. from a load balancer, leaves no
 * span to continue). A Root of another version or length, non-hex or all-zero ids, or a
 * Sampled value other than 0/1/? make it invalid. Hex of either case is accepted and lowercased.
 */
export function parseXRayHeader(value: string): ParsedXRayHeader | undefined {
  if (typeof value !== 'string' || value.length > MAX_XRAY_HEADER_CHARS) return undefined;
  let traceId: string | undefined;
  let spanId: string | undefined;
  let sampling: XRaySampling | undefined;
  const length = value.length;
  let start = 0;
  while (start < length) {
    let end = value.indexOf(';', start);
    if (end === -1) end = length;
    const fieldStart = skipOwsForward(value, start, end);
    const fieldEnd = skipOwsBackward(value, fieldStart, end);
    const eq = value.indexOf('=', fieldStart);
    if (eq !== -1 && eq < fieldEnd) {
      const nameLength = eq - fieldStart;
      const valueStart = eq + 1;
      if (nameLength === 4 && traceId === undefined && value.startsWith('Root', fieldStart)) {
        traceId = parseRoot(value, valueStart, fieldEnd);
        if (traceId === undefined) return undefined;
      } else if (nameLength === 6 && spanId === undefined && value.startsWith('Parent', fieldStart)) {
        if (fieldEnd - valueStart !== 16 || !isAnyCaseHex(value, valueStart, fieldEnd) || isAllZeros(value, valueStart, fieldEnd)) return undefined;
        spanId = lowercased(value.slice(valueStart, fieldEnd));
      } else if (nameLength === 7 && sampling === undefined && value.startsWith('Sampled', fieldStart)) {
        const flag = fieldEnd - valueStart === 1 ? value.charCodeAt(valueStart) : -1;
        if (flag === 49 /* 1 */) sampling = 'accept';
        else if (flag === 48 /* 0 */) sampling = 'deny';
        else if (flag === 63 /* ? */) sampling = 'defer';
        else return undefined;
      }
    }
    start = end + 1;
  }
  if (traceId === undefined || spanId === undefined) return undefined;
  return { traceId, spanId, sampling: sampling ?? 'defer' };
}

function parseRoot(s: string, start: number, end: number): string | undefined {
  if (end - start !== ROOT_LENGTH || s.charCodeAt(start) !== 49 /* 1 */) return undefined;
  if (s.charCodeAt(start + 1) !== 45 || s.charCodeAt(start + 10) !== 45) return undefined;
  if (!isAnyCaseHex(s, start + 2, start + 10) || !isAnyCaseHex(s, start + 11, end)) return undefined;
  if (isAllZeros(s, start + 2, start + 10) && isAllZeros(s, start + 11, end)) return undefined;
  return lowercased(s.slice(start + 2, start + 10) + s.slice(start + 11, end));
}

/** Hex as W3C wants it; X-Ray ids are lowercase already, so usually no copy is made. */
function lowercased(hex: string): string {
  return isLowerHex(hex, 0, hex.length) ? hex : hex.toLowerCase();
}

/**
 * AWS X-Ray's `X-Amzn-Trace-Id`. Trace ids map as `1-5759e988-bd862e3fe1be46a994272793` ↔
 * `5759e988bd862e3fe1be46a994272793`.
 *
 * `Sampled=?` (and a missing `Sampled`) is a deferred decision: we continue the trace as not
 * sampled and set the deferred hint, as OpenTelemetry's Python and Go X-Ray propagators do.
 * OpenTelemetry JS's AWSXRayPropagator (2.2) and Java's instead reject such a header and return
 * the context unchanged, which breaks the trace behind services that defer the decision.
 *
 * A tracestate a previous propagator extracted for the same trace id is kept.
 */
export class AwsXRayPropagator implements TextMapPropagator {
  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    try {
      const spanContext = spanContextForInjection(context);
      if (spanContext === undefined) return;
      const { traceId } = spanContext;
      setter.set(
        carrier,
        AWS_XRAY_TRACE_HEADER,
        'Root=1-' + traceId.slice(0, 8) + '-' + traceId.slice(8) + ';Parent=' + spanContext.spanId +
          ';Sampled=' + (spanContext.traceFlags & TraceFlags.SAMPLED ? '1' : '0'),
      );
    } catch (error) {
      diag.warn('AwsXRayPropagator: inject failed', error);
    }
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    try {
      const raw =
        readHeader(getter, carrier, AWS_XRAY_TRACE_HEADER) ?? readHeader(getter, carrier, AWS_XRAY_TRACE_HEADER_CANONICAL);
      const header = firstHeaderValue(raw);
      if (header === undefined) return context;
      const parsed = parseXRayHeader(header);
      if (parsed === undefined) return context;
      const previous = trace.getSpanContext(context);
      const traceState = previous !== undefined && previous.traceId === parsed.traceId ? previous.traceState : undefined;
      let next = withoutSamplingHints(context);
      if (parsed.sampling === 'defer') next = next.setValue(SAMPLING_DEFERRED_KEY, true);
      return trace.setSpanContext(next, {
        traceId: parsed.traceId,
        spanId: parsed.spanId,
        traceFlags: parsed.sampling === 'accept' ? TraceFlags.SAMPLED : TraceFlags.NONE,
        isRemote: true,
        traceState,
      });
    } catch (error) {
      diag.warn('AwsXRayPropagator: extract failed', error);
      return context;
    }
  }

  fields(): string[] {
    return [AWS_XRAY_TRACE_HEADER];
  }
}

import { trace } from '@opentelemetry/api';
import type { Context, SpanContext } from '@opentelemetry/api';
import { isTracingSuppressed } from '../export/suppress-tracing.js';
import { isAllZeros, isAnyCaseHex, isValidSpanId, isValidTraceId } from './hex.js';

/** The ids and flags a propagator writes, normalized to lowercase hex. */
export interface InjectableSpanContext {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceFlags: number;
  readonly source: SpanContext;
}

/**
 * The active span context when it should be written to a carrier: present, valid and not in a
 * context where tracing is suppressed (an exporter's own requests must not carry trace headers).
 * Ids in uppercase hex (which @opentelemetry/api accepts) are lowercased, as every format wants.
 */
export function spanContextForInjection(context: Context): InjectableSpanContext | undefined {
  const spanContext = trace.getSpanContext(context);
  if (spanContext === undefined || isTracingSuppressed(context)) return undefined;
  let { traceId, spanId } = spanContext;
  if (!isValidTraceId(traceId)) {
    if (!isValidAnyCaseId(traceId, 32)) return undefined;
    traceId = traceId.toLowerCase();
  }
  if (!isValidSpanId(spanId)) {
    if (!isValidAnyCaseId(spanId, 16)) return undefined;
    spanId = spanId.toLowerCase();
  }
  const flags = spanContext.traceFlags;
  return { traceId, spanId, traceFlags: typeof flags === 'number' ? flags & 0xff : 0, source: spanContext };
}

function isValidAnyCaseId(id: unknown, length: number): boolean {
  return typeof id === 'string' && id.length === length && isAnyCaseHex(id, 0, length) && !isAllZeros(id, 0, length);
}

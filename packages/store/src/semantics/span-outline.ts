import { spanServiceName, type Span } from '@skein/model';
import type { SpanOutline } from '../trace-store.js';

/** The outline of one full span: how a store without a cheaper path answers getTraceOutline. */
export function outlineOfSpan(span: Span): SpanOutline {
  return {
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    serviceName: spanServiceName(span),
    name: span.name,
    kind: span.kind,
    startTimeUnixNano: span.startTimeUnixNano,
    endTimeUnixNano: span.endTimeUnixNano,
    statusCode: span.status.code,
    statusMessage: span.status.message,
    shared: span.shared,
  };
}

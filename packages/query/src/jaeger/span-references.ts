import { findStringAttribute, type Span } from '@skein/model';
import { jaegerTraceId } from './jaeger-ids.js';
import type { JaegerReference, JaegerRefType } from './jaeger-json.js';

/**
 * A span's Jaeger references: the parent first as CHILD_OF (backends look for it there), then
 * one per link. A link is FOLLOWS_FROM unless its `opentracing.ref_type` attribute says
 * `child_of` (which is how a Jaeger client's extra references survive the trip through OTLP); a
 * link to the parent itself only sets the parent reference's type, as the collector does.
 */
export function jaegerReferences(span: Span): JaegerReference[] {
  const refs: JaegerReference[] = [];
  const traceID = jaegerTraceId(span.traceId);
  if (span.parentSpanId) refs.push({ refType: 'CHILD_OF', traceID, spanID: span.parentSpanId });
  for (const link of span.links) {
    const refType = linkRefType(link.attributes);
    if (span.parentSpanId && link.traceId === span.traceId && link.spanId === span.parentSpanId) {
      refs[0]!.refType = refType;
      continue;
    }
    refs.push({ refType, traceID: jaegerTraceId(link.traceId), spanID: link.spanId });
  }
  return refs;
}

function linkRefType(attributes: Span['links'][number]['attributes']): JaegerRefType {
  return findStringAttribute(attributes, 'opentracing.ref_type') === 'child_of' ? 'CHILD_OF' : 'FOLLOWS_FROM';
}

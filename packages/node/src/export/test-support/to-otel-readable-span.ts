import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { FinishedSpan, InstrumentationScope, SpanResource } from '../../trace/finished-span.js';
import { referenceHrTime } from './reference-nanos.js';

/**
 * Converts FinishedSpans to OpenTelemetry JS's ReadableSpan shape, so OpenTelemetry's own
 * serializers can encode the same spans for comparison. Resource and scope objects map to one
 * OpenTelemetry object each, keeping the identity grouping. Times go through the exact BigInt
 * reference, so a time mismatch means our fast conversion is wrong.
 */
export function toOtelReadableSpans(spans: readonly FinishedSpan[]): ReadableSpan[] {
  const resources = new Map<SpanResource, unknown>();
  const scopes = new Map<InstrumentationScope, unknown>();
  return spans.map((span) => {
    let resource = resources.get(span.resource);
    if (!resource) {
      resource = { attributes: span.resource.attributes, schemaUrl: (span.resource as { schemaUrl?: string }).schemaUrl };
      resources.set(span.resource, resource);
    }
    let scope = scopes.get(span.scope);
    if (!scope) {
      scope = { name: span.scope.name, version: span.scope.version, schemaUrl: span.scope.schemaUrl };
      scopes.set(span.scope, scope);
    }
    const ctx = span.spanContext();
    return {
      name: span.name,
      kind: span.kind,
      spanContext: () => ctx,
      parentSpanContext: span.parentSpanId
        ? { traceId: ctx.traceId, spanId: span.parentSpanId, traceFlags: ctx.traceFlags, isRemote: span.parentSpanIsRemote }
        : undefined,
      startTime: referenceHrTime(span.startTimeUnixMs),
      endTime: referenceHrTime(span.endTimeUnixMs),
      duration: [0, 0],
      ended: true,
      status: span.status,
      attributes: span.attributes,
      links: span.links,
      events: span.events.map((e) => ({
        name: e.name,
        time: referenceHrTime(e.timeUnixMs),
        attributes: e.attributes,
        droppedAttributesCount: e.droppedAttributesCount,
      })),
      resource,
      instrumentationScope: scope,
      droppedAttributesCount: span.droppedAttributesCount,
      droppedEventsCount: span.droppedEventsCount,
      droppedLinksCount: span.droppedLinksCount,
    } as unknown as ReadableSpan;
  });
}

import { SpanKind, anyValueToString, displayTraceId, findStringAttribute, type Span } from '@skein/model';
import { attributesJson, eventToAnnotation } from './zipkin-annotations.js';
import { endpointFromTags } from './zipkin-endpoints.js';
import { DEBUG_ATTRIBUTE, OTEL_TAGS, SERVICE_NAME } from './zipkin-keys.js';
import { nanosToWholeMicros } from './zipkin-micros.js';
import { writeStatusTags } from './zipkin-status.js';
import type { ZipkinV2Kind, ZipkinV2Span } from './zipkin-v2-span.js';

/**
 * A model span as Zipkin v2 JSON. For spans that came from Zipkin this is the inverse of
 * `zipkinV2ToSpan` (the same span comes back). For spans from OTLP and elsewhere it does what
 * the OpenTelemetry Zipkin exporters do:
 * - resource attributes, then span attributes (which win), become string tags, arrays joined
 *   with commas as the JS exporter does; `service.name` is the localEndpoint's serviceName and
 *   is not repeated as a tag (the collector's exporter);
 * - `peer.service` and `net.peer.*` / `net.host.*` addresses fill the endpoints;
 * - status → `otel.status_code` / `error` tags (zipkin-status.ts);
 * - INTERNAL and UNSPECIFIED kinds → no kind;
 * - events → annotations, links → `otlp.link.N` tags, trace state → `w3c.tracestate`, dropped
 *   counts → `otel.dropped_*_count` tags;
 * - times in whole microseconds (truncated); a span shorter than 1µs reports 1, as Zipkin asks.
 */
export function toZipkinV2Span(span: Span): ZipkinV2Span {
  const tags = new Map<string, string>();
  for (const a of span.resource.attributes) if (a.key !== SERVICE_NAME) tags.set(a.key, anyValueToString(a.value));
  let debug = false;
  // Later duplicates of a key win (the model's rule), so look at each key's last value only.
  const spanAttributes = new Map(span.attributes.map((a) => [a.key, a.value]));
  for (const [key, value] of spanAttributes) {
    if (key === DEBUG_ATTRIBUTE && value.type === 'bool') {
      debug = value.value;
      tags.delete(key); // span attributes win over resource ones, this one included
      continue;
    }
    tags.set(key, anyValueToString(value));
  }

  const localEndpoint = endpointFromTags(tags, 'local', findStringAttribute(span.resource.attributes, SERVICE_NAME));
  const remoteEndpoint = endpointFromTags(tags, 'remote');
  writeStatusTags(span.status, tags);
  if (span.traceState !== '' && !tags.has(OTEL_TAGS.traceState)) tags.set(OTEL_TAGS.traceState, span.traceState);
  span.links.forEach((l, i) => {
    tags.set(`${OTEL_TAGS.linkPrefix}${i}`, `${l.traceId}|${l.spanId}|${l.traceState}|${attributesJson(l.attributes)}|${l.droppedAttributesCount}`);
  });
  setCount(tags, OTEL_TAGS.droppedAttributesCount, span.droppedAttributesCount);
  setCount(tags, OTEL_TAGS.droppedEventsCount, span.droppedEventsCount);
  setCount(tags, OTEL_TAGS.droppedLinksCount, span.droppedLinksCount);

  // Field order follows Zipkin's own JSON encoder.
  const z: ZipkinV2Span = {
    traceId: displayTraceId(span.traceId, span.traceIdHigh64Absent),
    ...(span.parentSpanId !== '' ? { parentId: span.parentSpanId } : {}),
    id: span.spanId,
  };
  const kind = ZIPKIN_KIND[span.kind];
  if (kind) z.kind = kind;
  if (span.name !== '') z.name = span.name;
  const timestamp = nanosToWholeMicros(span.startTimeUnixNano);
  if (timestamp > 0) z.timestamp = timestamp; // Zipkin: 0 means absent
  const durationNanos = span.endTimeUnixNano - span.startTimeUnixNano;
  if (durationNanos > 0n) z.duration = Math.max(1, nanosToWholeMicros(durationNanos));
  if (localEndpoint) z.localEndpoint = localEndpoint;
  if (remoteEndpoint) z.remoteEndpoint = remoteEndpoint;
  if (span.events.length > 0) z.annotations = span.events.map(eventToAnnotation);
  if (tags.size > 0) z.tags = Object.fromEntries(tags); // own properties, even for "__proto__"
  if (debug) z.debug = true;
  if (span.shared) z.shared = true;
  return z;
}

const ZIPKIN_KIND: Record<SpanKind, ZipkinV2Kind | undefined> = {
  [SpanKind.UNSPECIFIED]: undefined,
  [SpanKind.INTERNAL]: undefined,
  [SpanKind.SERVER]: 'SERVER',
  [SpanKind.CLIENT]: 'CLIENT',
  [SpanKind.PRODUCER]: 'PRODUCER',
  [SpanKind.CONSUMER]: 'CONSUMER',
};

function setCount(tags: Map<string, string>, key: string, n: number): void {
  if (n > 0 && !tags.has(key)) tags.set(key, String(n));
}

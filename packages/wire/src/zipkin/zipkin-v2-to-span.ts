import {
  EMPTY_RESOURCE,
  EMPTY_SCOPE,
  SpanKind,
  bool,
  isIdProblem,
  normalizeSpanId,
  normalizeTraceId,
  str,
  type AnyValue,
  type Attribute,
  type Resource,
  type Span,
  type SpanEvent,
} from '@skein/model';
import { annotationToEvent } from './zipkin-annotations.js';
import { endpointToAttributes } from './zipkin-endpoints.js';
import { DEBUG_ATTRIBUTE, OTEL_TAGS, SERVICE_NAME } from './zipkin-keys.js';
import { microsToNanosExact } from './zipkin-micros.js';
import { statusFromZipkinTags } from './zipkin-status.js';
import type { ZipkinV2Span } from './zipkin-v2-span.js';

/**
 * One Resource per local service name within a request, shared by reference by every span of
 * that service (the model's contract: resources are shared, never copied per span).
 */
export class ZipkinResources {
  private readonly byService = new Map<string, Resource>();

  forService(serviceName: string | undefined): Resource {
    if (!serviceName) return EMPTY_RESOURCE; // the collector leaves such a resource without service.name
    let r = this.byService.get(serviceName);
    if (!r) {
      r = Object.freeze({ attributes: Object.freeze([Object.freeze({ key: SERVICE_NAME, value: str(serviceName) })]), droppedAttributesCount: 0 });
      this.byService.set(serviceName, r);
    }
    return r;
  }
}

/** Zipkin v2 spans → model spans, in order; spans of one local service share one Resource. */
export function zipkinV2SpansToModel(zipkinSpans: readonly ZipkinV2Span[]): Span[] {
  const resources = new ZipkinResources();
  return zipkinSpans.map((z) => zipkinV2ToSpan(z, resources));
}

/**
 * A Zipkin v2 span in the model, after the OpenTelemetry Collector's Zipkin receiver
 * (pkg/translator/zipkin/zipkinv2/to_translator.go), with Skein's rule that nothing the client
 * sent is lost, so `toZipkinV2Span` gives the same Zipkin span back:
 *
 * - ids normalized (64-bit trace ids left-padded, `traceIdHigh64Absent` remembering it); an id
 *   that does not normalize passes through lowercased for the pipeline to reject that span;
 * - localEndpoint.serviceName → resource `service.name`; addresses, the remote service and
 *   `debug` → span attributes (zipkin-endpoints.ts, zipkin-keys.ts);
 * - every tag → a string attribute, unchanged. Status is derived from `error` /
 *   `otel.status_code` tags (zipkin-status.ts) while the tags stay; a kind-less span tagged
 *   `span.kind=internal` is INTERNAL; a missing kind is UNSPECIFIED, as in the collector;
 *   `w3c.tracestate` and the `otel.dropped_*_count` tags become the fields they describe;
 * - annotations → events; `shared` → `span.shared`;
 * - no timestamp: the earliest annotation's, else 0 (which the pipeline rejects as absurd).
 */
export function zipkinV2ToSpan(z: ZipkinV2Span, resources: ZipkinResources): Span {
  const trace = traceIdOf(z.traceId);
  const spanId = spanIdOf(z.id);
  const tags = z.tags;

  const attributes = new Map<string, AnyValue>();
  let traceState = '';
  let droppedAttributesCount = 0;
  let droppedEventsCount = 0;
  let droppedLinksCount = 0;
  if (tags) {
    for (const key of Object.keys(tags)) {
      const value = tags[key]!;
      switch (key) {
        case OTEL_TAGS.traceState:
          if (value === '') break; // an empty one is not written back: keep it as a tag
          traceState = value;
          continue;
        case OTEL_TAGS.droppedAttributesCount:
        case OTEL_TAGS.droppedEventsCount:
        case OTEL_TAGS.droppedLinksCount: {
          const n = canonicalCount(value);
          if (n === undefined) break; // not a count the exporter wrote: keep it as a tag
          if (key === OTEL_TAGS.droppedAttributesCount) droppedAttributesCount = n;
          else if (key === OTEL_TAGS.droppedEventsCount) droppedEventsCount = n;
          else droppedLinksCount = n;
          continue;
        }
      }
      attributes.set(key, str(value));
    }
  }
  endpointToAttributes(z.localEndpoint, 'local', attributes);
  endpointToAttributes(z.remoteEndpoint, 'remote', attributes);
  if (z.debug) attributes.set(DEBUG_ATTRIBUTE, bool(true));

  const events: SpanEvent[] = z.annotations ? z.annotations.map(annotationToEvent) : [];
  const start = z.timestamp ? microsToNanosExact(z.timestamp) : earliestEvent(events);
  const end = start + (z.duration ? microsToNanosExact(z.duration) : 0n);

  return {
    traceId: trace.id,
    spanId,
    parentSpanId: parentIdOf(z.parentId, spanId),
    traceState,
    flags: 0,
    name: z.name ?? '',
    kind: kindOf(z, tags),
    startTimeUnixNano: start,
    endTimeUnixNano: end,
    attributes: toAttributeList(attributes),
    droppedAttributesCount,
    events,
    droppedEventsCount,
    links: [],
    droppedLinksCount,
    status: statusFromZipkinTags(tags),
    resource: resources.forService(z.localEndpoint?.serviceName),
    scope: EMPTY_SCOPE,
    traceIdHigh64Absent: trace.high64Absent,
    shared: z.shared === true,
  };
}

function traceIdOf(raw: string): { id: string; high64Absent: boolean } {
  const n = normalizeTraceId(raw);
  return isIdProblem(n) ? { id: raw.toLowerCase(), high64Absent: false } : n;
}

function spanIdOf(raw: string): string {
  const n = normalizeSpanId(raw);
  return isIdProblem(n) ? raw.toLowerCase() : n;
}

/** Absent, empty or all-zero parent ids mean a root (Zipkin reads them so); a span is not its own parent (collector). */
function parentIdOf(raw: string | undefined, spanId: string): string {
  if (raw === undefined) return '';
  const n = normalizeSpanId(raw);
  if (n === 'empty' || n === 'all-zero') return '';
  if (isIdProblem(n)) return raw.toLowerCase();
  return n === spanId ? '' : n;
}

function kindOf(z: ZipkinV2Span, tags: Readonly<Record<string, string>> | undefined): SpanKind {
  switch (z.kind) {
    case 'CLIENT':
      return SpanKind.CLIENT;
    case 'SERVER':
      return SpanKind.SERVER;
    case 'PRODUCER':
      return SpanKind.PRODUCER;
    case 'CONSUMER':
      return SpanKind.CONSUMER;
    default:
      return tags && Object.hasOwn(tags, OTEL_TAGS.spanKind) && tags[OTEL_TAGS.spanKind] === 'internal' ? SpanKind.INTERNAL : SpanKind.UNSPECIFIED;
  }
}

function earliestEvent(events: readonly SpanEvent[]): bigint {
  let min: bigint | undefined;
  for (const e of events) if (e.timeUnixNano > 0n && (min === undefined || e.timeUnixNano < min)) min = e.timeUnixNano;
  return min ?? 0n;
}

/** A count exactly as the exporters write it (only when positive), so writing it back is lossless. */
function canonicalCount(text: string): number | undefined {
  return /^[1-9]\d{0,8}$/.test(text) ? Number(text) : undefined;
}

function toAttributeList(attributes: Map<string, AnyValue>): Attribute[] {
  const out: Attribute[] = [];
  for (const [key, value] of attributes) out.push({ key, value });
  return out;
}

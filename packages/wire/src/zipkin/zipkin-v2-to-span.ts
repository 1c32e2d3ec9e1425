import { EMPTY_RESOURCE, EMPTY_SCOPE, SpanKind, bool, str, type Attribute, type Resource, type Span, type SpanEvent } from '@skein/model';
import { annotationToEvent } from './zipkin-annotations.js';
import { endpointToAttributes, setAttribute } from './zipkin-endpoints.js';
import { parentIdOf, spanIdOf, traceIdOf } from './zipkin-ids.js';
import { DEBUG_ATTRIBUTE, OTEL_TAGS, SERVICE_NAME } from './zipkin-keys.js';
import { microsToNanosExact } from './zipkin-micros.js';
import type { ZipkinSpanParts } from './zipkin-span-parts.js';
import { statusFromZipkinTags } from './zipkin-status.js';
import type { ZipkinV2Kind } from './zipkin-v2-span.js';

/** Shared by every span without events or links (as in the OTLP decoder): nothing to allocate. */
const NONE: readonly never[] = Object.freeze([]);

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

export interface ZipkinIdForm {
  /** The reader made every id from bytes (proto3, Thrift): they are lowercase hex already (zipkin-ids.ts). */
  readonly idsFromBytes: boolean;
}

/** Zipkin v2 spans → model spans, in order; spans of one local service share one Resource. */
export function zipkinV2SpansToModel(zipkinSpans: readonly ZipkinSpanParts[], { idsFromBytes }: ZipkinIdForm): Span[] {
  const resources = new ZipkinResources();
  const spans: Span[] = new Array(zipkinSpans.length);
  for (let i = 0; i < zipkinSpans.length; i++) spans[i] = zipkinV2ToSpan(zipkinSpans[i]!, resources, idsFromBytes);
  return spans;
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
export function zipkinV2ToSpan(z: ZipkinSpanParts, resources: ZipkinResources, idsFromBytes: boolean): Span {
  const trace = traceIdOf(z.traceId, idsFromBytes);
  const spanId = spanIdOf(z.id, idsFromBytes);
  const tags = new TagFields(z.tagKeys, z.tagValues);
  const attributes = tags.attributes;
  endpointToAttributes(z.localEndpoint, 'local', attributes);
  endpointToAttributes(z.remoteEndpoint, 'remote', attributes);
  if (z.debug) setAttribute(attributes, DEBUG_ATTRIBUTE, bool(true));

  const events: readonly SpanEvent[] = z.annotations ? z.annotations.map(annotationToEvent) : NONE;
  const start = z.timestamp ? microsToNanosExact(z.timestamp) : earliestEvent(events);
  const end = start + (z.duration ? microsToNanosExact(z.duration) : 0n);

  // Same field order as makeSpan(), so every span object has one hidden class.
  return {
    traceId: trace.id,
    spanId,
    parentSpanId: parentIdOf(z.parentId, spanId, idsFromBytes),
    traceState: tags.traceState,
    flags: 0,
    name: z.name ?? '',
    kind: kindOf(z.kind, tags.spanKind),
    startTimeUnixNano: start,
    endTimeUnixNano: end,
    attributes,
    droppedAttributesCount: tags.droppedAttributesCount,
    events,
    droppedEventsCount: tags.droppedEventsCount,
    links: NONE,
    droppedLinksCount: tags.droppedLinksCount,
    status: statusFromZipkinTags(tags.error, tags.statusCode, tags.statusDescription),
    resource: resources.forService(z.localEndpoint?.serviceName),
    scope: EMPTY_SCOPE,
    traceIdHigh64Absent: trace.high64Absent,
    shared: z.shared,
  };
}

/**
 * One pass over a span's tags: every tag becomes a string attribute, except those the
 * OpenTelemetry exporters write for OTLP fields Zipkin lacks (trace state, dropped counts),
 * which become those fields; the values that decide status and kind are noted on the way.
 */
class TagFields {
  readonly attributes: Attribute[] = [];
  traceState = '';
  droppedAttributesCount = 0;
  droppedEventsCount = 0;
  droppedLinksCount = 0;
  error: string | undefined;
  statusCode: string | undefined;
  statusDescription: string | undefined;
  spanKind: string | undefined;

  constructor(keys: readonly string[], values: readonly string[]) {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const value = values[i]!;
      if (mayBeField(key) && this.isField(key, value)) continue;
      this.attributes.push({ key, value: str(value) });
    }
  }

  /** True when the tag became a field instead of an attribute. */
  private isField(key: string, value: string): boolean {
    switch (key) {
      case OTEL_TAGS.error:
        this.error = value;
        return false;
      case OTEL_TAGS.statusCode:
        this.statusCode = value;
        return false;
      case OTEL_TAGS.statusDescription:
        this.statusDescription = value;
        return false;
      case OTEL_TAGS.spanKind:
        this.spanKind = value;
        return false;
      case OTEL_TAGS.traceState:
        if (value === '') return false; // an empty one is not written back: keep it as a tag
        this.traceState = value;
        return true;
      case OTEL_TAGS.droppedAttributesCount:
      case OTEL_TAGS.droppedEventsCount:
      case OTEL_TAGS.droppedLinksCount: {
        const n = canonicalCount(value);
        if (n === undefined) return false; // not a count the exporter wrote: keep it as a tag
        if (key === OTEL_TAGS.droppedAttributesCount) this.droppedAttributesCount = n;
        else if (key === OTEL_TAGS.droppedEventsCount) this.droppedEventsCount = n;
        else this.droppedLinksCount = n;
        return true;
      }
      default:
        return false;
    }
  }
}

/** The tags `isField` looks at. */
const FIELD_TAGS: readonly string[] = [
  OTEL_TAGS.error,
  OTEL_TAGS.statusCode,
  OTEL_TAGS.statusDescription,
  OTEL_TAGS.spanKind,
  OTEL_TAGS.traceState,
  OTEL_TAGS.droppedAttributesCount,
  OTEL_TAGS.droppedEventsCount,
  OTEL_TAGS.droppedLinksCount,
];

/**
 * A cheap first look that spares most keys the string compares of `isField`: the first
 * character and the length of every FIELD_TAGS key (a length bit may stand for several lengths,
 * which only lets a few more keys through).
 */
const FIELD_TAG_FIRST_CHARS = new Uint8Array(128);
let fieldTagLengthBits = 0;
for (const key of FIELD_TAGS) {
  FIELD_TAG_FIRST_CHARS[key.charCodeAt(0)] = 1;
  fieldTagLengthBits |= 1 << (key.length & 31);
}

const mayBeField = (key: string): boolean => FIELD_TAG_FIRST_CHARS[key.charCodeAt(0)] === 1 && (fieldTagLengthBits & (1 << (key.length & 31))) !== 0;

function kindOf(kind: ZipkinV2Kind | undefined, spanKindTag: string | undefined): SpanKind {
  switch (kind) {
    case 'CLIENT':
      return SpanKind.CLIENT;
    case 'SERVER':
      return SpanKind.SERVER;
    case 'PRODUCER':
      return SpanKind.PRODUCER;
    case 'CONSUMER':
      return SpanKind.CONSUMER;
    default:
      return spanKindTag === 'internal' ? SpanKind.INTERNAL : SpanKind.UNSPECIFIED;
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

import { type Attribute, type InstrumentationScope, type Resource, type Span, type SpanEvent, type SpanKind, type SpanLink, type Status, StatusCode } from '@skein/model';
import { pushKeyValue } from './decode-attributes-protobuf.js';
import { asDecodeError } from './decode-errors.js';
import { ProtoReader } from './proto-reader.js';
import { REQUEST_RESOURCE_SPANS, RS_RESOURCE, RS_SCOPE_SPANS, RS_LIBRARY_SPANS, SS_SCOPE, SS_SPANS, RESOURCE_ATTRIBUTES, RESOURCE_DROPPED, SCOPE_NAME, SCOPE_VERSION, SCOPE_ATTRIBUTES, SPAN_TRACE_ID, SPAN_SPAN_ID, SPAN_TRACE_STATE, SPAN_PARENT_SPAN_ID, SPAN_NAME, SPAN_KIND, SPAN_START, SPAN_END, SPAN_ATTRIBUTES, SPAN_DROPPED_ATTRIBUTES, SPAN_EVENTS, SPAN_DROPPED_EVENTS, SPAN_LINKS, SPAN_DROPPED_LINKS, SPAN_STATUS, SPAN_FLAGS, EVENT_TIME, EVENT_NAME, EVENT_ATTRIBUTES, EVENT_DROPPED, LINK_TRACE_ID, LINK_SPAN_ID, LINK_TRACE_STATE, LINK_ATTRIBUTES, LINK_DROPPED, LINK_FLAGS, STATUS_MESSAGE, STATUS_CODE } from './otlp-tags.js';
import { spanKindOf, statusCodeOf } from './otlp-enums.js';

const UNSET_STATUS: Status = Object.freeze({ code: StatusCode.UNSET, message: '' });
const NONE: readonly never[] = Object.freeze([]);

/**
 * Decodes an OTLP `ExportTraceServiceRequest` (protobuf, without gRPC framing) into spans.
 *
 * Ids become lowercase hex as sent, unvalidated (the pipeline rejects bad ones per span).
 * All spans of one ResourceSpans share one Resource object, and all spans of one ScopeSpans
 * one InstrumentationScope object. Bad wire data throws SKEIN_ERR_MALFORMED_PROTOBUF;
 * attribute values nested deeper than MAX_ANY_VALUE_DEPTH throw SKEIN_ERR_TOO_DEEP.
 */
export function decodeOtlpProtobuf(body: Uint8Array): Span[] {
  const spans: Span[] = [];
  try {
    const r = new ProtoReader(body);
    const end = r.len;
    while (r.pos < end) {
      const tag = r.tag();
      if (tag === REQUEST_RESOURCE_SPANS) readResourceSpans(r, r.lenEnd(end), spans);
      else r.skip(tag, end);
    }
  } catch (e) {
    throw asDecodeError(e, 'SKEIN_ERR_MALFORMED_PROTOBUF');
  }
  return spans;
}

/**
 * The resource must be known before the spans that share it are built, and protobuf allows
 * fields in any order, so the resource is looked up first and the scope spans read after.
 */
function readResourceSpans(r: ProtoReader, end: number, out: Span[]): void {
  const start = r.pos;
  let resource: Resource | undefined;
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === RS_RESOURCE) resource = readResource(r, r.lenEnd(end));
    else r.skip(tag, end);
  }
  r.expectEnd(end);
  resource ??= { attributes: [], droppedAttributesCount: 0 };
  r.pos = start;
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === RS_SCOPE_SPANS || tag === RS_LIBRARY_SPANS) readScopeSpans(r, r.lenEnd(end), resource, out);
    else r.skip(tag, end);
  }
}

function readScopeSpans(r: ProtoReader, end: number, resource: Resource, out: Span[]): void {
  const start = r.pos;
  let scope: InstrumentationScope | undefined;
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === SS_SCOPE) scope = readScope(r, r.lenEnd(end));
    else r.skip(tag, end);
  }
  r.expectEnd(end);
  scope ??= { name: '', version: '', attributes: [] };
  r.pos = start;
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === SS_SPANS) out.push(readSpan(r, r.lenEnd(end), resource, scope));
    else r.skip(tag, end);
  }
}

function readResource(r: ProtoReader, end: number): Resource {
  const attributes: Attribute[] = [];
  let droppedAttributesCount = 0;
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === RESOURCE_ATTRIBUTES) pushKeyValue(r, end, attributes);
    else if (tag === RESOURCE_DROPPED) droppedAttributesCount = r.uint32();
    else r.skip(tag, end);
  }
  r.expectEnd(end);
  return { attributes, droppedAttributesCount };
}

/** InstrumentationScope.dropped_attributes_count has no place in the model and is not kept. */
function readScope(r: ProtoReader, end: number): InstrumentationScope {
  let name = '';
  let version = '';
  const attributes: Attribute[] = [];
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === SCOPE_NAME) name = r.string(end);
    else if (tag === SCOPE_VERSION) version = r.string(end);
    else if (tag === SCOPE_ATTRIBUTES) pushKeyValue(r, end, attributes);
    else r.skip(tag, end);
  }
  r.expectEnd(end);
  return { name, version, attributes };
}

function readSpan(r: ProtoReader, end: number, resource: Resource, scope: InstrumentationScope): Span {
  let traceId = '';
  let spanId = '';
  let parentSpanId = '';
  let traceState = '';
  let flags = 0;
  let name = '';
  let kind: SpanKind = 0;
  let startTimeUnixNano = 0n;
  let endTimeUnixNano = 0n;
  let attributes: Attribute[] | undefined;
  let droppedAttributesCount = 0;
  let events: SpanEvent[] | undefined;
  let droppedEventsCount = 0;
  let links: SpanLink[] | undefined;
  let droppedLinksCount = 0;
  let status = UNSET_STATUS;
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag) {
      case SPAN_TRACE_ID:
        traceId = r.hex(end);
        break;
      case SPAN_SPAN_ID:
        spanId = r.hex(end);
        break;
      case SPAN_PARENT_SPAN_ID:
        parentSpanId = r.hex(end);
        break;
      case SPAN_TRACE_STATE:
        traceState = r.string(end);
        break;
      case SPAN_FLAGS:
        flags = r.fixed32();
        break;
      case SPAN_NAME:
        name = r.cachedString(end);
        break;
      case SPAN_KIND:
        kind = spanKindOf(r.uint32() | 0);
        break;
      case SPAN_START:
        startTimeUnixNano = r.fixed64();
        break;
      case SPAN_END:
        endTimeUnixNano = r.fixed64();
        break;
      case SPAN_ATTRIBUTES:
        pushKeyValue(r, end, (attributes ??= []));
        break;
      case SPAN_DROPPED_ATTRIBUTES:
        droppedAttributesCount = r.uint32();
        break;
      case SPAN_EVENTS:
        (events ??= []).push(readEvent(r, r.lenEnd(end)));
        break;
      case SPAN_DROPPED_EVENTS:
        droppedEventsCount = r.uint32();
        break;
      case SPAN_LINKS:
        (links ??= []).push(readLink(r, r.lenEnd(end)));
        break;
      case SPAN_DROPPED_LINKS:
        droppedLinksCount = r.uint32();
        break;
      case SPAN_STATUS:
        status = readStatus(r, r.lenEnd(end));
        break;
      default:
        r.skip(tag, end);
    }
  }
  r.expectEnd(end);
  // Same field order as makeSpan(), so every span object has one hidden class.
  return {
    traceId,
    spanId,
    parentSpanId,
    traceState,
    flags,
    name,
    kind,
    startTimeUnixNano,
    endTimeUnixNano,
    attributes: attributes ?? NONE,
    droppedAttributesCount,
    events: events ?? NONE,
    droppedEventsCount,
    links: links ?? NONE,
    droppedLinksCount,
    status,
    resource,
    scope,
    traceIdHigh64Absent: false,
    shared: false,
  };
}

function readEvent(r: ProtoReader, end: number): SpanEvent {
  let timeUnixNano = 0n;
  let name = '';
  const attributes: Attribute[] = [];
  let droppedAttributesCount = 0;
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === EVENT_TIME) timeUnixNano = r.fixed64();
    else if (tag === EVENT_NAME) name = r.cachedString(end);
    else if (tag === EVENT_ATTRIBUTES) pushKeyValue(r, end, attributes);
    else if (tag === EVENT_DROPPED) droppedAttributesCount = r.uint32();
    else r.skip(tag, end);
  }
  r.expectEnd(end);
  return { timeUnixNano, name, attributes, droppedAttributesCount };
}

function readLink(r: ProtoReader, end: number): SpanLink {
  let traceId = '';
  let spanId = '';
  let traceState = '';
  const attributes: Attribute[] = [];
  let droppedAttributesCount = 0;
  let flags = 0;
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === LINK_TRACE_ID) traceId = r.hex(end);
    else if (tag === LINK_SPAN_ID) spanId = r.hex(end);
    else if (tag === LINK_TRACE_STATE) traceState = r.string(end);
    else if (tag === LINK_ATTRIBUTES) pushKeyValue(r, end, attributes);
    else if (tag === LINK_DROPPED) droppedAttributesCount = r.uint32();
    else if (tag === LINK_FLAGS) flags = r.fixed32();
    else r.skip(tag, end);
  }
  r.expectEnd(end);
  return { traceId, spanId, traceState, attributes, droppedAttributesCount, flags };
}

function readStatus(r: ProtoReader, end: number): Status {
  let code: StatusCode = StatusCode.UNSET;
  let message = '';
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === STATUS_CODE) code = statusCodeOf(r.uint32() | 0);
    else if (tag === STATUS_MESSAGE) message = r.string(end);
    else r.skip(tag, end);
  }
  r.expectEnd(end);
  return code === StatusCode.UNSET && message === '' ? UNSET_STATUS : { code, message };
}

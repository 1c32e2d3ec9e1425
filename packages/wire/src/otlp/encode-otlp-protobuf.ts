import type { InstrumentationScope, Resource, Span, SpanEvent, SpanLink } from '@skein/model';
import { writeAttributes } from './encode-attributes-protobuf.js';
import { groupSpansByResourceAndScope } from './group-spans.js';
import { ProtoWriter } from './proto-writer.js';
import {
  EventFields,
  ExportTraceServiceRequestFields,
  InstrumentationScopeFields,
  LinkFields,
  ResourceFields,
  ResourceSpansFields,
  ScopeSpansFields,
  SpanFields,
  StatusFields,
  WireType,
  tagOf,
} from './otlp-schema.js';

const { VARINT, I64, LEN, I32 } = WireType;
const REQUEST_RESOURCE_SPANS = tagOf(ExportTraceServiceRequestFields.resourceSpans, LEN);
const RS_RESOURCE = tagOf(ResourceSpansFields.resource, LEN);
const RS_SCOPE_SPANS = tagOf(ResourceSpansFields.scopeSpans, LEN);
const SS_SCOPE = tagOf(ScopeSpansFields.scope, LEN);
const SS_SPANS = tagOf(ScopeSpansFields.spans, LEN);
const RESOURCE_ATTRIBUTES = tagOf(ResourceFields.attributes, LEN);
const RESOURCE_DROPPED = tagOf(ResourceFields.droppedAttributesCount, VARINT);
const SCOPE_NAME = tagOf(InstrumentationScopeFields.name, LEN);
const SCOPE_VERSION = tagOf(InstrumentationScopeFields.version, LEN);
const SCOPE_ATTRIBUTES = tagOf(InstrumentationScopeFields.attributes, LEN);
const SPAN_TRACE_ID = tagOf(SpanFields.traceId, LEN);
const SPAN_SPAN_ID = tagOf(SpanFields.spanId, LEN);
const SPAN_TRACE_STATE = tagOf(SpanFields.traceState, LEN);
const SPAN_PARENT_SPAN_ID = tagOf(SpanFields.parentSpanId, LEN);
const SPAN_NAME = tagOf(SpanFields.name, LEN);
const SPAN_KIND = tagOf(SpanFields.kind, VARINT);
const SPAN_START = tagOf(SpanFields.startTimeUnixNano, I64);
const SPAN_END = tagOf(SpanFields.endTimeUnixNano, I64);
const SPAN_ATTRIBUTES = tagOf(SpanFields.attributes, LEN);
const SPAN_DROPPED_ATTRIBUTES = tagOf(SpanFields.droppedAttributesCount, VARINT);
const SPAN_EVENTS = tagOf(SpanFields.events, LEN);
const SPAN_DROPPED_EVENTS = tagOf(SpanFields.droppedEventsCount, VARINT);
const SPAN_LINKS = tagOf(SpanFields.links, LEN);
const SPAN_DROPPED_LINKS = tagOf(SpanFields.droppedLinksCount, VARINT);
const SPAN_STATUS = tagOf(SpanFields.status, LEN);
const SPAN_FLAGS = tagOf(SpanFields.flags, I32);
const EVENT_TIME = tagOf(EventFields.timeUnixNano, I64);
const EVENT_NAME = tagOf(EventFields.name, LEN);
const EVENT_ATTRIBUTES = tagOf(EventFields.attributes, LEN);
const EVENT_DROPPED = tagOf(EventFields.droppedAttributesCount, VARINT);
const LINK_TRACE_ID = tagOf(LinkFields.traceId, LEN);
const LINK_SPAN_ID = tagOf(LinkFields.spanId, LEN);
const LINK_TRACE_STATE = tagOf(LinkFields.traceState, LEN);
const LINK_ATTRIBUTES = tagOf(LinkFields.attributes, LEN);
const LINK_DROPPED = tagOf(LinkFields.droppedAttributesCount, VARINT);
const LINK_FLAGS = tagOf(LinkFields.flags, I32);
const STATUS_MESSAGE = tagOf(StatusFields.message, LEN);
const STATUS_CODE = tagOf(StatusFields.code, VARINT);

/** A first guess at the encoded size, so most requests are written without regrowing. */
const BYTES_PER_SPAN_GUESS = 512;

/**
 * Encodes spans as an OTLP `ExportTraceServiceRequest` (protobuf), grouped into
 * ResourceSpans/ScopeSpans. Fields holding proto3 defaults are left out, as protobuf
 * encoders do. Ids must be hex (they come from the model, which guarantees it).
 */
export function encodeOtlpProtobuf(spans: readonly Span[]): Uint8Array {
  const w = new ProtoWriter(Math.max(1024, spans.length * BYTES_PER_SPAN_GUESS));
  for (const group of groupSpansByResourceAndScope(spans)) {
    w.uint32(REQUEST_RESOURCE_SPANS);
    const resourceSpans = w.fork();
    writeResource(w, group.resource);
    for (const scopeGroup of group.scopes) {
      w.uint32(RS_SCOPE_SPANS);
      const scopeSpans = w.fork();
      writeScope(w, scopeGroup.scope);
      for (const span of scopeGroup.spans) {
        w.uint32(SS_SPANS);
        const start = w.fork();
        writeSpanBody(w, span);
        w.ldelim(start);
      }
      w.ldelim(scopeSpans);
    }
    w.ldelim(resourceSpans);
  }
  return w.finish();
}

function writeResource(w: ProtoWriter, resource: Resource): void {
  w.uint32(RS_RESOURCE);
  const start = w.fork();
  writeAttributes(w, RESOURCE_ATTRIBUTES, resource.attributes);
  writeUint32(w, RESOURCE_DROPPED, resource.droppedAttributesCount);
  w.ldelim(start);
}

function writeScope(w: ProtoWriter, scope: InstrumentationScope): void {
  w.uint32(SS_SCOPE);
  const start = w.fork();
  writeString(w, SCOPE_NAME, scope.name);
  writeString(w, SCOPE_VERSION, scope.version);
  writeAttributes(w, SCOPE_ATTRIBUTES, scope.attributes);
  w.ldelim(start);
}

/** Fields in field-number order, as protoc-generated encoders write them. */
function writeSpanBody(w: ProtoWriter, s: Span): void {
  writeHex(w, SPAN_TRACE_ID, s.traceId);
  writeHex(w, SPAN_SPAN_ID, s.spanId);
  writeString(w, SPAN_TRACE_STATE, s.traceState);
  writeHex(w, SPAN_PARENT_SPAN_ID, s.parentSpanId);
  writeString(w, SPAN_NAME, s.name);
  writeUint32(w, SPAN_KIND, s.kind);
  writeFixed64(w, SPAN_START, s.startTimeUnixNano);
  writeFixed64(w, SPAN_END, s.endTimeUnixNano);
  writeAttributes(w, SPAN_ATTRIBUTES, s.attributes);
  writeUint32(w, SPAN_DROPPED_ATTRIBUTES, s.droppedAttributesCount);
  for (const e of s.events) writeEvent(w, e);
  writeUint32(w, SPAN_DROPPED_EVENTS, s.droppedEventsCount);
  for (const l of s.links) writeLink(w, l);
  writeUint32(w, SPAN_DROPPED_LINKS, s.droppedLinksCount);
  if (s.status.code !== 0 || s.status.message !== '') {
    w.uint32(SPAN_STATUS);
    const start = w.fork();
    writeString(w, STATUS_MESSAGE, s.status.message);
    writeUint32(w, STATUS_CODE, s.status.code);
    w.ldelim(start);
  }
  writeFixed32(w, SPAN_FLAGS, s.flags);
}

function writeEvent(w: ProtoWriter, e: SpanEvent): void {
  w.uint32(SPAN_EVENTS);
  const start = w.fork();
  writeFixed64(w, EVENT_TIME, e.timeUnixNano);
  writeString(w, EVENT_NAME, e.name);
  writeAttributes(w, EVENT_ATTRIBUTES, e.attributes);
  writeUint32(w, EVENT_DROPPED, e.droppedAttributesCount);
  w.ldelim(start);
}

function writeLink(w: ProtoWriter, l: SpanLink): void {
  w.uint32(SPAN_LINKS);
  const start = w.fork();
  writeHex(w, LINK_TRACE_ID, l.traceId);
  writeHex(w, LINK_SPAN_ID, l.spanId);
  writeString(w, LINK_TRACE_STATE, l.traceState);
  writeAttributes(w, LINK_ATTRIBUTES, l.attributes);
  writeUint32(w, LINK_DROPPED, l.droppedAttributesCount);
  writeFixed32(w, LINK_FLAGS, l.flags);
  w.ldelim(start);
}

// Proto3 leaves fields that hold their default value off the wire.

function writeString(w: ProtoWriter, tag: number, value: string): void {
  if (value === '') return;
  w.uint32(tag);
  w.string(value);
}

function writeHex(w: ProtoWriter, tag: number, hex: string): void {
  if (hex === '') return;
  w.uint32(tag);
  w.hex(hex);
}

function writeUint32(w: ProtoWriter, tag: number, value: number): void {
  if (value === 0) return;
  w.uint32(tag);
  w.uint32(value);
}

function writeFixed32(w: ProtoWriter, tag: number, value: number): void {
  if (value === 0) return;
  w.uint32(tag);
  w.fixed32(value);
}

function writeFixed64(w: ProtoWriter, tag: number, value: bigint): void {
  if (value === 0n) return;
  w.uint32(tag);
  w.fixed64(value);
}

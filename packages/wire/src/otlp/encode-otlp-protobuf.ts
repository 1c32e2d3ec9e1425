import type { InstrumentationScope, Resource, Span, SpanEvent, SpanLink } from '@skein/model';
import { writeAttributes } from './encode-attributes-protobuf.js';
import { groupSpansByResourceAndScope } from './group-spans.js';
import { ProtoWriter } from './proto-writer.js';
import { REQUEST_RESOURCE_SPANS, RS_RESOURCE, RS_SCOPE_SPANS, SS_SCOPE, SS_SPANS, RESOURCE_ATTRIBUTES, RESOURCE_DROPPED, SCOPE_NAME, SCOPE_VERSION, SCOPE_ATTRIBUTES, SPAN_TRACE_ID, SPAN_SPAN_ID, SPAN_TRACE_STATE, SPAN_PARENT_SPAN_ID, SPAN_NAME, SPAN_KIND, SPAN_START, SPAN_END, SPAN_ATTRIBUTES, SPAN_DROPPED_ATTRIBUTES, SPAN_EVENTS, SPAN_DROPPED_EVENTS, SPAN_LINKS, SPAN_DROPPED_LINKS, SPAN_STATUS, SPAN_FLAGS, EVENT_TIME, EVENT_NAME, EVENT_ATTRIBUTES, EVENT_DROPPED, LINK_TRACE_ID, LINK_SPAN_ID, LINK_TRACE_STATE, LINK_ATTRIBUTES, LINK_DROPPED, LINK_FLAGS, STATUS_MESSAGE, STATUS_CODE } from './otlp-tags.js';

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

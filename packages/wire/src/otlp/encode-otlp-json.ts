import type { AnyValue, Attribute, InstrumentationScope, Resource, Span, SpanEvent, SpanLink } from '@skein/model';
import { groupSpansByResourceAndScope } from './group-spans.js';
import type {
  OtlpJsonAnyValue,
  OtlpJsonEvent,
  OtlpJsonKeyValue,
  OtlpJsonLink,
  OtlpJsonResource,
  OtlpJsonScope,
  OtlpJsonSpan,
  OtlpJsonTracesData,
} from './otlp-json-types.js';

/**
 * Spans as an OTLP/JSON `ExportTraceServiceRequest`/`TracesData` object, ready for
 * JSON.stringify: grouped by resource then scope, hex ids, 64-bit integers as decimal
 * strings, enums as integers, default-valued fields left out.
 */
export function toOtlpJson(spans: readonly Span[]): OtlpJsonTracesData {
  return {
    resourceSpans: groupSpansByResourceAndScope(spans).map((group) => ({
      resource: resourceToJson(group.resource),
      scopeSpans: group.scopes.map((scopeGroup) => ({ scope: scopeToJson(scopeGroup.scope), spans: scopeGroup.spans.map(spanToJson) })),
    })),
  };
}

function resourceToJson(r: Resource): OtlpJsonResource {
  const out: OtlpJsonResource = { attributes: attributesToJson(r.attributes) };
  if (r.droppedAttributesCount !== 0) out.droppedAttributesCount = r.droppedAttributesCount;
  return out;
}

function scopeToJson(s: InstrumentationScope): OtlpJsonScope {
  const out: OtlpJsonScope = {};
  if (s.name !== '') out.name = s.name;
  if (s.version !== '') out.version = s.version;
  if (s.attributes.length > 0) out.attributes = attributesToJson(s.attributes);
  return out;
}

export function spanToJson(s: Span): OtlpJsonSpan {
  const out: OtlpJsonSpan = {};
  if (s.traceId !== '') out.traceId = s.traceId;
  if (s.spanId !== '') out.spanId = s.spanId;
  if (s.traceState !== '') out.traceState = s.traceState;
  if (s.parentSpanId !== '') out.parentSpanId = s.parentSpanId;
  if (s.flags !== 0) out.flags = s.flags;
  if (s.name !== '') out.name = s.name;
  if (s.kind !== 0) out.kind = s.kind;
  if (s.startTimeUnixNano !== 0n) out.startTimeUnixNano = s.startTimeUnixNano.toString();
  if (s.endTimeUnixNano !== 0n) out.endTimeUnixNano = s.endTimeUnixNano.toString();
  if (s.attributes.length > 0) out.attributes = attributesToJson(s.attributes);
  if (s.droppedAttributesCount !== 0) out.droppedAttributesCount = s.droppedAttributesCount;
  if (s.events.length > 0) out.events = s.events.map(eventToJson);
  if (s.droppedEventsCount !== 0) out.droppedEventsCount = s.droppedEventsCount;
  if (s.links.length > 0) out.links = s.links.map(linkToJson);
  if (s.droppedLinksCount !== 0) out.droppedLinksCount = s.droppedLinksCount;
  if (s.status.code !== 0 || s.status.message !== '') {
    out.status = {};
    if (s.status.message !== '') out.status.message = s.status.message;
    if (s.status.code !== 0) out.status.code = s.status.code;
  }
  return out;
}

function eventToJson(e: SpanEvent): OtlpJsonEvent {
  const out: OtlpJsonEvent = {};
  if (e.timeUnixNano !== 0n) out.timeUnixNano = e.timeUnixNano.toString();
  if (e.name !== '') out.name = e.name;
  if (e.attributes.length > 0) out.attributes = attributesToJson(e.attributes);
  if (e.droppedAttributesCount !== 0) out.droppedAttributesCount = e.droppedAttributesCount;
  return out;
}

function linkToJson(l: SpanLink): OtlpJsonLink {
  const out: OtlpJsonLink = {};
  if (l.traceId !== '') out.traceId = l.traceId;
  if (l.spanId !== '') out.spanId = l.spanId;
  if (l.traceState !== '') out.traceState = l.traceState;
  if (l.attributes.length > 0) out.attributes = attributesToJson(l.attributes);
  if (l.droppedAttributesCount !== 0) out.droppedAttributesCount = l.droppedAttributesCount;
  if (l.flags !== 0) out.flags = l.flags;
  return out;
}

export function attributesToJson(attributes: readonly Attribute[]): OtlpJsonKeyValue[] {
  return attributes.map((a) => ({ key: a.key, value: anyValueToOtlpJson(a.value) }));
}

export function anyValueToOtlpJson(v: AnyValue): OtlpJsonAnyValue {
  switch (v.type) {
    case 'string':
      return { stringValue: v.value };
    case 'bool':
      return { boolValue: v.value };
    case 'int':
      return { intValue: v.value.toString() };
    case 'double':
      return { doubleValue: doubleToJson(v.value) };
    case 'bytes':
      return { bytesValue: Buffer.from(v.value.buffer, v.value.byteOffset, v.value.byteLength).toString('base64') };
    case 'array':
      return { arrayValue: { values: v.value.map(anyValueToOtlpJson) } };
    case 'kvlist':
      return { kvlistValue: { values: attributesToJson(v.value) } };
  }
}

/** JSON numbers cannot hold NaN, ±Infinity or -0: protobuf JSON writes those as strings. */
function doubleToJson(n: number): number | string {
  if (Number.isFinite(n)) return Object.is(n, -0) ? '-0' : n;
  return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
}

import {
  AnyValueFields,
  ArrayValueFields,
  EventFields,
  ExportTraceServiceRequestFields,
  InstrumentationScopeFields,
  KeyValueFields,
  KeyValueListFields,
  LinkFields,
  ResourceFields,
  ResourceSpansFields,
  ScopeSpansFields,
  SpanFields,
  StatusFields,
  WireType,
  tagOf,
} from './otlp-schema.js';

/**
 * Every OTLP trace field as its wire tag (field number and wire type), computed once and shared
 * by the protobuf encoder and decoder so the two cannot disagree.
 */
const { VARINT, I64, LEN, I32 } = WireType;

export const REQUEST_RESOURCE_SPANS = tagOf(ExportTraceServiceRequestFields.resourceSpans, LEN);
export const RS_RESOURCE = tagOf(ResourceSpansFields.resource, LEN);
export const RS_SCOPE_SPANS = tagOf(ResourceSpansFields.scopeSpans, LEN);
export const RS_LIBRARY_SPANS = tagOf(ResourceSpansFields.instrumentationLibrarySpans, LEN);
export const SS_SCOPE = tagOf(ScopeSpansFields.scope, LEN);
export const SS_SPANS = tagOf(ScopeSpansFields.spans, LEN);
export const RESOURCE_ATTRIBUTES = tagOf(ResourceFields.attributes, LEN);
export const RESOURCE_DROPPED = tagOf(ResourceFields.droppedAttributesCount, VARINT);
export const SCOPE_NAME = tagOf(InstrumentationScopeFields.name, LEN);
export const SCOPE_VERSION = tagOf(InstrumentationScopeFields.version, LEN);
export const SCOPE_ATTRIBUTES = tagOf(InstrumentationScopeFields.attributes, LEN);
export const SPAN_TRACE_ID = tagOf(SpanFields.traceId, LEN);
export const SPAN_SPAN_ID = tagOf(SpanFields.spanId, LEN);
export const SPAN_TRACE_STATE = tagOf(SpanFields.traceState, LEN);
export const SPAN_PARENT_SPAN_ID = tagOf(SpanFields.parentSpanId, LEN);
export const SPAN_NAME = tagOf(SpanFields.name, LEN);
export const SPAN_KIND = tagOf(SpanFields.kind, VARINT);
export const SPAN_START = tagOf(SpanFields.startTimeUnixNano, I64);
export const SPAN_END = tagOf(SpanFields.endTimeUnixNano, I64);
export const SPAN_ATTRIBUTES = tagOf(SpanFields.attributes, LEN);
export const SPAN_DROPPED_ATTRIBUTES = tagOf(SpanFields.droppedAttributesCount, VARINT);
export const SPAN_EVENTS = tagOf(SpanFields.events, LEN);
export const SPAN_DROPPED_EVENTS = tagOf(SpanFields.droppedEventsCount, VARINT);
export const SPAN_LINKS = tagOf(SpanFields.links, LEN);
export const SPAN_DROPPED_LINKS = tagOf(SpanFields.droppedLinksCount, VARINT);
export const SPAN_STATUS = tagOf(SpanFields.status, LEN);
export const SPAN_FLAGS = tagOf(SpanFields.flags, I32);
export const EVENT_TIME = tagOf(EventFields.timeUnixNano, I64);
export const EVENT_NAME = tagOf(EventFields.name, LEN);
export const EVENT_ATTRIBUTES = tagOf(EventFields.attributes, LEN);
export const EVENT_DROPPED = tagOf(EventFields.droppedAttributesCount, VARINT);
export const LINK_TRACE_ID = tagOf(LinkFields.traceId, LEN);
export const LINK_SPAN_ID = tagOf(LinkFields.spanId, LEN);
export const LINK_TRACE_STATE = tagOf(LinkFields.traceState, LEN);
export const LINK_ATTRIBUTES = tagOf(LinkFields.attributes, LEN);
export const LINK_DROPPED = tagOf(LinkFields.droppedAttributesCount, VARINT);
export const LINK_FLAGS = tagOf(LinkFields.flags, I32);
export const STATUS_MESSAGE = tagOf(StatusFields.message, LEN);
export const STATUS_CODE = tagOf(StatusFields.code, VARINT);
export const KEY = tagOf(KeyValueFields.key, LEN);
export const VALUE = tagOf(KeyValueFields.value, LEN);
export const STRING_VALUE = tagOf(AnyValueFields.stringValue, LEN);
export const BOOL_VALUE = tagOf(AnyValueFields.boolValue, VARINT);
export const INT_VALUE = tagOf(AnyValueFields.intValue, VARINT);
export const DOUBLE_VALUE = tagOf(AnyValueFields.doubleValue, I64);
export const ARRAY_VALUE = tagOf(AnyValueFields.arrayValue, LEN);
export const KVLIST_VALUE = tagOf(AnyValueFields.kvlistValue, LEN);
export const BYTES_VALUE = tagOf(AnyValueFields.bytesValue, LEN);
export const ARRAY_VALUES = tagOf(ArrayValueFields.values, LEN);
export const KVLIST_VALUES = tagOf(KeyValueListFields.values, LEN);

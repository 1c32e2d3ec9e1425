/**
 * The OTLP trace schema, as field numbers: this is what Skein's hand-written protobuf codec
 * reads and writes (see proto-reader.ts for why it is hand-written). Transcribed from
 * opentelemetry-proto (v1.x):
 *
 * ```proto
 * // opentelemetry/proto/collector/trace/v1/trace_service.proto
 * message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
 * message ExportTraceServiceResponse { ExportTracePartialSuccess partial_success = 1; }
 * message ExportTracePartialSuccess { int64 rejected_spans = 1; string error_message = 2; }
 *
 * // opentelemetry/proto/trace/v1/trace.proto
 * message ResourceSpans {
 *   Resource resource = 1; repeated ScopeSpans scope_spans = 2; string schema_url = 3;
 *   // 1000 was `repeated InstrumentationLibrarySpans instrumentation_library_spans` (OTLP < 0.19,
 *   // now reserved); same shape as ScopeSpans, still accepted from old senders.
 * }
 * message ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; string schema_url = 3; }
 * message Span {
 *   bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; bytes parent_span_id = 4;
 *   fixed32 flags = 16; string name = 5; SpanKind kind = 6;
 *   fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8;
 *   repeated KeyValue attributes = 9; uint32 dropped_attributes_count = 10;
 *   repeated Event events = 11; uint32 dropped_events_count = 12;
 *   repeated Link links = 13; uint32 dropped_links_count = 14; Status status = 15;
 *   message Event { fixed64 time_unix_nano = 1; string name = 2; repeated KeyValue attributes = 3; uint32 dropped_attributes_count = 4; }
 *   message Link { bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; repeated KeyValue attributes = 4; uint32 dropped_attributes_count = 5; fixed32 flags = 6; }
 * }
 * message Status { string message = 2; StatusCode code = 3; }
 *
 * // opentelemetry/proto/resource/v1/resource.proto
 * message Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }
 *
 * // opentelemetry/proto/common/v1/common.proto
 * message AnyValue { oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3;
 *   double double_value = 4; ArrayValue array_value = 5; KeyValueList kvlist_value = 6; bytes bytes_value = 7; } }
 * message ArrayValue { repeated AnyValue values = 1; }
 * message KeyValueList { repeated KeyValue values = 1; }
 * message KeyValue { string key = 1; AnyValue value = 2; }
 * message InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3; uint32 dropped_attributes_count = 4; }
 * ```
 */

/** Protobuf wire types (the low 3 bits of a tag). */
export const WireType = { VARINT: 0, I64: 1, LEN: 2, SGROUP: 3, EGROUP: 4, I32: 5 } as const;

/** A field's tag as it appears on the wire: `(field_number << 3) | wire_type`. */
export const tagOf = (field: number, wireType: number): number => ((field << 3) | wireType) >>> 0;

export const ExportTraceServiceRequestFields = { resourceSpans: 1 } as const;
export const ExportTraceServiceResponseFields = { partialSuccess: 1 } as const;
export const ExportTracePartialSuccessFields = { rejectedSpans: 1, errorMessage: 2 } as const;

export const ResourceSpansFields = { resource: 1, scopeSpans: 2, schemaUrl: 3, instrumentationLibrarySpans: 1000 } as const;
export const ScopeSpansFields = { scope: 1, spans: 2, schemaUrl: 3 } as const;

export const SpanFields = {
  traceId: 1,
  spanId: 2,
  traceState: 3,
  parentSpanId: 4,
  name: 5,
  kind: 6,
  startTimeUnixNano: 7,
  endTimeUnixNano: 8,
  attributes: 9,
  droppedAttributesCount: 10,
  events: 11,
  droppedEventsCount: 12,
  links: 13,
  droppedLinksCount: 14,
  status: 15,
  flags: 16,
} as const;

export const EventFields = { timeUnixNano: 1, name: 2, attributes: 3, droppedAttributesCount: 4 } as const;
export const LinkFields = { traceId: 1, spanId: 2, traceState: 3, attributes: 4, droppedAttributesCount: 5, flags: 6 } as const;
export const StatusFields = { message: 2, code: 3 } as const;

export const ResourceFields = { attributes: 1, droppedAttributesCount: 2 } as const;
export const InstrumentationScopeFields = { name: 1, version: 2, attributes: 3, droppedAttributesCount: 4 } as const;

export const AnyValueFields = {
  stringValue: 1,
  boolValue: 2,
  intValue: 3,
  doubleValue: 4,
  arrayValue: 5,
  kvlistValue: 6,
  bytesValue: 7,
} as const;
export const ArrayValueFields = { values: 1 } as const;
export const KeyValueListFields = { values: 1 } as const;
export const KeyValueFields = { key: 1, value: 2 } as const;

/** Enum value names, as OTLP/JSON senders may spell them instead of numbers. */
export const SPAN_KIND_ENUM_NAMES = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
] as const;
export const STATUS_CODE_ENUM_NAMES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'] as const;

/**
 * How deeply AnyValues may nest (an attribute's own value is level 1). Deeper payloads are
 * refused with SKEIN_ERR_TOO_DEEP: recursion over them is bounded by this, never by the input.
 */
export const MAX_ANY_VALUE_DEPTH = 32;

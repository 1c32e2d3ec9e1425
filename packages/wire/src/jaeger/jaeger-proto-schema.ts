import { WireType, tagOf } from '../otlp/otlp-schema.js';

/**
 * The Jaeger gRPC collector schema (jaeger-idl proto/api_v2/collector.proto and model.proto),
 * as wire tags shared by the decoder and the test encoder:
 *
 * ```proto
 * message PostSpansRequest { Batch batch = 1; }   message PostSpansResponse {}
 * message Batch { repeated Span spans = 1; Process process = 2; }
 * message Span { bytes trace_id = 1; bytes span_id = 2; string operation_name = 3; repeated SpanRef references = 4;
 *   uint32 flags = 5; google.protobuf.Timestamp start_time = 6; google.protobuf.Duration duration = 7;
 *   repeated KeyValue tags = 8; repeated Log logs = 9; Process process = 10; string process_id = 11; repeated string warnings = 12; }
 * message SpanRef { bytes trace_id = 1; bytes span_id = 2; SpanRefType ref_type = 3; }
 * message KeyValue { string key = 1; ValueType v_type = 2; string v_str = 3; bool v_bool = 4; int64 v_int64 = 5; double v_float64 = 6; bytes v_binary = 7; }
 * message Log { google.protobuf.Timestamp timestamp = 1; repeated KeyValue fields = 2; }
 * message Process { string service_name = 1; repeated KeyValue tags = 2; }
 * // google.protobuf.Timestamp and Duration: { int64 seconds = 1; int32 nanos = 2; }
 * ```
 * trace_id is 16 bytes (high 64 bits first), span_id 8, both big-endian (Jaeger's TraceID/SpanID Marshal).
 */
const { VARINT, I64, LEN } = WireType;

export const REQUEST_BATCH = tagOf(1, LEN);
export const BATCH_SPANS = tagOf(1, LEN);
export const BATCH_PROCESS = tagOf(2, LEN);

export const SPAN_TRACE_ID = tagOf(1, LEN);
export const SPAN_SPAN_ID = tagOf(2, LEN);
export const SPAN_OPERATION_NAME = tagOf(3, LEN);
export const SPAN_REFERENCES = tagOf(4, LEN);
export const SPAN_FLAGS = tagOf(5, VARINT);
export const SPAN_START_TIME = tagOf(6, LEN);
export const SPAN_DURATION = tagOf(7, LEN);
export const SPAN_TAGS = tagOf(8, LEN);
export const SPAN_LOGS = tagOf(9, LEN);
export const SPAN_PROCESS = tagOf(10, LEN);

export const REF_TRACE_ID = tagOf(1, LEN);
export const REF_SPAN_ID = tagOf(2, LEN);
export const REF_TYPE = tagOf(3, VARINT);

export const KV_KEY = tagOf(1, LEN);
export const KV_TYPE = tagOf(2, VARINT);
export const KV_STR = tagOf(3, LEN);
export const KV_BOOL = tagOf(4, VARINT);
export const KV_INT64 = tagOf(5, VARINT);
export const KV_FLOAT64 = tagOf(6, I64);
export const KV_BINARY = tagOf(7, LEN);

export const LOG_TIMESTAMP = tagOf(1, LEN);
export const LOG_FIELDS = tagOf(2, LEN);

export const PROCESS_SERVICE_NAME = tagOf(1, LEN);
export const PROCESS_TAGS = tagOf(2, LEN);

export const TIME_SECONDS = tagOf(1, VARINT);
export const TIME_NANOS = tagOf(2, VARINT);

/** enum ValueType { STRING = 0; BOOL = 1; INT64 = 2; FLOAT64 = 3; BINARY = 4; } (not Thrift's TagType order). */
export const ValueType = { STRING: 0, BOOL: 1, INT64: 2, FLOAT64: 3, BINARY: 4 } as const;

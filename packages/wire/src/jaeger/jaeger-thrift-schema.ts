/**
 * Field ids of jaeger-idl thrift/jaeger.thrift and agent.thrift (checked against the IDL).
 * Batch fields 3 (seqNo) and 4 (ClientStats) of newer IDLs are client transport counters,
 * not span data: they are skipped like any unknown field.
 */
export const BATCH = { process: 1, spans: 2 } as const;
export const PROCESS = { serviceName: 1, tags: 2 } as const;
export const SPAN = {
  traceIdLow: 1,
  traceIdHigh: 2,
  spanId: 3,
  parentSpanId: 4,
  operationName: 5,
  references: 6,
  flags: 7,
  startTime: 8,
  duration: 9,
  tags: 10,
  logs: 11,
  incomplete: 12,
} as const;
export const TAG = { key: 1, vType: 2, vStr: 3, vDouble: 4, vBool: 5, vLong: 6, vBinary: 7 } as const;
export const LOG = { timestamp: 1, fields: 2 } as const;
export const SPAN_REF = { refType: 1, traceIdLow: 2, traceIdHigh: 3, spanId: 4 } as const;

/** enum TagType { STRING, DOUBLE, BOOL, LONG, BINARY } (not protobuf's ValueType order). */
export const TagType = { STRING: 0, DOUBLE: 1, BOOL: 2, LONG: 3, BINARY: 4 } as const;

/** agent.thrift: `service Agent { oneway void emitZipkinBatch(1: list<zipkincore.Span> spans); oneway void emitBatch(1: jaeger.Batch batch) }`. */
export const AGENT_EMIT_BATCH = 'emitBatch';
export const AGENT_EMIT_ZIPKIN_BATCH = 'emitZipkinBatch';
export const EMIT_BATCH_ARGS = { batch: 1 } as const;

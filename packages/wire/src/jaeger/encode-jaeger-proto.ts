import { anyValueToString, type Attribute, type Span } from '@skein/model';
import { ProtoWriter } from '../otlp/proto-writer.js';
import {
  BATCH_PROCESS,
  BATCH_SPANS,
  KV_BINARY,
  KV_BOOL,
  KV_FLOAT64,
  KV_INT64,
  KV_KEY,
  KV_STR,
  KV_TYPE,
  LOG_FIELDS,
  LOG_TIMESTAMP,
  PROCESS_SERVICE_NAME,
  PROCESS_TAGS,
  REF_SPAN_ID,
  REF_TRACE_ID,
  REF_TYPE,
  REQUEST_BATCH,
  SPAN_DURATION,
  SPAN_FLAGS,
  SPAN_LOGS,
  SPAN_OPERATION_NAME,
  SPAN_PROCESS,
  SPAN_REFERENCES,
  SPAN_SPAN_ID,
  SPAN_START_TIME,
  SPAN_TAGS,
  SPAN_TRACE_ID,
  TIME_NANOS,
  TIME_SECONDS,
  ValueType,
} from './jaeger-proto-schema.js';
import { JaegerRefType, type JaegerProcessParts, type JaegerReference } from './jaeger-span-parts.js';
import { resourceToJaegerProcess, spanToJaegerParts } from './span-to-jaeger-parts.js';

const NANOS_PER_SECOND = 1_000_000_000n;

/**
 * The inverse of `decodeJaegerProtoPostSpans`: spans as a `PostSpansRequest` (tests and the
 * benchmark use it). The first span's resource is the batch process; a span with another
 * resource carries its own process, as model.proto allows. The parent is sent as the first
 * reference, CHILD_OF, since the protobuf Span has no parent field.
 */
export function encodeJaegerProtoPostSpans(spans: readonly Span[]): Uint8Array {
  const w = new ProtoWriter();
  const batchResource = spans[0]?.resource;
  w.uint32(REQUEST_BATCH);
  const batch = w.fork();
  for (const span of spans) {
    const p = spanToJaegerParts(span);
    w.uint32(BATCH_SPANS);
    const s = w.fork();
    w.uint32(SPAN_TRACE_ID);
    w.hex(p.traceId);
    w.uint32(SPAN_SPAN_ID);
    w.hex(p.spanId);
    if (p.name) {
      w.uint32(SPAN_OPERATION_NAME);
      w.string(p.name);
    }
    if (p.parentSpanId) writeReference(w, { refType: JaegerRefType.CHILD_OF, traceId: p.traceId, spanId: p.parentSpanId });
    for (const ref of p.references) writeReference(w, ref);
    if (p.flags) {
      w.uint32(SPAN_FLAGS);
      w.uint32(p.flags);
    }
    writeTime(w, SPAN_START_TIME, p.startTimeUnixNano);
    writeTime(w, SPAN_DURATION, p.endTimeUnixNano - p.startTimeUnixNano);
    for (const t of p.tags) writeKeyValue(w, SPAN_TAGS, t);
    for (const log of p.logs) {
      w.uint32(SPAN_LOGS);
      const l = w.fork();
      writeTime(w, LOG_TIMESTAMP, log.timeUnixNano);
      for (const f of log.fields) writeKeyValue(w, LOG_FIELDS, f);
      w.ldelim(l);
    }
    if (span.resource !== batchResource) writeProcess(w, SPAN_PROCESS, resourceToJaegerProcess(span.resource));
    w.ldelim(s);
  }
  if (batchResource) writeProcess(w, BATCH_PROCESS, resourceToJaegerProcess(batchResource));
  w.ldelim(batch);
  return w.finish();
}

function writeReference(w: ProtoWriter, ref: JaegerReference): void {
  w.uint32(SPAN_REFERENCES);
  const r = w.fork();
  w.uint32(REF_TRACE_ID);
  w.hex(ref.traceId);
  w.uint32(REF_SPAN_ID);
  w.hex(ref.spanId);
  if (ref.refType !== 0) {
    w.uint32(REF_TYPE);
    w.uint32(ref.refType);
  }
  w.ldelim(r);
}

function writeProcess(w: ProtoWriter, tag: number, p: JaegerProcessParts): void {
  w.uint32(tag);
  const at = w.fork();
  w.uint32(PROCESS_SERVICE_NAME);
  w.string(p.serviceName);
  for (const t of p.tags) writeKeyValue(w, PROCESS_TAGS, t);
  w.ldelim(at);
}

/** google.protobuf.Timestamp / Duration: whole seconds, then the nanoseconds left over. */
function writeTime(w: ProtoWriter, tag: number, nanos: bigint): void {
  let seconds = nanos / NANOS_PER_SECOND;
  let rest = nanos % NANOS_PER_SECOND;
  if (rest < 0n) {
    seconds -= 1n;
    rest += NANOS_PER_SECOND;
  }
  w.uint32(tag);
  const at = w.fork();
  if (seconds !== 0n) {
    w.uint32(TIME_SECONDS);
    w.int64(seconds);
  }
  if (rest !== 0n) {
    w.uint32(TIME_NANOS);
    w.uint32(Number(rest));
  }
  w.ldelim(at);
}

function writeKeyValue(w: ProtoWriter, tag: number, a: Attribute): void {
  w.uint32(tag);
  const at = w.fork();
  w.uint32(KV_KEY);
  w.string(a.key);
  const v = a.value;
  switch (v.type) {
    case 'bool':
      w.uint32(KV_TYPE);
      w.uint32(ValueType.BOOL);
      w.uint32(KV_BOOL);
      w.uint32(v.value ? 1 : 0);
      break;
    case 'int':
      w.uint32(KV_TYPE);
      w.uint32(ValueType.INT64);
      w.uint32(KV_INT64);
      w.int64(v.value);
      break;
    case 'double':
      w.uint32(KV_TYPE);
      w.uint32(ValueType.FLOAT64);
      w.uint32(KV_FLOAT64);
      w.double(v.value);
      break;
    case 'bytes':
      w.uint32(KV_TYPE);
      w.uint32(ValueType.BINARY);
      w.uint32(KV_BINARY);
      w.bytes(v.value);
      break;
    default: // STRING is 0, proto3's default: no v_type field
      w.uint32(KV_STR);
      w.string(v.type === 'string' ? v.value : anyValueToString(v));
  }
  w.ldelim(at);
}

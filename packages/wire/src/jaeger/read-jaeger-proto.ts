import { bool, bytes, double, int, str, type AnyValue, type Attribute } from '@skein/model';
import type { ProtoReader } from '../otlp/proto-reader.js';
import { emptySpanParts, type JaegerLog, type JaegerProcessParts, type JaegerReference, type JaegerSpanParts } from './jaeger-span-parts.js';
import {
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

const NANOS_PER_SECOND = 1_000_000_000n;
const ZERO_HIGH_64 = '0000000000000000';
const NO_BYTES: Uint8Array = new Uint8Array(0);

/** Where one message lies in the request buffer: [start, end). */
export type ByteRange = readonly [number, number];

/** A span's fields, and where its own Process messages lie (read later, so equal processes share one Resource). */
export interface ProtoSpanRead {
  readonly parts: JaegerSpanParts;
  readonly processRanges: ByteRange[];
}

/**
 * Reads one jaeger.api_v2 `Span` ending at `end`. Returns undefined for a span with no field
 * set at all, which the collector drops (`reflect.DeepEqual(span, blankJaegerProtoSpan)`).
 * Ids are hex of the bytes as sent: a wrong-length id is the pipeline's to reject.
 */
export function readProtoSpan(r: ProtoReader, end: number): ProtoSpanRead | undefined {
  const s = emptySpanParts();
  const processRanges: ByteRange[] = [];
  let start = 0n;
  let duration = 0n;
  const first = r.pos;
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag) {
      case SPAN_TRACE_ID:
        s.traceId = r.hex(end);
        break;
      case SPAN_SPAN_ID:
        s.spanId = r.hex(end);
        break;
      case SPAN_OPERATION_NAME:
        s.name = r.cachedString(end);
        break;
      case SPAN_REFERENCES:
        s.references.push(readReference(r, r.lenEnd(end)));
        break;
      case SPAN_FLAGS:
        s.flags = r.uint32();
        break;
      case SPAN_START_TIME:
        start = readTime(r, r.lenEnd(end));
        break;
      case SPAN_DURATION:
        duration = readTime(r, r.lenEnd(end));
        break;
      case SPAN_TAGS:
        s.tags.push(readKeyValue(r, r.lenEnd(end)));
        break;
      case SPAN_LOGS:
        s.logs.push(readLog(r, r.lenEnd(end)));
        break;
      case SPAN_PROCESS: {
        const processEnd = r.lenEnd(end);
        processRanges.push([r.pos, processEnd]);
        r.pos = processEnd;
        break;
      }
      default:
        // process_id (11) and warnings (12) are Jaeger's storage-side fields; unknown fields too
        r.skip(tag, end);
    }
  }
  r.expectEnd(end);
  if (r.pos === first) return undefined;
  s.traceIdHigh64Absent = s.traceId.length === 32 && s.traceId.startsWith(ZERO_HIGH_64);
  s.startTimeUnixNano = start;
  s.endTimeUnixNano = start + duration;
  return { parts: s, processRanges };
}

/** Process messages read in order and merged, as protobuf merges repeated occurrences of one message field. */
export function readProtoProcess(r: ProtoReader, ranges: readonly ByteRange[]): JaegerProcessParts {
  const p: JaegerProcessParts = { serviceName: '', tags: [] };
  for (const [from, end] of ranges) {
    r.pos = from;
    while (r.pos < end) {
      const tag = r.tag();
      if (tag === PROCESS_SERVICE_NAME) p.serviceName = r.cachedString(end);
      else if (tag === PROCESS_TAGS) p.tags.push(readKeyValue(r, r.lenEnd(end)));
      else r.skip(tag, end);
    }
    r.expectEnd(end);
  }
  return p;
}

/** A KeyValue as a typed attribute, chosen by v_type (the collector's jTagsToInternalAttributes). */
function readKeyValue(r: ProtoReader, end: number): Attribute {
  let key = '';
  let vType = 0;
  let vStr = '';
  let vBool = false;
  let vInt64 = 0n;
  let vFloat64 = 0;
  let vBinary = NO_BYTES;
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag) {
      case KV_KEY:
        key = r.cachedString(end);
        break;
      case KV_TYPE:
        vType = r.uint32() | 0;
        break;
      case KV_STR:
        vStr = r.cachedString(end);
        break;
      case KV_BOOL:
        vBool = r.bool();
        break;
      case KV_INT64:
        vInt64 = r.int64();
        break;
      case KV_FLOAT64:
        vFloat64 = r.double();
        break;
      case KV_BINARY:
        vBinary = r.bytes(end);
        break;
      default:
        r.skip(tag, end);
    }
  }
  r.expectEnd(end);
  let value: AnyValue;
  switch (vType) {
    case ValueType.STRING:
      value = str(vStr);
      break;
    case ValueType.BOOL:
      value = bool(vBool);
      break;
    case ValueType.INT64:
      value = int(vInt64);
      break;
    case ValueType.FLOAT64:
      value = double(vFloat64);
      break;
    case ValueType.BINARY:
      value = bytes(vBinary);
      break;
    default:
      value = str(`<Unknown Jaeger TagType ${vType}>`); // as the collector writes it
  }
  return { key, value };
}

function readLog(r: ProtoReader, end: number): JaegerLog {
  let time = 0n;
  const fields: Attribute[] = [];
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === LOG_TIMESTAMP) time = readTime(r, r.lenEnd(end));
    else if (tag === LOG_FIELDS) fields.push(readKeyValue(r, r.lenEnd(end)));
    else r.skip(tag, end);
  }
  r.expectEnd(end);
  return { timeUnixNano: time, fields };
}

function readReference(r: ProtoReader, end: number): JaegerReference {
  let traceId = '';
  let spanId = '';
  let refType = 0;
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === REF_TRACE_ID) traceId = r.hex(end);
    else if (tag === REF_SPAN_ID) spanId = r.hex(end);
    else if (tag === REF_TYPE) refType = r.uint32() | 0;
    else r.skip(tag, end);
  }
  r.expectEnd(end);
  return { refType, traceId, spanId };
}

/** google.protobuf.Timestamp or Duration ({seconds, nanos}) as nanoseconds. */
function readTime(r: ProtoReader, end: number): bigint {
  let seconds = 0n;
  let nanos = 0;
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === TIME_SECONDS) seconds = r.int64();
    else if (tag === TIME_NANOS) nanos = r.uint32() | 0;
    else r.skip(tag, end);
  }
  r.expectEnd(end);
  return seconds * NANOS_PER_SECOND + BigInt(nanos);
}

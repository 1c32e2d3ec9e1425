import { bool, bytes, double, int, str, type AnyValue, type Attribute } from '@skein/model';
import { TType, type ThriftIdReader, type ThriftProtocolReader } from '../thrift/index.js';
import { emptySpanParts, type JaegerLog, type JaegerProcessParts, type JaegerReference, type JaegerSpanParts } from './jaeger-span-parts.js';
import { BATCH, LOG, PROCESS, SPAN, SPAN_REF, TAG, TagType } from './jaeger-thrift-schema.js';

const NANOS_PER_MICRO = 1000n;
const ZERO_64 = '0000000000000000';

/** The readers of this package: the Thrift protocol, plus ids read straight to hex. */
export type JaegerThriftReader = ThriftProtocolReader & ThriftIdReader;
const NO_BYTES: Uint8Array = new Uint8Array(0);

export interface JaegerThriftBatch {
  process: JaegerProcessParts | undefined;
  spans: JaegerSpanParts[];
}

/**
 * Reads a jaeger.thrift `Batch` struct with any Thrift protocol. Unknown fields, and known
 * fields sent with an unexpected type, are skipped (Thrift's forward-compatibility rule), so
 * newer clients' additions pass through. Spans whose every field is empty are dropped, as the
 * collector does (jThriftSpansToInternal: `reflect.DeepEqual(span, blankJaegerThriftSpan)`).
 */
export function readJaegerThriftBatch(r: JaegerThriftReader): JaegerThriftBatch {
  const batch: JaegerThriftBatch = { process: undefined, spans: [] };
  r.readStructBegin();
  for (let f = r.readFieldBegin(); f.type !== TType.STOP; f = r.readFieldBegin()) {
    if (f.id === BATCH.process && f.type === TType.STRUCT) batch.process = readProcess(r);
    else if (f.id === BATCH.spans && f.type === TType.LIST) readStructList(r, readSpan, batch.spans, true);
    else r.skip(f.type);
    r.readFieldEnd();
  }
  r.readStructEnd();
  return batch;
}

function readProcess(r: JaegerThriftReader): JaegerProcessParts {
  const p: JaegerProcessParts = { serviceName: '', tags: [] };
  r.readStructBegin();
  for (let f = r.readFieldBegin(); f.type !== TType.STOP; f = r.readFieldBegin()) {
    if (f.id === PROCESS.serviceName && f.type === TType.STRING) p.serviceName = r.readString();
    else if (f.id === PROCESS.tags && f.type === TType.LIST) readStructList(r, readTag, p.tags, false);
    else r.skip(f.type);
    r.readFieldEnd();
  }
  r.readStructEnd();
  return p;
}

function readSpan(r: JaegerThriftReader): JaegerSpanParts | undefined {
  const s = emptySpanParts();
  let traceIdLow = ZERO_64;
  let traceIdHigh = ZERO_64;
  let spanId = ZERO_64;
  let parentSpanId = ZERO_64;
  let startTime = 0n;
  let duration = 0n;
  r.readStructBegin();
  for (let f = r.readFieldBegin(); f.type !== TType.STOP; f = r.readFieldBegin()) {
    switch (f.type === SPAN_FIELD_TYPES[f.id] ? f.id : 0) {
      case SPAN.traceIdLow:
        traceIdLow = r.readI64Hex();
        break;
      case SPAN.traceIdHigh:
        traceIdHigh = r.readI64Hex();
        break;
      case SPAN.spanId:
        spanId = r.readI64Hex();
        break;
      case SPAN.parentSpanId:
        parentSpanId = r.readI64Hex();
        break;
      case SPAN.operationName:
        s.name = r.readString();
        break;
      case SPAN.references:
        readStructList(r, readReference, s.references, false);
        break;
      case SPAN.flags:
        s.flags = r.readI32();
        break;
      case SPAN.startTime:
        startTime = r.readI64();
        break;
      case SPAN.duration:
        duration = r.readI64();
        break;
      case SPAN.tags:
        readStructList(r, readTag, s.tags, false);
        break;
      case SPAN.logs:
        readStructList(r, readLog, s.logs, false);
        break;
      default:
        // includes `incomplete` (12): a hint for in-flight spans that no backend stores
        r.skip(f.type);
    }
    r.readFieldEnd();
  }
  r.readStructEnd();
  const blank =
    traceIdLow === ZERO_64 && traceIdHigh === ZERO_64 && spanId === ZERO_64 && parentSpanId === ZERO_64 && startTime === 0n && duration === 0n && s.flags === 0 && s.name === '' && s.references.length === 0 && s.tags.length === 0 && s.logs.length === 0;
  if (blank) return undefined;
  // A zero high half means a 64-bit trace id (jaeger.thrift: "0 when only 64bit IDs are used"):
  // stored left-padded, and remembered as such so it is given back as 16 hex chars.
  s.traceId = traceIdHigh + traceIdLow;
  s.traceIdHigh64Absent = traceIdHigh === ZERO_64;
  s.spanId = spanId;
  s.parentSpanId = parentSpanId === ZERO_64 ? '' : parentSpanId;
  // µs → ns. jaeger.thrift times are i64 µs; the end is start + duration as the collector computes it.
  s.startTimeUnixNano = startTime * NANOS_PER_MICRO;
  s.endTimeUnixNano = (startTime + duration) * NANOS_PER_MICRO;
  return s;
}

/** The Thrift type each Span field must have to be read as that field (index = field id). */
const SPAN_FIELD_TYPES: readonly number[] = (() => {
  const t: number[] = [];
  t[SPAN.traceIdLow] = TType.I64;
  t[SPAN.traceIdHigh] = TType.I64;
  t[SPAN.spanId] = TType.I64;
  t[SPAN.parentSpanId] = TType.I64;
  t[SPAN.operationName] = TType.STRING;
  t[SPAN.references] = TType.LIST;
  t[SPAN.flags] = TType.I32;
  t[SPAN.startTime] = TType.I64;
  t[SPAN.duration] = TType.I64;
  t[SPAN.tags] = TType.LIST;
  t[SPAN.logs] = TType.LIST;
  return t;
})();

/**
 * A Tag as a typed attribute, chosen by `vType` as the collector does (jThriftTagsToInternalAttributes).
 * Some clients (the Node jaeger-client) send every value field with defaults: only the one
 * `vType` names is read when the type is already known; the others are skipped unread.
 */
function readTag(r: JaegerThriftReader): Attribute {
  let key = '';
  let vType = -1;
  let value: AnyValue | undefined;
  let vStr = '';
  let vDouble = 0;
  let vBool = false;
  let vLong = 0n;
  let vBinary = NO_BYTES;
  r.readStructBegin();
  for (let f = r.readFieldBegin(); f.type !== TType.STOP; f = r.readFieldBegin()) {
    const id = f.id;
    if (id === TAG.key && f.type === TType.STRING) key = r.readString();
    else if (id === TAG.vType && f.type === TType.I32) vType = r.readI32();
    else if (vType >= 0 && id !== TAG.key && id !== TAG.vType && id !== vType + TAG.vStr) r.skip(f.type); // a value field of another type
    else if (id === TAG.vStr && f.type === TType.STRING) vStr = r.readString();
    else if (id === TAG.vDouble && f.type === TType.DOUBLE) vDouble = r.readDouble();
    else if (id === TAG.vBool && f.type === TType.BOOL) vBool = r.readBool();
    else if (id === TAG.vLong && f.type === TType.I64) vLong = r.readI64();
    else if (id === TAG.vBinary && f.type === TType.STRING) vBinary = r.readBinary();
    else r.skip(f.type);
    r.readFieldEnd();
  }
  r.readStructEnd();
  switch (vType) {
    case TagType.STRING:
    case -1: // vType is required; a tag without one reads as its zero value, STRING
      value = str(vStr);
      break;
    case TagType.DOUBLE:
      value = double(vDouble);
      break;
    case TagType.BOOL:
      value = bool(vBool);
      break;
    case TagType.LONG:
      value = int(vLong);
      break;
    case TagType.BINARY:
      value = bytes(vBinary);
      break;
    default:
      // what the collector writes for a TagType it does not know
      value = str(`<Unknown Jaeger TagType ${vType}>`);
  }
  return { key, value };
}

function readLog(r: JaegerThriftReader): JaegerLog {
  let timestamp = 0n;
  const fields: Attribute[] = [];
  r.readStructBegin();
  for (let f = r.readFieldBegin(); f.type !== TType.STOP; f = r.readFieldBegin()) {
    if (f.id === LOG.timestamp && f.type === TType.I64) timestamp = r.readI64();
    else if (f.id === LOG.fields && f.type === TType.LIST) readStructList(r, readTag, fields, false);
    else r.skip(f.type);
    r.readFieldEnd();
  }
  r.readStructEnd();
  return { timeUnixNano: timestamp * NANOS_PER_MICRO, fields };
}

function readReference(r: JaegerThriftReader): JaegerReference {
  let refType = 0;
  let traceIdLow = ZERO_64;
  let traceIdHigh = ZERO_64;
  let spanId = ZERO_64;
  r.readStructBegin();
  for (let f = r.readFieldBegin(); f.type !== TType.STOP; f = r.readFieldBegin()) {
    if (f.id === SPAN_REF.refType && f.type === TType.I32) refType = r.readI32();
    else if (f.id === SPAN_REF.traceIdLow && f.type === TType.I64) traceIdLow = r.readI64Hex();
    else if (f.id === SPAN_REF.traceIdHigh && f.type === TType.I64) traceIdHigh = r.readI64Hex();
    else if (f.id === SPAN_REF.spanId && f.type === TType.I64) spanId = r.readI64Hex();
    else r.skip(f.type);
    r.readFieldEnd();
  }
  r.readStructEnd();
  return { refType, traceId: traceIdHigh + traceIdLow, spanId };
}

/**
 * Reads a list<Struct> into `out` (skipping `undefined` results when `dropUndefined`). A list
 * of anything but structs is not what the IDL says: its elements are skipped.
 */
function readStructList<T>(r: JaegerThriftReader, readOne: (r: JaegerThriftReader) => T | undefined, out: T[], dropUndefined: boolean): void {
  const { elementType, size } = r.readListBegin();
  if (elementType !== TType.STRUCT) {
    for (let i = 0; i < size; i++) r.skip(elementType);
  } else {
    for (let i = 0; i < size; i++) {
      const v = readOne(r);
      if (v !== undefined || !dropUndefined) out.push(v as T);
    }
  }
  r.readListEnd();
}

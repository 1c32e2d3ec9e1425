import { SkeinError, anyValueToString, type Attribute, type Span } from '@skein/model';
import { TMessageType, TType, binaryProtocolWriter, compactProtocolWriter, type ThriftProtocolWriter } from '../thrift/index.js';
import { hexToI64, hexToI64Pair } from './jaeger-ids.js';
import type { JaegerProcessParts, JaegerSpanParts } from './jaeger-span-parts.js';
import { AGENT_EMIT_BATCH, BATCH, EMIT_BATCH_ARGS, LOG, PROCESS, SPAN, SPAN_REF, TAG, TagType } from './jaeger-thrift-schema.js';
import { resourceToJaegerProcess, spanToJaegerParts } from './span-to-jaeger-parts.js';

export type ThriftProtocolName = 'binary' | 'compact';

const NANOS_PER_MICRO = 1000n;

/**
 * The inverse of `decodeJaegerThriftBatch`: spans as a jaeger.thrift Batch, as a Jaeger client
 * would POST it (tests and the benchmark use it). A Batch has one Process, so every span must
 * share one Resource. Times are written in whole microseconds, as Jaeger carries them.
 */
export function encodeJaegerThriftBatch(spans: readonly Span[], protocol: ThriftProtocolName): Uint8Array {
  const w = writerFor(protocol);
  writeBatch(w, spans);
  return w.finish();
}

/** The inverse of `decodeJaegerAgentDatagram`: an `Agent.emitBatch` oneway message, as clients send over UDP. */
export function encodeJaegerAgentDatagram(spans: readonly Span[], protocol: ThriftProtocolName): Uint8Array {
  const w = writerFor(protocol);
  w.writeMessageBegin(AGENT_EMIT_BATCH, TMessageType.ONEWAY, 0);
  w.writeStructBegin();
  w.writeFieldBegin(TType.STRUCT, EMIT_BATCH_ARGS.batch);
  writeBatch(w, spans);
  w.writeFieldEnd();
  w.writeFieldStop();
  w.writeStructEnd();
  return w.finish();
}

const writerFor = (protocol: ThriftProtocolName): ThriftProtocolWriter => (protocol === 'compact' ? compactProtocolWriter() : binaryProtocolWriter());

function writeBatch(w: ThriftProtocolWriter, spans: readonly Span[]): void {
  const resource = spans[0]?.resource;
  if (spans.some((s) => s.resource !== resource)) throw new SkeinError('SKEIN_ERR_INVALID_PAYLOAD', 'a Jaeger Thrift Batch holds the spans of one process: encode one batch per resource');
  w.writeStructBegin();
  if (resource) {
    w.writeFieldBegin(TType.STRUCT, BATCH.process);
    writeProcess(w, resourceToJaegerProcess(resource));
    w.writeFieldEnd();
  }
  w.writeFieldBegin(TType.LIST, BATCH.spans);
  w.writeListBegin(TType.STRUCT, spans.length);
  for (const s of spans) writeSpan(w, spanToJaegerParts(s));
  w.writeListEnd();
  w.writeFieldEnd();
  w.writeFieldStop();
  w.writeStructEnd();
}

function writeProcess(w: ThriftProtocolWriter, p: JaegerProcessParts): void {
  w.writeStructBegin();
  w.writeFieldBegin(TType.STRING, PROCESS.serviceName);
  w.writeString(p.serviceName);
  w.writeFieldEnd();
  writeTagList(w, PROCESS.tags, p.tags);
  w.writeFieldStop();
  w.writeStructEnd();
}

function writeSpan(w: ThriftProtocolWriter, s: JaegerSpanParts): void {
  const [high, low] = hexToI64Pair(s.traceId);
  const startMicros = s.startTimeUnixNano / NANOS_PER_MICRO;
  w.writeStructBegin();
  i64Field(w, SPAN.traceIdLow, low);
  i64Field(w, SPAN.traceIdHigh, high);
  i64Field(w, SPAN.spanId, hexToI64(s.spanId));
  i64Field(w, SPAN.parentSpanId, hexToI64(s.parentSpanId));
  w.writeFieldBegin(TType.STRING, SPAN.operationName);
  w.writeString(s.name);
  w.writeFieldEnd();
  if (s.references.length > 0) {
    w.writeFieldBegin(TType.LIST, SPAN.references);
    w.writeListBegin(TType.STRUCT, s.references.length);
    for (const ref of s.references) {
      const [refHigh, refLow] = hexToI64Pair(ref.traceId);
      w.writeStructBegin();
      w.writeFieldBegin(TType.I32, SPAN_REF.refType);
      w.writeI32(ref.refType);
      w.writeFieldEnd();
      i64Field(w, SPAN_REF.traceIdLow, refLow);
      i64Field(w, SPAN_REF.traceIdHigh, refHigh);
      i64Field(w, SPAN_REF.spanId, hexToI64(ref.spanId));
      w.writeFieldStop();
      w.writeStructEnd();
    }
    w.writeListEnd();
    w.writeFieldEnd();
  }
  w.writeFieldBegin(TType.I32, SPAN.flags);
  w.writeI32(s.flags);
  w.writeFieldEnd();
  i64Field(w, SPAN.startTime, startMicros);
  i64Field(w, SPAN.duration, s.endTimeUnixNano / NANOS_PER_MICRO - startMicros);
  writeTagList(w, SPAN.tags, s.tags);
  if (s.logs.length > 0) {
    w.writeFieldBegin(TType.LIST, SPAN.logs);
    w.writeListBegin(TType.STRUCT, s.logs.length);
    for (const log of s.logs) {
      w.writeStructBegin();
      i64Field(w, LOG.timestamp, log.timeUnixNano / NANOS_PER_MICRO);
      writeTagList(w, LOG.fields, log.fields);
      w.writeFieldStop();
      w.writeStructEnd();
    }
    w.writeListEnd();
    w.writeFieldEnd();
  }
  w.writeFieldStop();
  w.writeStructEnd();
}

function writeTagList(w: ThriftProtocolWriter, fieldId: number, tags: readonly Attribute[]): void {
  w.writeFieldBegin(TType.LIST, fieldId);
  w.writeListBegin(TType.STRUCT, tags.length);
  for (const t of tags) writeTag(w, t);
  w.writeListEnd();
  w.writeFieldEnd();
}

function writeTag(w: ThriftProtocolWriter, t: Attribute): void {
  w.writeStructBegin();
  w.writeFieldBegin(TType.STRING, TAG.key);
  w.writeString(t.key);
  w.writeFieldEnd();
  const v = t.value;
  const typeField = (type: number): void => {
    w.writeFieldBegin(TType.I32, TAG.vType);
    w.writeI32(type);
    w.writeFieldEnd();
  };
  switch (v.type) {
    case 'double':
      typeField(TagType.DOUBLE);
      w.writeFieldBegin(TType.DOUBLE, TAG.vDouble);
      w.writeDouble(v.value);
      break;
    case 'bool':
      typeField(TagType.BOOL);
      w.writeFieldBegin(TType.BOOL, TAG.vBool);
      w.writeBool(v.value);
      break;
    case 'int':
      typeField(TagType.LONG);
      w.writeFieldBegin(TType.I64, TAG.vLong);
      w.writeI64(v.value);
      break;
    case 'bytes':
      typeField(TagType.BINARY);
      w.writeFieldBegin(TType.STRING, TAG.vBinary);
      w.writeBinary(v.value);
      break;
    default:
      typeField(TagType.STRING);
      w.writeFieldBegin(TType.STRING, TAG.vStr);
      w.writeString(v.type === 'string' ? v.value : anyValueToString(v));
  }
  w.writeFieldEnd();
  w.writeFieldStop();
  w.writeStructEnd();
}

function i64Field(w: ThriftProtocolWriter, id: number, value: bigint): void {
  w.writeFieldBegin(TType.I64, id);
  w.writeI64(value);
  w.writeFieldEnd();
}

import type { Span } from '@skein/model';
import { binaryProtocolWriter } from '../thrift/binary-protocol.js';
import { TType, type ThriftProtocolWriter } from '../thrift/thrift-types.js';
import { ZIPKIN_THRIFT } from './read-zipkin-v1-thrift.js';
import { toZipkinV2Span } from './span-to-zipkin-v2.js';
import { ipv4ToInt, ipv6ToBytes } from './zipkin-ip-addresses.js';
import { ANNOTATION_TYPE, type ZipkinV1Span } from './zipkin-v1-span.js';
import { convertZipkinV2Span } from './zipkin-v2-to-v1.js';
import type { ZipkinV2Endpoint } from './zipkin-v2-span.js';

const S = ZIPKIN_THRIFT.span;
const A = ZIPKIN_THRIFT.annotation;
const B = ZIPKIN_THRIFT.binaryAnnotation;
const E = ZIPKIN_THRIFT.endpoint;
const TRUE = Uint8Array.of(1);

/** Model spans as a TBinaryProtocol `list<Span>` of Zipkin v1 (model → v2 → v1 as Zipkin converts). */
export function encodeZipkinV1Thrift(spans: readonly Span[]): Uint8Array {
  return writeZipkinV1Thrift(spans.map((s) => convertZipkinV2Span(toZipkinV2Span(s))));
}

/**
 * Zipkin v1 spans as a TBinaryProtocol `list<Span>`, laid out as Zipkin's V1ThriftSpanWriter
 * writes them: the annotation lists always present (Finagle does so), trace_id_high only for
 * 128-bit trace ids, endpoints with ipv4 0 and "" for unknown parts.
 */
export function writeZipkinV1Thrift(spans: readonly ZipkinV1Span[]): Uint8Array {
  const w = binaryProtocolWriter();
  w.writeListBegin(TType.STRUCT, spans.length);
  for (const span of spans) writeSpan(w, span);
  w.writeListEnd();
  return w.finish();
}

function writeSpan(w: ThriftProtocolWriter, span: ZipkinV1Span): void {
  const high = span.traceId.length > 16 ? span.traceId.slice(0, -16) : '';
  w.writeStructBegin();
  i64Field(w, S.traceId, idToI64(span.traceId.slice(-16)));
  w.writeFieldBegin(TType.STRING, S.name);
  w.writeString(span.name ?? '');
  w.writeFieldEnd();
  i64Field(w, S.id, idToI64(span.id));
  if (span.parentId && idToI64(span.parentId) !== 0n) i64Field(w, S.parentId, idToI64(span.parentId));

  w.writeFieldBegin(TType.LIST, S.annotations);
  w.writeListBegin(TType.STRUCT, span.annotations.length);
  for (const a of span.annotations) {
    w.writeStructBegin();
    i64Field(w, A.timestamp, BigInt(Math.trunc(a.timestamp)));
    w.writeFieldBegin(TType.STRING, A.value);
    w.writeString(a.value);
    w.writeFieldEnd();
    if (a.endpoint) endpointField(w, A.host, a.endpoint);
    w.writeFieldStop();
    w.writeStructEnd();
  }
  w.writeListEnd();
  w.writeFieldEnd();

  w.writeFieldBegin(TType.LIST, S.binaryAnnotations);
  w.writeListBegin(TType.STRUCT, span.binaryAnnotations.length);
  for (const b of span.binaryAnnotations) {
    w.writeStructBegin();
    w.writeFieldBegin(TType.STRING, B.key);
    w.writeString(b.key);
    w.writeFieldEnd();
    w.writeFieldBegin(TType.STRING, B.value);
    w.writeBinary(b.value === undefined ? TRUE : Buffer.from(b.value, 'utf8'));
    w.writeFieldEnd();
    w.writeFieldBegin(TType.I32, B.annotationType);
    w.writeI32(b.value === undefined ? ANNOTATION_TYPE.BOOL : ANNOTATION_TYPE.STRING);
    w.writeFieldEnd();
    if (b.endpoint) endpointField(w, B.host, b.endpoint);
    w.writeFieldStop();
    w.writeStructEnd();
  }
  w.writeListEnd();
  w.writeFieldEnd();

  if (span.debug !== undefined) {
    w.writeFieldBegin(TType.BOOL, S.debug);
    w.writeBool(span.debug);
    w.writeFieldEnd();
  }
  if (span.timestamp) i64Field(w, S.timestamp, BigInt(Math.trunc(span.timestamp)));
  if (span.duration) i64Field(w, S.duration, BigInt(Math.trunc(span.duration)));
  if (high !== '' && idToI64(high) !== 0n) i64Field(w, S.traceIdHigh, idToI64(high));
  w.writeFieldStop();
  w.writeStructEnd();
}

function endpointField(w: ThriftProtocolWriter, id: number, e: ZipkinV2Endpoint): void {
  w.writeFieldBegin(TType.STRUCT, id);
  w.writeStructBegin();
  w.writeFieldBegin(TType.I32, E.ipv4);
  w.writeI32(e.ipv4 === undefined ? 0 : (ipv4ToInt(e.ipv4) ?? 0));
  w.writeFieldEnd();
  w.writeFieldBegin(TType.I16, E.port);
  w.writeI16(((e.port ?? 0) << 16) >> 16); // an i16: ports above 32767 go out negative
  w.writeFieldEnd();
  w.writeFieldBegin(TType.STRING, E.serviceName);
  w.writeString(e.serviceName ?? '');
  w.writeFieldEnd();
  const ipv6 = e.ipv6 === undefined ? undefined : ipv6ToBytes(e.ipv6);
  if (ipv6) {
    w.writeFieldBegin(TType.STRING, E.ipv6);
    w.writeBinary(ipv6);
    w.writeFieldEnd();
  }
  w.writeFieldStop();
  w.writeStructEnd();
  w.writeFieldEnd();
}

function i64Field(w: ThriftProtocolWriter, id: number, value: bigint): void {
  w.writeFieldBegin(TType.I64, id);
  w.writeI64(value);
  w.writeFieldEnd();
}

/** Up to 16 hex chars as the signed i64 Thrift carries (Zipkin's lowerHexToUnsignedLong). */
const idToI64 = (hex: string): bigint => (/^[0-9a-f]{1,16}$/i.test(hex) ? BigInt.asIntN(64, BigInt(`0x${hex}`)) : 0n);

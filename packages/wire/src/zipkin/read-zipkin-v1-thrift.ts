import { SkeinError } from '@skein/model';
import { binaryProtocolReader } from '../thrift/binary-protocol.js';
import { TType, type ThriftProtocolReader } from '../thrift/thrift-types.js';
import { ipFromIpv6Bytes, ipv4FromInt } from './zipkin-ip-addresses.js';
import { ADDRESS_KEYS, ANNOTATION_TYPE, type ZipkinV1Annotation, type ZipkinV1BinaryAnnotation, type ZipkinV1Span } from './zipkin-v1-span.js';
import { thriftValueText } from './zipkin-v1-values.js';
import type { ZipkinV2Endpoint } from './zipkin-v2-span.js';

/**
 * Field ids and types of zipkinCore.thrift (openzipkin/zipkin-api thrift/zipkinCore.thrift).
 * A field arriving with another type than these is skipped, as Zipkin's ThriftField.isEqualTo does.
 */
export const ZIPKIN_THRIFT = {
  span: { traceId: 1, name: 3, id: 4, parentId: 5, annotations: 6, binaryAnnotations: 8, debug: 9, timestamp: 10, duration: 11, traceIdHigh: 12 },
  annotation: { timestamp: 1, value: 2, host: 3 },
  binaryAnnotation: { key: 1, value: 2, annotationType: 3, host: 4 },
  endpoint: { ipv4: 1, port: 2, serviceName: 3, ipv6: 4 },
} as const;

const S = ZIPKIN_THRIFT.span;
const A = ZIPKIN_THRIFT.annotation;
const B = ZIPKIN_THRIFT.binaryAnnotation;
const E = ZIPKIN_THRIFT.endpoint;

/**
 * TBinaryProtocol Zipkin v1 spans, as clients POST them to `/api/v1/spans` (py_zipkin, the
 * Java, Go and Scala clients): a `list<Span>`, or a single `Span` struct. A Span has no struct
 * fields, so a first byte of TType.STRUCT can only be a list's element type (Zipkin's
 * SpanBytesDecoderDetector reasons the same way); Zipkin's list reader ignores the element
 * type, and so does this one for a list declared as STRING (openzipkin/zipkin-reporter-java#133).
 *
 * What is dropped is what Zipkin's V1ThriftSpanReader drops: annotations without timestamp or
 * value, binary annotations without key or value, address annotations that are not a true BOOL
 * with an endpoint. Typed binary annotations are kept as text (zipkin-v1-values.ts). Bytes left
 * after the spans are an error: they mean the payload was not what it seemed.
 */
export function readZipkinV1Thrift(bytes: Uint8Array): ZipkinV1Span[] {
  if (bytes.length === 0) throw new SkeinError('SKEIN_ERR_EMPTY_BODY', 'expected a Thrift list of Zipkin v1 spans');
  const r = binaryProtocolReader(bytes);
  let spans: ZipkinV1Span[];
  if (isList(bytes)) {
    const { size } = r.readListBegin();
    spans = [];
    for (let i = 0; i < size; i++) spans.push(readSpan(r));
    r.readListEnd();
  } else {
    spans = [readSpan(r)];
  }
  if (r.remaining() > 0) throw new SkeinError('SKEIN_ERR_MALFORMED_THRIFT', `${r.remaining()} bytes left after the last span (at byte ${bytes.length - r.remaining()})`);
  return spans;
}

/** A list header, or a struct whose first field is `3: string name` (`0b 00 03`)? */
function isList(bytes: Uint8Array): boolean {
  if (bytes[0] === TType.STRUCT) return true;
  return bytes[0] === TType.STRING && !(bytes[1] === 0 && bytes[2] === S.name);
}

function readSpan(r: ThriftProtocolReader): ZipkinV1Span {
  let traceId = 0n;
  let traceIdHigh = 0n;
  let id = 0n;
  let parentId: bigint | undefined;
  let name = '';
  let debug = false;
  let timestamp: number | undefined;
  let duration: number | undefined;
  const annotations: ZipkinV1Annotation[] = [];
  const binaryAnnotations: ZipkinV1BinaryAnnotation[] = [];
  r.readStructBegin();
  for (;;) {
    const field = r.readFieldBegin();
    if (field.type === TType.STOP) break;
    const type = field.type;
    if (field.id === S.traceId && type === TType.I64) traceId = r.readI64();
    else if (field.id === S.traceIdHigh && type === TType.I64) traceIdHigh = r.readI64();
    else if (field.id === S.id && type === TType.I64) id = r.readI64();
    else if (field.id === S.name && type === TType.STRING) name = r.readString();
    else if (field.id === S.parentId && type === TType.I64) parentId = r.readI64();
    else if (field.id === S.annotations && type === TType.LIST) readStructs(r, readAnnotation, annotations);
    else if (field.id === S.binaryAnnotations && type === TType.LIST) readStructs(r, readBinaryAnnotation, binaryAnnotations);
    else if (field.id === S.debug && type === TType.BOOL) debug = r.readBool();
    else if (field.id === S.timestamp && type === TType.I64) timestamp = micros(r.readI64());
    else if (field.id === S.duration && type === TType.I64) duration = micros(r.readI64());
    else r.skip(type);
    r.readFieldEnd();
  }
  r.readStructEnd();
  // A non-zero trace_id_high makes the trace id 128-bit (Zipkin's Span.Builder.traceId(high, low)).
  const span: ZipkinV1Span = { traceId: traceIdHigh !== 0n ? hex64(traceIdHigh) + hex64(traceId) : hex64(traceId), id: hex64(id), annotations, binaryAnnotations };
  if (parentId !== undefined) span.parentId = hex64(parentId);
  if (name) span.name = name;
  if (timestamp !== undefined) span.timestamp = timestamp;
  if (duration !== undefined) span.duration = duration;
  if (debug) span.debug = true;
  return span;
}

/** A list of structs into `out`, each read by `read` (undefined = dropped); other elements are skipped. */
function readStructs<T>(r: ThriftProtocolReader, read: (r: ThriftProtocolReader) => T | undefined, out: T[]): void {
  const { elementType, size } = r.readListBegin();
  for (let i = 0; i < size; i++) {
    if (elementType !== TType.STRUCT) {
      r.skip(elementType);
      continue;
    }
    const item = read(r);
    if (item !== undefined) out.push(item);
  }
  r.readListEnd();
}

function readAnnotation(r: ThriftProtocolReader): ZipkinV1Annotation | undefined {
  let timestamp = 0;
  let value: string | undefined;
  let endpoint: ZipkinV2Endpoint | undefined;
  r.readStructBegin();
  for (;;) {
    const field = r.readFieldBegin();
    if (field.type === TType.STOP) break;
    if (field.id === A.timestamp && field.type === TType.I64) timestamp = micros(r.readI64()) ?? 0;
    else if (field.id === A.value && field.type === TType.STRING) value = r.readString();
    else if (field.id === A.host && field.type === TType.STRUCT) endpoint = readEndpoint(r);
    else r.skip(field.type);
    r.readFieldEnd();
  }
  r.readStructEnd();
  if (timestamp === 0 || value === undefined) return undefined;
  return endpoint ? { timestamp, value, endpoint } : { timestamp, value };
}

function readBinaryAnnotation(r: ThriftProtocolReader): ZipkinV1BinaryAnnotation | undefined {
  let key: string | undefined;
  let value: Uint8Array | undefined;
  // Required by the IDL; a client leaving it out most likely meant text.
  let type: number = ANNOTATION_TYPE.STRING;
  let endpoint: ZipkinV2Endpoint | undefined;
  r.readStructBegin();
  for (;;) {
    const field = r.readFieldBegin();
    if (field.type === TType.STOP) break;
    if (field.id === B.key && field.type === TType.STRING) key = r.readString();
    else if (field.id === B.value && field.type === TType.STRING) value = r.readBinary();
    else if (field.id === B.annotationType && field.type === TType.I32) type = r.readI32();
    else if (field.id === B.host && field.type === TType.STRUCT) endpoint = readEndpoint(r);
    else r.skip(field.type);
    r.readFieldEnd();
  }
  r.readStructEnd();
  if (key === undefined || value === undefined) return undefined;
  if (ADDRESS_KEYS.has(key) && type === ANNOTATION_TYPE.BOOL) return value.length === 1 && value[0] === 1 && endpoint ? { key, endpoint } : undefined;
  const b: ZipkinV1BinaryAnnotation = { key, value: thriftValueText(type, value) };
  if (endpoint) b.endpoint = endpoint;
  return b;
}

/** Zipkin's ThriftEndpointCodec: ipv4 0, port 0 and an empty service name mean absent. */
function readEndpoint(r: ThriftProtocolReader): ZipkinV2Endpoint | undefined {
  let serviceName = '';
  let ipv4: string | undefined;
  let ipv6: string | undefined;
  let port = 0;
  r.readStructBegin();
  for (;;) {
    const field = r.readFieldBegin();
    if (field.type === TType.STOP) break;
    if (field.id === E.ipv4 && field.type === TType.I32) ipv4 = ipv4FromInt(r.readI32());
    else if (field.id === E.port && field.type === TType.I16) port = r.readI16() & 0xffff; // an i16: ports above 32767 arrive negative
    else if (field.id === E.serviceName && field.type === TType.STRING) serviceName = r.readString();
    else if (field.id === E.ipv6 && field.type === TType.STRING) {
      // An IPv4-mapped address is the IPv4 address (Zipkin's Endpoint.parseIp).
      const ip = ipFromIpv6Bytes(r.readBinary());
      if (ip.ipv4) ipv4 = ip.ipv4;
      ipv6 = ip.ipv6;
    } else r.skip(field.type);
    r.readFieldEnd();
  }
  r.readStructEnd();
  if (!serviceName && ipv4 === undefined && ipv6 === undefined && !port) return undefined;
  const e: ZipkinV2Endpoint = {};
  if (serviceName) e.serviceName = serviceName;
  if (ipv4 !== undefined) e.ipv4 = ipv4;
  if (ipv6 !== undefined) e.ipv6 = ipv6;
  if (port) e.port = port;
  return e;
}

const hex64 = (v: bigint): string => BigInt.asUintN(64, v).toString(16).padStart(16, '0');

/** 0 means absent; anything else passes as sent (an absurd time is the pipeline's to reject). */
const micros = (v: bigint): number | undefined => (v === 0n ? undefined : Number(v));

import { SkeinError } from '@skein/model';
import { asBuffer } from '../otlp/buffer-slices.js';
import { binaryProtocolReader } from '../thrift/binary-protocol.js';
import type { ThriftIdReader } from '../thrift/hex64.js';
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
  const request: RequestState = { bytes: asBuffer(bytes), endpoints: new LastEndpoint() };
  let spans: ZipkinV1Span[];
  if (isList(bytes)) {
    const { size } = r.readListBegin();
    spans = [];
    for (let i = 0; i < size; i++) spans.push(readSpan(r, request));
    r.readListEnd();
  } else {
    spans = [readSpan(r, request)];
  }
  if (r.remaining() > 0) throw new SkeinError('SKEIN_ERR_MALFORMED_THRIFT', `${r.remaining()} bytes left after the last span (at byte ${bytes.length - r.remaining()})`);
  return spans;
}

/** A list header, or a struct whose first field is `3: string name` (`0b 00 03`)? */
function isList(bytes: Uint8Array): boolean {
  if (bytes[0] === TType.STRUCT) return true;
  return bytes[0] === TType.STRING && !(bytes[1] === 0 && bytes[2] === S.name);
}

type Reader = ThriftProtocolReader & ThriftIdReader;

/** What the struct readers share within one request. */
interface RequestState {
  /** The request itself, whose binary annotation values are read in place (readValueText). */
  readonly bytes: Buffer;
  readonly endpoints: LastEndpoint;
}

const ZERO_64 = '0000000000000000';

/** Ids are read straight to hex (`readI64Hex`), without a BigInt on the way. */
function readSpan(r: Reader, request: RequestState): ZipkinV1Span {
  let traceId = ZERO_64;
  let traceIdHigh = ZERO_64;
  let id = ZERO_64;
  let parentId: string | undefined;
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
    if (field.id === S.traceId && type === TType.I64) traceId = r.readI64Hex();
    else if (field.id === S.traceIdHigh && type === TType.I64) traceIdHigh = r.readI64Hex();
    else if (field.id === S.id && type === TType.I64) id = r.readI64Hex();
    else if (field.id === S.name && type === TType.STRING) name = r.readString();
    else if (field.id === S.parentId && type === TType.I64) parentId = r.readI64Hex();
    else if (field.id === S.annotations && type === TType.LIST) readStructs(r, request, readAnnotation, annotations);
    else if (field.id === S.binaryAnnotations && type === TType.LIST) readStructs(r, request, readBinaryAnnotation, binaryAnnotations);
    else if (field.id === S.debug && type === TType.BOOL) debug = r.readBool();
    else if (field.id === S.timestamp && type === TType.I64) timestamp = micros(r.readI64());
    else if (field.id === S.duration && type === TType.I64) duration = micros(r.readI64());
    else r.skip(type);
    r.readFieldEnd();
  }
  r.readStructEnd();
  // A non-zero trace_id_high makes the trace id 128-bit (Zipkin's Span.Builder.traceId(high, low)).
  const span: ZipkinV1Span = { traceId: traceIdHigh !== ZERO_64 ? traceIdHigh + traceId : traceId, id, annotations, binaryAnnotations };
  if (parentId !== undefined) span.parentId = parentId;
  if (name) span.name = name;
  if (timestamp !== undefined) span.timestamp = timestamp;
  if (duration !== undefined) span.duration = duration;
  if (debug) span.debug = true;
  return span;
}

/** A list of structs into `out`, each read by `read` (undefined = dropped); other elements are skipped. */
function readStructs<T>(r: Reader, request: RequestState, read: (r: Reader, request: RequestState) => T | undefined, out: T[]): void {
  const { elementType, size } = r.readListBegin();
  for (let i = 0; i < size; i++) {
    if (elementType !== TType.STRUCT) {
      r.skip(elementType);
      continue;
    }
    const item = read(r, request);
    if (item !== undefined) out.push(item);
  }
  r.readListEnd();
}

function readAnnotation(r: Reader, request: RequestState): ZipkinV1Annotation | undefined {
  let timestamp = 0;
  let value: string | undefined;
  let endpoint: ZipkinV2Endpoint | undefined;
  r.readStructBegin();
  for (;;) {
    const field = r.readFieldBegin();
    if (field.type === TType.STOP) break;
    if (field.id === A.timestamp && field.type === TType.I64) timestamp = micros(r.readI64()) ?? 0;
    else if (field.id === A.value && field.type === TType.STRING) value = r.readString();
    else if (field.id === A.host && field.type === TType.STRUCT) endpoint = readEndpoint(r, request.endpoints);
    else r.skip(field.type);
    r.readFieldEnd();
  }
  r.readStructEnd();
  if (timestamp === 0 || value === undefined) return undefined;
  return endpoint ? { timestamp, value, endpoint } : { timestamp, value };
}

function readBinaryAnnotation(r: Reader, request: RequestState): ZipkinV1BinaryAnnotation | undefined {
  let key: string | undefined;
  let valueText: string | undefined;
  let valueAt = -1;
  // Required by the IDL; a client leaving it out most likely meant text.
  let type: number = ANNOTATION_TYPE.STRING;
  let endpoint: ZipkinV2Endpoint | undefined;
  r.readStructBegin();
  for (;;) {
    const field = r.readFieldBegin();
    if (field.type === TType.STOP) break;
    if (field.id === B.key && field.type === TType.STRING) key = r.readString();
    else if (field.id === B.value && field.type === TType.STRING) {
      valueAt = request.bytes.length - r.remaining();
      valueText = readValueText(r, request.bytes, valueAt);
    } else if (field.id === B.annotationType && field.type === TType.I32) type = r.readI32();
    else if (field.id === B.host && field.type === TType.STRUCT) endpoint = readEndpoint(r, request.endpoints);
    else r.skip(field.type);
    r.readFieldEnd();
  }
  r.readStructEnd();
  if (key === undefined || valueText === undefined) return undefined;
  if (type === ANNOTATION_TYPE.STRING) return endpoint ? { key, value: valueText, endpoint } : { key, value: valueText };
  const value = binaryAt(request.bytes, valueAt);
  if (ADDRESS_KEYS.has(key) && type === ANNOTATION_TYPE.BOOL) return value.length === 1 && value[0] === 1 && endpoint ? { key, endpoint } : undefined;
  const b: ZipkinV1BinaryAnnotation = { key, value: thriftValueText(type, value) };
  if (endpoint) b.endpoint = endpoint;
  return b;
}

/**
 * A binary annotation's value, read as text. Its type comes after it, and nearly every value is
 * a STRING: decoding it straight from the request (through the reader's short-string cache)
 * spares copying the bytes out first; another type finds them again with `binaryAt`. A length
 * prefix that does not fit goes through readBinary, which reports it as it always has.
 */
function readValueText(r: Reader, bytes: Buffer, at: number): string {
  if (r.remaining() >= 4) {
    const length = bytes.readInt32BE(at);
    if (length >= 0 && length <= r.remaining() - 4) return r.readString();
  }
  return thriftValueText(ANNOTATION_TYPE.STRING, r.readBinary()); // throws: the length does not fit
}

/** The bytes of the TBinaryProtocol `binary` at `at` (an i32 length, then the bytes), already read once. */
function binaryAt(bytes: Buffer, at: number): Uint8Array {
  const start = at + 4;
  return bytes.subarray(start, start + bytes.readInt32BE(at));
}

/**
 * Zipkin's ThriftEndpointCodec: ipv4 0, port 0 and an empty service name mean absent. An
 * endpoint without ipv6 that repeats the one before is given back as that same object
 * (LastEndpoint).
 */
function readEndpoint(r: Reader, last: LastEndpoint): ZipkinV2Endpoint | undefined {
  let serviceName = '';
  let ipv4Int = 0;
  let port = 0;
  // Only read from the fields (in their order) when there is an ipv6 field: see below.
  let ipv4: string | undefined;
  let ipv6: string | undefined;
  let sawIpv6 = false;
  r.readStructBegin();
  for (;;) {
    const field = r.readFieldBegin();
    if (field.type === TType.STOP) break;
    if (field.id === E.ipv4 && field.type === TType.I32) {
      ipv4Int = r.readI32();
      if (sawIpv6) ipv4 = ipv4FromInt(ipv4Int);
    } else if (field.id === E.port && field.type === TType.I16) port = r.readI16() & 0xffff; // an i16: ports above 32767 arrive negative
    else if (field.id === E.serviceName && field.type === TType.STRING) serviceName = r.readString();
    else if (field.id === E.ipv6 && field.type === TType.STRING) {
      if (!sawIpv6) ipv4 = ipv4FromInt(ipv4Int);
      sawIpv6 = true;
      // An IPv4-mapped address is the IPv4 address (Zipkin's Endpoint.parseIp); the later of
      // the two fields wins.
      const ip = ipFromIpv6Bytes(r.readBinary());
      if (ip.ipv4) ipv4 = ip.ipv4;
      ipv6 = ip.ipv6;
    } else r.skip(field.type);
    r.readFieldEnd();
  }
  r.readStructEnd();
  if (sawIpv6) return endpointOf(serviceName, ipv4, ipv6, port);
  if (!last.matches(serviceName, ipv4Int, port)) last.remember(serviceName, ipv4Int, port, endpointOf(serviceName, ipv4FromInt(ipv4Int), undefined, port));
  return last.endpoint;
}

function endpointOf(serviceName: string, ipv4: string | undefined, ipv6: string | undefined, port: number): ZipkinV2Endpoint | undefined {
  if (!serviceName && ipv4 === undefined && ipv6 === undefined && !port) return undefined;
  const e: ZipkinV2Endpoint = {};
  if (serviceName) e.serviceName = serviceName;
  if (ipv4 !== undefined) e.ipv4 = ipv4;
  if (ipv6 !== undefined) e.ipv6 = ipv6;
  if (port) e.port = port;
  return e;
}

/**
 * The last endpoint read without ipv6, by its raw fields. A v1 span repeats its endpoint on
 * every annotation and binary annotation (19 times in a typical span): handing back the same
 * object spares building it, and its address text, each time. Endpoints are never changed
 * after reading, so sharing one is safe.
 */
class LastEndpoint {
  private serviceName: string | undefined;
  private ipv4 = 0;
  private port = 0;
  endpoint: ZipkinV2Endpoint | undefined;

  matches(serviceName: string, ipv4: number, port: number): boolean {
    return this.serviceName === serviceName && this.ipv4 === ipv4 && this.port === port;
  }

  remember(serviceName: string, ipv4: number, port: number, endpoint: ZipkinV2Endpoint | undefined): void {
    this.serviceName = serviceName;
    this.ipv4 = ipv4;
    this.port = port;
    this.endpoint = endpoint;
  }
}

/** 0 means absent; anything else passes as sent (an absurd time is the pipeline's to reject). */
const micros = (v: bigint): number | undefined => (v === 0n ? undefined : Number(v));

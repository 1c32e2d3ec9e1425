import { SkeinError } from '@skein/model';
import { ProtoReader } from '../otlp/proto-reader.js';
import { ipFromIpv6Bytes, ipv4FromBytes } from './zipkin-ip-addresses.js';
import { partsToZipkinV2Span, type ZipkinSpanParts } from './zipkin-span-parts.js';
import { putTagsInObjectOrder } from './zipkin-tag-order.js';
import type { ZipkinV2Annotation, ZipkinV2Endpoint, ZipkinV2Kind, ZipkinV2Span } from './zipkin-v2-span.js';

/**
 * Field tags (field number << 3 | wire type) of zipkin-api's zipkin.proto (package
 * zipkin.proto3). A known field number arriving with another wire type is skipped as unknown.
 */
export const ZIPKIN_PROTO = {
  LIST_SPANS: (1 << 3) | 2,
  SPAN_TRACE_ID: (1 << 3) | 2,
  SPAN_PARENT_ID: (2 << 3) | 2,
  SPAN_ID: (3 << 3) | 2,
  SPAN_KIND: (4 << 3) | 0,
  SPAN_NAME: (5 << 3) | 2,
  SPAN_TIMESTAMP: (6 << 3) | 1,
  SPAN_DURATION: (7 << 3) | 0,
  SPAN_LOCAL_ENDPOINT: (8 << 3) | 2,
  SPAN_REMOTE_ENDPOINT: (9 << 3) | 2,
  SPAN_ANNOTATIONS: (10 << 3) | 2,
  SPAN_TAGS: (11 << 3) | 2,
  SPAN_DEBUG: (12 << 3) | 0,
  SPAN_SHARED: (13 << 3) | 0,
  ENDPOINT_SERVICE_NAME: (1 << 3) | 2,
  ENDPOINT_IPV4: (2 << 3) | 2,
  ENDPOINT_IPV6: (3 << 3) | 2,
  ENDPOINT_PORT: (4 << 3) | 0,
  ANNOTATION_TIMESTAMP: (1 << 3) | 1,
  ANNOTATION_VALUE: (2 << 3) | 2,
  ENTRY_KEY: (1 << 3) | 2,
  ENTRY_VALUE: (2 << 3) | 2,
} as const;

/** Span.Kind numbers: 0 is SPAN_KIND_UNSPECIFIED (absent); an unknown number is ignored too. */
export const PROTO_KINDS: readonly (ZipkinV2Kind | undefined)[] = [undefined, 'CLIENT', 'SERVER', 'PRODUCER', 'CONSUMER'];

const T = ZIPKIN_PROTO;

/**
 * A proto3 `zipkin.proto3.ListOfSpans` → Zipkin v2 spans, read as Zipkin's Proto3ZipkinFields
 * reads them: proto3 defaults (zero times, empty strings, false) mean absent, ids become hex
 * as sent (validated later, per span), addresses become text, and annotations without a
 * timestamp or value are dropped. Malformed wire data throws SKEIN_ERR_MALFORMED_PROTOBUF; a
 * port outside 0-65535 is SKEIN_ERR_INVALID_PAYLOAD, as in the JSON reader.
 */
export function readZipkinV2Proto(bytes: Uint8Array): ZipkinV2Span[] {
  return readZipkinV2ProtoParts(bytes).map(partsToZipkinV2Span);
}

/** The same spans as ZipkinSpanParts, for the model mapping (what the decoder uses). */
export function readZipkinV2ProtoParts(bytes: Uint8Array): ZipkinSpanParts[] {
  const r = new ProtoReader(bytes);
  const spans: ZipkinSpanParts[] = [];
  while (r.pos < r.len) {
    const tag = r.tag();
    if (tag === T.LIST_SPANS) spans.push(readSpan(r, r.lenEnd(r.len), spans.length));
    else r.skip(tag, r.len);
  }
  return spans;
}

/**
 * Repeated fields overwrite earlier ones, as in protobuf. Names, tags, annotation values and
 * service names go through the reader's short-string cache: they repeat from span to span.
 */
function readSpan(r: ProtoReader, end: number, index: number): ZipkinSpanParts {
  let traceId = '';
  let parentId: string | undefined;
  let id = '';
  let kind: ZipkinV2Kind | undefined;
  let name: string | undefined;
  let timestamp = 0;
  let duration = 0;
  let localEndpoint: ZipkinV2Endpoint | undefined;
  let remoteEndpoint: ZipkinV2Endpoint | undefined;
  let annotations: ZipkinV2Annotation[] | undefined;
  const tagKeys: string[] = [];
  const tagValues: string[] = [];
  let debug = false;
  let shared = false;
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag) {
      case T.SPAN_TRACE_ID:
        traceId = r.hex(end);
        break;
      case T.SPAN_PARENT_ID:
        parentId = r.hex(end) || undefined;
        break;
      case T.SPAN_ID:
        id = r.hex(end);
        break;
      case T.SPAN_KIND:
        kind = PROTO_KINDS[r.uint32()];
        break;
      case T.SPAN_NAME:
        name = r.cachedString(end) || undefined;
        break;
      case T.SPAN_TIMESTAMP:
        timestamp = readFixed64AsNumber(r);
        break;
      case T.SPAN_DURATION:
        duration = readUint64AsNumber(r);
        break;
      case T.SPAN_LOCAL_ENDPOINT:
        localEndpoint = readEndpoint(r, r.lenEnd(end), index, 'local_endpoint');
        break;
      case T.SPAN_REMOTE_ENDPOINT:
        remoteEndpoint = readEndpoint(r, r.lenEnd(end), index, 'remote_endpoint');
        break;
      case T.SPAN_ANNOTATIONS: {
        const a = readAnnotation(r, r.lenEnd(end));
        if (a) (annotations ??= []).push(a);
        break;
      }
      case T.SPAN_TAGS:
        readTag(r, r.lenEnd(end), tagKeys, tagValues);
        break;
      case T.SPAN_DEBUG:
        debug = r.bool();
        break;
      case T.SPAN_SHARED:
        shared = r.bool();
        break;
      default:
        r.skip(tag, end);
    }
  }
  r.expectEnd(end);
  putTagsInObjectOrder(tagKeys, tagValues);
  return { traceId, parentId, id, kind, name, timestamp, duration, localEndpoint, remoteEndpoint, annotations, tagKeys, tagValues, debug, shared };
}

function readEndpoint(r: ProtoReader, end: number, spanIndex: number, field: string): ZipkinV2Endpoint | undefined {
  const e: ZipkinV2Endpoint = {};
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag) {
      case T.ENDPOINT_SERVICE_NAME: {
        const serviceName = r.cachedString(end);
        if (serviceName) e.serviceName = serviceName;
        break;
      }
      case T.ENDPOINT_IPV4: {
        const ipv4 = ipv4FromBytes(r.bytes(end));
        if (ipv4) e.ipv4 = ipv4;
        break;
      }
      case T.ENDPOINT_IPV6:
        Object.assign(e, ipFromIpv6Bytes(r.bytes(end)));
        break;
      case T.ENDPOINT_PORT: {
        const port = r.uint32() | 0; // int32
        if (port > 0xffff) throw new SkeinError('SKEIN_ERR_INVALID_PAYLOAD', `spans[${spanIndex}].${field}.port: expected a port number (0-65535), got ${port}`);
        if (port > 0) e.port = port; // zero (and Zipkin clamps negatives to it) means unknown
        break;
      }
      default:
        r.skip(tag, end);
    }
  }
  r.expectEnd(end);
  return e.serviceName !== undefined || e.ipv4 !== undefined || e.ipv6 !== undefined || e.port !== undefined ? e : undefined;
}

function readAnnotation(r: ProtoReader, end: number): ZipkinV2Annotation | undefined {
  let timestamp = 0;
  let value = '';
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === T.ANNOTATION_TIMESTAMP) timestamp = readFixed64AsNumber(r);
    else if (tag === T.ANNOTATION_VALUE) value = r.cachedString(end);
    else r.skip(tag, end);
  }
  r.expectEnd(end);
  return timestamp !== 0 && value !== '' ? { timestamp, value } : undefined;
}

/** One map entry; a missing key or value is the empty string, as protobuf reads it. */
function readTag(r: ProtoReader, end: number, keys: string[], values: string[]): void {
  let key = '';
  let value = '';
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === T.ENTRY_KEY) key = r.cachedString(end);
    else if (tag === T.ENTRY_VALUE) value = r.cachedString(end);
    else r.skip(tag, end);
  }
  r.expectEnd(end);
  keys.push(key);
  values.push(value);
}

/**
 * A fixed64 as the nearest double, as `Number(r.fixed64())` gives it but without a BigInt: the
 * halves are exact and the one addition rounds the exact sum once, to the same double.
 */
function readFixed64AsNumber(r: ProtoReader): number {
  const low = r.fixed32();
  return r.fixed32() * 4294967296 + low;
}

/**
 * A uint64 varint as a double, as `Number(BigInt.asUintN(64, r.int64()))` gives it. Up to 7
 * bytes (49 bits, every real duration) it is summed exactly in a double; longer or truncated
 * ones take the BigInt path, which also reports the errors.
 */
function readUint64AsNumber(r: ProtoReader): number {
  const start = r.pos;
  const buf = r.buf;
  const stop = Math.min(start + 7, r.len);
  let value = 0;
  let scale = 1;
  for (let pos = start; pos < stop; pos++) {
    const b = buf[pos]!;
    value += (b & 0x7f) * scale;
    if (b < 0x80) {
      r.pos = pos + 1;
      return value;
    }
    scale *= 128;
  }
  return Number(BigInt.asUintN(64, r.int64()));
}

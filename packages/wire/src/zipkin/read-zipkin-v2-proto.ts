import { SkeinError } from '@skein/model';
import { ProtoReader } from '../otlp/proto-reader.js';
import { ipFromIpv6Bytes, ipv4FromBytes } from './zipkin-ip-addresses.js';
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
  const r = new ProtoReader(bytes);
  const spans: ZipkinV2Span[] = [];
  while (r.pos < r.len) {
    const tag = r.tag();
    if (tag === T.LIST_SPANS) spans.push(readSpan(r, r.lenEnd(r.len), `spans[${spans.length}]`));
    else r.skip(tag, r.len);
  }
  return spans;
}

function readSpan(r: ProtoReader, end: number, path: string): ZipkinV2Span {
  const span: ZipkinV2Span = { traceId: '', id: '' };
  const annotations: ZipkinV2Annotation[] = [];
  const tags: [string, string][] = [];
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag) {
      case T.SPAN_TRACE_ID:
        span.traceId = r.hex(end);
        break;
      case T.SPAN_PARENT_ID: {
        const parentId = r.hex(end);
        if (parentId) span.parentId = parentId;
        else delete span.parentId;
        break;
      }
      case T.SPAN_ID:
        span.id = r.hex(end);
        break;
      case T.SPAN_KIND: {
        const kind = PROTO_KINDS[r.uint32()];
        if (kind) span.kind = kind;
        else delete span.kind;
        break;
      }
      case T.SPAN_NAME: {
        const name = r.string(end);
        if (name) span.name = name;
        else delete span.name;
        break;
      }
      case T.SPAN_TIMESTAMP: {
        const timestamp = Number(r.fixed64());
        if (timestamp) span.timestamp = timestamp;
        else delete span.timestamp;
        break;
      }
      case T.SPAN_DURATION: {
        const duration = Number(BigInt.asUintN(64, r.int64()));
        if (duration) span.duration = duration;
        else delete span.duration;
        break;
      }
      case T.SPAN_LOCAL_ENDPOINT: {
        const local = readEndpoint(r, r.lenEnd(end), `${path}.local_endpoint`);
        if (local) span.localEndpoint = local;
        else delete span.localEndpoint;
        break;
      }
      case T.SPAN_REMOTE_ENDPOINT: {
        const remote = readEndpoint(r, r.lenEnd(end), `${path}.remote_endpoint`);
        if (remote) span.remoteEndpoint = remote;
        else delete span.remoteEndpoint;
        break;
      }
      case T.SPAN_ANNOTATIONS: {
        const a = readAnnotation(r, r.lenEnd(end));
        if (a) annotations.push(a);
        break;
      }
      case T.SPAN_TAGS:
        tags.push(readTag(r, r.lenEnd(end)));
        break;
      case T.SPAN_DEBUG:
        if (r.bool()) span.debug = true;
        else delete span.debug;
        break;
      case T.SPAN_SHARED:
        if (r.bool()) span.shared = true;
        else delete span.shared;
        break;
      default:
        r.skip(tag, end);
    }
  }
  r.expectEnd(end);
  if (annotations.length > 0) span.annotations = annotations;
  if (tags.length > 0) span.tags = Object.fromEntries(tags); // own properties, even "__proto__"
  return span;
}

function readEndpoint(r: ProtoReader, end: number, path: string): ZipkinV2Endpoint | undefined {
  const e: ZipkinV2Endpoint = {};
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag) {
      case T.ENDPOINT_SERVICE_NAME: {
        const serviceName = r.string(end);
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
        if (port > 0xffff) throw new SkeinError('SKEIN_ERR_INVALID_PAYLOAD', `${path}.port: expected a port number (0-65535), got ${port}`);
        if (port > 0) e.port = port; // zero (and Zipkin clamps negatives to it) means unknown
        break;
      }
      default:
        r.skip(tag, end);
    }
  }
  r.expectEnd(end);
  return Object.keys(e).length > 0 ? e : undefined;
}

function readAnnotation(r: ProtoReader, end: number): ZipkinV2Annotation | undefined {
  let timestamp = 0;
  let value = '';
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === T.ANNOTATION_TIMESTAMP) timestamp = Number(r.fixed64());
    else if (tag === T.ANNOTATION_VALUE) value = r.string(end);
    else r.skip(tag, end);
  }
  r.expectEnd(end);
  return timestamp !== 0 && value !== '' ? { timestamp, value } : undefined;
}

function readTag(r: ProtoReader, end: number): [string, string] {
  let key = '';
  let value = '';
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === T.ENTRY_KEY) key = r.string(end);
    else if (tag === T.ENTRY_VALUE) value = r.string(end);
    else r.skip(tag, end);
  }
  r.expectEnd(end);
  return [key, value];
}

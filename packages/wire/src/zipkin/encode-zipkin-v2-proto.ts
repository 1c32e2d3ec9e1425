import type { Span } from '@skein/model';
import { ProtoWriter } from '../otlp/proto-writer.js';
import { PROTO_KINDS, ZIPKIN_PROTO as T } from './read-zipkin-v2-proto.js';
import { toZipkinV2Span } from './span-to-zipkin-v2.js';
import { ipv4ToBytes, ipv6ToBytes } from './zipkin-ip-addresses.js';
import type { ZipkinV2Endpoint, ZipkinV2Span } from './zipkin-v2-span.js';

/** Model spans as a proto3 `zipkin.proto3.ListOfSpans`, the way `toZipkinV2Span` maps them. */
export function encodeZipkinV2Proto(spans: readonly Span[]): Uint8Array {
  return writeZipkinV2Proto(spans.map(toZipkinV2Span));
}

/**
 * Zipkin v2 spans as a proto3 `ListOfSpans` (zipkin-api's zipkin.proto), fields in number order
 * and absent ones left out, as Zipkin's Proto3SpanWriter writes them. Times are whole
 * microseconds in proto3 (fractions are truncated); addresses that are not valid IPs are left out.
 */
export function writeZipkinV2Proto(spans: readonly ZipkinV2Span[]): Uint8Array {
  const w = new ProtoWriter();
  for (const z of spans) {
    w.uint32(T.LIST_SPANS);
    const start = w.fork();
    writeSpan(w, z);
    w.ldelim(start);
  }
  return w.finish();
}

function writeSpan(w: ProtoWriter, z: ZipkinV2Span): void {
  if (z.traceId) {
    w.uint32(T.SPAN_TRACE_ID);
    w.hex(z.traceId);
  }
  if (z.parentId) {
    w.uint32(T.SPAN_PARENT_ID);
    w.hex(z.parentId);
  }
  if (z.id) {
    w.uint32(T.SPAN_ID);
    w.hex(z.id);
  }
  if (z.kind) {
    w.uint32(T.SPAN_KIND);
    w.uint32(PROTO_KINDS.indexOf(z.kind));
  }
  if (z.name) {
    w.uint32(T.SPAN_NAME);
    w.string(z.name);
  }
  if (z.timestamp) {
    w.uint32(T.SPAN_TIMESTAMP);
    w.fixed64(BigInt(Math.trunc(z.timestamp)));
  }
  if (z.duration) {
    w.uint32(T.SPAN_DURATION);
    w.int64(BigInt(Math.trunc(z.duration)));
  }
  if (z.localEndpoint) writeEndpoint(w, T.SPAN_LOCAL_ENDPOINT, z.localEndpoint);
  if (z.remoteEndpoint) writeEndpoint(w, T.SPAN_REMOTE_ENDPOINT, z.remoteEndpoint);
  for (const a of z.annotations ?? []) {
    w.uint32(T.SPAN_ANNOTATIONS);
    const start = w.fork();
    w.uint32(T.ANNOTATION_TIMESTAMP);
    w.fixed64(BigInt(Math.trunc(a.timestamp)));
    w.uint32(T.ANNOTATION_VALUE);
    w.string(a.value);
    w.ldelim(start);
  }
  for (const [key, value] of Object.entries(z.tags ?? {})) {
    w.uint32(T.SPAN_TAGS);
    const start = w.fork();
    w.uint32(T.ENTRY_KEY);
    w.string(key);
    w.uint32(T.ENTRY_VALUE);
    w.string(value);
    w.ldelim(start);
  }
  if (z.debug) {
    w.uint32(T.SPAN_DEBUG);
    w.uint32(1);
  }
  if (z.shared) {
    w.uint32(T.SPAN_SHARED);
    w.uint32(1);
  }
}

function writeEndpoint(w: ProtoWriter, tag: number, e: ZipkinV2Endpoint): void {
  w.uint32(tag);
  const start = w.fork();
  if (e.serviceName) {
    w.uint32(T.ENDPOINT_SERVICE_NAME);
    w.string(e.serviceName);
  }
  const ipv4 = e.ipv4 === undefined ? undefined : ipv4ToBytes(e.ipv4);
  if (ipv4) {
    w.uint32(T.ENDPOINT_IPV4);
    w.bytes(ipv4);
  }
  const ipv6 = e.ipv6 === undefined ? undefined : ipv6ToBytes(e.ipv6);
  if (ipv6) {
    w.uint32(T.ENDPOINT_IPV6);
    w.bytes(ipv6);
  }
  if (e.port) {
    w.uint32(T.ENDPOINT_PORT);
    w.uint32(e.port);
  }
  w.ldelim(start);
}

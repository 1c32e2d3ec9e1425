import type { Span } from '@skein/model';
import {
  decodeJaegerAgentDatagram,
  decodeJaegerProtoPostSpans,
  decodeJaegerThriftBatch,
  decodeOtlpJson,
  decodeOtlpProtobuf,
  decodeXrayDatagram,
  decodeZipkinV1Json,
  decodeZipkinV1Thrift,
  decodeZipkinV2Json,
  decodeZipkinV2Proto,
  encodeJaegerAgentDatagram,
  encodeJaegerProtoPostSpans,
  encodeJaegerThriftBatch,
  encodeOtlpProtobuf,
  encodeXrayDatagram,
  encodeZipkinV1Json,
  encodeZipkinV1Thrift,
  encodeZipkinV2Proto,
  toOtlpJson,
  toZipkinV2Span,
} from '@skein/wire';

/** One wire format: how a client frames spans into a request or datagram, and Skein's decoder. */
export interface WireFormat {
  readonly name: string;
  /** Request bodies (or datagrams) holding the given spans, framed as that format's clients frame them. */
  encode(spans: readonly Span[]): Uint8Array[];
  decode(body: Uint8Array): Span[];
}

const utf8 = (text: string) => new TextEncoder().encode(text);

function groupBy<K>(spans: readonly Span[], key: (s: Span) => K): Span[][] {
  const groups = new Map<K, Span[]>();
  for (const s of spans) {
    const k = key(s);
    const g = groups.get(k);
    if (g) g.push(s);
    else groups.set(k, [s]);
  }
  return [...groups.values()];
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Jaeger batches carry one process, so clients send one batch per service. */
const perService = (spans: readonly Span[]) => groupBy(spans, (s) => s.resource);
/**
 * UDP clients keep a datagram under 65,000 bytes (jaeger-client flushes at its max packet size);
 * 40 realistic spans stay well below it.
 */
const UDP_SPANS = 40;

/**
 * X-Ray SDKs send one segment document per service per trace, with that service's spans as
 * nested subsegments: one datagram per (trace, service) subtree.
 */
function xrayDocuments(spans: readonly Span[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const group of groupBy(spans, (s) => `${s.traceId}/${String(s.resource.attributes[0]?.value.value)}`)) {
    const ids = new Set(group.map((s) => s.spanId));
    // Each local root (parent outside this service's group) opens its own document.
    const children = new Map<string, Span[]>();
    for (const s of group) if (ids.has(s.parentSpanId)) children.set(s.parentSpanId, [...(children.get(s.parentSpanId) ?? []), s]);
    for (const root of group.filter((s) => !ids.has(s.parentSpanId))) {
      const subtree: Span[] = [];
      const visit = (s: Span) => {
        subtree.push(s);
        for (const c of children.get(s.spanId) ?? []) visit(c);
      };
      visit(root);
      out.push(encodeXrayDatagram(subtree));
    }
  }
  return out;
}

/** Every format Skein receives; `requestSpans` is the size of an HTTP/gRPC request. */
export function wireFormats(requestSpans: number): WireFormat[] {
  const requests = (spans: readonly Span[]) => chunks(spans, requestSpans);
  return [
    { name: 'OTLP protobuf', encode: (s) => requests(s).map(encodeOtlpProtobuf), decode: decodeOtlpProtobuf },
    { name: 'OTLP JSON', encode: (s) => requests(s).map((r) => utf8(JSON.stringify(toOtlpJson(r)))), decode: decodeOtlpJson },
    { name: 'Zipkin v2 JSON', encode: (s) => requests(s).map((r) => utf8(JSON.stringify(r.map(toZipkinV2Span)))), decode: decodeZipkinV2Json },
    { name: 'Zipkin v2 proto3', encode: (s) => requests(s).map(encodeZipkinV2Proto), decode: decodeZipkinV2Proto },
    { name: 'Zipkin v1 JSON', encode: (s) => requests(s).map((r) => utf8(encodeZipkinV1Json(r))), decode: decodeZipkinV1Json },
    { name: 'Zipkin v1 Thrift', encode: (s) => requests(s).map(encodeZipkinV1Thrift), decode: decodeZipkinV1Thrift },
    { name: 'Jaeger Thrift (HTTP)', encode: (s) => perService(s).flatMap((g) => requests(g).map((r) => encodeJaegerThriftBatch(r, 'binary'))), decode: decodeJaegerThriftBatch },
    { name: 'Jaeger gRPC proto', encode: (s) => perService(s).flatMap((g) => requests(g).map(encodeJaegerProtoPostSpans)), decode: decodeJaegerProtoPostSpans },
    { name: 'Jaeger UDP compact', encode: (s) => perService(s).flatMap((g) => chunks(g, UDP_SPANS).map((d) => encodeJaegerAgentDatagram(d, 'compact'))), decode: decodeJaegerAgentDatagram },
    { name: 'Jaeger UDP binary', encode: (s) => perService(s).flatMap((g) => chunks(g, UDP_SPANS).map((d) => encodeJaegerAgentDatagram(d, 'binary'))), decode: decodeJaegerAgentDatagram },
    { name: 'X-Ray UDP', encode: xrayDocuments, decode: decodeXrayDatagram },
  ];
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Span } from '@skein/model';
import { decodeZipkinV1Json } from './decode-zipkin-v1-json.js';
import { decodeZipkinV1Thrift } from './decode-zipkin-v1-thrift.js';
import { decodeZipkinV2Json } from './decode-zipkin-v2-json.js';
import { decodeZipkinV2Proto } from './decode-zipkin-v2-proto.js';
import { encodeZipkinV1Json } from './encode-zipkin-v1-json.js';
import { encodeZipkinV1Thrift } from './encode-zipkin-v1-thrift.js';
import { encodeZipkinV2Proto } from './encode-zipkin-v2-proto.js';
import { toZipkinV2Span } from './span-to-zipkin-v2.js';
import type { ZipkinV2Endpoint, ZipkinV2Span } from './zipkin-v2-span.js';

// Random valid Zipkin spans → model (the v2 JSON decoder) → each encoder → its decoder → the
// same spans back, compared as Zipkin v2 (`toZipkinV2Span`, exact for Zipkin-sourced spans).

const hex = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n }).filter((s) => /[1-9a-f]/.test(s));
const micros = fc.integer({ min: 1, max: 4_102_444_800_000_000 });
const text = fc.oneof(fc.string({ minLength: 1 }), fc.string({ unit: 'grapheme', minLength: 1 }));
/** RFC 5952 text, as every Zipkin decoder gives addresses back (IPv4-mapped ones read as IPv4). */
const ipv6 = fc.ipV6().map((ip) => new URL(`http://[${ip}]/`).hostname.slice(1, -1)).filter((ip) => !ip.startsWith('::ffff:'));
const endpoint: fc.Arbitrary<ZipkinV2Endpoint> = fc
  .record({ serviceName: text, ipv4: fc.ipV4().filter((ip) => ip !== '0.0.0.0'), ipv6, port: fc.integer({ min: 1, max: 65535 }) }, { requiredKeys: [] })
  .filter((e) => Object.keys(e).length > 0);
// Keys where the model keeps endpoint parts and `debug`, and v1's address/local-component keys.
const RESERVED = new Set(['net.host.ip', 'net.host.ipv6', 'net.host.port', 'net.peer.ip', 'net.peer.ipv6', 'net.peer.port', 'peer.service', 'zipkin.debug', 'ca', 'sa', 'ma', 'lc']);
const tagKey = fc.oneof(fc.string().filter((k) => !RESERVED.has(k)), fc.constantFrom('error', 'otel.status_code', 'span.kind', 'w3c.tracestate', 'otel.dropped_attributes_count', 'service.name', '__proto__'));
const tagValue = fc.oneof(fc.string(), fc.constantFrom('true', 'OK', 'ERROR', 'internal', '7'));
// v1 spells the RPC roles with these annotations: a client's own annotation cannot use them.
const CORE = new Set(['cs', 'sr', 'ss', 'cr', 'ms', 'mr', 'ws', 'wr']);
const annotations = fc
  .uniqueArray(fc.record({ timestamp: micros, value: text.filter((v) => !CORE.has(v)) }), { minLength: 1, maxLength: 4, selector: (a) => `${a.timestamp} ${a.value}` })
  .map((list) => list.sort((a, b) => a.timestamp - b.timestamp || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)));

const zipkinSpan: fc.Arbitrary<ZipkinV2Span> = fc
  .record(
    {
      traceId: fc.oneof(hex(16), fc.tuple(hex(16), hex(16)).map(([high, low]) => high + low)),
      parentId: hex(16),
      id: hex(16),
      kind: fc.constantFrom('CLIENT', 'SERVER', 'PRODUCER', 'CONSUMER' as const),
      name: text,
      timestamp: micros,
      duration: fc.integer({ min: 1, max: 10 ** 11 }),
      localEndpoint: endpoint,
      remoteEndpoint: endpoint,
      annotations,
      tags: fc.dictionary(tagKey, tagValue, { minKeys: 1, maxKeys: 6 }),
      debug: fc.constant(true),
      shared: fc.constant(true),
    },
    { requiredKeys: ['traceId', 'id', 'timestamp'] },
  )
  .filter((z) => z.parentId !== z.id);

/** What v1 can say: a kind needs the local endpoint that logs its core annotations; only a server joins a span. */
const v1Expressible = (z: ZipkinV2Span): boolean =>
  (z.kind === undefined || z.localEndpoint !== undefined) &&
  (!z.shared || z.kind === 'SERVER') &&
  // Zipkin drops a server's "ca" that names the server itself (the Finagle rule)
  !(z.kind === 'SERVER' && z.remoteEndpoint && z.localEndpoint && z.remoteEndpoint.serviceName === z.localEndpoint.serviceName);

const asSent = (spans: readonly ZipkinV2Span[]): unknown => JSON.parse(JSON.stringify(spans));
const roundTrip = (encode: (spans: readonly Span[]) => Uint8Array | string, decode: (body: never) => Span[], spans: readonly ZipkinV2Span[]) => {
  const model = decodeZipkinV2Json(JSON.stringify(spans));
  return asSent(decode(encode(model) as never).map(toZipkinV2Span));
};

test('property: v2 proto3 encoder → decoder gives the same spans', () => {
  fc.assert(
    fc.property(fc.array(zipkinSpan, { maxLength: 4 }), (spans) => {
      assert.deepEqual(roundTrip(encodeZipkinV2Proto, decodeZipkinV2Proto, spans), asSent(spans));
    }),
    { numRuns: 300 },
  );
});

test('property: v1 Thrift encoder → decoder gives the same spans, for what v1 can express', () => {
  fc.assert(
    fc.property(fc.array(zipkinSpan.filter(v1Expressible), { maxLength: 4 }), (spans) => {
      assert.deepEqual(roundTrip(encodeZipkinV1Thrift, decodeZipkinV1Thrift, spans), asSent(spans));
    }),
    { numRuns: 300 },
  );
});

test('property: v1 JSON encoder → decoder gives the same spans, for what v1 can express', () => {
  fc.assert(
    fc.property(fc.array(zipkinSpan.filter(v1Expressible), { maxLength: 4 }), (spans) => {
      assert.deepEqual(roundTrip(encodeZipkinV1Json, decodeZipkinV1Json, spans), asSent(spans));
    }),
    { numRuns: 300 },
  );
});

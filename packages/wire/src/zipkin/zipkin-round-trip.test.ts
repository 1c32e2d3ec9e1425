import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SpanKind, StatusCode, array, attr, bool, double, int, makeSpan, str, type AnyValue, type Attribute, type Resource, type Span } from '@skein/model';
import { decodeZipkinV2Json } from './decode-zipkin-v2-json.js';
import { toZipkinV2Span } from './span-to-zipkin-v2.js';
import type { ZipkinV2Span } from './zipkin-v2-span.js';

const hex = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n }).filter((s) => /[1-9a-f]/.test(s));
const micros = fc.integer({ min: 1, max: 4_102_444_800_000_000 }); // up to 2100
const endpoint = fc
  .record({ serviceName: fc.string({ minLength: 1 }), ipv4: fc.ipV4(), ipv6: fc.ipV6(), port: fc.integer({ min: 1, max: 65535 }) }, { requiredKeys: [] })
  .filter((e) => Object.keys(e).length > 0);

// Tag keys that hold endpoint parts or `debug` are where the span model keeps those Zipkin fields;
// a client sending such a tag AND the field is the one case that cannot round-trip.
const RESERVED = new Set(['net.host.ip', 'net.host.ipv6', 'net.host.port', 'net.peer.ip', 'net.peer.ipv6', 'net.peer.port', 'peer.service', 'zipkin.debug']);
const tagKey = fc.oneof(
  fc.string().filter((k) => !RESERVED.has(k)),
  // keys with meaning to the translation, which must still come back as sent
  fc.constantFrom('error', 'otel.status_code', 'otel.status_description', 'span.kind', 'w3c.tracestate', 'otel.dropped_attributes_count', 'otlp.link.0', 'service.name', '__proto__'),
);
const tagValue = fc.oneof(fc.string(), fc.constantFrom('true', 'OK', 'ERROR', 'internal', '0', '7', 'k=v'));

const zipkinSpan: fc.Arbitrary<ZipkinV2Span> = fc
  .record(
    {
      traceId: fc.oneof(hex(16), hex(32)),
      parentId: hex(16),
      id: hex(16),
      kind: fc.constantFrom('CLIENT', 'SERVER', 'PRODUCER', 'CONSUMER' as const),
      name: fc.string({ minLength: 1 }),
      timestamp: micros,
      duration: fc.integer({ min: 1, max: 10 ** 11 }),
      localEndpoint: endpoint,
      remoteEndpoint: endpoint,
      annotations: fc.array(fc.record({ timestamp: micros, value: fc.string() }), { minLength: 1, maxLength: 4 }),
      tags: fc.dictionary(tagKey, tagValue, { minKeys: 1, maxKeys: 8 }),
      debug: fc.constant(true),
      shared: fc.constant(true),
    },
    { requiredKeys: ['traceId', 'id'] },
  )
  // Zipkin itself drops these; a span without a timestamp gets its first annotation's.
  .filter((z) => z.parentId !== z.id && (z.timestamp !== undefined || z.annotations === undefined));

test('property: Zipkin → model → Zipkin gives back what the client sent', () => {
  fc.assert(
    fc.property(fc.array(zipkinSpan, { maxLength: 5 }), (sent) => {
      const body = JSON.stringify(sent);
      const back = decodeZipkinV2Json(body).map(toZipkinV2Span);
      assert.deepEqual(JSON.parse(JSON.stringify(back)), JSON.parse(body));
    }),
    { numRuns: 400 },
  );
});

// Model spans as OTLP and other receivers produce them: typed attributes, every kind and status.
const anyValue: fc.Arbitrary<AnyValue> = fc.oneof(
  fc.string().map(str),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(int),
  fc.double().map(double),
  fc.boolean().map(bool),
  fc.array(fc.string().map(str), { maxLength: 3 }).map(array),
);
const attributes = fc.array(fc.tuple(fc.oneof(fc.string(), fc.constantFrom('peer.service', 'net.peer.ip', 'net.host.port', 'error', 'zipkin.debug', 'otel.status_code')), anyValue).map(([k, v]) => attr(k, v)), { maxLength: 6 });
// Starts of at least 1µs: a start that rounds to 0µs is "absent" in Zipkin and comes back as the first annotation's.
const nanos = fc.bigInt({ min: 1_000n, max: 4_102_444_800_000_000_000n });
const modelSpan: fc.Arbitrary<Span> = fc
  .record({
    traceId: hex(32),
    high64: fc.boolean(),
    spanId: hex(16),
    parentSpanId: fc.oneof(fc.constant(''), hex(16)),
    name: fc.string(),
    kind: fc.constantFrom(...(Object.values(SpanKind) as SpanKind[])),
    start: nanos,
    duration: fc.bigInt({ min: 0n, max: 10n ** 12n }),
    attributes,
    resource: attributes.map((a): Resource => ({ attributes: [attr('service.name', str('svc')), ...a], droppedAttributesCount: 0 })),
    status: fc.record({ code: fc.constantFrom(StatusCode.UNSET, StatusCode.OK, StatusCode.ERROR), message: fc.string() }),
    events: fc.array(fc.record({ timeUnixNano: nanos, name: fc.string(), attributes, droppedAttributesCount: fc.nat(3) }), { maxLength: 3 }),
    links: fc.array(fc.record({ traceId: hex(32), spanId: hex(16), traceState: fc.constantFrom('', 'a=b'), attributes, droppedAttributesCount: fc.nat(2), flags: fc.constant(0) }), { maxLength: 2 }),
    traceState: fc.constantFrom('', 'vendor=x'),
    dropped: fc.nat(4),
    shared: fc.boolean(),
  })
  .map((r) =>
    makeSpan({
      traceId: r.high64 ? '0'.repeat(16) + r.traceId.slice(16) : r.traceId,
      traceIdHigh64Absent: r.high64,
      spanId: r.spanId,
      parentSpanId: r.parentSpanId,
      name: r.name,
      kind: r.kind,
      startTimeUnixNano: r.start,
      endTimeUnixNano: r.start + r.duration,
      attributes: r.attributes as Attribute[],
      resource: r.resource,
      status: r.status,
      events: r.events,
      links: r.links,
      traceState: r.traceState,
      droppedAttributesCount: r.dropped,
      droppedEventsCount: r.dropped,
      shared: r.shared,
    }),
  );

test('property: any model span → Zipkin is a fixed point (→ model → Zipkin changes nothing)', () => {
  fc.assert(
    fc.property(modelSpan, (span) => {
      const once = JSON.parse(JSON.stringify(toZipkinV2Span(span))) as ZipkinV2Span;
      const twice = decodeZipkinV2Json(JSON.stringify([once])).map(toZipkinV2Span);
      assert.deepEqual(JSON.parse(JSON.stringify(twice)), [once]);
    }),
    { numRuns: 400 },
  );
});

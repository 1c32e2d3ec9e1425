import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SpanKind, SpanStatusCode, TraceFlags } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { encodeOtlpProtobuf, OtlpProtobufEncoder } from './encode-otlp-protobuf.js';
import { makeFinishedSpan } from '../test-support/make-finished-span.js';
import { decodeTraceRequest } from '../test-support/otlp-proto-decoder.js';
import type { Decoded } from '../test-support/otlp-proto-decoder.js';
import { toOtelReadableSpans } from '../test-support/to-otel-readable-span.js';
import { arbitrarySpan } from '../test-support/arbitrary-spans.js';
import type { FinishedSpan, InstrumentationScope, SpanResource } from '../../trace/finished-span.js';

function otelBytes(spans: readonly FinishedSpan[]): Uint8Array {
  return ProtobufTraceSerializer.serializeRequest(toOtelReadableSpans(spans))!;
}

function decoded(bytes: Uint8Array): Decoded {
  return decodeTraceRequest(bytes);
}

const path = (d: Decoded, ...keys: (string | number)[]): any => keys.reduce((o: any, k) => o[k], d);

test('every field of a fully populated span decodes to what was put in', () => {
  const resource: SpanResource = { attributes: { 'service.name': 'shop', 'deployment.environment': 'prod' } };
  const scope: InstrumentationScope = { name: 'http', version: '1.0', schemaUrl: 'https://opentelemetry.io/schemas/1.26.0' };
  const span = makeFinishedSpan({
    name: 'GET /items/:id',
    kind: SpanKind.SERVER,
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    traceFlags: TraceFlags.SAMPLED,
    traceState: new TraceState('rojo=00f067aa0ba902b7'),
    parentSpanId: '00f067aa0ba902b7',
    parentSpanIsRemote: true,
    startTimeUnixMs: 1_700_000_000_123.375, // exactly representable: 123375000 ns
    endTimeUnixMs: 1_700_000_000_223.5,
    attributes: {
      'http.request.method': 'GET',
      'http.response.status_code': 200,
      ratio: 0.25,
      cached: false,
      tags: ['a', 'b'],
      codes: [1, 2, 3],
      negative: -42,
      big: 2 ** 60,
      blob: new Uint8Array([1, 2, 3]) as unknown as string,
      'ключ': 'значение ✓',
    },
    droppedAttributesCount: 3,
    events: [{ name: 'exception', timeUnixMs: 1_700_000_000_200.25, attributes: { 'exception.type': 'Error' }, droppedAttributesCount: 1 }],
    droppedEventsCount: 4,
    links: [{
      context: { traceId: '11111111111111111111111111111111', spanId: '2222222222222222', traceFlags: 1, isRemote: true, traceState: new TraceState('a=b') },
      attributes: { 'link.kind': 'follows' },
      droppedAttributesCount: 2,
    }],
    droppedLinksCount: 5,
    status: { code: SpanStatusCode.ERROR, message: 'boom' },
    resource,
    scope,
  });
  const d = decoded(encodeOtlpProtobuf([span]));
  const rs = path(d, 'resourceSpans', 0);
  assert.deepEqual(rs.resource.attributes, [
    { key: 'service.name', value: { stringValue: 'shop' } },
    { key: 'deployment.environment', value: { stringValue: 'prod' } },
  ]);
  const ss = rs.scopeSpans[0];
  assert.deepEqual(ss.scope, { name: 'http', version: '1.0', attributes: [], droppedAttributesCount: 0 });
  assert.equal(ss.schemaUrl, 'https://opentelemetry.io/schemas/1.26.0');
  const s = ss.spans[0];
  assert.equal(s.traceId, '0af7651916cd43dd8448eb211c80319c');
  assert.equal(s.spanId, 'b7ad6b7169203331');
  assert.equal(s.traceState, 'rojo=00f067aa0ba902b7');
  assert.equal(s.parentSpanId, '00f067aa0ba902b7');
  assert.equal(s.name, 'GET /items/:id');
  assert.equal(s.kind, 2, 'SPAN_KIND_SERVER');
  assert.equal(s.startTimeUnixNano, '1700000000123375000');
  assert.equal(s.endTimeUnixNano, '1700000000223500000');
  const attrs = Object.fromEntries(s.attributes.map((kv: any) => [kv.key, kv.value]));
  assert.deepEqual(attrs['http.request.method'], { stringValue: 'GET' });
  assert.deepEqual(attrs['http.response.status_code'], { intValue: '200' });
  assert.deepEqual(attrs.ratio, { doubleValue: 0.25 });
  assert.deepEqual(attrs.cached, { boolValue: false });
  assert.deepEqual(attrs.tags, { arrayValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }] } });
  assert.deepEqual(attrs.codes, { arrayValue: { values: [{ intValue: '1' }, { intValue: '2' }, { intValue: '3' }] } });
  assert.deepEqual(attrs.negative, { intValue: '-42' });
  assert.deepEqual(attrs.big, { intValue: String(2n ** 60n) });
  assert.deepEqual(attrs.blob, { bytesValue: '010203' });
  assert.deepEqual(attrs['ключ'], { stringValue: 'значение ✓' });
  assert.equal(s.droppedAttributesCount, 3);
  assert.deepEqual(s.events, [{
    timeUnixNano: '1700000000200250000', name: 'exception',
    attributes: [{ key: 'exception.type', value: { stringValue: 'Error' } }], droppedAttributesCount: 1,
  }]);
  assert.equal(s.droppedEventsCount, 4);
  assert.deepEqual(s.links, [{
    traceId: '11111111111111111111111111111111', spanId: '2222222222222222', traceState: 'a=b',
    attributes: [{ key: 'link.kind', value: { stringValue: 'follows' } }], droppedAttributesCount: 2,
    flags: 0x301,
  }]);
  assert.equal(s.droppedLinksCount, 5);
  assert.deepEqual(s.status, { message: 'boom', code: 2 });
  assert.equal(s.flags, 0x301, 'sampled + has-is-remote + is-remote');
});

test('span flags: root spans know their parent is not remote; unknown stays unset', () => {
  const root = makeFinishedSpan({ traceFlags: 1 });
  const localChild = makeFinishedSpan({ parentSpanId: '0000000000000001', parentSpanIsRemote: false, traceFlags: 1 });
  const unknownChild = makeFinishedSpan({ parentSpanId: '0000000000000001', traceFlags: 1 });
  const spans = path(decoded(encodeOtlpProtobuf([root, localChild, unknownChild])), 'resourceSpans', 0, 'scopeSpans', 0, 'spans');
  assert.deepEqual(spans.map((s: any) => s.flags), [0x101, 0x101, 0x001]);
  assert.equal(spans[0].parentSpanId, '');
});

test('groups by resource object, then scope object, in first-seen order', () => {
  const r1: SpanResource = { attributes: { 'service.name': 'a' } };
  const r2: SpanResource = { attributes: { 'service.name': 'b' } };
  const s1: InstrumentationScope = { name: 's1', version: undefined, schemaUrl: undefined };
  const s2: InstrumentationScope = { name: 's2', version: undefined, schemaUrl: undefined };
  const spans = [
    makeFinishedSpan({ name: '1', resource: r1, scope: s1 }),
    makeFinishedSpan({ name: '2', resource: r2, scope: s1 }),
    makeFinishedSpan({ name: '3', resource: r1, scope: s2 }),
    makeFinishedSpan({ name: '4', resource: r1, scope: s1 }),
  ];
  const d = decoded(encodeOtlpProtobuf(spans));
  const shape = (d.resourceSpans as any[]).map((rs) => ({
    service: rs.resource.attributes[0].value.stringValue,
    scopes: rs.scopeSpans.map((ss: any) => [ss.scope.name, ss.spans.map((s: any) => s.name)]),
  }));
  assert.deepEqual(shape, [
    { service: 'a', scopes: [['s1', ['1', '4']], ['s2', ['3']]] },
    { service: 'b', scopes: [['s1', ['2']]] },
  ]);
});

test('an empty batch encodes to an empty request', () => {
  assert.equal(encodeOtlpProtobuf([]).length, 0);
});

test('length prefixes are right when messages cross the 1-, 2- and 3-byte varint sizes', () => {
  for (const size of [0, 100, 127, 128, 200, 16_000, 16_383, 16_384, 20_000, 2_100_000]) {
    const span = makeFinishedSpan({ attributes: { s: 'x'.repeat(size), t: 'é'.repeat(size % 300) }, name: 'y'.repeat(size % 200) });
    const d = decoded(encodeOtlpProtobuf([span]));
    const s = path(d, 'resourceSpans', 0, 'scopeSpans', 0, 'spans', 0);
    assert.equal(s.attributes[0].value.stringValue.length, size);
    assert.equal(s.attributes[1].value.stringValue, 'é'.repeat(size % 300));
  }
});

test('string attributes around the two-byte prefix reservation encode like OpenTelemetry JS', () => {
  // Key plus value over 120 characters reserves two-byte prefixes; non-ASCII text can still
  // fit one byte or need three, so both directions of the prefix fix-up are exercised.
  for (let length = 100; length <= 135; length++) {
    const ascii = makeFinishedSpan({ attributes: { 'user_agent.original': 'u'.repeat(length) } });
    const accented = makeFinishedSpan({ attributes: { k: 'é'.repeat(length - 50), ['ключ'.repeat(length % 7)]: 'v'.repeat(length) } });
    const long = makeFinishedSpan({ attributes: { 'db.query.text': 'q'.repeat(length * 150) } });
    for (const span of [ascii, accented, long]) assert.deepEqual(decoded(encodeOtlpProtobuf([span])), decoded(otelBytes([span])));
  }
});

test('malformed ids and odd values encode without throwing', () => {
  const span = makeFinishedSpan({
    traceId: 'zz',
    spanId: 'not-hex-not-hex!',
    parentSpanId: 'abc',
    attributes: { f: (() => 1) as unknown as string, nan: Number.NaN, inf: Number.NEGATIVE_INFINITY },
    startTimeUnixMs: Number.NaN,
  });
  const s = path(decoded(encodeOtlpProtobuf([span])), 'resourceSpans', 0, 'scopeSpans', 0, 'spans', 0);
  assert.equal(s.traceId, '0'.repeat(32));
  assert.equal(s.spanId, '0'.repeat(16));
  assert.equal(s.parentSpanId, '0000000000000abc', 'short ids are zero-padded on the left');
  assert.equal(s.startTimeUnixNano, '0');
  const attrs = Object.fromEntries(s.attributes.map((kv: any) => [kv.key, kv.value]));
  assert.deepEqual(attrs.f, {});
  assert.ok(Number.isNaN(attrs.nan.doubleValue));
  assert.equal(attrs.inf.doubleValue, Number.NEGATIVE_INFINITY);
});

test('hex ids: upper case decodes; non-ASCII look-alikes become zero bytes', () => {
  const span = makeFinishedSpan({ traceId: '0AF7651916CD43DD8448EB211C80319C', spanId: 'ａｂ' + 'a'.repeat(14) });
  const s = path(decoded(encodeOtlpProtobuf([span])), 'resourceSpans', 0, 'scopeSpans', 0, 'spans', 0);
  assert.equal(s.traceId, '0af7651916cd43dd8448eb211c80319c');
  assert.equal(s.spanId, '00' + 'a'.repeat(14));
});

test('one encoder reused across calls gives the same bytes as a fresh one', () => {
  const encoder = new OtlpProtobufEncoder(16);
  const big = [makeFinishedSpan({ attributes: { s: 'x'.repeat(5000) } })];
  const small = [makeFinishedSpan({ name: 'small' })];
  const first = encoder.encode(big);
  const second = encoder.encode(small);
  assert.deepEqual(second, new OtlpProtobufEncoder().encode(small));
  assert.deepEqual(first, new OtlpProtobufEncoder().encode(big), 'the result is a copy, not a view');
});

test("decodes to exactly what OpenTelemetry JS's serializer produces (fast-check)", () => {
  fc.assert(
    fc.property(fc.array(arbitrarySpan, { minLength: 1, maxLength: 6 }), (spans) => {
      assert.deepEqual(decoded(encodeOtlpProtobuf(spans)), decoded(otelBytes(spans)));
    }),
    { numRuns: 400 },
  );
});

test('matches OpenTelemetry JS for a fixed realistic span too (spot check of the comparison)', () => {
  const span = makeFinishedSpan({ attributes: { a: 1, b: 'two', c: [true, false] }, status: { code: SpanStatusCode.OK } });
  const ours = decoded(encodeOtlpProtobuf([span]));
  assert.deepEqual(ours, decoded(otelBytes([span])));
  assert.equal(path(ours, 'resourceSpans', 0, 'scopeSpans', 0, 'spans', 0, 'status', 'code'), 1);
});

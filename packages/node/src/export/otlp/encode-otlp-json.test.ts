import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { encodeOtlpJson } from './encode-otlp-json.js';
import { encodeOtlpProtobuf } from './encode-otlp-protobuf.js';
import { makeFinishedSpan } from '../test-support/make-finished-span.js';
import { decodeTraceRequest } from '../test-support/otlp-proto-decoder.js';
import { normalizeOtlpJson } from '../test-support/normalize-otlp-json.js';
import { arbitrarySpan } from '../test-support/arbitrary-spans.js';

test('follows the OTLP/JSON mapping: hex ids, string nanos, integer enums, camelCase names', () => {
  const span = makeFinishedSpan({
    name: 'GET /',
    kind: SpanKind.CLIENT,
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    parentSpanId: '00f067aa0ba902b7',
    parentSpanIsRemote: false,
    startTimeUnixMs: 1_700_000_000_000.5,
    endTimeUnixMs: 1_700_000_000_001.75,
    attributes: { n: 7, big: 2 ** 62, d: 1.5, b: true, s: 'x', a: [1, 2], inf: Number.POSITIVE_INFINITY, bytes: new Uint8Array([255, 0]) as unknown as string },
    events: [{ name: 'e', timeUnixMs: 1_700_000_000_001, attributes: {}, droppedAttributesCount: 0 }],
    status: { code: SpanStatusCode.ERROR, message: 'bad' },
  });
  const json = JSON.parse(encodeOtlpJson([span]).toString('utf8'));
  const s = json.resourceSpans[0].scopeSpans[0].spans[0];
  assert.deepEqual(s, {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    parentSpanId: '00f067aa0ba902b7',
    flags: 0x101,
    name: 'GET /',
    kind: 3,
    startTimeUnixNano: '1700000000000500000',
    endTimeUnixNano: '1700000000001750000',
    attributes: [
      { key: 'n', value: { intValue: '7' } },
      { key: 'big', value: { intValue: '4611686018427387904' } },
      { key: 'd', value: { doubleValue: 1.5 } },
      { key: 'b', value: { boolValue: true } },
      { key: 's', value: { stringValue: 'x' } },
      { key: 'a', value: { arrayValue: { values: [{ intValue: '1' }, { intValue: '2' }] } } },
      { key: 'inf', value: { doubleValue: 'Infinity' } },
      { key: 'bytes', value: { bytesValue: '/wA=' } },
    ],
    events: [{ timeUnixNano: '1700000000001000000', name: 'e' }],
    status: { message: 'bad', code: 2 },
  });
  assert.deepEqual(json.resourceSpans[0].resource, { attributes: [
    { key: 'service.name', value: { stringValue: 'test-service' } },
    { key: 'host.name', value: { stringValue: 'box' } },
  ] });
  assert.deepEqual(json.resourceSpans[0].scopeSpans[0].scope, { name: 'test-scope', version: '1.2.3' });
});

test('carries the same data as the protobuf encoding (fast-check)', () => {
  fc.assert(
    fc.property(fc.array(arbitrarySpan, { minLength: 1, maxLength: 5 }), (spans) => {
      const fromJson = normalizeOtlpJson(JSON.parse(encodeOtlpJson(spans).toString('utf8')));
      assert.deepEqual(fromJson, decodeTraceRequest(encodeOtlpProtobuf(spans)));
    }),
    { numRuns: 300 },
  );
});

test('an empty batch is an empty resourceSpans list', () => {
  assert.equal(encodeOtlpJson([]).toString(), '{"resourceSpans":[]}');
});

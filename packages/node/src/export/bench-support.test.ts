import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRealisticSpans, measureOtlpEncodeCost } from './bench-support.js';
import { encodeOtlpProtobuf } from './otlp/encode-otlp-protobuf.js';
import { decodeTraceRequest } from './test-support/otlp-proto-decoder.js';

test('realistic spans: 10 attributes each, an event in every 10th, one resource and scope', () => {
  const spans = makeRealisticSpans(20);
  assert.equal(spans.length, 20);
  assert.ok(spans.every((s) => Object.keys(s.attributes).length === 10));
  assert.equal(spans.filter((s) => s.events.length === 1).length, 2);
  assert.ok(spans.every((s) => s.resource === spans[0]!.resource && s.scope === spans[0]!.scope));
  const decoded = decodeTraceRequest(encodeOtlpProtobuf(spans)) as any;
  assert.equal(decoded.resourceSpans.length, 1);
  assert.equal(decoded.resourceSpans[0].scopeSpans[0].spans.length, 20);
});

test('measureOtlpEncodeCost reports a per-span cost', () => {
  const { nsPerSpan } = measureOtlpEncodeCost(makeRealisticSpans(10), 5);
  assert.ok(Number.isFinite(nsPerSpan) && nsPerSpan > 0);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { jaegerBatchArb, jaegerResourceArb, jaegerSpanArb } from './jaeger-arbitraries.js';
import { decodeJaegerProtoPostSpans } from './decode-jaeger-proto.js';
import { decodeJaegerAgentDatagram, decodeJaegerThriftBatch } from './decode-jaeger-thrift.js';
import { encodeJaegerProtoPostSpans } from './encode-jaeger-proto.js';
import { encodeJaegerAgentDatagram, encodeJaegerThriftBatch } from './encode-jaeger-thrift.js';

const RUNS = { numRuns: 300 };

test('Thrift Batch (binary): random Jaeger-expressible spans → encode → decode → equal (property)', () => {
  fc.assert(
    fc.property(jaegerBatchArb, (spans) => {
      assert.deepEqual(decodeJaegerThriftBatch(encodeJaegerThriftBatch(spans, 'binary')), spans);
    }),
    RUNS,
  );
});

test('agent emitBatch datagram, compact and binary: encode → decode → equal (property)', () => {
  fc.assert(
    fc.property(jaegerBatchArb, fc.constantFrom('binary' as const, 'compact' as const), (spans, protocol) => {
      const decoded = decodeJaegerAgentDatagram(encodeJaegerAgentDatagram(spans, protocol));
      assert.deepEqual(decoded, spans);
      // one Resource object for the whole batch
      assert.equal(new Set(decoded.map((s) => s.resource)).size, 1);
    }),
    RUNS,
  );
});

test('protobuf PostSpansRequest: encode → decode → equal, spans of other processes carrying their own (property)', () => {
  const twoProcesses = fc
    .tuple(jaegerResourceArb, jaegerResourceArb)
    .chain(([a, b]) => fc.array(fc.oneof(jaegerSpanArb(a), jaegerSpanArb(b)), { minLength: 1, maxLength: 6 }));
  fc.assert(
    fc.property(twoProcesses, (spans) => {
      const decoded = decodeJaegerProtoPostSpans(encodeJaegerProtoPostSpans(spans));
      assert.deepEqual(decoded, spans);
      // spans of one process share one Resource object, whether it came from the batch or the span
      assert.equal(new Set(decoded.map((s) => s.resource)).size, new Set(spans.map((s) => s.resource)).size);
    }),
    RUNS,
  );
});

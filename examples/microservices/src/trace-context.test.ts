import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newSpanId, newTraceId, traceparent } from './trace-context.js';

test('ids have the W3C sizes and a traceparent is a sampled version-00 header', () => {
  const traceId = newTraceId();
  const spanId = newSpanId();
  assert.match(traceId, /^[0-9a-f]{32}$/);
  assert.match(spanId, /^[0-9a-f]{16}$/);
  assert.notEqual(newTraceId(), traceId);
  assert.equal(traceparent(traceId, spanId), `00-${traceId}-${spanId}-01`);
});

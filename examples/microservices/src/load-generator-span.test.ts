import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadGeneratorSpanJson } from './load-generator-span.js';

const base = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', url: 'http://127.0.0.1:5001/', startMs: 1_700_000_000_123.456, endMs: 1_700_000_002_000 };

test('loadGeneratorSpanJson: one OTLP client span with the ids, exact nanosecond times and the status', () => {
  const body = JSON.parse(loadGeneratorSpanJson({ ...base, status: 200 }));
  const rs = body.resourceSpans[0];
  assert.deepEqual(rs.resource.attributes, [{ key: 'service.name', value: { stringValue: 'load-generator' } }]);
  const span = rs.scopeSpans[0].spans[0];
  assert.equal(span.traceId, base.traceId);
  assert.equal(span.spanId, base.spanId);
  assert.equal(span.kind, 3);
  assert.equal(span.startTimeUnixNano, '1700000000123456000');
  assert.equal(span.endTimeUnixNano, '1700000002000000000');
  assert.deepEqual(span.status, { code: 0 });
  assert.deepEqual(span.attributes.find((a: { key: string }) => a.key === 'http.response.status_code').value, { intValue: '200' });
});

test('loadGeneratorSpanJson: 5xx and no answer at all are errors', () => {
  assert.deepEqual(JSON.parse(loadGeneratorSpanJson({ ...base, status: 500 })).resourceSpans[0].scopeSpans[0].spans[0].status, { code: 2, message: 'HTTP 500' });
  const span = JSON.parse(loadGeneratorSpanJson({ ...base, status: undefined, error: 'ECONNREFUSED' })).resourceSpans[0].scopeSpans[0].spans[0];
  assert.deepEqual(span.status, { code: 2, message: 'ECONNREFUSED' });
  assert.equal(span.attributes.some((a: { key: string }) => a.key === 'http.response.status_code'), false);
  assert.deepEqual(span.attributes.find((a: { key: string }) => a.key === 'error.type').value, { stringValue: 'ECONNREFUSED' });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attr, makeSpan, str, StatusCode, type Resource } from '@skein/model';
import { summarizeTrace } from './trace-summary.js';

const res = (service: string): Resource => ({ attributes: [attr('service.name', str(service))], droppedAttributesCount: 0 });
const T = 'ab'.repeat(16);

test('root, duration over all spans, errors and spans per service', () => {
  const spans = [
    makeSpan({ traceId: T, spanId: '2'.repeat(16), parentSpanId: '1'.repeat(16), name: 'child', startTimeUnixNano: 150n, endTimeUnixNano: 900n, resource: res('b'), status: { code: StatusCode.ERROR, message: 'x' } }),
    makeSpan({ traceId: T, spanId: '1'.repeat(16), name: 'root', startTimeUnixNano: 100n, endTimeUnixNano: 500n, resource: res('a') }),
    makeSpan({ traceId: T, spanId: '3'.repeat(16), parentSpanId: '1'.repeat(16), name: 'child2', startTimeUnixNano: 200n, endTimeUnixNano: 300n, resource: res('b') }),
  ];
  assert.deepEqual(summarizeTrace(spans), {
    traceId: T,
    rootServiceName: 'a',
    rootName: 'root',
    startTimeUnixNano: '100',
    durationNanos: '800',
    spanCount: 3,
    errorCount: 1,
    services: [
      { name: 'b', spanCount: 2 },
      { name: 'a', spanCount: 1 },
    ],
  });
});

test('a trace whose root has not arrived uses the earliest orphan; 64-bit ids shown short', () => {
  const t64 = '0'.repeat(16) + 'cd'.repeat(8);
  const spans = [
    makeSpan({ traceId: t64, traceIdHigh64Absent: true, spanId: '5'.repeat(16), parentSpanId: '9'.repeat(16), name: 'late', startTimeUnixNano: 300n, endTimeUnixNano: 400n }),
    makeSpan({ traceId: t64, traceIdHigh64Absent: true, spanId: '4'.repeat(16), parentSpanId: '9'.repeat(16), name: 'early', startTimeUnixNano: 200n, endTimeUnixNano: 250n }),
  ];
  const s = summarizeTrace(spans);
  assert.equal(s.rootName, 'early');
  assert.equal(s.traceId, 'cd'.repeat(8));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DemoReport } from './demo-report.js';

const req = (status: number | undefined, ms: number, error?: string) => ({ traceId: 't', spanId: 's', url: 'u', startMs: 1000, endMs: 1000 + ms, status, ...(error ? { error } : {}) });

test('DemoReport: ok and failed counts, failures by cause, the slowest request', () => {
  const report = new DemoReport();
  assert.equal(report.summaryIfChanged(), undefined);
  report.add(req(200, 2010.4));
  assert.equal(report.summary(), '1 request: 1 ok, 0 failed, slowest 2010 ms');
  report.add(req(500, 30));
  report.add(req(500, 40));
  report.add(req(undefined, 5, 'ECONNREFUSED'));
  assert.equal(report.summaryIfChanged(), '4 requests: 1 ok, 3 failed (HTTP 500: 2, ECONNREFUSED: 1), slowest 2010 ms');
  assert.equal(report.summaryIfChanged(), undefined, 'nothing new, nothing printed');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ZipkinSpanExporter, zipkinOptionsFromEnv, DEFAULT_ZIPKIN_URL } from './zipkin-exporter.js';
import { toZipkinSpan } from './to-zipkin-span.js';
import { makeFinishedSpans } from '../test-support/make-finished-span.js';
import { startCaptureServer } from '../test-support/capture-server.js';
import { captureDiag } from '../test-support/capture-diag.js';

test('POSTs a Zipkin v2 JSON list', async () => {
  const server = await startCaptureServer([{ status: 202 }]);
  const exporter = new ZipkinSpanExporter({ url: `${server.origin}/api/v2/spans`, headers: { 'x-api-key': 'k' } });
  const spans = makeFinishedSpans(2);
  assert.deepEqual(await exporter.export(spans), { ok: true });
  const request = server.requests[0]!;
  assert.equal(request.path, '/api/v2/spans');
  assert.equal(request.headers['content-type'], 'application/json');
  assert.equal(request.headers['x-api-key'], 'k');
  assert.deepEqual(JSON.parse(request.body.toString()), spans.map((s) => toZipkinSpan(s, 'unknown_service:node')));
  await exporter.shutdown();
  await server.close();
});

test('a rejected request fails the export without throwing', async () => {
  const server = await startCaptureServer([{ status: 400, body: 'nope' }]);
  const exporter = new ZipkinSpanExporter({ url: `${server.origin}/api/v2/spans` });
  await captureDiag(async () => {
    const result = await exporter.export(makeFinishedSpans(1));
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.retryable, false);
  });
  await exporter.shutdown();
  assert.equal((await exporter.export(makeFinishedSpans(1))).ok, false, 'refuses after shutdown');
  await server.close();
});

test('options from OTEL_EXPORTER_ZIPKIN_*', () => {
  assert.deepEqual(zipkinOptionsFromEnv({}), { url: DEFAULT_ZIPKIN_URL, timeoutMillis: 10000 });
  assert.deepEqual(
    zipkinOptionsFromEnv({ OTEL_EXPORTER_ZIPKIN_ENDPOINT: 'http://zipkin:9411/api/v2/spans', OTEL_EXPORTER_ZIPKIN_TIMEOUT: '2500' }),
    { url: 'http://zipkin:9411/api/v2/spans', timeoutMillis: 2500 },
  );
  const warnings = captureDiag(() => {
    assert.deepEqual(
      zipkinOptionsFromEnv({ OTEL_EXPORTER_ZIPKIN_ENDPOINT: 'zipkin:9411', OTEL_EXPORTER_ZIPKIN_TIMEOUT: 'x' }),
      { url: DEFAULT_ZIPKIN_URL, timeoutMillis: 10000 },
    );
  });
  assert.equal(warnings.length, 2);
});

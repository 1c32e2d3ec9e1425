import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OtlpHttpSpanExporter, SKEIN_USER_AGENT } from './otlp-http-exporter.js';
import { makeFinishedSpans } from '../test-support/make-finished-span.js';
import { startCaptureServer } from '../test-support/capture-server.js';
import { decodeTraceRequest } from '../test-support/otlp-proto-decoder.js';
import { normalizeOtlpJson } from '../test-support/normalize-otlp-json.js';
import { captureDiag } from '../test-support/capture-diag.js';
import { encodeOtlpProtobuf } from './encode-otlp-protobuf.js';

const FAST_RETRY = { initialBackoffMillis: 5, maxBackoffMillis: 20 };

before(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});
after(() => {
  context.disable();
});

test('POSTs an OTLP protobuf body to the configured URL', async () => {
  const server = await startCaptureServer();
  const exporter = new OtlpHttpSpanExporter({ url: `${server.origin}/v1/traces` });
  const spans = makeFinishedSpans(3);
  const result = await exporter.export(spans);
  assert.deepEqual(result, { ok: true });
  const [request] = server.requests;
  assert.equal(request!.method, 'POST');
  assert.equal(request!.path, '/v1/traces');
  assert.equal(request!.headers['content-type'], 'application/x-protobuf');
  assert.equal(request!.headers['user-agent'], SKEIN_USER_AGENT);
  assert.equal(request!.headers['content-encoding'], undefined);
  assert.deepEqual(decodeTraceRequest(request!.body), decodeTraceRequest(encodeOtlpProtobuf(spans)));
  await exporter.shutdown();
  await server.close();
});

test('consecutive and concurrent exports each send their own spans', async () => {
  const server = await startCaptureServer();
  const exporter = new OtlpHttpSpanExporter({ url: `${server.origin}/v1/traces` });
  const batches = [makeFinishedSpans(40), makeFinishedSpans(3), makeFinishedSpans(25)];
  for (const batch of batches) assert.deepEqual(await exporter.export(batch), { ok: true });
  const concurrent = await Promise.all([exporter.export(batches[2]!), exporter.export(batches[1]!)]);
  assert.deepEqual(concurrent, [{ ok: true }, { ok: true }]);
  const sent = server.requests.map((request) => decodeTraceRequest(request.body));
  const expected = [...batches, batches[2]!, batches[1]!].map((batch) => decodeTraceRequest(encodeOtlpProtobuf(batch)));
  assert.deepEqual(sent, expected);
  await exporter.shutdown();
  await server.close();
});

test('http/json sends OTLP/JSON', async () => {
  const server = await startCaptureServer();
  const exporter = new OtlpHttpSpanExporter({ url: `${server.origin}/v1/traces`, protocol: 'http/json' });
  const spans = makeFinishedSpans(2);
  assert.equal((await exporter.export(spans)).ok, true);
  const request = server.requests[0]!;
  assert.equal(request.headers['content-type'], 'application/json');
  const json = JSON.parse(request.body.toString('utf8'));
  assert.deepEqual(normalizeOtlpJson(json), decodeTraceRequest(encodeOtlpProtobuf(spans)));
  await exporter.shutdown();
  await server.close();
});

test('gzip compression and headers from the environment', async () => {
  const server = await startCaptureServer();
  const exporter = OtlpHttpSpanExporter.fromEnv({
    OTEL_EXPORTER_OTLP_ENDPOINT: server.origin,
    OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip',
    OTEL_EXPORTER_OTLP_HEADERS: 'x-honeycomb-team=secret%20key, X-Other = 1',
    OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-other=2',
  });
  const spans = makeFinishedSpans(2);
  assert.equal((await exporter.export(spans)).ok, true);
  const request = server.requests[0]!;
  assert.equal(request.path, '/v1/traces');
  assert.equal(request.headers['content-encoding'], 'gzip');
  assert.notDeepEqual(request.rawBody, request.body, 'the body on the wire is compressed');
  assert.equal(request.headers['x-honeycomb-team'], 'secret key');
  assert.equal(request.headers['x-other'], '2', 'the traces-specific header wins');
  assert.deepEqual(decodeTraceRequest(request.body), decodeTraceRequest(encodeOtlpProtobuf(spans)));
  await exporter.shutdown();
  await server.close();
});

test('retries 503 after the Retry-After the server asked for', async () => {
  const server = await startCaptureServer([{ status: 503, headers: { 'retry-after': '0' } }, { status: 503 }, { status: 200 }]);
  const exporter = new OtlpHttpSpanExporter({ url: `${server.origin}/v1/traces`, retry: FAST_RETRY });
  const result = await exporter.export(makeFinishedSpans(1));
  assert.deepEqual(result, { ok: true });
  assert.equal(server.requests.length, 3);
  assert.deepEqual(server.requests[0]!.body, server.requests[2]!.body, 'the same body is resent');
  await exporter.shutdown();
  await server.close();
});

test('retries 429, 502, 504 and network errors', async () => {
  const server = await startCaptureServer([{ status: 429 }, { status: 502 }, { status: 504 }, { status: 0, hangUp: true }, { status: 202 }]);
  const exporter = new OtlpHttpSpanExporter({ url: `${server.origin}/v1/traces`, retry: FAST_RETRY });
  assert.deepEqual(await exporter.export(makeFinishedSpans(1)), { ok: true });
  assert.equal(server.requests.length, 5);
  await exporter.shutdown();
  await server.close();
});

// The test's own timeout is far below the exporter's: waiting out the timeout would fail it.
test('a Retry-After beyond the timeout gives up at once, marked retryable', { timeout: 20_000 }, async () => {
  const server = await startCaptureServer([{ status: 503, headers: { 'retry-after': '3600' } }]);
  const exporter = new OtlpHttpSpanExporter({ url: `${server.origin}/v1/traces`, timeoutMillis: 600_000 });
  const result = await captureDiag(async () => {
    const r = await exporter.export(makeFinishedSpans(1));
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.retryable, true);
    assert.match(!r.ok ? r.error.message : '', /HTTP 503/);
  });
  assert.equal(server.requests.length, 1);
  assert.equal(result.length, 1);
  await exporter.shutdown();
  await server.close();
});

test('400 fails at once without retry, with the server message', async () => {
  const server = await startCaptureServer([{ status: 400, body: 'bad span' }]);
  const exporter = new OtlpHttpSpanExporter({ url: `${server.origin}/v1/traces`, retry: FAST_RETRY });
  const warnings = await captureDiag(async () => {
    const result = await exporter.export(makeFinishedSpans(1));
    assert.deepEqual(result.ok, false);
    assert.equal(!result.ok && result.retryable, false);
    assert.equal(!result.ok && result.error.message, 'HTTP 400: bad span');
  });
  assert.equal(server.requests.length, 1);
  assert.match(warnings[0]!, /failed: HTTP 400/);
  await exporter.shutdown();
  await server.close();
});

test('the timeout bounds the whole export, retries included', async () => {
  const server = await startCaptureServer([{ status: 0, stall: true }]);
  const exporter = new OtlpHttpSpanExporter({ url: `${server.origin}/v1/traces`, timeoutMillis: 100, retry: FAST_RETRY });
  await captureDiag(async () => {
    const result = await exporter.export(makeFinishedSpans(1));
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.error.message : '', /timed out after 100 ms/);
  });
  assert.equal(server.requests.length, 1);
  await exporter.shutdown();
  await server.close();
});

test('gives up after the last attempt', async () => {
  const server = await startCaptureServer([{ status: 503 }]);
  const exporter = new OtlpHttpSpanExporter({ url: `${server.origin}/v1/traces`, retry: { ...FAST_RETRY, maxAttempts: 3 } });
  await captureDiag(async () => {
    const result = await exporter.export(makeFinishedSpans(1));
    assert.equal(result.ok, false);
  });
  assert.equal(server.requests.length, 3);
  await exporter.shutdown();
  await server.close();
});

test('logs a partial success from a protobuf or JSON response', async () => {
  // ExportTraceServiceResponse { partial_success { rejected_spans: 2, error_message: "too old" } }
  const protobufBody = Buffer.from([0x0a, 0x0b, 0x08, 0x02, 0x12, 0x07, ...Buffer.from('too old')]);
  const server = await startCaptureServer([
    { status: 200, headers: { 'content-type': 'application/x-protobuf' }, body: protobufBody },
    { status: 200, headers: { 'content-type': 'application/json' }, body: '{"partialSuccess":{"rejectedSpans":"1","errorMessage":"dup"}}' },
    { status: 200, headers: { 'content-type': 'application/json' }, body: '{"partialSuccess":{}}' },
  ]);
  const exporter = new OtlpHttpSpanExporter({ url: `${server.origin}/v1/traces` });
  const warnings = await captureDiag(async () => {
    for (let i = 0; i < 3; i++) assert.deepEqual(await exporter.export(makeFinishedSpans(3)), { ok: true });
  });
  assert.deepEqual(warnings, [
    'OTLP exporter: the server rejected 2 of 3 spans: too old',
    'OTLP exporter: the server rejected 1 of 3 spans: dup',
  ]);
  await exporter.shutdown();
  await server.close();
});

test('a refused connection fails (retryable) instead of throwing', async () => {
  const server = await startCaptureServer();
  const url = `${server.origin}/v1/traces`;
  await server.close();
  const exporter = new OtlpHttpSpanExporter({ url, timeoutMillis: 200, retry: FAST_RETRY });
  await captureDiag(async () => {
    const result = await exporter.export(makeFinishedSpans(1));
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.retryable, true);
  });
  await exporter.shutdown();
});

test('the exporter’s requests run with tracing suppressed', async () => {
  const { isTracingSuppressed } = await import('../suppress-tracing.js');
  const { channel } = await import('node:diagnostics_channel');
  const seen: boolean[] = [];
  const onStart = (): void => { seen.push(isTracingSuppressed(context.active())); };
  channel('http.client.request.start').subscribe(onStart);
  const server = await startCaptureServer();
  const exporter = new OtlpHttpSpanExporter({ url: `${server.origin}/v1/traces` });
  await exporter.export(makeFinishedSpans(1));
  channel('http.client.request.start').unsubscribe(onStart);
  assert.deepEqual(seen, [true]);
  await exporter.shutdown();
  await server.close();
});

test('after shutdown, exports fail without a request', async () => {
  const server = await startCaptureServer();
  const exporter = new OtlpHttpSpanExporter({ url: `${server.origin}/v1/traces` });
  await exporter.shutdown();
  await exporter.shutdown();
  const result = await exporter.export(makeFinishedSpans(1));
  assert.equal(result.ok, false);
  assert.equal(server.requests.length, 0);
  await server.close();
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { readWireFixture } from '@skein/testkit';
import { getJson, startTestSkein } from './harness.js';

const NOW_US = Date.now() * 1000;
const zipkinSpan = (over: Record<string, unknown> = {}) => ({ traceId: 'a1b2c3d4e5f60718a1b2c3d4e5f60718', id: 'a1b2c3d4e5f60718', name: 'ok-span', timestamp: NOW_US, duration: 1500, localEndpoint: { serviceName: 'bad-input-test' }, ...over });
const otlpJsonSpan = (over: Record<string, unknown> = {}) => ({ traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', name: 'ok-span', kind: 2, startTimeUnixNano: String(BigInt(NOW_US) * 1000n), endTimeUnixNano: String(BigInt(NOW_US) * 1000n + 1000n), ...over });
const otlpJson = (spans: unknown[]) => JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'bad-input-otlp' } }] }, scopeSpans: [{ spans }] }] });

/**
 * Every kind of bad input gets a clear, coded error; valid spans next to bad ones are kept; and
 * the server keeps serving afterwards.
 */
describe('bad input never crashes Skein and loses nothing else', () => {
  let skein: Awaited<ReturnType<typeof startTestSkein>>;
  before(async () => {
    skein = await startTestSkein({ 'max-body-size': '64KiB', 'max-attribute-length': '1000' });
  });
  after(() => skein.stop());

  const otlp = (body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) => fetch(`${skein.urls.otlpHttp}/v1/traces`, { method: 'POST', headers, body });
  const zipkin = (body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) => fetch(`${skein.urls.zipkin}/api/v2/spans`, { method: 'POST', headers, body });
  const errorCode = async (res: Response): Promise<string> => {
    const body = (await res.json()) as { error?: { code: string }; message?: string };
    return body.error?.code ?? body.message!.split(':')[0]!;
  };

  test('malformed bodies: 400 with SKEIN_ERR_MALFORMED_*', async () => {
    let res = await otlp('{"resourceSpans": [', { 'content-type': 'application/json' });
    assert.equal(res.status, 400);
    assert.equal(await errorCode(res), 'SKEIN_ERR_MALFORMED_JSON');
    res = await otlp(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]), { 'content-type': 'application/x-protobuf' });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('content-type'), 'application/x-protobuf', 'protobuf clients get a google.rpc.Status');
    assert.match(Buffer.from(await res.arrayBuffer()).toString('latin1'), /SKEIN_ERR_MALFORMED_PROTOBUF/);
    res = await zipkin('[{"traceId": ');
    assert.equal(res.status, 400);
    assert.equal(await errorCode(res), 'SKEIN_ERR_MALFORMED_JSON');
    res = await zipkin('{"not":"a list"}');
    assert.equal(res.status, 400);
    assert.equal(await errorCode(res), 'SKEIN_ERR_INVALID_PAYLOAD');
  });

  test('wrong content types and encodings: 415', async () => {
    let res = await otlp('hello', { 'content-type': 'text/html' });
    assert.equal(res.status, 415);
    assert.equal(await errorCode(res), 'SKEIN_ERR_UNSUPPORTED_MEDIA_TYPE');
    res = await zipkin('[]', { 'content-type': 'application/xml' });
    assert.equal(res.status, 415);
    res = await otlp('{}', { 'content-type': 'application/json', 'content-encoding': 'snappy' });
    assert.equal(res.status, 415);
    assert.equal(await errorCode(res), 'SKEIN_ERR_UNSUPPORTED_ENCODING');
    res = await zipkin(Buffer.from('not gzip at all'), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    assert.equal(res.status, 400);
    assert.equal(await errorCode(res), 'SKEIN_ERR_BAD_COMPRESSION');
  });

  test('invalid ids and absurd timestamps reject only those spans (OTLP partial success)', async () => {
    const res = await otlp(
      otlpJson([
        otlpJsonSpan(),
        otlpJsonSpan({ spanId: '0000000000000000', name: 'zero-span-id' }),
        otlpJsonSpan({ traceId: 'abcd', name: 'short-trace-id' }),
        otlpJsonSpan({ spanId: 'eee19b7ec3c1b175', name: 'year-1970', startTimeUnixNano: '1000', endTimeUnixNano: '2000' }),
        otlpJsonSpan({ spanId: 'eee19b7ec3c1b176', name: 'year-2500', startTimeUnixNano: '16725225600000000000', endTimeUnixNano: '16725225600000000001' }),
      ]),
    );
    assert.equal(res.status, 200);
    const body = (await res.json()) as { partialSuccess: { rejectedSpans: string; errorMessage: string } };
    assert.equal(Number(body.partialSuccess.rejectedSpans), 4);
    for (const code of ['SKEIN_ERR_INVALID_SPAN_ID', 'SKEIN_ERR_INVALID_TRACE_ID', 'SKEIN_ERR_INVALID_TIMESTAMP']) assert.match(body.partialSuccess.errorMessage, new RegExp(code));
    const kept = await getJson<{ spans: Array<{ name: string }> }>(`${skein.urls.query}/api/skein/traces/5b8efff798038103d269b633813fc60c`);
    assert.deepEqual(kept.body.spans.map((s) => s.name), ['ok-span']);
  });

  test('Zipkin: bad spans are reported, good ones kept; all bad is a 400', async () => {
    let res = await zipkin(JSON.stringify([zipkinSpan(), zipkinSpan({ id: 'zzzz', name: 'bad-id' })]));
    assert.equal(res.status, 202);
    const body = (await res.json()) as { accepted: number; rejected: number; message: string };
    assert.deepEqual([body.accepted, body.rejected], [1, 1]);
    assert.match(body.message, /SKEIN_ERR_INVALID_SPAN_ID/);
    res = await zipkin(JSON.stringify([zipkinSpan({ traceId: '00000000000000000000000000000000' })]));
    assert.equal(res.status, 400);
    assert.equal(await errorCode(res), 'SKEIN_ERR_NO_SPANS_ACCEPTED');
  });

  test('oversized bodies: 413 by declared length, by streamed length, and after decompression', async () => {
    const big = Buffer.alloc(100 * 1024, 0x20);
    let res = await zipkin(big);
    assert.equal(res.status, 413);
    assert.equal(await errorCode(res), 'SKEIN_ERR_BODY_TOO_LARGE');
    // A small gzip body that inflates past the limit.
    res = await zipkin(gzipSync(Buffer.from(`[${JSON.stringify(zipkinSpan({ name: 'x'.repeat(200 * 1024) }))}]`)), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    assert.equal(res.status, 413);
  });

  test('a gzip bomb (1 GiB of zeros in ~1 MiB) is refused with bounded memory', async () => {
    const chunk = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: 16 }, () => chunk)); // concatenated gzip members: 1 GiB inflated
    const rssBefore = process.memoryUsage().rss;
    const res = await otlp(bomb, { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' });
    assert.equal(res.status, 413);
    const grew = process.memoryUsage().rss - rssBefore;
    assert.ok(grew < 256 * 1024 * 1024, `memory grew by ${Math.round(grew / 1e6)} MB`);
  });

  test('deep nesting: 400 SKEIN_ERR_TOO_DEEP, not a stack overflow', async () => {
    const deep = '['.repeat(30_000) + ']'.repeat(30_000); // under the 64 KiB body limit
    let res = await zipkin(deep);
    assert.equal(res.status, 400);
    assert.equal(await errorCode(res), 'SKEIN_ERR_TOO_DEEP');
    let value = '{"stringValue":"leaf"}';
    for (let i = 0; i < 200; i++) value = `{"arrayValue":{"values":[${value}]}}`;
    res = await otlp(otlpJson([otlpJsonSpan({ attributes: [{ key: 'deep', value: JSON.parse(value) }] })]));
    assert.equal(res.status, 400);
    assert.equal(await errorCode(res), 'SKEIN_ERR_TOO_DEEP');
  });

  test('huge attribute values are truncated and said so; the span is kept', async () => {
    const res = await otlp(otlpJson([otlpJsonSpan({ spanId: 'eee19b7ec3c1b199', name: 'huge', attributes: [{ key: 'blob', value: { stringValue: 'y'.repeat(50_000) } }] })]));
    assert.equal(res.status, 200);
    const body = (await res.json()) as { partialSuccess: { rejectedSpans?: string; errorMessage: string } };
    assert.equal(Number(body.partialSuccess.rejectedSpans ?? 0), 0);
    assert.match(body.partialSuccess.errorMessage, /1 value\(s\) longer than 1000 characters were truncated/);
    const trace = await getJson<{ spans: Array<{ name: string; attributes: Array<{ key: string; value: string }> }> }>(`${skein.urls.query}/api/skein/traces/5b8efff798038103d269b633813fc60c`);
    const huge = trace.body.spans.find((s) => s.name === 'huge')!;
    assert.equal(huge.attributes.find((a) => a.key === 'blob')!.value.length, 1000);
  });

  test('after all that, the server is healthy and still ingests the real fixtures', async () => {
    assert.equal((await fetch(`${skein.urls.query}/readyz`)).status, 200);
    const res = await otlp(readWireFixture('otel-otlp-proto.bin'), { 'content-type': 'application/x-protobuf' });
    assert.equal(res.status, 200);
    const metrics = await (await fetch(`${skein.urls.query}/metrics`)).text();
    assert.match(metrics, /skein_spans_rejected_total\{receiver="otlp-http",reason="SKEIN_ERR_INVALID_TIMESTAMP"\} 2/);
    assert.match(metrics, /skein_receiver_requests_total\{receiver="otlp-http",outcome="SKEIN_ERR_MALFORMED_JSON"\} 1/);
  });
});

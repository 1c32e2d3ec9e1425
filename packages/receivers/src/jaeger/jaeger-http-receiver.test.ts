import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { StatusCode, findAttribute, makeSpan, serviceNameOf, str } from '@skein/model';
import { readWireFixture, manifestEntry } from '@skein/testkit';
import { encodeJaegerThriftBatch } from '@skein/wire';
import { memoryPipeline } from '../test-support/memory-pipeline.js';
import { JAEGER_THRIFT_HTTP_RECEIVER, jaegerHttpReceiver } from './jaeger-http-receiver.js';

const MAX_BODY = 64 * 1024;
const THRIFT = { 'content-type': 'application/x-thrift' };
const nowMicros = () => BigInt(Date.now()) * 1000n;
const resource = Object.freeze({ attributes: Object.freeze([{ key: 'service.name', value: str('svc') }]), droppedAttributesCount: 0 });

/** A binary-Thrift batch of spans with the given span ids ('' for an invalid all-zero id). */
function batchOf(...spanIds: string[]): Buffer {
  const start = nowMicros() * 1000n;
  const spans = spanIds.map((id, i) => makeSpan({ traceId: '00000000000000000000000000c0ffee', traceIdHigh64Absent: true, spanId: id || '0000000000000000', name: `op${i}`, startTimeUnixNano: start, endTimeUnixNano: start + 5_000n, resource }));
  return Buffer.from(encodeJaegerThriftBatch(spans, 'binary'));
}

describe('Jaeger Thrift HTTP receiver (POST /api/traces)', () => {
  let app: FastifyInstance;
  let ctx: ReturnType<typeof memoryPipeline>;
  before(async () => {
    ctx = memoryPipeline();
    app = Fastify();
    await app.register(jaegerHttpReceiver, { pipeline: ctx.pipeline, maxBodyBytes: MAX_BODY, observer: ctx.observer });
    await app.ready();
  });
  after(async () => {
    await app.close();
    await ctx.pipeline.close();
  });

  it('stores the real jaeger-client batch (fixture jaeger-http.bin) and answers 202 with no body', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/traces', headers: THRIFT, payload: readWireFixture('jaeger-http.bin') });
    assert.equal(res.statusCode, 202);
    assert.equal(res.body, '');
    const m = manifestEntry('jaeger-http.bin');
    const stored = await ctx.store.getTrace(m.traceId.padStart(32, '0'));
    assert.ok(stored);
    const spans = ['GET /', 'call_api_03'].map((name) => stored.find((s) => s.name === name)!);
    assert.equal(stored.length, 2);
    assert.ok(spans[0] && spans[1]);
    assert.equal(serviceNameOf(spans[0]!.resource), 'api-02');
    assert.equal(spans[1]!.parentSpanId, spans[0]!.spanId);
    assert.equal(spans[1]!.status.code, StatusCode.ERROR);
    assert.deepEqual(findAttribute(spans[1]!.attributes, 'peer.service'), str('api-03'));
    assert.deepEqual(ctx.outcomes.at(-1), [JAEGER_THRIFT_HTTP_RECEIVER, 'ok']);
  });

  it('takes application/vnd.apache.thrift.binary, ?format=jaeger.thrift, and gzip', async () => {
    let res = await app.inject({ method: 'POST', url: '/api/traces', headers: { 'content-type': 'application/vnd.apache.thrift.binary' }, payload: batchOf('0000000000000001') });
    assert.equal(res.statusCode, 202);
    res = await app.inject({ method: 'POST', url: '/api/traces?format=jaeger.thrift', headers: { 'content-type': 'application/x-thrift; charset=binary' }, payload: batchOf('0000000000000002') });
    assert.equal(res.statusCode, 202);
    res = await app.inject({ method: 'POST', url: '/api/traces?format=jaeger.thrift', headers: { 'content-type': 'application/octet-stream' }, payload: batchOf('0000000000000003') });
    assert.equal(res.statusCode, 202);
    res = await app.inject({ method: 'POST', url: '/api/traces', headers: { ...THRIFT, 'content-encoding': 'gzip' }, payload: gzipSync(batchOf('0000000000000004')) });
    assert.equal(res.statusCode, 202);
    const stored = await ctx.store.getTrace('00000000000000000000000000c0ffee');
    for (const id of ['0000000000000001', '0000000000000002', '0000000000000003', '0000000000000004']) assert.ok(stored?.some((s) => s.spanId === id), id);
  });

  it('answers 415 to other content types or formats', async () => {
    for (const [url, type] of [
      ['/api/traces', 'application/json'],
      ['/api/traces', 'application/octet-stream'],
      ['/api/traces?format=zipkin.thrift', 'application/x-thrift'],
    ]) {
      const res = await app.inject({ method: 'POST', url: url!, headers: { 'content-type': type! }, payload: batchOf('0000000000000005') });
      assert.equal(res.statusCode, 415, `${url} ${type}`);
      assert.equal(res.json().error.code, 'SKEIN_ERR_UNSUPPORTED_MEDIA_TYPE');
    }
    assert.deepEqual(ctx.outcomes.at(-1), [JAEGER_THRIFT_HTTP_RECEIVER, 'SKEIN_ERR_UNSUPPORTED_MEDIA_TYPE']);
  });

  it('answers 400 with a JSON error for bad or empty bodies, and bad compression', async () => {
    const cases: Array<[Buffer, Record<string, string>, string]> = [
      [Buffer.from('0c00010b0001000000ff', 'hex'), THRIFT, 'SKEIN_ERR_MALFORMED_THRIFT'],
      [Buffer.from('{"spans":[]}'), THRIFT, 'SKEIN_ERR_MALFORMED_THRIFT'],
      [Buffer.alloc(0), THRIFT, 'SKEIN_ERR_EMPTY_BODY'],
      [Buffer.from('not gzip'), { ...THRIFT, 'content-encoding': 'gzip' }, 'SKEIN_ERR_BAD_COMPRESSION'],
    ];
    for (const [payload, headers, code] of cases) {
      const res = await app.inject({ method: 'POST', url: '/api/traces', headers, payload });
      assert.equal(res.statusCode, 400, code);
      assert.equal(res.json().error.code, code);
      assert.match(res.json().error.message, /\S/);
    }
  });

  it('answers 413 past the limit, counted after decompression', async () => {
    const big = Buffer.alloc(MAX_BODY + 1);
    const res = await app.inject({ method: 'POST', url: '/api/traces', headers: { ...THRIFT, 'content-encoding': 'gzip' }, payload: gzipSync(big) });
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().error.code, 'SKEIN_ERR_BODY_TOO_LARGE');
  });

  it('keeps the valid spans when some are rejected: 202 with a JSON body saying which', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/traces', headers: THRIFT, payload: batchOf('00000000000000a1', '', '00000000000000a2') });
    assert.equal(res.statusCode, 202);
    const body = res.json() as { accepted: number; rejected: number; message: string };
    assert.equal(body.accepted, 2);
    assert.equal(body.rejected, 1);
    assert.match(body.message, /SKEIN_ERR_INVALID_SPAN_ID/);
    assert.match(body.message, /span 1 "op1"/);
    const stored = await ctx.store.getTrace('00000000000000000000000000c0ffee');
    assert.ok(stored?.some((s) => s.spanId === '00000000000000a2'));
    assert.deepEqual(ctx.outcomes.at(-1), [JAEGER_THRIFT_HTTP_RECEIVER, 'partial']);
  });

  it('answers 400 when no span could be kept', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/traces', headers: THRIFT, payload: batchOf('', '') });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'SKEIN_ERR_NO_SPANS_ACCEPTED');
  });
});

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { SpanKind, StatusCode, findAttribute, makeSpan, serviceNameOf, str, type Span } from '@skein/model';
import { readWireFixture, wireManifest } from '@skein/testkit';
import { encodeZipkinV1Json, encodeZipkinV1Thrift, encodeZipkinV2Proto, toZipkinV2Span } from '@skein/wire';
import { memoryPipeline } from '../test-support/memory-pipeline.js';
import { ZIPKIN_V1_JSON_RECEIVER, ZIPKIN_V1_THRIFT_RECEIVER, ZIPKIN_V2_JSON_RECEIVER, ZIPKIN_V2_PROTO_RECEIVER, zipkinHttpReceiver } from './zipkin-http-receiver.js';

const MAX_BODY = 64 * 1024;
const RECEIVER_OF: Record<string, string> = {
  'zipkin-v1-thrift': ZIPKIN_V1_THRIFT_RECEIVER,
  'zipkin-v1-json': ZIPKIN_V1_JSON_RECEIVER,
  'zipkin-v2-json': ZIPKIN_V2_JSON_RECEIVER,
};
const resource = Object.freeze({ attributes: Object.freeze([{ key: 'service.name', value: str('svc') }]), droppedAttributesCount: 0 });

/** One valid span of its own trace (so tests do not see each other's spans in the store). */
function spanOfTrace(n: number, over: Partial<Span> = {}): Span {
  const start = BigInt(Date.now()) * 1_000_000n;
  const traceId = `${n.toString(16).padStart(16, '0')}a1b2c3d4e5f60718`;
  return makeSpan({ traceId, spanId: '00000000000000a1', name: `op-${n}`, kind: SpanKind.SERVER, startTimeUnixNano: start, endTimeUnixNano: start + 5_000_000n, resource, ...over });
}
const v2Json = (spans: Span[]) => JSON.stringify(spans.map(toZipkinV2Span));

describe('Zipkin HTTP receiver (POST /api/v1/spans, POST /api/v2/spans)', () => {
  let app: FastifyInstance;
  let ctx: ReturnType<typeof memoryPipeline>;
  const post = (url: string, payload: string | Uint8Array, headers: Record<string, string> = {}) => app.inject({ method: 'POST', url, headers, payload: typeof payload === 'string' ? payload : Buffer.from(payload) });
  const stored = async (n: number) => ctx.store.getTrace(spanOfTrace(n).traceId);
  before(async () => {
    ctx = memoryPipeline();
    app = Fastify();
    await app.register(zipkinHttpReceiver, { pipeline: ctx.pipeline, maxBodyBytes: MAX_BODY, observer: ctx.observer });
    await app.ready();
  });
  after(async () => {
    await app.close();
    await ctx.pipeline.close();
  });

  for (const entry of wireManifest().filter((e) => e.protocol in RECEIVER_OF)) {
    it(`${entry.file}: sent as its client sent it, stored and readable, 202 with no body`, async () => {
      const { path, headers } = entry.transport;
      const res = await post(path!, readWireFixture(entry.file), { 'content-type': headers!['content-type']! });
      assert.equal(res.statusCode, 202, res.body);
      assert.equal(res.body, '');
      assert.deepEqual(ctx.outcomes.at(-1), [RECEIVER_OF[entry.protocol], 'ok']);
      const spans = await ctx.store.getTrace(entry.traceId.padStart(32, '0'));
      const names = new Set(spans.map((s) => s.name));
      const expected = entry.spans ?? wireManifest().find((e) => e.file === `${entry.sameAs}.bin`)!.spans!;
      assert.deepEqual([...names].sort(), expected.map((s) => s.name).sort());
      assert.deepEqual([...new Set(spans.map((s) => serviceNameOf(s.resource)))].sort(), [...entry.services!].sort());
      const byName = new Map(spans.map((s) => [s.name, s]));
      for (const want of expected) {
        const got = byName.get(want.name)!;
        assert.equal(got.parentSpanId, want.parent === null ? '' : byName.get(want.parent)!.spanId, `${entry.file} ${want.name}`);
      }
    });
  }

  it('zipkinjs-v1.bin: the v1 conversion reaches the store (kind, remote service, error status)', async () => {
    const spans = await ctx.store.getTrace('d79ead2d1bcde736f6fdad2dcc0f088f');
    const charge = spans.find((s) => s.name === 'post /charge');
    assert.ok(charge, 'stored by the fixture test above');
    assert.equal(charge.kind, SpanKind.CLIENT);
    assert.deepEqual(findAttribute(charge.attributes, 'peer.service'), str('payments'));
    assert.deepEqual(charge.status, { code: StatusCode.ERROR, message: 'card declined' });
  });

  it('v2 proto3 under application/x-protobuf and application/protobuf, gzip too', async () => {
    let res = await post('/api/v2/spans', encodeZipkinV2Proto([spanOfTrace(1)]), { 'content-type': 'application/x-protobuf' });
    assert.equal(res.statusCode, 202, res.body);
    assert.deepEqual(ctx.outcomes.at(-1), [ZIPKIN_V2_PROTO_RECEIVER, 'ok']);
    res = await post('/api/v2/spans', gzipSync(encodeZipkinV2Proto([spanOfTrace(2)])), { 'content-type': 'application/protobuf', 'content-encoding': 'gzip' });
    assert.equal(res.statusCode, 202, res.body);
    for (const n of [1, 2]) assert.deepEqual((await stored(n)).map((s) => s.name), [`op-${n}`]);
  });

  it('v1 Thrift gzip-compressed, and v1 JSON', async () => {
    let res = await post('/api/v1/spans', gzipSync(encodeZipkinV1Thrift([spanOfTrace(3)])), { 'content-type': 'application/x-thrift', 'content-encoding': 'gzip' });
    assert.equal(res.statusCode, 202, res.body);
    assert.deepEqual(ctx.outcomes.at(-1), [ZIPKIN_V1_THRIFT_RECEIVER, 'ok']);
    res = await post('/api/v1/spans', encodeZipkinV1Json([spanOfTrace(4)]), { 'content-type': 'application/json; charset=utf-8' });
    assert.equal(res.statusCode, 202, res.body);
    assert.deepEqual(ctx.outcomes.at(-1), [ZIPKIN_V1_JSON_RECEIVER, 'ok']);
    for (const n of [3, 4]) assert.deepEqual((await stored(n)).map((s) => [s.name, s.kind]), [[`op-${n}`, SpanKind.SERVER]]);
  });

  it('a missing or generic content type: the format is told from the bytes and counted as decoded', async () => {
    const cases: Array<[string, string | Uint8Array, string | undefined, string]> = [
      ['/api/v1/spans', encodeZipkinV1Thrift([spanOfTrace(10)]), 'application/octet-stream', ZIPKIN_V1_THRIFT_RECEIVER],
      ['/api/v1/spans', encodeZipkinV1Thrift([spanOfTrace(11)]), undefined, ZIPKIN_V1_THRIFT_RECEIVER],
      ['/api/v1/spans', encodeZipkinV1Json([spanOfTrace(12)]), 'text/plain', ZIPKIN_V1_JSON_RECEIVER],
      ['/api/v1/spans', `\n${encodeZipkinV1Json([spanOfTrace(13)])}\n`, undefined, ZIPKIN_V1_JSON_RECEIVER],
      ['/api/v2/spans', encodeZipkinV2Proto([spanOfTrace(14)]), 'application/octet-stream', ZIPKIN_V2_PROTO_RECEIVER],
      ['/api/v2/spans', encodeZipkinV2Proto([spanOfTrace(15)]), undefined, ZIPKIN_V2_PROTO_RECEIVER],
      ['/api/v2/spans', v2Json([spanOfTrace(16)]), 'text/plain', ZIPKIN_V2_JSON_RECEIVER],
      ['/api/v2/spans', v2Json([spanOfTrace(17)]), undefined, ZIPKIN_V2_JSON_RECEIVER],
    ];
    for (const [i, [url, payload, type, receiver]] of cases.entries()) {
      const res = await post(url, payload, type === undefined ? {} : { 'content-type': type });
      assert.equal(res.statusCode, 202, `${url} ${type}: ${res.body}`);
      assert.deepEqual(ctx.outcomes.at(-1), [receiver, 'ok'], `${url} ${type}`);
      assert.equal((await stored(10 + i)).length, 1, `${url} ${type}`);
    }
  });

  it("one version's payload on the other version's route: a clear 400 naming the right route, as Zipkin refuses it", async () => {
    const cases: Array<[string, string | Uint8Array, Record<string, string>, RegExp]> = [
      ['/api/v1/spans', readWireFixture('zipkinjs-v2.bin'), { 'content-type': 'application/json' }, /Zipkin v2 JSON, which goes to POST \/api\/v2\/spans/],
      ['/api/v2/spans', readWireFixture('zipkinjs-v1.bin'), { 'content-type': 'application/json' }, /Zipkin v1 JSON, which goes to POST \/api\/v1\/spans/],
      ['/api/v1/spans', encodeZipkinV2Proto([spanOfTrace(20)]), { 'content-type': 'application/octet-stream' }, /Zipkin v2 proto3, which goes to POST \/api\/v2\/spans/],
      ['/api/v2/spans', readWireFixture('pyzipkin-V1_THRIFT.bin'), {}, /Zipkin v1 Thrift, which goes to POST \/api\/v1\/spans/],
    ];
    for (const [url, payload, headers, message] of cases) {
      const res = await post(url, payload, headers);
      assert.equal(res.statusCode, 400, `${url} ${res.body}`);
      assert.equal(res.json().error.code, 'SKEIN_ERR_INVALID_PAYLOAD');
      assert.match(res.json().error.message, message);
    }
    assert.deepEqual(await stored(20), []);
  });

  it('415 for content types a route does not take, naming the route for the other version', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['/api/v1/spans', 'application/x-protobuf', /Zipkin v2 proto3 goes to POST \/api\/v2\/spans/],
      ['/api/v2/spans', 'application/x-thrift', /Zipkin v1 Thrift goes to POST \/api\/v1\/spans/],
      ['/api/v1/spans', 'application/xml', /use application\/json or application\/x-thrift/],
      ['/api/v2/spans', 'application/xml', /use application\/json or application\/x-protobuf/],
    ];
    for (const [url, type, message] of cases) {
      const res = await post(url, '[]', { 'content-type': type });
      assert.equal(res.statusCode, 415, `${url} ${type}`);
      assert.equal(res.json().error.code, 'SKEIN_ERR_UNSUPPORTED_MEDIA_TYPE');
      assert.match(res.json().error.message, message);
    }
    assert.deepEqual(ctx.outcomes.at(-1), [ZIPKIN_V2_JSON_RECEIVER, 'SKEIN_ERR_UNSUPPORTED_MEDIA_TYPE']);
  });

  it('400 with the coded error of the format for malformed bodies', async () => {
    const thrift = readWireFixture('pyzipkin-V1_THRIFT.bin');
    const cases: Array<[string, string | Uint8Array, Record<string, string>, string, string]> = [
      ['/api/v1/spans', thrift.subarray(0, 100), { 'content-type': 'application/x-thrift' }, 'SKEIN_ERR_MALFORMED_THRIFT', ZIPKIN_V1_THRIFT_RECEIVER],
      ['/api/v1/spans', '[{"traceId":', { 'content-type': 'application/json' }, 'SKEIN_ERR_MALFORMED_JSON', ZIPKIN_V1_JSON_RECEIVER],
      ['/api/v1/spans', '', { 'content-type': 'application/x-thrift' }, 'SKEIN_ERR_EMPTY_BODY', ZIPKIN_V1_THRIFT_RECEIVER],
      ['/api/v1/spans', '', {}, 'SKEIN_ERR_EMPTY_BODY', ZIPKIN_V1_JSON_RECEIVER],
      ['/api/v1/spans', 'hello', { 'content-type': 'text/plain' }, 'SKEIN_ERR_INVALID_PAYLOAD', ZIPKIN_V1_JSON_RECEIVER],
      ['/api/v2/spans', Uint8Array.of(0x0a, 0x05, 0x0a, 0x10, 0x01), { 'content-type': 'application/x-protobuf' }, 'SKEIN_ERR_MALFORMED_PROTOBUF', ZIPKIN_V2_PROTO_RECEIVER],
      ['/api/v2/spans', '[{"traceId": 7}]', {}, 'SKEIN_ERR_INVALID_PAYLOAD', ZIPKIN_V2_JSON_RECEIVER],
      ['/api/v2/spans', 'not gzip', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, 'SKEIN_ERR_BAD_COMPRESSION', ZIPKIN_V2_JSON_RECEIVER],
    ];
    for (const [url, payload, headers, code, receiver] of cases) {
      const res = await post(url, payload, headers);
      assert.equal(res.statusCode, 400, `${code}: ${res.body}`);
      assert.equal(res.json().error.code, code);
      assert.match(res.json().error.message, /\S/);
      assert.deepEqual(ctx.outcomes.at(-1), [receiver, code]);
    }
  });

  it('413 past the limit, counted after decompression', async () => {
    const res = await post('/api/v1/spans', gzipSync(Buffer.alloc(MAX_BODY + 1)), { 'content-type': 'application/x-thrift', 'content-encoding': 'gzip' });
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().error.code, 'SKEIN_ERR_BODY_TOO_LARGE');
    assert.equal(res.headers.connection, 'close');
  });

  it('keeps the valid spans when some are rejected (202 with a JSON body); none valid is a 400', async () => {
    const bad = spanOfTrace(30, { spanId: '0000000000000000', name: 'bad-id' });
    let res = await post('/api/v1/spans', encodeZipkinV1Thrift([spanOfTrace(30), bad]), { 'content-type': 'application/x-thrift' });
    assert.equal(res.statusCode, 202);
    const body = res.json() as { accepted: number; rejected: number; message: string };
    assert.deepEqual([body.accepted, body.rejected], [1, 1]);
    assert.match(body.message, /SKEIN_ERR_INVALID_SPAN_ID/);
    assert.deepEqual(ctx.outcomes.at(-1), [ZIPKIN_V1_THRIFT_RECEIVER, 'partial']);
    assert.deepEqual((await stored(30)).map((s) => s.name), ['op-30']);
    res = await post('/api/v2/spans', encodeZipkinV2Proto([bad]), { 'content-type': 'application/x-protobuf' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'SKEIN_ERR_NO_SPANS_ACCEPTED');
    assert.deepEqual(ctx.outcomes.at(-1), [ZIPKIN_V2_PROTO_RECEIVER, 'SKEIN_ERR_NO_SPANS_ACCEPTED']);
  });
});

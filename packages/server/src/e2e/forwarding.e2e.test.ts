import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Span } from '@skein/model';
import { decodeOtlpProtobuf } from '@skein/wire';
import { getJson, startTestSkein } from './harness.js';
import { otlpJsonRequest } from './load.js';
import { waitForJaegerTrace } from './read-back.js';
import { sendFixture } from './send-wire.js';

/** A stand-in for an OTLP backend such as Honeycomb: records what arrives, answers as told. */
class FakeOtlpBackend {
  readonly requests: Array<{ headers: IncomingHttpHeaders; spans: Span[] }> = [];
  answer = 200;
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (this.answer === 200) {
          const body = Buffer.concat(chunks);
          this.requests.push({ headers: req.headers, spans: decodeOtlpProtobuf(req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body) });
        }
        res.writeHead(this.answer, this.answer === 200 ? { 'content-type': 'application/x-protobuf' } : {}).end();
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/v1/traces`;
    return this;
  }
  spans(): Span[] {
    return this.requests.flatMap((r) => r.spans);
  }
  async waitForTrace(traceIdHex32: string, count: number): Promise<Span[]> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const got = this.spans().filter((s) => s.traceId === traceIdHex32);
      if (got.length >= count) return got;
      if (Date.now() > deadline) assert.fail(`the backend got ${got.length} of ${count} spans of ${traceIdHex32}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  stop(): Promise<void> {
    return new Promise((r) => this.server?.close(() => r()) ?? r());
  }
}

const padded = (id: string) => id.padStart(32, '0');

describe('forwarding: Skein as a collector in front of another backend', () => {
  let backend: FakeOtlpBackend;
  before(async () => {
    backend = await new FakeOtlpBackend().start();
  });
  after(() => backend.stop());

  test('store and forward: every format arrives at the backend as OTLP/HTTP protobuf with the configured headers', async () => {
    const skein = await startTestSkein({ 'forward-endpoint': backend.url, 'forward-headers': 'x-honeycomb-team=secret%20key,x-honeycomb-dataset=demo' });
    try {
      for (const file of ['pyzipkin-V1_THRIFT.bin', 'jaeger-udp.bin', 'xray.bin']) await sendFixture(skein.urls, file);
      const zipkin = await backend.waitForTrace(padded('9e1f2ef50d119c3c'), 3);
      assert.deepEqual([...new Set(zipkin.map((s) => s.name))].sort(), ['call_service1', 'do_stuff', 'index']);
      await backend.waitForTrace(padded('1356e76118419527'), 2);
      await backend.waitForTrace('6b011b291d5ba6549ae949c3d93a7d6a', 4);
      const headers = backend.requests[0]!.headers;
      assert.equal(headers['x-honeycomb-team'], 'secret key');
      assert.equal(headers['x-honeycomb-dataset'], 'demo');
      assert.equal(headers['content-type'], 'application/x-protobuf');
      // Stored locally too.
      await waitForJaegerTrace(skein.urls.query, '9e1f2ef50d119c3c', 3);
      const metrics = await (await fetch(`${skein.urls.query}/metrics`)).text();
      assert.match(metrics, /^skein_forward_spans_total [1-9]/m);
    } finally {
      await skein.stop();
    }
  });

  test('--storage none: a forwarding-only Skein passes spans on to another Skein; its query API says it stores nothing', async () => {
    const store = await startTestSkein();
    const relay = await startTestSkein({ storage: 'none', 'forward-endpoint': `${store.urls.otlpHttp}/v1/traces` });
    try {
      const sent = await sendFixture(relay.urls, 'jaeger-http.bin');
      assert.match(sent.outcome, /^202/);
      await waitForJaegerTrace(store.urls.query, '3a595377f438eb4c', 2);
      const refused = await getJson<{ error: { code: string } }>(`${relay.urls.query}/api/traces/3a595377f438eb4c`);
      assert.equal(refused.status, 404);
      assert.equal(refused.body.error.code, 'SKEIN_ERR_STORAGE_DISABLED');
      assert.equal((await fetch(`${relay.urls.query}/readyz`)).status, 200);
    } finally {
      await relay.stop();
      await store.stop();
    }
  });

  test('--storage none with a backend that refuses: once the forward queue is full, clients get 503 + Retry-After', async () => {
    backend.answer = 503;
    const relay = await startTestSkein({ storage: 'none', 'forward-endpoint': backend.url, 'forward-queue-spans': '20' });
    try {
      let refused: Response | undefined;
      for (let i = 0; i < 20 && !refused; i++) {
        const res = await fetch(`${relay.urls.otlpHttp}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: otlpJsonRequest(5, 'relay-test').body });
        if (res.status === 503) refused = res;
        else assert.equal(res.status, 200);
        await res.arrayBuffer().catch(() => undefined);
      }
      assert.ok(refused, 'the relay pushed back once its queue was full');
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
    } finally {
      backend.answer = 200;
      await relay.stop();
    }
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startLoadGenerator } from './load-generator.js';
import type { SentRequest } from './load-generator-span.js';

/** A 127.0.0.1 server that records requests; `answer` decides what each gets. */
async function recordingServer(answer: (req: IncomingMessage, body: string) => number | 'hang') {
  const seen: Array<{ url: string; headers: IncomingMessage['headers']; body: string }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      seen.push({ url: req.url!, headers: req.headers, body });
      const status = answer(req, body);
      if (status !== 'hang') res.writeHead(status).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

test('--requests N: N requests, each with its own sampled traceparent, each followed by its OTLP span', async () => {
  let n = 0;
  const srv = await recordingServer((req) => (req.url === '/v1/traces' ? 200 : ++n === 2 ? 500 : 200));
  try {
    const results: SentRequest[] = [];
    const load = startLoadGenerator({ targetUrl: `${srv.url}/`, rate: 50, requests: 3, otlpTracesUrl: `${srv.url}/v1/traces`, onResult: (r) => results.push(r) });
    await load.done;
    await load.stop();
    assert.equal(results.length, 3);
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 200, 500]);
    const homeRequests = srv.seen.filter((s) => s.url === '/');
    assert.equal(homeRequests.length, 3, 'no more than the N requests');
    for (const r of results) {
      assert.ok(homeRequests.some((s) => s.headers.traceparent === `00-${r.traceId}-${r.spanId}-01`), 'the request carried the traceparent of its result');
      assert.ok(r.endMs >= r.startMs);
    }
    const spans = srv.seen.filter((s) => s.url === '/v1/traces');
    assert.equal(spans.length, 3);
    assert.equal(spans[0]!.headers['content-type'], 'application/json');
    const sentTraceIds = spans.map((s) => JSON.parse(s.body).resourceSpans[0].scopeSpans[0].spans[0].traceId).sort();
    assert.deepEqual(sentTraceIds, results.map((r) => r.traceId).sort());
  } finally {
    await srv.close();
  }
});

test('stop(): no new requests, a hanging one is aborted after the grace period and reported as failed', async () => {
  const srv = await recordingServer((req) => (req.url === '/v1/traces' ? 200 : 'hang'));
  try {
    const results: SentRequest[] = [];
    const load = startLoadGenerator({ targetUrl: `${srv.url}/`, rate: 1, otlpTracesUrl: `${srv.url}/v1/traces`, onResult: (r) => results.push(r) });
    while (srv.seen.length === 0) await new Promise((r) => setTimeout(r, 5));
    await load.stop(50);
    assert.equal(results.length, 1);
    assert.equal(results[0]!.status, undefined);
    assert.equal(results[0]!.error, 'AbortError');
    assert.equal(srv.seen.filter((s) => s.url === '/').length, 1);
  } finally {
    await srv.close();
  }
});

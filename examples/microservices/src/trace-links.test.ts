import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TraceLinks } from './trace-links.js';

/** A stand-in for Skein's Jaeger API: `stored` says which services each trace has so far. */
async function fakeQueryApi(stored: Map<string, string[]>) {
  const server = createServer((req, res) => {
    const id = /^\/api\/traces\/(\w+)$/.exec(req.url ?? '')?.[1];
    const services = id === undefined ? undefined : stored.get(id);
    if (!services) return void res.writeHead(404).end('{}');
    const processes = Object.fromEntries(services.map((s, i) => [`p${i}`, { serviceName: s, tags: [] }]));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: [{ traceID: id, spans: [], processes }] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const result = (traceId: string, status: number | undefined) => ({ traceId, spanId: 's', url: 'u', startMs: 0, endMs: 1, status });

test('TraceLinks: the first success and the first failure, each printed once its trace is in Skein', async () => {
  const stored = new Map<string, string[]>([['bad1', ['load-generator', 'api-01']]]);
  const api = await fakeQueryApi(stored);
  try {
    const lines: string[] = [];
    const links = new TraceLinks(api.url, ['load-generator', 'api-01', 'api-02'], (t) => lines.push(t));
    links.onResult(result('ok1', 200));
    links.onResult(result('ok2', 200)); // only the first success is shown
    links.onResult(result('bad1', 500));
    links.onResult(result('bad2', 502));
    assert.equal(links.hasSample, true);
    // The sample is incomplete at first: api-02's spans arrive later.
    stored.set('ok1', ['load-generator', 'api-01']);
    setTimeout(() => stored.set('ok1', ['load-generator', 'api-01', 'api-02']), 300);
    await links.settled();
    assert.deepEqual(lines.sort(), [`A request that failed (HTTP 500): ${api.url}/trace/bad1`, `Sample trace: ${api.url}/trace/ok1`]);
  } finally {
    await api.close();
  }
});

test('TraceLinks: cancel() stops waiting and prints nothing for a trace that never came', async () => {
  const api = await fakeQueryApi(new Map());
  try {
    const lines: string[] = [];
    const links = new TraceLinks(api.url, ['api-01'], (t) => lines.push(t));
    links.onResult(result('never', 200));
    links.onResult(result('none', undefined)); // no answer at all: not a "failed request" link
    await new Promise((r) => setTimeout(r, 100));
    await links.cancel();
    assert.deepEqual(lines, []);
  } finally {
    await api.close();
  }
});

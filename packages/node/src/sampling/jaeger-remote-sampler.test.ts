import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { once } from 'node:events';
import { JaegerRemoteSampler } from './jaeger-remote-sampler.js';
import { AlwaysOnSampler } from './always-on-sampler.js';
import { SamplingDecision } from './sampler.js';
import { decide, randomTraceId } from './sampler-test-support.js';
import { captureDiag } from '../config/diag-capture.js';

const diagLog = captureDiag();

/** A strategies server on 127.0.0.1: answers every GET with `reply` and remembers the requests. */
let server: Server;
let base: string;
let reply: { status: number; body: string } = { status: 200, body: '{}' };
const requests: string[] = [];

before(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    server.emit('polled');
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(reply.body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  base = `http://127.0.0.1:${address.port}`;
});
after(() => server.close());

const serve = (body: unknown, status = 200) => void (reply = { status, body: typeof body === 'string' ? body : JSON.stringify(body) });
const sampledCount = (sampler: JaegerRemoteSampler, name: string, n = 200) => {
  let count = 0;
  for (let i = 0; i < n; i++) if (decide(sampler, randomTraceId(), { name }).decision === SamplingDecision.RecordAndSample) count++;
  return count;
};
/** A sampler that polls only when the test asks (the first timer poll is stopped straight away). */
const manualSampler = (path = '/api/sampling', service = 'checkout') => {
  const sampler = new JaegerRemoteSampler({ endpoint: base + path, serviceName: service, pollingIntervalMs: 3_600_000, initialSampler: new AlwaysOnSampler() });
  return sampler;
};

test('uses the initial sampler until a strategy arrives, then adopts it (proto-JSON as /api/sampling serves it)', async () => {
  serve({ strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 0 } });
  const sampler = manualSampler();
  assert.equal(sampledCount(sampler, 'x'), 200, 'initial sampler: always on');
  assert.equal(await sampler.update(), true);
  assert.equal(sampledCount(sampler, 'x'), 0);
  assert.equal(sampler.toString(), `JaegerRemoteSampler{endpoint=${base}/api/sampling?service=checkout, current=TraceIdRatioBased{0}}`);
  sampler.shutdown();
});

test('asks for its own service by name, URL-encoded', async () => {
  serve({ strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 1 } });
  requests.length = 0;
  const sampler = manualSampler('/sampling', 'my service/α');
  await sampler.update();
  sampler.shutdown();
  // Polls of earlier tests' samplers may still land here; this sampler's go to /sampling.
  const mine = requests.map((url) => new URL(url, base)).filter((url) => url.pathname === '/sampling');
  assert.ok(mine.length >= 1);
  for (const url of mine) assert.equal(url.searchParams.get('service'), 'my service/α');
});

test('rate limiting strategy with numeric strategyType (the legacy agent form)', async () => {
  serve({ strategyType: 1, rateLimitingSampling: { maxTracesPerSecond: 3 } });
  const sampler = manualSampler('/');
  assert.equal(await sampler.update(), true);
  assert.equal(sampler.delegate.toString(), 'RateLimitingSampler{3}');
  assert.equal(sampledCount(sampler, 'x'), 3, 'one bucket of three, no time passes in between');
  sampler.shutdown();
});

test('per-operation strategy samples by span name, with the default for other names', async () => {
  serve({
    strategyType: 'PROBABILISTIC',
    probabilisticSampling: { samplingRate: 1 },
    operationSampling: {
      defaultSamplingProbability: 1,
      defaultLowerBoundTracesPerSecond: 0,
      perOperationStrategies: [
        { operation: 'GET /health', probabilisticSampling: { samplingRate: 0 } },
        { operation: 'GET /metrics', probabilisticSampling: { samplingRate: 0 } },
      ],
      defaultUpperBoundTracesPerSecond: 0,
    },
  });
  const sampler = manualSampler();
  assert.equal(await sampler.update(), true);
  assert.equal(sampledCount(sampler, 'GET /health'), 0);
  assert.equal(sampledCount(sampler, 'GET /metrics'), 0);
  assert.equal(sampledCount(sampler, 'GET /orders'), 200);
  sampler.shutdown();
});

test('a failing endpoint keeps the last strategy and warns once, not on every poll', async () => {
  serve({ strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 0 } });
  const sampler = manualSampler();
  assert.equal(await sampler.update(), true);
  diagLog.clear();
  serve('boom', 500);
  assert.equal(await sampler.update(), false);
  serve('{not json');
  assert.equal(await sampler.update(), false);
  serve({ strategyType: 'ADAPTIVE' });
  assert.equal(await sampler.update(), false);
  assert.equal(sampledCount(sampler, 'x'), 0, 'still the last good strategy');
  assert.equal(diagLog.warnings.length, 1, diagLog.warnings.join('\n'));
  assert.match(diagLog.warnings[0]!, /HTTP 500/);
  assert.match(diagLog.warnings[0]!, /keeping TraceIdRatioBased\{0\}/);
  // Recovery is adopted; the next failure is reported again.
  serve({ strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 1 } });
  assert.equal(await sampler.update(), true);
  assert.equal(sampledCount(sampler, 'x'), 200);
  serve('boom', 503);
  assert.equal(await sampler.update(), false);
  assert.equal(diagLog.warnings.length, 2);
  sampler.shutdown();
});

test('an endpoint nobody listens on keeps the initial sampler', async () => {
  const closed = createServer();
  closed.listen(0, '127.0.0.1');
  await once(closed, 'listening');
  const port = (closed.address() as { port: number }).port;
  closed.close();
  await once(closed, 'close');
  const sampler = new JaegerRemoteSampler({ endpoint: `http://127.0.0.1:${port}/sampling`, serviceName: 's', pollingIntervalMs: 3_600_000, initialSampler: new AlwaysOnSampler() });
  assert.equal(await sampler.update(), false);
  assert.equal(sampler.delegate.toString(), 'AlwaysOnSampler');
  sampler.shutdown();
});

test('polls on its own every interval, and shutdown stops the polling', async () => {
  serve({ strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 0.5 } });
  requests.length = 0;
  const sampler = new JaegerRemoteSampler({ endpoint: `${base}/api/sampling`, serviceName: 'poller', pollingIntervalMs: 10 });
  while (requests.length < 3) await once(server, 'polled');
  assert.equal(sampler.delegate.toString(), 'TraceIdRatioBased{0.5}');
  sampler.shutdown();
  // A poll already on the wire may still land; after that, nothing more.
  await new Promise((resolve) => setTimeout(resolve, 30));
  const seen = requests.length;
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(requests.length, seen);
});

test('an endpoint that is not an http URL warns and keeps the initial sampler, without throwing', async () => {
  diagLog.clear();
  const sampler = new JaegerRemoteSampler({ endpoint: 'not a url', serviceName: 's', initialSampler: new AlwaysOnSampler() });
  assert.equal(await sampler.update(), false);
  assert.equal(sampler.delegate.toString(), 'AlwaysOnSampler');
  assert.equal(diagLog.warnings.length, 1);
  sampler.shutdown();
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attr, int, makeSpan, str, type Resource, type Span } from '@skein/model';
import { encodeExportTraceResponseProtobuf, encodeRpcStatus } from '@skein/wire';
import type { ForwardObserver, ForwarderLogger } from '../span-forwarder.js';
import { ok, startOtlpSink, status, type OtlpSinkServer, type SinkResponder } from '../test-support/otlp-sink-server.js';
import { createOtlpHttpForwarder, type OtlpHttpForwarderOptions } from './otlp-http-forwarder.js';

const RESOURCE: Resource = { attributes: [attr('service.name', str('checkout'))], droppedAttributesCount: 0 };
let nextId = 0;
const spans = (n: number): Span[] =>
  Array.from({ length: n }, () => {
    const id = ++nextId;
    return makeSpan({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: id.toString(16).padStart(16, '0'),
      name: `op-${id}`,
      startTimeUnixNano: 1_700_000_000_000_000_000n,
      endTimeUnixNano: 1_700_000_000_001_000_000n,
      attributes: [attr('http.response.status_code', int(200n))],
      resource: RESOURCE,
    });
  });
const idsOf = (s: readonly Span[]) => s.map((x) => x.spanId);

/** Records what the forwarder reports. */
function recorder() {
  const events = { forwarded: 0, retries: [] as Array<number | string>, dropped: [] as Array<[string, number]> };
  const observer: ForwardObserver = {
    onForwarded: (n) => void (events.forwarded += n),
    onRetry: (s) => void events.retries.push(s),
    onDropped: (reason, n) => void events.dropped.push([reason, n]),
  };
  const lines: Array<{ level: string; obj: unknown; msg: string | undefined }> = [];
  const logger: ForwarderLogger = {
    warn: (obj, msg) => void lines.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => void lines.push({ level: 'error', obj, msg }),
  };
  return { events, observer, logger, lines };
}

/** A responder that holds its answer until released, to keep a request in flight. */
function held(answer: SinkResponder = ok) {
  let release = (): void => undefined;
  let arrived!: () => void;
  const arrival = new Promise<void>((r) => (arrived = r));
  const responder: SinkResponder = (res, req) => {
    release = () => answer(res, req);
    arrived();
  };
  return { responder, arrival, release: () => release() };
}

describe('OTLP/HTTP forwarder against a real local endpoint', () => {
  let sink: OtlpSinkServer;
  before(async () => (sink = await startOtlpSink()));
  after(() => sink.close());

  const forwarder = (over: Partial<OtlpHttpForwarderOptions> = {}) => {
    const rec = recorder();
    const f = createOtlpHttpForwarder({
      endpoint: sink.url,
      headers: { 'x-honeycomb-team': 'secret-key', 'X-Dataset': 'prod' },
      maxQueuedSpans: 1000,
      maxBatchSpans: 100,
      timeoutMs: 5000,
      compression: 'gzip',
      observer: rec.observer,
      logger: rec.logger,
      retry: { initialIntervalMs: 10, maxIntervalMs: 50, maxElapsedTimeMs: 60_000 },
      ...over,
    });
    return { f, ...rec };
  };

  test('spans arrive as gzipped OTLP protobuf with the configured headers', async () => {
    sink.received.length = 0;
    const { f, events } = forwarder();
    const sent = spans(3);
    assert.equal(f.forward(sent), true);
    await f.flush(5000);
    assert.equal(sink.received.length, 1);
    const r = sink.received[0]!;
    assert.equal(r.headers['content-type'], 'application/x-protobuf');
    assert.equal(r.headers['content-encoding'], 'gzip');
    assert.equal(r.headers['x-honeycomb-team'], 'secret-key');
    assert.equal(r.headers['x-dataset'], 'prod');
    assert.match(r.headers['user-agent'] ?? '', /^skein\/\d+\.\d+\.\d+/);
    assert.equal(r.rawBody[0], 0x1f, 'gzip magic');
    assert.deepEqual(idsOf(r.spans), idsOf(sent));
    assert.deepEqual(r.spans[0]!.resource.attributes, RESOURCE.attributes);
    assert.deepEqual(r.spans[0]!.attributes, sent[0]!.attributes);
    assert.equal(r.spans[1]!.resource, r.spans[0]!.resource, 'one ResourceSpans for the shared resource');
    assert.equal(events.forwarded, 3);
    assert.deepEqual(events.dropped, []);
    assert.equal(f.queuedSpans, 0);
    await f.close(1000);
  });

  test("compression 'none' sends plain protobuf", async () => {
    sink.received.length = 0;
    const { f } = forwarder({ compression: 'none' });
    const sent = spans(2);
    f.forward(sent);
    await f.flush(5000);
    assert.equal(sink.received[0]!.headers['content-encoding'], undefined);
    assert.deepEqual(idsOf(sink.received[0]!.spans), idsOf(sent));
    await f.close(1000);
  });

  test('while a request is in flight, spans accumulate into the next batch (at most maxBatchSpans)', async () => {
    sink.received.length = 0;
    const { f, events } = forwarder({ maxBatchSpans: 5 });
    const gate = held();
    sink.respondWith(gate.responder);
    const first = spans(2);
    f.forward(first);
    await gate.arrival;
    const later = [spans(2), spans(2), spans(3)];
    for (const s of later) assert.equal(f.forward(s), true);
    assert.equal(f.queuedSpans, 9);
    gate.release();
    await f.flush(5000);
    assert.deepEqual(sink.received.map((r) => r.spans.length), [2, 5, 2], 'full batches; a request may be split');
    assert.deepEqual(sink.received.flatMap((r) => idsOf(r.spans)), idsOf([...first, ...later.flat()]));
    assert.equal(events.forwarded, 9);
    await f.close(1000);
  });

  test('429 with Retry-After: 1 is retried once, after the second asked for, then delivered', async () => {
    sink.received.length = 0;
    // The backoff is 10 ms: a retry about a second later can only come from Retry-After.
    const { f, events } = forwarder();
    sink.respondWith(status(429, { 'retry-after': '1' }, 'slow down'));
    const sent = spans(4);
    f.forward(sent);
    await f.flush(10_000);
    assert.equal(sink.received.length, 2);
    const gap = sink.received[1]!.at - sink.received[0]!.at;
    assert.ok(gap >= 990, `retried after ${gap} ms`);
    assert.deepEqual(idsOf(sink.received[1]!.spans), idsOf(sent));
    assert.deepEqual(events.retries, [429]);
    assert.equal(events.forwarded, 4);
    assert.deepEqual(events.dropped, []);
    await f.close(1000);
  });

  test('502/503/504 without Retry-After are retried with backoff', async () => {
    sink.received.length = 0;
    const { f, events } = forwarder({ retry: { initialIntervalMs: 40, maxIntervalMs: 200, maxElapsedTimeMs: 60_000 } });
    sink.respondWith(status(503), status(502), status(504));
    const sent = spans(2);
    f.forward(sent);
    await f.flush(10_000);
    assert.equal(sink.received.length, 4);
    assert.deepEqual(events.retries, [503, 502, 504]);
    // Backoff n waits at least half of 40 ms × 1.5^n (the jitter is ±50 %).
    const gaps = sink.received.slice(1).map((r, i) => r.at - sink.received[i]!.at);
    gaps.forEach((gap, n) => assert.ok(gap >= 0.5 * 40 * 1.5 ** n - 1, `attempt ${n + 2} came ${gap} ms after the previous one`));
    assert.equal(events.forwarded, 2);
    await f.close(1000);
  });

  test('other 4xx and 5xx are dropped at once, counted, and the body message logged', async () => {
    for (const code of [400, 401, 413, 500]) {
      sink.received.length = 0;
      const { f, events, lines } = forwarder();
      sink.respondWith((res) => void res.writeHead(code, { 'content-type': 'application/x-protobuf' }).end(Buffer.from(encodeRpcStatus(3, `bad things ${code}`))));
      f.forward(spans(5));
      await f.flush(5000);
      assert.equal(sink.received.length, 1, `${code} is not retried`);
      assert.deepEqual(events.retries, []);
      assert.deepEqual(events.dropped, [[String(code), 5]]);
      assert.equal(events.forwarded, 0);
      assert.equal(lines.length, 1);
      assert.match(JSON.stringify(lines[0]!.obj), new RegExp(`HTTP ${code}: bad things ${code}`));
      await f.close(1000);
    }
  });

  test('refusals are logged at most once per interval, with the count held back', async () => {
    sink.received.length = 0;
    const { f, events, lines } = forwarder({ maxBatchSpans: 1 });
    sink.respondWith(status(400, {}, 'no'), status(400, {}, 'no'), status(400, {}, 'no'));
    f.forward(spans(3));
    await f.flush(5000);
    assert.deepEqual(events.dropped, [['400', 1], ['400', 1], ['400', 1]]);
    assert.equal(lines.length, 1, 'one line for three refusals within the interval');
    await f.close(1000);
  });

  test('partial_success in a 200 answer counts the rejected spans as dropped', async () => {
    sink.received.length = 0;
    const { f, events, lines } = forwarder();
    sink.respondWith((res) => void res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end(Buffer.from(encodeExportTraceResponseProtobuf({ rejectedSpans: 2, errorMessage: 'span 3: invalid trace id' }))));
    f.forward(spans(5));
    await f.flush(5000);
    assert.equal(events.forwarded, 3);
    assert.deepEqual(events.dropped, [['partial_success', 2]]);
    assert.match(JSON.stringify(lines[0]!.obj), /invalid trace id/);
    await f.close(1000);
  });

  test('a JSON partial_success is read too', async () => {
    sink.received.length = 0;
    const { f, events } = forwarder();
    sink.respondWith((res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"partialSuccess":{"rejectedSpans":"1","errorMessage":"x"}}'));
    f.forward(spans(2));
    await f.flush(5000);
    assert.equal(events.forwarded, 1);
    assert.deepEqual(events.dropped, [['partial_success', 1]]);
    await f.close(1000);
  });

  test('the queue is bounded: forward refuses (nothing queued, counted) instead of growing', async () => {
    sink.received.length = 0;
    const { f, events } = forwarder({ maxQueuedSpans: 10, maxBatchSpans: 10 });
    const gate = held();
    sink.respondWith(gate.responder);
    assert.equal(f.forward(spans(4)), true);
    await gate.arrival;
    assert.equal(f.forward(spans(4)), true);
    assert.equal(f.hasRoomFor(3), false);
    assert.equal(f.forward(spans(3)), false);
    assert.equal(f.queuedSpans, 8, 'the refused spans were not queued');
    assert.equal(f.forward(spans(2)), true, 'what still fits is taken');
    assert.equal(f.forward(spans(1)), false);
    assert.equal(f.queuedSpans, 10);
    assert.deepEqual(events.dropped, [['queue_full', 3], ['queue_full', 1]]);
    gate.release();
    await f.flush(5000);
    assert.equal(events.forwarded, 10);
    assert.deepEqual(sink.received.map((r) => r.spans.length), [4, 6]);
    await f.close(1000);
  });

  test('an empty queue takes one request larger than the bound, so it is never refused forever', async () => {
    sink.received.length = 0;
    const { f, events } = forwarder({ maxQueuedSpans: 3, maxBatchSpans: 4 });
    assert.equal(f.hasRoomFor(10), true);
    assert.equal(f.forward(spans(10)), true);
    assert.equal(f.forward(spans(1)), false);
    await f.flush(5000);
    assert.deepEqual(sink.received.map((r) => r.spans.length), [4, 4, 2]);
    assert.equal(events.forwarded, 10);
    await f.close(1000);
  });

  test('a request that times out is retried', async () => {
    sink.received.length = 0;
    const { f, events } = forwarder({ timeoutMs: 100 });
    const gate = held();
    sink.respondWith(gate.responder);
    f.forward(spans(2));
    await f.flush(10_000);
    assert.equal(events.retries[0], 'timeout');
    assert.equal(events.forwarded, 2);
    assert.equal(sink.received.length, 2);
    gate.release();
    await f.close(1000);
  });

  test('close sends what is queued before resolving, then refuses new spans', async () => {
    sink.received.length = 0;
    const { f, events } = forwarder({ maxBatchSpans: 3 });
    f.forward(spans(4));
    f.forward(spans(4));
    await f.close(5000);
    assert.equal(events.forwarded, 8);
    assert.equal(sink.received.reduce((n, r) => n + r.spans.length, 0), 8);
    assert.equal(f.hasRoomFor(1), false);
    assert.equal(f.forward(spans(1)), false);
    assert.deepEqual(events.dropped, [['shutdown', 1]]);
  });

  test('close gives up at its deadline: the request in flight is cut and everything left counted as dropped', async () => {
    sink.received.length = 0;
    const { f, events } = forwarder({ maxBatchSpans: 5 });
    const gate = held();
    sink.respondWith(gate.responder);
    f.forward(spans(5));
    await gate.arrival;
    f.forward(spans(3));
    await f.close(100);
    assert.equal(f.queuedSpans, 0);
    assert.equal(events.forwarded, 0);
    assert.equal(events.dropped.reduce((n, [reason, k]) => (assert.equal(reason, 'shutdown'), n + k), 0), 8);
    gate.release();
  });
});

test('a dead endpoint: retries, then drops the batch after the maximum retry time', async () => {
  // A port that was just listening and is now closed: connections are refused.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((r) => probe.close(() => r()));

  const rec = recorder();
  const f = createOtlpHttpForwarder({
    endpoint: `http://127.0.0.1:${port}/v1/traces`,
    headers: {},
    maxQueuedSpans: 100,
    maxBatchSpans: 10,
    timeoutMs: 1000,
    compression: 'gzip',
    observer: rec.observer,
    logger: rec.logger,
    retry: { initialIntervalMs: 10, maxIntervalMs: 40, maxElapsedTimeMs: 300 },
  });
  f.forward(spans(7));
  await f.flush(10_000);
  assert.ok(rec.events.retries.length >= 2, `retried ${rec.events.retries.length} times`);
  assert.ok(rec.events.retries.every((s) => s === 'ECONNREFUSED'), JSON.stringify(rec.events.retries));
  assert.deepEqual(rec.events.dropped, [['retry_time_exceeded', 7]]);
  assert.equal(f.queuedSpans, 0);
  assert.match(JSON.stringify(rec.lines[0]!.obj), /ECONNREFUSED/);
  await f.close(1000);
});

test('an invalid endpoint fails at creation, not per batch', () => {
  assert.throws(() => createOtlpHttpForwarder({ endpoint: 'not a url', headers: {}, maxQueuedSpans: 1, maxBatchSpans: 1, timeoutMs: 1, compression: 'none' }));
});

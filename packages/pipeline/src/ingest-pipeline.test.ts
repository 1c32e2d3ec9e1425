import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeSpan, SkeinError, type Span } from '@skein/model';
import { GroupCommitter } from './group-commit.js';
import { IngestPipeline, type IngestObserver } from './ingest-pipeline.js';
import { DEFAULT_SPAN_LIMITS } from './limits.js';
import type { SpanForwarderLike } from './span-forwarder-like.js';

const NOW = BigInt(Date.now()) * 1_000_000n;
let nextId = 0;
const spans = (n: number): Span[] =>
  Array.from({ length: n }, () => makeSpan({ traceId: 'a'.repeat(32), spanId: (++nextId).toString(16).padStart(16, '0'), name: 'op', startTimeUnixNano: NOW - 1000n, endTimeUnixNano: NOW }));
const invalid = (): Span => makeSpan({ traceId: '0'.repeat(32), spanId: 'b'.repeat(16), name: 'bad', startTimeUnixNano: NOW - 1000n, endTimeUnixNano: NOW });

/** A forwarder with a fixed capacity that records what it was given and when it was closed. */
class FakeForwarder implements SpanForwarderLike {
  readonly forwarded: Span[][] = [];
  refused = 0;
  closedWith: number | undefined;
  constructor(public capacity = Infinity) {}
  hasRoomFor(n: number): boolean {
    return this.closedWith === undefined && this.forwarded.flat().length + n <= this.capacity;
  }
  forward(s: readonly Span[]): boolean {
    if (!this.hasRoomFor(s.length)) {
      this.refused += s.length;
      return false;
    }
    this.forwarded.push([...s]);
    return true;
  }
  async close(timeoutMs: number): Promise<void> {
    this.closedWith = timeoutMs;
  }
}

/** A store write that stays pending until released. */
function gatedStore() {
  const written: Span[][] = [];
  const releases: Array<() => void> = [];
  const write = (batch: readonly Span[]) =>
    new Promise<void>((resolve) => {
      written.push([...batch]);
      releases.push(resolve);
    });
  return { written, write, releaseAll: () => releases.splice(0).forEach((r) => r()) };
}

function countingObserver() {
  const counts: Record<string, number> = {};
  const observer: IngestObserver = {
    onReceived: (_r, n) => void (counts.received = (counts.received ?? 0) + n),
    onAccepted: (_r, n) => void (counts.accepted = (counts.accepted ?? 0) + n),
    onRejected: (_r, code, n) => void (counts[code] = (counts[code] ?? 0) + n),
  };
  return { counts, observer };
}

const turn = () => new Promise((r) => setImmediate(r));

test('with a store, accepted spans reach every forwarder only after they are durable', async () => {
  const store = gatedStore();
  const a = new FakeForwarder();
  const b = new FakeForwarder();
  const pipeline = new IngestPipeline(new GroupCommitter(store.write), DEFAULT_SPAN_LIMITS, undefined, [a, b]);
  const good = spans(2);
  const result = pipeline.ingest('test', [...good, invalid()]);
  await turn();
  assert.equal(store.written.length, 1);
  assert.deepEqual(a.forwarded, [], 'nothing is forwarded before the commit');
  store.releaseAll();
  const r = await result;
  assert.equal(r.accepted, 2);
  assert.deepEqual(a.forwarded, [good], 'only the accepted spans, once');
  assert.deepEqual(b.forwarded, [good]);
});

test('with a store, a failed commit forwards nothing', async () => {
  const a = new FakeForwarder();
  const pipeline = new IngestPipeline(new GroupCommitter(async () => Promise.reject(new Error('disk full'))), DEFAULT_SPAN_LIMITS, undefined, [a]);
  await assert.rejects(pipeline.ingest('test', spans(1)), (e: unknown) => e instanceof SkeinError && e.code === 'SKEIN_ERR_STORE_FAILED');
  assert.deepEqual(a.forwarded, []);
});

test('with a store, a full forward queue drops for that forwarder and never fails the request', async () => {
  const full = new FakeForwarder(1);
  const roomy = new FakeForwarder();
  const { counts, observer } = countingObserver();
  const pipeline = new IngestPipeline(new GroupCommitter(async () => undefined), DEFAULT_SPAN_LIMITS, observer, [full, roomy]);
  const r = await pipeline.ingest('test', spans(3));
  assert.equal(r.accepted, 3);
  assert.equal(full.refused, 3, 'the forwarder was offered the spans and refused (it counts the drop)');
  assert.equal(roomy.forwarded.flat().length, 3, 'the other forwarder still gets them');
  assert.equal(counts.accepted, 3);
  assert.equal(counts.SKEIN_ERR_OVERLOADED, undefined);
});

test('without a store, a request is acknowledged once queued for forwarding', async () => {
  const a = new FakeForwarder();
  const { counts, observer } = countingObserver();
  const pipeline = new IngestPipeline(undefined, DEFAULT_SPAN_LIMITS, observer, [a]);
  const good = spans(2);
  const r = await pipeline.ingest('test', [invalid(), ...good]);
  assert.equal(r.accepted, 2);
  assert.equal(r.rejected.length, 1, 'validation still applies');
  assert.deepEqual(a.forwarded, [good]);
  assert.equal(counts.accepted, 2);
});

test('without a store, a full forward queue fails the request with 503 + Retry-After, and no forwarder takes it', async () => {
  const full = new FakeForwarder(2);
  const roomy = new FakeForwarder();
  const { counts, observer } = countingObserver();
  const pipeline = new IngestPipeline(undefined, DEFAULT_SPAN_LIMITS, observer, [roomy, full], 2);
  await assert.rejects(
    pipeline.ingest('test', spans(3)),
    (e: unknown) => e instanceof SkeinError && e.code === 'SKEIN_ERR_OVERLOADED' && e.status === 503 && e.headers['retry-after'] === '2',
  );
  assert.deepEqual(roomy.forwarded, [], 'all or nothing: the retry must not duplicate spans at the other forwarder');
  assert.equal(full.refused, 0, 'a refusal the client retries is not a drop');
  assert.equal(counts.SKEIN_ERR_OVERLOADED, 3);
  assert.equal(counts.accepted, undefined);
  assert.equal((await pipeline.ingest('test', spans(2))).accepted, 2, 'what fits is taken');
});

test('close waits for in-flight commits, forwards their spans, then closes the forwarders with a bounded timeout', async () => {
  const store = gatedStore();
  const a = new FakeForwarder();
  const pipeline = new IngestPipeline(new GroupCommitter(store.write), DEFAULT_SPAN_LIMITS, undefined, [a]);
  const inFlight = spans(2);
  const request = pipeline.ingest('test', inFlight);
  await turn();
  const closed = pipeline.close(1234);
  await turn();
  assert.equal(a.closedWith, undefined, 'forwarders stay open while a commit is running');
  await assert.rejects(pipeline.ingest('test', spans(1)), (e: unknown) => e instanceof SkeinError && e.code === 'SKEIN_ERR_SHUTTING_DOWN');
  store.releaseAll();
  await request;
  await closed;
  assert.deepEqual(a.forwarded, [inFlight], 'the in-flight commit was forwarded before the forwarder closed');
  assert.equal(a.closedWith, 1234);
});

test('without a store, close refuses new requests and closes the forwarders', async () => {
  const a = new FakeForwarder();
  const pipeline = new IngestPipeline(undefined, DEFAULT_SPAN_LIMITS, undefined, [a]);
  await pipeline.close();
  assert.equal(typeof a.closedWith, 'number');
  await assert.rejects(pipeline.ingest('test', spans(1)), (e: unknown) => e instanceof SkeinError && e.code === 'SKEIN_ERR_SHUTTING_DOWN');
  assert.deepEqual(a.forwarded, []);
});

test('existing callers: committer, limits (and observer) only, no forwarders', async () => {
  const stored: Span[] = [];
  const pipeline = new IngestPipeline(new GroupCommitter(async (s) => void stored.push(...s)), DEFAULT_SPAN_LIMITS);
  assert.equal((await pipeline.ingest('test', spans(2))).accepted, 2);
  assert.equal(stored.length, 2);
  await pipeline.close();
});

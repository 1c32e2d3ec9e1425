import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeSpan, SkeinError, type Span } from '@skein/model';
import { GroupCommitter } from './group-commit.js';

const spans = (n: number, tag: string): Span[] =>
  Array.from({ length: n }, (_, i) => makeSpan({ traceId: 'a'.repeat(32), spanId: (i + 1).toString(16).padStart(16, '0'), name: tag, startTimeUnixNano: 1n, endTimeUnixNano: 2n }));

/** A store write that stays pending until released, to observe grouping. */
function gatedWriter() {
  const commits: string[][] = [];
  let release: (() => void) | undefined;
  const write = (batch: readonly Span[]) =>
    new Promise<void>((resolve) => {
      commits.push(batch.map((s) => s.name));
      release = resolve;
    });
  return { commits, write, release: () => release?.() };
}

test('requests arriving during a commit are written together in the next one', async () => {
  const w = gatedWriter();
  const gc = new GroupCommitter(w.write, { maxQueuedSpans: 1000, maxBatchSpans: 1000, retryAfterSeconds: 1 });
  const acked: string[] = [];
  const first = gc.submit(spans(1, 'r1')).then(() => acked.push('r1'));
  const later = ['r2', 'r3', 'r4'].map((t) => gc.submit(spans(2, t)).then(() => acked.push(t)));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(w.commits, [['r1']]);
  assert.deepEqual(acked, [], 'nothing is acknowledged before its commit finishes');
  w.release();
  await first;
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(w.commits[1], ['r2', 'r2', 'r3', 'r3', 'r4', 'r4']);
  assert.deepEqual(acked, ['r1']);
  w.release();
  await Promise.all(later);
  assert.deepEqual(acked, ['r1', 'r2', 'r3', 'r4']);
  assert.equal(gc.queuedSpans, 0);
});

test('over the admission bound, requests get SKEIN_ERR_OVERLOADED with Retry-After', async () => {
  const w = gatedWriter();
  const gc = new GroupCommitter(w.write, { maxQueuedSpans: 5, maxBatchSpans: 100, retryAfterSeconds: 3 });
  const first = gc.submit(spans(4, 'a'));
  await assert.rejects(gc.submit(spans(2, 'b')), (e: unknown) => e instanceof SkeinError && e.code === 'SKEIN_ERR_OVERLOADED' && e.status === 503 && e.headers['retry-after'] === '3');
  w.release();
  await first;
});

test('groups respect maxBatchSpans and never split a request', async () => {
  const w = gatedWriter();
  const gc = new GroupCommitter(w.write, { maxQueuedSpans: 1000, maxBatchSpans: 3, retryAfterSeconds: 1 });
  const all = [gc.submit(spans(1, 'a')), gc.submit(spans(2, 'b')), gc.submit(spans(2, 'c')), gc.submit(spans(5, 'd'))];
  for (let i = 0; i < 4; i++) {
    await new Promise((r) => setImmediate(r));
    w.release();
  }
  await Promise.all(all);
  assert.deepEqual(w.commits, [['a'], ['b', 'b'], ['c', 'c'], ['d', 'd', 'd', 'd', 'd']]);
});

test('a failed commit rejects every request of its group with SKEIN_ERR_STORE_FAILED; later ones proceed', async () => {
  let calls = 0;
  const gc = new GroupCommitter(async () => {
    calls++;
    if (calls === 1) throw new Error('disk full');
  });
  const a = gc.submit(spans(1, 'a'));
  await assert.rejects(a, (e: unknown) => e instanceof SkeinError && e.code === 'SKEIN_ERR_STORE_FAILED' && /disk full/.test(e.message));
  await gc.submit(spans(1, 'b'));
  assert.equal(calls, 2);
});

test('close waits for accepted work and refuses new work', async () => {
  const w = gatedWriter();
  const gc = new GroupCommitter(w.write);
  let done = false;
  const p = gc.submit(spans(1, 'a')).then(() => (done = true));
  const closed = gc.close();
  await assert.rejects(gc.submit(spans(1, 'b')), (e: unknown) => e instanceof SkeinError && e.code === 'SKEIN_ERR_SHUTTING_DOWN');
  w.release();
  await closed;
  await p;
  assert.equal(done, true);
});

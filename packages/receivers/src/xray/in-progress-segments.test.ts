import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attr, bool, makeSpan, type Span } from '@skein/model';
import { InProgressSegments } from './in-progress-segments.js';

const TRACE = 'ab'.repeat(16);
const span = (id: string, inProgress: boolean, parent = ''): Span =>
  makeSpan({ traceId: TRACE, spanId: id, parentSpanId: parent, name: id, startTimeUnixNano: 1n, endTimeUnixNano: inProgress ? 1n : 5n, attributes: inProgress ? [attr('aws.xray.in_progress', bool(true))] : [] });
const ids = (spans: readonly Span[]) => spans.map((s) => s.spanId);

function holder(maxAgeMs = 1000, maxSpans = 100) {
  const clock = { now: 0 };
  return { clock, held: new InProgressSegments({ maxAgeMs, maxSpans, now: () => clock.now }) };
}

test('complete documents pass through; in-progress ones are held, whole', () => {
  const { held } = holder();
  assert.deepEqual(ids(held.admit([span('a1', false), span('a2', false, 'a1')])), ['a1', 'a2']);
  assert.deepEqual(held.admit([span('b1', true), span('b2', false, 'b1')]), []);
  assert.equal(held.size, 2);
  assert.deepEqual(held.admit([]), []);
});

test('the completed segment releases the held one: only the complete version is stored', () => {
  const { held } = holder();
  held.admit([span('b1', true)]);
  held.admit([span('b1', true), span('b2', false, 'b1')]); // an update, still in progress
  assert.equal(held.size, 2);
  const complete = [span('b1', false), span('b2', false, 'b1'), span('b3', false, 'b1')];
  assert.deepEqual(held.admit(complete), complete);
  assert.equal(held.size, 0);
  assert.deepEqual(held.drain(), []);
});

test('a complete document also releases held subsegments that were sent on their own', () => {
  const { held } = holder();
  held.admit([span('s1', true, 'root')]); // an independent in-progress subsegment
  held.admit([span('root', false), span('s1', false, 'root')]);
  assert.equal(held.size, 0);
});

test('held documents age out oldest first, as they are; an update keeps the first-seen age', () => {
  const { held, clock } = holder(1000);
  held.admit([span('old', true)]);
  clock.now = 400;
  held.admit([span('young', true)]);
  clock.now = 900;
  held.admit([span('old', true), span('old-child', false, 'old')]); // updated, but still 900 ms old
  clock.now = 999;
  assert.deepEqual(held.expire(), []);
  clock.now = 1000;
  const expired = held.expire();
  assert.deepEqual(ids(expired), ['old', 'old-child']);
  assert.equal(expired[0]!.endTimeUnixNano, expired[0]!.startTimeUnixNano);
  assert.deepEqual(expired[0]!.attributes, [attr('aws.xray.in_progress', bool(true))]);
  clock.now = 1400;
  assert.deepEqual(ids(held.expire()), ['young']);
  assert.equal(held.size, 0);
});

test('past maxSpans the oldest held documents are pushed out to be stored; drain gives the rest', () => {
  const { held } = holder(60_000, 3);
  assert.deepEqual(held.admit([span('a', true), span('a2', false, 'a')]), []);
  assert.deepEqual(held.admit([span('b', true)]), []);
  assert.deepEqual(ids(held.admit([span('c', true)])), ['a', 'a2']);
  assert.equal(held.size, 2);
  // a document bigger than the whole bound is stored at once
  assert.deepEqual(ids(held.admit([span('d', true), span('d1', false, 'd'), span('d2', false, 'd'), span('d3', false, 'd')])), ['b', 'c', 'd', 'd1', 'd2', 'd3']);
  held.admit([span('e', true)]);
  assert.deepEqual(ids(held.drain()), ['e']);
  assert.equal(held.size, 0);
});

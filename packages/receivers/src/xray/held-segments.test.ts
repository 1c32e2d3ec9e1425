import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_RESOURCE, attr, bool, makeSpan, serviceNameOf, str, type Resource, type Span } from '@skein/model';
import { HeldSegments } from './held-segments.js';

const TRACE = 'ab'.repeat(16);
const OTHER_TRACE = 'cd'.repeat(16);

interface SpanOptions {
  readonly parent?: string;
  readonly inProgress?: boolean;
  /** Sent on its own: `type: "subsegment"` and no resource, as the decoder makes it. */
  readonly streamed?: boolean;
  readonly resource?: Resource;
  readonly trace?: string;
}

const span = (id: string, o: SpanOptions = {}): Span =>
  makeSpan({
    traceId: o.trace ?? TRACE,
    spanId: id,
    parentSpanId: o.parent ?? '',
    name: id,
    startTimeUnixNano: 1n,
    endTimeUnixNano: o.inProgress ? 1n : 5n,
    attributes: [...(o.inProgress ? [attr('aws.xray.in_progress', bool(true))] : []), ...(o.streamed ? [attr('aws.xray.type', str('subsegment'))] : [])],
    resource: o.resource ?? EMPTY_RESOURCE,
  });
const serviceResource = (name: string): Resource => Object.freeze({ attributes: Object.freeze([attr('service.name', str(name))]), droppedAttributesCount: 0 });
const CHECKOUT = serviceResource('checkout');
/** A segment document of the checkout service: the segment, then its embedded subsegments. */
const segment = (id: string, children: readonly string[] = [], inProgress = false): Span[] => [
  span(id, { resource: CHECKOUT, inProgress }),
  ...children.map((c) => span(c, { parent: id, resource: CHECKOUT })),
];
/** A subsegment streamed on its own, with its nested subsegments. */
const streamed = (id: string, parent: string, nested: readonly string[] = [], o: SpanOptions = {}): Span[] => [
  span(id, { ...o, parent, streamed: true }),
  ...nested.map((n) => span(n, { parent: id, trace: o.trace })),
];
const ids = (spans: readonly Span[]) => spans.map((s) => s.spanId);
const services = (spans: readonly Span[]) => spans.map((s) => serviceNameOf(s.resource));

function holder(maxAgeMs = 1000, maxSpans = 100, maxKnownSpanIds = 1000) {
  const clock = { now: 0 };
  return { clock, held: new HeldSegments({ maxAgeMs, maxSpans, maxKnownSpanIds, now: () => clock.now }) };
}

// In-progress segments

test('complete documents pass through; in-progress ones are held, whole', () => {
  const { held } = holder();
  assert.deepEqual(ids(held.admit([span('a1'), span('a2', { parent: 'a1' })])), ['a1', 'a2']);
  assert.deepEqual(held.admit([span('b1', { inProgress: true }), span('b2', { parent: 'b1' })]), []);
  assert.equal(held.size, 2);
  assert.deepEqual(held.admit([]), []);
});

test('the completed segment releases the held one: only the complete version is stored', () => {
  const { held } = holder();
  held.admit([span('b1', { inProgress: true })]);
  held.admit([span('b1', { inProgress: true }), span('b2', { parent: 'b1' })]); // an update, still in progress
  assert.equal(held.size, 2);
  const complete = [span('b1'), span('b2', { parent: 'b1' }), span('b3', { parent: 'b1' })];
  assert.deepEqual(held.admit(complete), complete);
  assert.equal(held.size, 0);
  assert.deepEqual(held.drain(), []);
});

test('a complete document also releases held in-progress subsegments that were sent on their own', () => {
  const { held } = holder();
  held.admit([span('root', { resource: CHECKOUT, inProgress: true })]);
  assert.deepEqual(held.admit([span('s1', { inProgress: true, parent: 'root', streamed: true })]), []); // an independent in-progress subsegment
  assert.equal(held.size, 2);
  const done = held.admit([span('s1', { parent: 'root', streamed: true })]);
  assert.deepEqual(ids(done), ['s1']);
  assert.equal(done[0]!.resource, CHECKOUT, 'its segment (held in progress) is known: it gets its service');
  assert.equal(held.size, 1, 'only the in-progress segment is still held');
});

test('held documents age out oldest first, as they are; an update keeps the first-seen age', () => {
  const { held, clock } = holder(1000);
  held.admit([span('old', { inProgress: true })]);
  clock.now = 400;
  held.admit([span('young', { inProgress: true })]);
  clock.now = 900;
  held.admit([span('old', { inProgress: true }), span('old-child', { parent: 'old' })]); // updated, but still 900 ms old
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
  assert.deepEqual(held.admit([span('a', { inProgress: true }), span('a2', { parent: 'a' })]), []);
  assert.deepEqual(held.admit([span('b', { inProgress: true })]), []);
  assert.deepEqual(ids(held.admit([span('c', { inProgress: true })])), ['a', 'a2']);
  assert.equal(held.size, 2);
  // a document bigger than the whole bound is stored at once
  const big = [span('d', { inProgress: true }), span('d1', { parent: 'd' }), span('d2', { parent: 'd' }), span('d3', { parent: 'd' })];
  assert.deepEqual(ids(held.admit(big)), ['b', 'c', 'd', 'd1', 'd2', 'd3']);
  held.admit([span('e', { inProgress: true })]);
  assert.deepEqual(ids(held.drain()), ['e']);
  assert.equal(held.size, 0);
});

// Streamed subsegments

test('a streamed subsegment whose parent was seen gets its segment Resource at once, the same object, nested subsegments too', () => {
  const { held } = holder();
  held.admit(segment('seg', ['inner']));
  const out = held.admit(streamed('s1', 'inner', ['s1-child']));
  assert.deepEqual(ids(out), ['s1', 's1-child']);
  for (const s of out) assert.equal(s.resource, CHECKOUT);
  // nothing else changed
  assert.deepEqual(out[0], { ...streamed('s1', 'inner')[0]!, resource: CHECKOUT });
  assert.equal(held.size, 0);
});

test('a streamed subsegment whose parent is not known yet is held, then stored with its segment', () => {
  const { held } = holder();
  assert.deepEqual(held.admit(streamed('s1', 'seg', ['s1-child'])), []);
  assert.deepEqual(held.admit(streamed('s2', 'seg')), []);
  assert.equal(held.size, 3);
  const out = held.admit(segment('seg', ['late']));
  assert.deepEqual(ids(out), ['seg', 'late', 's1', 's1-child', 's2']);
  for (const s of out) assert.equal(s.resource, CHECKOUT);
  assert.equal(held.size, 0);
  assert.deepEqual(held.drain(), [], 'released, not held twice');
});

test('the parent is looked up in the subsegment trace: the same span id in another trace is not it', () => {
  const { held } = holder();
  held.admit(segment('seg'));
  assert.deepEqual(held.admit(streamed('s1', 'seg', [], { trace: OTHER_TRACE })), []);
  assert.equal(held.size, 1);
});

test('chains: a subsegment streamed under another streamed subsegment resolves when the chain reaches a segment', () => {
  // in reverse order: grandchild, child, then the segment
  const reverse = holder().held;
  assert.deepEqual(reverse.admit(streamed('grandchild', 'child')), []);
  assert.deepEqual(reverse.admit(streamed('child', 'seg')), []);
  const out = reverse.admit(segment('seg'));
  assert.deepEqual(ids(out), ['seg', 'child', 'grandchild']);
  assert.deepEqual(services(out), ['checkout', 'checkout', 'checkout']);
  assert.equal(out[2]!.resource, CHECKOUT);
  assert.equal(reverse.size, 0);

  // in order: each resolves at once, through the resolved one before it
  const forward = holder().held;
  forward.admit(segment('seg'));
  assert.equal(forward.admit(streamed('child', 'seg'))[0]!.resource, CHECKOUT);
  assert.equal(forward.admit(streamed('grandchild', 'child'))[0]!.resource, CHECKOUT);
  assert.equal(forward.admit(streamed('great', 'grandchild'))[0]!.resource, CHECKOUT);
});

test('a long chain resolves without recursion, and a cycle never resolves (it ages out)', () => {
  const { held, clock } = holder(1000, 50_000);
  const n = 20_000;
  let stored = 0;
  for (let i = n; i >= 1; i--) stored += held.admit(streamed(`c${i}`, `c${i - 1}`)).length;
  assert.equal(stored, 0);
  const out = held.admit(segment('c0'));
  assert.equal(out.length, n + 1);
  assert.ok(out.every((s) => s.resource === CHECKOUT));

  held.admit(streamed('x', 'y'));
  held.admit(streamed('y', 'x'));
  assert.equal(held.size, 2);
  clock.now = 1000;
  assert.deepEqual(services(held.expire()), ['unknown_service', 'unknown_service']);
});

test('a streamed subsegment whose segment never comes is stored as it is once its max age has passed', () => {
  const { held, clock } = holder(1000);
  held.admit(streamed('s1', 'seg'));
  clock.now = 999;
  assert.deepEqual(held.expire(), []);
  clock.now = 1000;
  const expired = held.expire();
  assert.deepEqual(ids(expired), ['s1']);
  assert.equal(expired[0]!.resource, EMPTY_RESOURCE);
  // its segment, arriving after that, is stored alone: the subsegment is not stored twice
  assert.deepEqual(ids(held.admit(segment('seg'))), ['seg']);
});

test('a span service is remembered for maxAgeMs after it was last seen', () => {
  const { held, clock } = holder(1000);
  held.admit(segment('seg', ['inner']));
  clock.now = 999;
  assert.equal(held.admit(streamed('s1', 'seg'))[0]!.resource, CHECKOUT);
  clock.now = 1500; // 'seg' last seen at 0; 's1' (remembered once resolved) at 999
  assert.deepEqual(held.admit(streamed('s2', 'inner')), [], 'forgotten: held again');
  assert.equal(held.admit(streamed('s3', 's1'))[0]!.resource, CHECKOUT);
  held.expire();
  assert.equal(held.knownSpanIds, 2, "the sweep forgets what is too old: 's1' and 's3' are left");
});

test('on close, held streamed subsegments are stored as they are, and nothing is remembered any more', () => {
  const { held } = holder();
  held.admit(segment('seg'));
  held.admit(streamed('s1', 'other'));
  const drained = held.drain();
  assert.deepEqual(ids(drained), ['s1']);
  assert.equal(drained[0]!.resource, EMPTY_RESOURCE);
  assert.equal(held.knownSpanIds, 0);
  assert.equal(held.size, 0);
});

test('bounds: held streamed subsegments count in maxSpans; remembered ids are capped, the least recently seen forgotten first', () => {
  const { held } = holder(60_000, 2, 3);
  held.admit(streamed('s1', 'seg'));
  held.admit(streamed('s2', 'seg'));
  assert.deepEqual(ids(held.admit(streamed('s3', 'seg'))), ['s1'], 'the oldest is pushed out, as it is');
  assert.equal(held.size, 2);
  // the pushed-out one is no longer waiting: the segment releases only the others
  assert.deepEqual(ids(held.admit(segment('seg'))), ['seg', 's2', 's3']);
  assert.equal(held.knownSpanIds, 3);

  held.admit(segment('seg2', ['seg2-a'])); // 5 ids seen, 3 kept: 'seg' and 's2', the least recently seen, are forgotten
  assert.equal(held.knownSpanIds, 3);
  assert.equal(held.admit(streamed('x', 'seg2-a'))[0]!.resource, CHECKOUT);
  assert.deepEqual(held.admit(streamed('y', 'seg')), [], "'seg' was forgotten");
});

test('a streamed subsegment in progress gets its service, then waits for its completion like any in-progress document', () => {
  const { held } = holder();
  assert.deepEqual(held.admit(streamed('s1', 'seg', [], { inProgress: true })), []);
  assert.deepEqual(ids(held.admit(segment('seg'))), ['seg'], 'resolved, but still in progress: held');
  assert.equal(held.size, 1);
  const done = held.admit(streamed('s1', 'seg'));
  assert.deepEqual(ids(done), ['s1']);
  assert.equal(done[0]!.resource, CHECKOUT);
  assert.equal(held.size, 0, 'the in-progress version was discarded');
});

test('only subsegments sent on their own wait: a segment with a parent (a downstream service) or a subsegment without one does not', () => {
  const { held } = holder();
  const downstream = [span('down', { parent: 'caller', resource: serviceResource('payments') })];
  assert.deepEqual(held.admit(downstream), downstream);
  const orphan = [span('o', { streamed: true })];
  assert.deepEqual(held.admit(orphan), orphan);
  assert.equal(held.size, 0);
});

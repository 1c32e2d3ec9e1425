import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTraceTree } from './build-trace-tree.js';
import { FIXTURE_TRACE_ID, ZIPKIN_SHARED, fixtureTrace } from './trace-fixtures.js';

test('a child starting before its parent or ending after it is marked, with times left as recorded', () => {
  const tree = buildTraceTree(FIXTURE_TRACE_ID, fixtureTrace([
    { id: 'p', start: 10, end: 100 },
    { id: 'early', parent: 'p', start: 5, end: 20 },
    { id: 'late', parent: 'p', start: 50, end: 102.5 },
    { id: 'both', parent: 'p', start: 9, end: 101 },
    { id: 'fine', parent: 'p', start: 10, end: 100 },
  ]));
  const [, early, late, both, fine] = tree.nodes;
  assert.match(early!.skew!, /starts 5ms before its parent/);
  assert.doesNotMatch(early!.skew!, /ends/);
  assert.match(late!.skew!, /ends 2.5ms after its parent/);
  assert.match(both!.skew!, /starts 1ms before its parent and ends 1ms after/);
  assert.equal(fine!.skew, undefined);
  assert.equal(early!.start, 0, 'the early child keeps its recorded start (it is the trace start)');
  assert.equal(tree.nodes[0]!.start, 5_000_000);
});

test('a consumer may end after its producer parent (asynchronous), but not start before it', () => {
  const tree = buildTraceTree(FIXTURE_TRACE_ID, fixtureTrace([
    { id: 'p', kind: 'producer', start: 10, end: 20 },
    { id: 'c', parent: 'p', kind: 'consumer', start: 15, end: 80 },
    { id: 'd', parent: 'p', kind: 'consumer', start: 5, end: 80 },
  ]));
  assert.equal(tree.nodes[1]!.skew, undefined);
  assert.match(tree.nodes[2]!.skew!, /starts 5ms before/);
});

test('a shared server half starting before its client half is skew', () => {
  const spans = ZIPKIN_SHARED();
  const shifted = { ...spans[2]!, startTimeUnixNano: (BigInt(spans[1]!.startTimeUnixNano) - 3_000_000n).toString() };
  const tree = buildTraceTree(FIXTURE_TRACE_ID, [spans[0]!, spans[1]!, shifted, spans[3]!]);
  assert.match(tree.nodes[2]!.skew!, /starts 3ms before its parent/);
  assert.equal(tree.nodes[1]!.skew, undefined);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTraceTree } from './build-trace-tree.js';
import { computeCriticalPath } from './critical-path.js';
import { CHECKOUT, FIXTURE_TRACE_ID, SEQUENTIAL, fixtureTrace, type FixtureSpan } from './trace-fixtures.js';

const MS = 1_000_000;
const path = (spans: FixtureSpan[]) => {
  const tree = buildTraceTree(FIXTURE_TRACE_ID, fixtureTrace(spans));
  const cp = computeCriticalPath(tree);
  return cp.sections.map((s) => `${tree.nodes[s.node]!.span.spanId.replace(/^0+/, '')}:${s.start / MS}-${s.end / MS}`);
};

test('sequential children: the walk goes back from the end through each last-finishing child', () => {
  const tree = buildTraceTree(FIXTURE_TRACE_ID, SEQUENTIAL());
  const cp = computeCriticalPath(tree);
  const got = cp.sections.map((s) => `${tree.nodes[s.node]!.span.name}:${s.start / MS}-${s.end / MS}`);
  assert.deepEqual(got, ['root:90-100', 'second:70-90', 'inner:55-70', 'second:50-55', 'root:40-50', 'first:10-40', 'root:0-10']);
  assert.equal(cp.nodes.size, 4);
});

test('a child that overlaps the one on the path is not on the path', () => {
  const tree = buildTraceTree(FIXTURE_TRACE_ID, CHECKOUT());
  const cp = computeCriticalPath(tree);
  const names = [...cp.nodes].map((i) => tree.nodes[i]!.span.name).sort();
  assert.deepEqual(names, ['GET /checkout', 'SELECT accounts', 'payment.charge']);
  const total = cp.sections.reduce((sum, s) => sum + (s.end - s.start), 0);
  assert.equal(total, tree.duration, 'the sections tile the root exactly once');
});

test('children overflowing their parent are clipped to it, and children outside it are dropped', () => {
  assert.deepEqual(
    path([
      { id: 'r', start: 0, end: 100 },
      { id: 'a', parent: 'r', start: 80, end: 130 }, // ends after the root: clipped to 100
      { id: 'z', parent: 'r', start: 101, end: 120 }, // wholly after the root: dropped
    ]),
    ['a:80-100', 'r:0-80'],
  );
});

test('orphans hung under the root are not on the path; a lone span is its whole path', () => {
  assert.deepEqual(path([{ id: 'r', start: 0, end: 10 }, { id: 'o', parent: 'x', start: 2, end: 10 }]), ['r:0-10']);
  assert.deepEqual(path([{ id: 'r', start: 0, end: 10 }]), ['r:0-10']);
  assert.deepEqual(path([]), []);
});

test('zero-duration children and children starting at the trace start terminate', () => {
  assert.deepEqual(
    path([
      { id: 'r', start: 0, end: 10 },
      { id: 'a', parent: 'r', start: 0, end: 0 },
      { id: 'b', parent: 'r', start: 0, end: 5 },
      { id: 'c', parent: 'r', start: 5, end: 5 },
    ]),
    ['r:5-10', 'b:0-5'],
  );
});

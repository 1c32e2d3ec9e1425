import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTraceTree } from './build-trace-tree.js';
import { CHECKOUT, FIXTURE_TRACE_ID, ZIPKIN_SHARED, fixtureTrace } from './trace-fixtures.js';
import type { TraceTree } from './trace-tree.js';

const ids = (tree: TraceTree, list: readonly number[]) => list.map((i) => tree.nodes[i]!.span.spanId.replace(/^0+/, ''));
const build = (spans: ReturnType<typeof CHECKOUT>) => buildTraceTree(FIXTURE_TRACE_ID, spans);

test('children hang under their parents, ordered by start time, with depths', () => {
  const spans = CHECKOUT();
  const tree = build([spans[3]!, spans[2]!, spans[0]!, spans[1]!]); // arrival order must not matter
  assert.deepEqual(ids(tree, tree.preorder), ['a', 'b', 'c', 'd']);
  assert.deepEqual(ids(tree, tree.roots), ['a']);
  assert.deepEqual(tree.preorder.map((i) => tree.nodes[i]!.depth), [0, 1, 1, 2]);
  assert.equal(tree.depth, 3);
  assert.equal(tree.duration, 100_000_000);
  assert.equal(tree.errorCount, 1);
  assert.deepEqual(tree.services, ['cart', 'db', 'frontend', 'payment']);
  const d = tree.nodes.find((n) => n.span.spanId.endsWith('d'))!;
  assert.equal(d.start, 20_000_000);
  assert.equal(d.duration, 40_000_000);
  assert.equal(d.placement, 'child');
});

test('a span whose parent is missing hangs under the root, marked as an orphan', () => {
  const tree = build(fixtureTrace([
    { id: 'a', start: 0, end: 100 },
    { id: 'x', parent: 'gone', start: 30, end: 40 },
    { id: 'y', parent: 'x', start: 31, end: 32 },
  ]));
  const x = tree.nodes[1]!;
  assert.equal(x.placement, 'orphan');
  assert.equal(x.parent, 0);
  assert.equal(x.depth, 1);
  assert.equal(x.skew, undefined, 'an orphan is not compared with a parent it does not have');
  assert.equal(tree.nodes[2]!.placement, 'child');
  assert.equal(tree.nodes[2]!.depth, 2);
});

test('several roots are all shown at the top level, earliest first; orphans go under the first', () => {
  const tree = build(fixtureTrace([
    { id: 'late', start: 50, end: 60 },
    { id: 'early', start: 0, end: 10 },
    { id: 'o', parent: 'nope', start: 70, end: 80 },
  ]));
  assert.deepEqual(ids(tree, tree.roots), ['early', 'late']);
  assert.deepEqual(ids(tree, tree.preorder), ['early', 'o', 'late']);
});

test('without any root, the earliest orphan stands in for it', () => {
  const tree = build(fixtureTrace([
    { id: 'b', parent: 'p', start: 5, end: 6 },
    { id: 'a', parent: 'p', start: 1, end: 9 },
  ]));
  assert.deepEqual(ids(tree, tree.roots), ['a']);
  assert.deepEqual(ids(tree, tree.preorder), ['a', 'b']);
  assert.equal(tree.nodes[0]!.placement, 'orphan');
});

test('Zipkin shared span: the server half is shown under its client half, and its children under it', () => {
  const tree = build(ZIPKIN_SHARED());
  assert.deepEqual(tree.preorder.map((i) => `${tree.nodes[i]!.span.serviceName}:${tree.nodes[i]!.depth}`), ['web:0', 'web:1', 'api:2', 'api:3']);
  assert.equal(tree.nodes[2]!.placement, 'shared-half');
  assert.equal(tree.nodes[3]!.parent, 2);
});

test('Zipkin shared span where the server half arrived first: the client half still owns the id', () => {
  const [r, client, server, child] = ZIPKIN_SHARED();
  const tree = build([server!, child!, r!, client!]);
  assert.equal(tree.nodes[0]!.placement, 'shared-half');
  assert.equal(tree.nodes[0]!.parent, 3);
  assert.equal(tree.nodes[1]!.parent, 0);
});

test('a parent cycle is cut and hung under the root instead of vanishing or looping', () => {
  const tree = build(fixtureTrace([
    { id: 'r', start: 0, end: 100 },
    { id: 'a', parent: 'b', start: 10, end: 20 },
    { id: 'b', parent: 'a', start: 11, end: 19 },
    { id: 's', parent: 's', start: 30, end: 31 },
  ]));
  assert.equal(tree.preorder.length, 4, 'every span is shown once');
  assert.deepEqual(new Set(tree.preorder), new Set([0, 1, 2, 3]));
  assert.equal(tree.nodes[3]!.placement, 'orphan', 'its own parent is not a parent');
  assert.ok(tree.nodes.some((n) => n.placement === 'cycle'));
});

test('a span ending before it starts is shown zero wide; an empty trace is an empty tree', () => {
  const tree = build(fixtureTrace([{ id: 'a', start: 10, end: 5 }]));
  assert.equal(tree.nodes[0]!.duration, 0);
  const empty = build([]);
  assert.equal(empty.preorder.length, 0);
  assert.equal(empty.depth, 0);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTraceTree } from './build-trace-tree.js';
import { findSiblingRuns } from './sibling-runs.js';
import { INITIAL_EXPANSION, isRunRow, revealNode, rowRunId, toggleRun, toggleSpan, visibleRows, collapseAll, type RowRef } from './visible-rows.js';
import { CHECKOUT, FIXTURE_TRACE_ID, fixtureTrace, type FixtureSpan } from './trace-fixtures.js';
import type { TraceTree } from './trace-tree.js';
import type { SiblingRuns } from './sibling-runs.js';

const label = (tree: TraceTree, runs: SiblingRuns, row: RowRef) => {
  if (isRunRow(row)) {
    const run = runs.runs[rowRunId(row)]!;
    return `${run.count}×${run.name}`;
  }
  return tree.nodes[row]!.span.spanId.replace(/^0+/, '');
};

/** root → q1..q6 (SELECT users, db), then x, then q7..q10 (4 more: too few for a run), each q has a child. */
function repeated(): TraceTree {
  const spans: FixtureSpan[] = [{ id: 'r', start: 0, end: 1000 }];
  for (let i = 1; i <= 6; i++) spans.push({ id: `q${i}`, parent: 'r', name: 'SELECT users', service: 'db', start: i * 10, end: i * 10 + 5, error: i === 3 });
  spans.push({ id: 'x', parent: 'r', name: 'other', start: 70, end: 75 });
  for (let i = 7; i <= 10; i++) spans.push({ id: `q${i}`, parent: 'r', name: 'SELECT users', service: 'db', start: i * 10 + 10, end: i * 10 + 15 });
  spans.push({ id: 'k', parent: 'q2', name: 'fetch', service: 'db', start: 21, end: 22 });
  return buildTraceTree(FIXTURE_TRACE_ID, fixtureTrace(spans));
}

test('with nothing collapsed, rows are the tree in display order', () => {
  const tree = buildTraceTree(FIXTURE_TRACE_ID, CHECKOUT());
  const runs = findSiblingRuns(tree);
  assert.deepEqual(visibleRows(tree, runs, INITIAL_EXPANSION).map((r) => label(tree, runs, r)), ['a', 'b', 'c', 'd']);
});

test('collapsing a span hides its subtree; expanding shows it again', () => {
  const tree = buildTraceTree(FIXTURE_TRACE_ID, CHECKOUT());
  const runs = findSiblingRuns(tree);
  const c = tree.nodes.findIndex((n) => n.span.spanId.endsWith('c'));
  const collapsed = toggleSpan(INITIAL_EXPANSION, c);
  assert.deepEqual(visibleRows(tree, runs, collapsed).map((r) => label(tree, runs, r)), ['a', 'b', 'c']);
  assert.deepEqual(visibleRows(tree, runs, toggleSpan(collapsed, c)).map((r) => label(tree, runs, r)), ['a', 'b', 'c', 'd']);
  assert.deepEqual(visibleRows(tree, runs, collapseAll(tree)).map((r) => label(tree, runs, r)), ['a']);
});

test('runs of at least 5 repeated siblings collapse into one row; shorter runs do not', () => {
  const tree = repeated();
  const runs = findSiblingRuns(tree, 5);
  assert.equal(runs.runs.length, 1);
  const run = runs.runs[0]!;
  assert.equal(run.count, 6);
  assert.equal(run.errorCount, 1);
  assert.equal(run.serviceName, 'db');
  assert.equal(run.depth, 1);
  const rows = visibleRows(tree, runs, INITIAL_EXPANSION);
  assert.deepEqual(rows.map((r) => label(tree, runs, r)), ['r', '6×SELECT users', 'x', 'q7', 'q8', 'q9', 'q10']);
  const open = visibleRows(tree, runs, toggleRun(INITIAL_EXPANSION, run.id));
  assert.deepEqual(open.map((r) => label(tree, runs, r)), ['r', 'q1', 'q2', 'k', 'q3', 'q4', 'q5', 'q6', 'x', 'q7', 'q8', 'q9', 'q10']);
  assert.equal(findSiblingRuns(tree, 4).runs.length, 2, 'with a threshold of 4 the later four form a run too');
});

test('revealing a span hidden in a run and under a collapsed parent opens both', () => {
  const tree = repeated();
  const runs = findSiblingRuns(tree);
  const k = tree.nodes.findIndex((n) => n.span.spanId.endsWith('k'));
  const q2 = tree.nodes[k]!.parent;
  let state = toggleSpan(INITIAL_EXPANSION, q2);
  assert.ok(!visibleRows(tree, runs, state).includes(k));
  state = revealNode(tree, runs, state, k);
  assert.ok(visibleRows(tree, runs, state).includes(k));
  assert.equal(revealNode(tree, runs, state, k), state, 'nothing to open: same state object');
});

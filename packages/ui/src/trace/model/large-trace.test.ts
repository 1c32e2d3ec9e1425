import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTraceTree } from './build-trace-tree.js';
import { computeCriticalPath } from './critical-path.js';
import { findInTrace } from './find-in-trace.js';
import { findSiblingRuns } from './sibling-runs.js';
import { computeStatistics } from './trace-statistics.js';
import { INITIAL_EXPANSION, toggleRun, visibleRows } from './visible-rows.js';
import { FIXTURE_TRACE_ID, fixtureSpan } from './trace-fixtures.js';
import type { SpanJson } from './trace-json.js';

/**
 * Guards against quadratic code: a 100k-span trace with a wide fan-out (one parent with 50k
 * repeated children), a 20k-deep chain (recursion would overflow the stack), and ordinary
 * subtrees must build, flatten, and analyse. No timing assertion: a quadratic step would take
 * minutes and time the test out.
 */
function generate(): SpanJson[] {
  const spans: SpanJson[] = [fixtureSpan({ id: '1', name: 'root', start: 0, end: 100_000 })];
  let next = 2;
  const id = () => (next++).toString(16);
  const fan = id();
  spans.push(fixtureSpan({ id: fan, parent: '1', name: 'batch', start: 1, end: 60_000 }));
  for (let i = 0; i < 50_000; i++) spans.push(fixtureSpan({ id: id(), parent: fan, name: 'SELECT users', service: 'db', start: 1 + i, end: 2 + i }));
  let parent = '1';
  for (let i = 0; i < 20_000; i++) {
    const me = id();
    spans.push(fixtureSpan({ id: me, parent, name: `step ${i % 7}`, service: `svc-${i % 13}`, start: 60_000 + i, end: 100_000 - i }));
    parent = me;
  }
  while (spans.length < 100_000) {
    const p = id();
    spans.push(fixtureSpan({ id: p, parent: '1', name: 'work', start: 10, end: 50 }));
    for (let k = 0; k < 9 && spans.length < 100_000; k++) spans.push(fixtureSpan({ id: id(), parent: p, name: `part ${k}`, start: 11 + k, end: 12 + k }));
  }
  return spans.reverse(); // children before parents, the worst arrival order
}

test('a generated 100k-span trace builds, flattens and is analysed without quadratic work', () => {
  const spans = generate();
  assert.equal(spans.length, 100_000);
  const tree = buildTraceTree(FIXTURE_TRACE_ID, spans);
  assert.equal(tree.preorder.length, 100_000);
  assert.equal(tree.depth, 20_001);
  const runs = findSiblingRuns(tree);
  const fanRun = runs.runs.find((r) => r.count === 50_000);
  assert.ok(fanRun, 'the 50k SELECTs are one run');
  // Collapsed: root, batch, the SELECT run, the run of ~3,000 "work" subtrees, and the chain.
  assert.equal(visibleRows(tree, runs, INITIAL_EXPANSION).length, 4 + 20_000);
  let open = INITIAL_EXPANSION;
  for (const run of runs.runs) open = toggleRun(open, run.id);
  assert.equal(visibleRows(tree, runs, open).length, 100_000);
  const cp = computeCriticalPath(tree);
  assert.ok(cp.nodes.size > 1);
  assert.equal(findInTrace(tree, 'select users').length, 50_000);
  const stats = computeStatistics(tree);
  assert.equal(stats.services.reduce((sum, s) => sum + s.count, 0), 100_000);
});

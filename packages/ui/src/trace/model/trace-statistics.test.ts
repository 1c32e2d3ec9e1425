import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTraceTree } from './build-trace-tree.js';
import { computeStatistics, selfTime } from './trace-statistics.js';
import { CHECKOUT, FIXTURE_TRACE_ID, fixtureTrace } from './trace-fixtures.js';

const MS = 1_000_000;

test('self time subtracts the union of the children, not their sum', () => {
  const tree = buildTraceTree(FIXTURE_TRACE_ID, fixtureTrace([
    { id: 'r', start: 0, end: 100 },
    { id: 'a', parent: 'r', start: 10, end: 50 },
    { id: 'b', parent: 'r', start: 30, end: 60 }, // overlaps a: union 10-60
    { id: 'c', parent: 'r', start: 90, end: 120 }, // overflows the parent: only 90-100 counts
  ]));
  assert.equal(selfTime(tree, 0) / MS, 100 - 50 - 10);
  assert.equal(selfTime(tree, 1) / MS, 40);
});

test('per service and per operation: count, total, self time and errors, most total time first', () => {
  const spans = CHECKOUT();
  spans.push(...fixtureTrace([{ id: 'e', parent: 'c', name: 'SELECT accounts', service: 'db', start: 70, end: 80, error: true }]));
  const stats = computeStatistics(buildTraceTree(FIXTURE_TRACE_ID, spans));
  const view = (r: { serviceName: string; name: string; count: number; totalTime: number; selfTime: number; errors: number }) =>
    [r.serviceName, r.name, r.count, r.totalTime / MS, r.selfTime / MS, r.errors].join('|');
  assert.deepEqual(stats.services.map(view), ['frontend||1|100|15|0', 'payment||1|80|30|1', 'db||2|50|50|1', 'cart||1|35|35|0']);
  assert.equal(view(stats.operations.find((r) => r.name === 'SELECT accounts')!), 'db|SELECT accounts|2|50|50|1');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTraceTree } from '../../trace/model/build-trace-tree.js';
import { FIXTURE_TRACE_ID } from '../../trace/model/trace-fixtures.js';
import { CHECKOUT_A, CHECKOUT_B } from './diff-fixtures.js';
import { DEFAULT_VIEW, diffRows, largestRegressions, ownDelta } from './diff-rows.js';
import { diffTraces, type DiffNode } from './trace-diff.js';

const d = diffTraces(buildTraceTree(FIXTURE_TRACE_ID, CHECKOUT_A()), buildTraceTree(FIXTURE_TRACE_ID, CHECKOUT_B()));
const names = (rows: readonly DiffNode[]) => rows.map((r) => r.name);
const byName = (name: string) => d.nodes.find((n) => n.name === name)!;

test('tree order: depth first, siblings by start time', () => {
  assert.deepEqual(names(diffRows(d, DEFAULT_VIEW)), ['GET /checkout', 'cart.get', 'payment.charge', 'SELECT accounts', 'fraud.check', 'email.send']);
});

test('delta order: the biggest slowdown first at each level, savings last', () => {
  // payment.charge +80ms, cart.get ±0, email.send −10ms; under payment: SELECT +80ms, fraud +10ms.
  assert.deepEqual(names(diffRows(d, { ...DEFAULT_VIEW, order: 'delta' })), ['GET /checkout', 'payment.charge', 'SELECT accounts', 'fraud.check', 'cart.get', 'email.send']);
});

test('only changed: unchanged rows go, ancestors of changes stay', () => {
  assert.deepEqual(names(diffRows(d, { ...DEFAULT_VIEW, onlyChanged: true })), ['GET /checkout', 'payment.charge', 'SELECT accounts', 'fraud.check', 'email.send']);
});

test('a collapsed row hides its descendants, not its siblings', () => {
  const rows = diffRows(d, { ...DEFAULT_VIEW, collapsed: new Set([byName('payment.charge').id]) });
  assert.deepEqual(names(rows), ['GET /checkout', 'cart.get', 'payment.charge', 'email.send']);
  assert.deepEqual(names(diffRows(d, { ...DEFAULT_VIEW, collapsed: new Set([byName('GET /checkout').id]) })), ['GET /checkout']);
});

test('largest regressions name the span that got slower, not the ancestors that waited on it', () => {
  const top = largestRegressions(d, 3);
  // The root waited 80ms for payment but saved the 10ms email: +10ms of its own, ranked second.
  assert.deepEqual(top.map((r) => [r.node.name, r.own / 1_000_000]), [['SELECT accounts', 80], ['GET /checkout', 10]]);
  // payment.charge: +80ms overall, of which SELECT +80ms and fraud +10ms: −10ms of its own.
  assert.equal(ownDelta(byName('payment.charge')), -10_000_000);
  assert.deepEqual(largestRegressions(d, 0), []);
});

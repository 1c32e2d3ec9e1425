import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTraceTree } from './build-trace-tree.js';
import { findInTrace } from './find-in-trace.js';
import { CHECKOUT, FIXTURE_TRACE_ID } from './trace-fixtures.js';

const tree = buildTraceTree(FIXTURE_TRACE_ID, CHECKOUT());
const names = (q: string) => findInTrace(tree, q).map((i) => tree.nodes[i]!.span.name);

test('matches name, service, attribute keys and values, case-insensitively, in display order', () => {
  assert.deepEqual(names('SELECT'), ['SELECT accounts']);
  assert.deepEqual(names('PAYMENT'), ['payment.charge'], 'service and name');
  assert.deepEqual(names('card.type'), ['payment.charge'], 'attribute key');
  assert.deepEqual(names('visa'), ['payment.charge'], 'string value');
  assert.deepEqual(names('42'), ['payment.charge'], 'int value');
  assert.deepEqual(names('from accounts'), ['SELECT accounts'], 'words may match anywhere');
  assert.deepEqual(names('cart frontend'), [], 'every word must match the same span');
  assert.deepEqual(names('   '), []);
  assert.deepEqual(names('nothing-like-this'), []);
});

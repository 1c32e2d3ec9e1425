import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareHref, compareParamsFrom, togglePick, traceIdProblem } from './compare-params.js';

test('the URL round-trips: ids, order and the changed filter', () => {
  const href = compareHref({ a: ' 0af7651916cd43dd8448eb211c80319c ', b: '5af7183fb1d4cf5f', order: 'delta', onlyChanged: true });
  assert.equal(href, '/compare?a=0af7651916cd43dd8448eb211c80319c&b=5af7183fb1d4cf5f&order=delta&changed=1');
  assert.deepEqual(compareParamsFrom(new URL(href, 'http://x').searchParams), { a: '0af7651916cd43dd8448eb211c80319c', b: '5af7183fb1d4cf5f', order: 'delta', onlyChanged: true });
});

test('missing or unknown values fall back to the defaults', () => {
  assert.deepEqual(compareParamsFrom(new URLSearchParams('order=sideways&changed=yes')), { a: '', b: '', order: 'tree', onlyChanged: false });
  assert.equal(compareHref({ a: 'ab', b: 'cd' }), '/compare?a=ab&b=cd');
});

test('traceIdProblem accepts hex and X-Ray ids, and says what is wrong otherwise', () => {
  assert.equal(traceIdProblem('0af7651916cd43dd8448eb211c80319c'), undefined);
  assert.equal(traceIdProblem('1-5f84c7a1-e7d1852db8c4fd35d88bf49a'), undefined);
  assert.match(traceIdProblem('')!, /enter/i);
  assert.match(traceIdProblem('<img src=x>')!, /hexadecimal/);
  assert.match(traceIdProblem('a'.repeat(65))!, /hexadecimal/);
});

test('togglePick keeps the two most recent picks in order, and unpicks', () => {
  assert.deepEqual(togglePick([], 'a'), ['a']);
  assert.deepEqual(togglePick(['a'], 'b'), ['a', 'b']);
  assert.deepEqual(togglePick(['a', 'b'], 'c'), ['b', 'c']);
  assert.deepEqual(togglePick(['a', 'b'], 'a'), ['b']);
});

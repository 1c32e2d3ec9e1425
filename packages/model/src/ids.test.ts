import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayTraceId, normalizeSpanId, normalizeTraceId } from './ids.js';

test('trace ids: 64-bit ids are left-padded and remembered as such; 128-bit kept; case folded', () => {
  assert.deepEqual(normalizeTraceId('67CA1B83CB67301A'), { id: '000000000000000067ca1b83cb67301a', high64Absent: true });
  assert.deepEqual(normalizeTraceId('2d88d2c7bb1c9ffe099f4ac0a62c2d2d'), { id: '2d88d2c7bb1c9ffe099f4ac0a62c2d2d', high64Absent: false });
  assert.deepEqual(normalizeTraceId('abc'), { id: '0'.repeat(29) + 'abc', high64Absent: true });
});

test('trace and span id problems are named', () => {
  assert.equal(normalizeTraceId(''), 'empty');
  assert.equal(normalizeTraceId('xyz'), 'not-hex');
  assert.equal(normalizeTraceId('a'.repeat(33)), 'wrong-length');
  assert.equal(normalizeTraceId('0'.repeat(32)), 'all-zero');
  assert.equal(normalizeSpanId('0000'), 'all-zero');
  assert.equal(normalizeSpanId('a'.repeat(17)), 'wrong-length');
  assert.equal(normalizeSpanId('F783025476316B50'), 'f783025476316b50');
});

test('display: a 64-bit trace id goes back out as the 16 chars the client sent', () => {
  assert.equal(displayTraceId('000000000000000067ca1b83cb67301a', true), '67ca1b83cb67301a');
  assert.equal(displayTraceId('000000000000000067ca1b83cb67301a', false), '000000000000000067ca1b83cb67301a');
});

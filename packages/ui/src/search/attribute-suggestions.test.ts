import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suggestionNeed, suggestionOptions } from './attribute-suggestions.js';

test('keys are suggested until an operator follows the key', () => {
  assert.deepEqual(suggestionNeed(''), { kind: 'keys' });
  assert.deepEqual(suggestionNeed('http.ro'), { kind: 'keys' });
  assert.deepEqual(suggestionNeed('!http'), { kind: 'keys' });
  assert.deepEqual(suggestionNeed('http.route='), { kind: 'values', key: 'http.route', op: '=' });
  assert.deepEqual(suggestionNeed(' http.route != /c'), { kind: 'values', key: 'http.route', op: '!=' });
  assert.deepEqual(suggestionNeed('http.route~^/a'), { kind: 'values', key: 'http.route', op: '~' });
  // Numeric comparisons take a number the user types: no value list.
  assert.deepEqual(suggestionNeed('code>=5'), { kind: 'keys' });
});

test('options are whole conditions', () => {
  assert.deepEqual(suggestionOptions({ kind: 'keys' }, ['a', 'b'], []), ['a=', 'b=']);
  assert.deepEqual(suggestionOptions({ kind: 'values', key: 'a', op: '!=' }, [], ['1', '2']), ['a!=1', 'a!=2']);
  assert.equal(suggestionOptions({ kind: 'keys' }, Array.from({ length: 500 }, (_, i) => `k${i}`), []).length, 200);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { putTagsInObjectOrder } from './zipkin-tag-order.js';

/** What the tags must look like: the entries of a real object built from them. */
function objectOrder(entries: readonly [string, string][]): [string[], string[]] {
  const o = Object.fromEntries(entries);
  const keys = Object.keys(o);
  return [keys, keys.map((k) => o[k]!)];
}

function ordered(entries: readonly [string, string][]): [string[], string[]] {
  const keys = entries.map(([k]) => k);
  const values = entries.map(([, v]) => v);
  putTagsInObjectOrder(keys, values);
  return [keys, values];
}

test('tags in arrival order come out as a JS object holding them lists them', () => {
  assert.deepEqual(ordered([['b', '1'], ['a', '2']]), [['b', 'a'], ['1', '2']]);
  // a repeated key keeps its first place and takes its last value
  assert.deepEqual(ordered([['a', '1'], ['b', '2'], ['a', '3']]), [['a', 'b'], ['3', '2']]);
  // array-index keys first, in numeric order; "01" and "-1" are not indices
  assert.deepEqual(ordered([['x', '1'], ['10', '2'], ['9', '3'], ['01', '4'], ['-1', '5']]), [['9', '10', 'x', '01', '-1'], ['3', '2', '1', '4', '5']]);
  assert.deepEqual(ordered([['__proto__', 'p'], ['', 'e'], ['', 'f']]), [['__proto__', ''], ['p', 'f']]);
});

test('property: the same order as Object.fromEntries + Object.keys, for short and long tag lists', () => {
  const key = fc.oneof(fc.constantFrom('a', 'b', 'error', 'http.method', '0', '7', '42', '4294967294', '4294967295', '01', '__proto__', ''), fc.string({ maxLength: 4 }));
  const entries = fc.array(fc.tuple(key, fc.string({ maxLength: 3 })), { maxLength: 60 });
  fc.assert(
    fc.property(entries, (list) => {
      assert.deepEqual(ordered(list), objectOrder(list));
    }),
    { numRuns: 400 },
  );
});

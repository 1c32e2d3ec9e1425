import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Attributes } from '@opentelemetry/api';
import {
  EMPTY_ATTRIBUTES,
  hasAttribute,
  isHomogeneousPrimitiveArray,
  sanitizeBoundedAttributes,
  storeAttribute,
  toStoredAttributeValue,
} from './attribute-values.js';

test('homogeneous arrays: one primitive type, null/undefined holes allowed', () => {
  assert.ok(isHomogeneousPrimitiveArray([]));
  assert.ok(isHomogeneousPrimitiveArray(['a', 'b']));
  assert.ok(isHomogeneousPrimitiveArray([1, 2.5, null, undefined, 3]));
  assert.ok(isHomogeneousPrimitiveArray([true, false]));
  assert.ok(isHomogeneousPrimitiveArray([null, undefined]));
  assert.ok(!isHomogeneousPrimitiveArray(['a', 1]));
  assert.ok(!isHomogeneousPrimitiveArray([1, true]));
  assert.ok(!isHomogeneousPrimitiveArray([{}]));
  assert.ok(!isHomogeneousPrimitiveArray([['nested']]));
  assert.ok(!isHomogeneousPrimitiveArray([1n]));
});

test('toStoredAttributeValue keeps primitives, truncates strings, copies arrays, rejects the rest', () => {
  assert.equal(toStoredAttributeValue('abc', Infinity), 'abc');
  assert.equal(toStoredAttributeValue('abcdef', 3), 'abc');
  assert.equal(toStoredAttributeValue(0, 3), 0);
  assert.equal(toStoredAttributeValue(false, 3), false);
  const source = ['abcdef', 'ab', null];
  const stored = toStoredAttributeValue(source, 3);
  assert.deepEqual(stored, ['abc', 'ab', null]);
  assert.deepEqual(source, ['abcdef', 'ab', null], 'the caller array is not modified');
  const numbers = [1, 2];
  const copied = toStoredAttributeValue(numbers, 1);
  assert.deepEqual(copied, [1, 2]);
  assert.notEqual(copied, numbers, 'arrays are copied so later mutation cannot change the span');
  for (const bad of [undefined, null, {}, ['a', 1], Symbol('s'), () => 1, 1n, new Date()]) {
    assert.equal(toStoredAttributeValue(bad, 10), undefined, String(typeof bad));
  }
});

test('storeAttribute stores "__proto__" as a plain attribute without touching the prototype', () => {
  const target: Attributes = {};
  storeAttribute(target, '__proto__', ['x']);
  assert.equal(Object.getPrototypeOf(target), Object.prototype);
  assert.deepEqual(Object.keys(target), ['__proto__']);
  assert.deepEqual(Object.getOwnPropertyDescriptor(target, '__proto__')?.value, ['x']);
});

test('hasAttribute sees own keys only (inherited names like toString are new keys)', () => {
  const target: Attributes = { a: 1 };
  assert.ok(hasAttribute(target, 'a'));
  assert.ok(!hasAttribute(target, 'b'));
  assert.ok(!hasAttribute(target, 'toString'));
  assert.ok(!hasAttribute(target, 'constructor'));
});

test('sanitizeBoundedAttributes validates, truncates and counts what the limit drops', () => {
  assert.deepEqual(sanitizeBoundedAttributes(undefined, 10, Infinity), { attributes: EMPTY_ATTRIBUTES, dropped: 0 });
  assert.deepEqual(sanitizeBoundedAttributes('nope', 10, Infinity), { attributes: EMPTY_ATTRIBUTES, dropped: 0 });
  const result = sanitizeBoundedAttributes({ a: 'long value', b: 2, bad: { x: 1 }, nothing: null, '': 1, c: true, d: 4 }, 3, 4);
  assert.deepEqual(result.attributes, { a: 'long', b: 2, c: true });
  assert.equal(result.dropped, 1, 'd exceeds the count limit; invalid values are not counted as dropped');
});

test('property: sanitized attributes hold only valid values within both limits', () => {
  const value = fc.oneof(
    fc.string(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string()),
    fc.array(fc.oneof(fc.string(), fc.integer())),
    fc.object(),
  );
  fc.assert(
    fc.property(fc.dictionary(fc.string(), value), fc.nat(5), fc.nat(8), (source, countLimit, lengthLimit) => {
      const { attributes, dropped } = sanitizeBoundedAttributes(source, countLimit, lengthLimit);
      const keys = Object.keys(attributes);
      assert.ok(keys.length <= countLimit);
      const valid = Object.keys(source).filter((k) => k !== '' && toStoredAttributeValue(source[k], lengthLimit) !== undefined);
      assert.equal(keys.length + dropped, valid.length);
      for (const key of keys) {
        const v = attributes[key];
        if (typeof v === 'string') assert.ok(v.length <= lengthLimit);
        if (Array.isArray(v)) {
          assert.ok(isHomogeneousPrimitiveArray(v));
          for (const e of v) if (typeof e === 'string') assert.ok(e.length <= lengthLimit);
        }
      }
    }),
  );
});

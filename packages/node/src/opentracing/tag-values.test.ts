import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addConvertedFields, toAttributeValue, toTimeInput } from './tag-values.js';

describe('toAttributeValue', () => {
  it('passes strings, numbers, booleans and homogeneous arrays through', () => {
    assert.equal(toAttributeValue('GET'), 'GET');
    assert.equal(toAttributeValue(200), 200);
    assert.equal(toAttributeValue(false), false);
    assert.deepEqual(toAttributeValue(['a', 'b']), ['a', 'b']);
    assert.deepEqual(toAttributeValue([1, null, 3]), [1, null, 3]);
  });

  it('gives undefined for "no value"', () => {
    assert.equal(toAttributeValue(undefined), undefined);
    assert.equal(toAttributeValue(null), undefined);
  });

  it('converts what OpenTelemetry cannot carry to a string', () => {
    assert.equal(toAttributeValue({ user: 'ann', roles: ['admin'] }), '{"user":"ann","roles":["admin"]}');
    assert.equal(toAttributeValue([1, 'mixed']), '[1,"mixed"]');
    assert.equal(toAttributeValue(12n), '12');
    assert.equal(toAttributeValue(Symbol('s')), 'Symbol(s)');
    assert.equal(toAttributeValue(new TypeError('nope')), 'TypeError: nope');
    assert.equal(toAttributeValue(new Date(Date.UTC(2024, 0, 2))), '2024-01-02T00:00:00.000Z');
    assert.equal(toAttributeValue(function handler() {}), '[function handler]');
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    assert.equal(toAttributeValue(circular), '[object Object]');
    assert.equal(toAttributeValue({ toJSON() { throw new Error('no'); }, toString() { throw new Error('no'); } }), '[unserializable]');
    assert.equal(toAttributeValue(Object.create(null)), '{}');
  });

  it('never throws and always gives an attribute value or undefined (property)', () => {
    fc.assert(fc.property(fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true }), (value) => {
      const converted = toAttributeValue(value);
      if (converted === undefined) return value === undefined || value === null;
      return ['string', 'number', 'boolean'].includes(typeof converted) || Array.isArray(converted);
    }));
  });
});

describe('addConvertedFields', () => {
  it('copies converted fields, skipping the given keys and empty values', () => {
    assert.deepEqual(addConvertedFields({ kept: 1 }, { a: 'x', skip: 'y', none: undefined, obj: { b: 2 } }, new Set(['skip'])), { kept: 1, a: 'x', obj: '{"b":2}' });
  });
});

describe('toTimeInput', () => {
  it('keeps epoch milliseconds and drops anything else', () => {
    assert.equal(toTimeInput(1700000000123.5), 1700000000123.5);
    for (const bad of [undefined, null, 'now', Number.NaN, Number.POSITIVE_INFINITY, -5, 0]) assert.equal(toTimeInput(bad), undefined);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anyValueEquals, anyValueToJson, anyValueToString, array, attr, bool, bytes, double, findAttribute, int, kvlist, str } from './attributes.js';

test('string rendering (what string-only formats like Zipkin get)', () => {
  assert.equal(anyValueToString(int(503)), '503');
  assert.equal(anyValueToString(double(0.75)), '0.75');
  assert.equal(anyValueToString(double(NaN)), 'NaN');
  assert.equal(anyValueToString(bool(false)), 'false');
  assert.equal(anyValueToString(array([str('a'), str('b')])), 'a,b');
  assert.equal(anyValueToString(bytes(new Uint8Array([1, 2, 255]))), 'AQL/');
  assert.equal(anyValueToString(kvlist([attr('k', int(1))])), '{"k":1}');
});

test('JSON: ints that do not fit a double stay exact as strings', () => {
  assert.equal(anyValueToJson(int(9_007_199_254_740_993n)), '9007199254740993');
  assert.equal(anyValueToJson(int(-5)), -5);
});

test('equality is typed: 2 (int) is not 2.0 (double)', () => {
  assert.equal(anyValueEquals(int(2), double(2)), false);
  assert.equal(anyValueEquals(array([int(1), str('x')]), array([int(1), str('x')])), true);
  assert.equal(anyValueEquals(bytes(new Uint8Array([1])), bytes(new Uint8Array([2]))), false);
});

test('the last duplicate key wins', () => {
  assert.deepEqual(findAttribute([attr('a', str('1')), attr('a', str('2'))], 'a'), str('2'));
  assert.equal(findAttribute([], 'a'), undefined);
});

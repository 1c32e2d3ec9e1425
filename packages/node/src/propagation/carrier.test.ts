import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TextMapGetter } from '@opentelemetry/api';
import { firstHeaderValue, onlyHeaderValue, readHeader, readHeaderKeys, skipOwsBackward, skipOwsForward } from './carrier.js';

const plain: TextMapGetter = { keys: (c) => Object.keys(c as object), get: (c, k) => (c as Record<string, string>)[k] };
const throwing: TextMapGetter = { keys: () => { throw new Error('keys'); }, get: () => { throw new Error('get'); } };

test('readHeader returns strings and arrays, and nothing for other types or a throwing getter', () => {
  assert.equal(readHeader(plain, { a: 'x' }, 'a'), 'x');
  assert.deepEqual(readHeader(plain, { a: ['x', 'y'] }, 'a'), ['x', 'y']);
  assert.equal(readHeader(plain, { a: 42 }, 'a'), undefined);
  assert.equal(readHeader(plain, {}, 'a'), undefined);
  assert.equal(readHeader(throwing, {}, 'a'), undefined);
  assert.equal(readHeader(undefined as unknown as TextMapGetter, {}, 'a'), undefined);
});

test('readHeaderKeys survives a throwing getter and a non-array answer', () => {
  assert.deepEqual(readHeaderKeys(plain, { a: 1 }), ['a']);
  assert.deepEqual(readHeaderKeys(throwing, {}), []);
  assert.deepEqual(readHeaderKeys({ keys: () => 'ab' as unknown as string[], get: () => undefined }, {}), []);
});

test('firstHeaderValue and onlyHeaderValue', () => {
  assert.equal(firstHeaderValue(['a', 'b']), 'a');
  assert.equal(firstHeaderValue([]), undefined);
  assert.equal(firstHeaderValue([7 as unknown as string]), undefined);
  assert.equal(onlyHeaderValue(['a']), 'a');
  assert.equal(onlyHeaderValue(['a', 'b']), undefined);
  assert.equal(onlyHeaderValue('a'), 'a');
  assert.equal(onlyHeaderValue(undefined), undefined);
});

test('OWS skipping covers spaces and tabs only', () => {
  const s = ' \tab \n\t ';
  assert.equal(skipOwsForward(s, 0, s.length), 2);
  assert.equal(skipOwsBackward(s, 0, s.length), 6, 'a newline is not OWS');
  assert.equal(skipOwsForward('   ', 0, 3), 3);
  assert.equal(skipOwsBackward('   ', 0, 3), 0);
});

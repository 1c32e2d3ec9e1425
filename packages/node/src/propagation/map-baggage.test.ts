import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baggageEntryMetadataFromString, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import { MapBaggage } from './map-baggage.js';

const metadata = baggageEntryMetadataFromString('p=1');
const baggage = new MapBaggage(new Map([['a', { value: '1' }], ['b', { value: '2', metadata }]]));

test('reads entries in order', () => {
  assert.deepEqual(baggage.getAllEntries(), [['a', { value: '1' }], ['b', { value: '2', metadata }]]);
  assert.deepEqual(baggage.getEntry('b'), { value: '2', metadata });
  assert.equal(baggage.getEntry('missing'), undefined);
});

test('getEntry returns a copy', () => {
  const entry = baggage.getEntry('a')!;
  entry.value = 'changed';
  assert.equal(baggage.getEntry('a')?.value, '1');
});

test('changes return new baggage and leave the original alone', () => {
  assert.deepEqual(baggage.setEntry('c', { value: '3' }).getAllEntries().map(([k]) => k), ['a', 'b', 'c']);
  assert.equal(baggage.setEntry('a', { value: 'x' }).getEntry('a')?.value, 'x');
  assert.deepEqual(baggage.removeEntry('a').getAllEntries().map(([k]) => k), ['b']);
  assert.equal(baggage.removeEntry('missing'), baggage);
  assert.deepEqual(baggage.removeEntries('a', 'b').getAllEntries(), []);
  assert.deepEqual(baggage.clear().getAllEntries(), []);
  assert.deepEqual(baggage.getAllEntries().map(([k]) => k), ['a', 'b']);
});

test('works through the propagation API', () => {
  const context = propagation.setBaggage(ROOT_CONTEXT, baggage);
  assert.equal(propagation.getBaggage(context)?.getEntry('a')?.value, '1');
});

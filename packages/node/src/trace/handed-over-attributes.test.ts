import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Attributes } from '@opentelemetry/api';
import { handOverStartAttributes, takeHandedOverAttributes } from './handed-over-attributes.js';
import { SkeinSpan } from './skein-span.js';
import { makeTestProvider } from './test-support/test-provider.js';

function startWith(attributes: Attributes, handOver: boolean, spanLimits?: { attributeCountLimit?: number; attributeValueLengthLimit?: number }): SkeinSpan {
  const { tracer } = makeTestProvider(spanLimits ? { spanLimits } : {});
  if (handOver) handOverStartAttributes(attributes);
  const span = tracer.startSpan('op', { attributes });
  handOverStartAttributes(undefined);
  assert.ok(span instanceof SkeinSpan);
  return span;
}

test('a handed-over attributes object with valid values becomes the span attributes', () => {
  const attributes: Attributes = { 'http.request.method': 'GET', 'server.port': 8080, ok: true };
  const span = startWith(attributes, true);
  assert.equal(span.attributes, attributes);
  // Later attributes still count against the limit from the adopted count.
  span.setAttribute('http.response.status_code', 200);
  assert.deepEqual(span.attributes, { 'http.request.method': 'GET', 'server.port': 8080, ok: true, 'http.response.status_code': 200 });
});

test('an attributes object that was not handed over is copied', () => {
  const attributes: Attributes = { a: 'x' };
  const span = startWith(attributes, false);
  assert.notEqual(span.attributes, attributes);
  assert.deepEqual(span.attributes, { a: 'x' });
});

test('a handed-over object that needs cleaning is copied under the usual rules', () => {
  const cases: Array<[Attributes, Attributes]> = [
    [{ a: 'abcdefgh', b: 1 }, { a: 'abcd', b: 1 }], // truncated
    [{ a: 1, skip: undefined, n: null as never }, { a: 1 }], // null and undefined left out
    [{ arr: ['x', 'y'] }, { arr: ['x', 'y'] }], // arrays are always copied
    [{ '': 'empty key', a: 1 }, { a: 1 }],
    [{ bad: {} as never, a: 1 }, { a: 1 }],
  ];
  for (const [given, stored] of cases) {
    const span = startWith(given, true, { attributeValueLengthLimit: 4 });
    assert.notEqual(span.attributes, given);
    assert.deepEqual(span.attributes, stored);
  }
  const inherited = Object.create({ inherited: 1 }) as Attributes;
  inherited.own = 2;
  const span = startWith(inherited, true);
  assert.notEqual(span.attributes, inherited);
  assert.deepEqual({ ...span.attributes }, { own: 2 });
  assert.equal(Object.getPrototypeOf(span.attributes), Object.prototype);
});

test('the count limit applies to a handed-over object and to what is added later', () => {
  const tooMany = startWith({ a: 1, b: 2, c: 3 }, true, { attributeCountLimit: 2 });
  assert.deepEqual(tooMany.attributes, { a: 1, b: 2 });
  assert.equal(tooMany.droppedAttributesCount, 1);
  const full = startWith({ a: 1, b: 2 }, true, { attributeCountLimit: 2 });
  full.setAttribute('c', 3);
  full.setAttribute('a', 10);
  assert.deepEqual(full.attributes, { a: 10, b: 2 });
  assert.equal(full.droppedAttributesCount, 1);
});

test('the hand-over is taken once and only for the same object', () => {
  const attributes: Attributes = { a: 1 };
  handOverStartAttributes(attributes);
  assert.equal(takeHandedOverAttributes({ a: 1 }), false);
  assert.equal(takeHandedOverAttributes(attributes), true);
  assert.equal(takeHandedOverAttributes(attributes), false);
});

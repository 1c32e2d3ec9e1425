import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { AnyValue, Attribute, SpanEvent, SpanLink } from '@skein/model';
import { decodeAnyValue, decodeAttributes, decodeEvents, decodeLinks, encodeAnyValue, encodeAttributes, encodeEvents, encodeLinks } from './binary-codec.js';

// Full UTF-16 range, so lone surrogates are generated too.
const anyString = fc.string({ unit: 'binary', maxLength: 20 });
const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });

const { value: anyValue } = fc.letrec<{ value: AnyValue; attribute: Attribute }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    anyString.map((value): AnyValue => ({ type: 'string', value })),
    int64.map((value): AnyValue => ({ type: 'int', value })),
    fc.double().map((value): AnyValue => ({ type: 'double', value })),
    fc.boolean().map((value): AnyValue => ({ type: 'bool', value })),
    fc.uint8Array({ maxLength: 16 }).map((value): AnyValue => ({ type: 'bytes', value })),
    fc.array(tie('value'), { maxLength: 4 }).map((value): AnyValue => ({ type: 'array', value })),
    fc.array(tie('attribute'), { maxLength: 4 }).map((value): AnyValue => ({ type: 'kvlist', value })),
  ),
  attribute: fc.record({ key: anyString, value: tie('value') }, { noNullPrototype: true }),
}));
const attributes = fc.array(fc.record({ key: anyString, value: anyValue }, { noNullPrototype: true }), { maxLength: 6 });

test('any value round-trips exactly (all types, nested, int64 extremes, NaN/-0, lone surrogates)', () => {
  fc.assert(fc.property(anyValue, (v) => assert.deepStrictEqual(decodeAnyValue(encodeAnyValue(v)), v)), { numRuns: 2000 });
});

test('attribute lists round-trip in order, duplicates kept', () => {
  fc.assert(fc.property(attributes, (attrs) => assert.deepStrictEqual(decodeAttributes(encodeAttributes(attrs)), attrs)), { numRuns: 500 });
});

test('events keep times relative to the span start, names and attributes', () => {
  const event = fc.record({ timeUnixNano: fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }), name: anyString, attributes, droppedAttributesCount: fc.nat() }, { noNullPrototype: true });
  fc.assert(
    fc.property(fc.array(event, { maxLength: 4 }), fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }), (events: SpanEvent[], start) => {
      assert.deepStrictEqual(decodeEvents(encodeEvents(events, start), start), events);
    }),
    { numRuns: 300 },
  );
});

test('links round-trip', () => {
  const link = fc.record({ traceId: anyString, spanId: anyString, traceState: anyString, attributes, droppedAttributesCount: fc.nat(), flags: fc.nat({ max: 0xffffffff }) }, { noNullPrototype: true });
  fc.assert(fc.property(fc.array(link, { maxLength: 3 }), (links: SpanLink[]) => assert.deepStrictEqual(decodeLinks(encodeLinks(links)), links)), { numRuns: 300 });
});

test('truncated input is an error, not a wrong value', () => {
  const bytes = encodeAnyValue({ type: 'string', value: 'hello world' });
  assert.throws(() => decodeAnyValue(bytes.subarray(0, bytes.length - 3)));
  assert.throws(() => decodeAnyValue(new Uint8Array([99])), /unknown value tag/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { AnyValue, Attribute, InstrumentationScope, Resource, Span, SpanEvent, SpanKind, SpanLink, StatusCode } from '@skein/model';
import { decodeOtlpJson } from './decode-otlp-json.js';
import { decodeOtlpProtobuf } from './decode-otlp-protobuf.js';
import { toOtlpJson } from './encode-otlp-json.js';
import { encodeOtlpProtobuf } from './encode-otlp-protobuf.js';
import { MAX_ANY_VALUE_DEPTH } from './otlp-schema.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Plain objects only (fast-check may otherwise make null-prototype ones, which decoders never produce). */
const record = <T>(shape: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> => fc.record(shape, { noNullPrototype: true });
const hexOf = (bytes: number) => fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => Buffer.from(b).toString('hex'));
// Any Unicode text (no lone surrogates: UTF-8 cannot carry them), including astral characters.
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom('', 'ünïcødé ✓', '日本語', '🧵🪡'));
const uint32 = fc.oneof(fc.constantFrom(0, 1, 127, 128, 0xffffffff), fc.integer({ min: 0, max: 0xffffffff }));
const uint64 = fc.oneof(fc.constantFrom(0n, 1n, 2n ** 53n + 1n, UINT64_MAX), fc.bigInt({ min: 0n, max: UINT64_MAX }));
const int64 = fc.oneof(fc.constantFrom(INT64_MIN, INT64_MAX, -1n, 0n, 2n ** 31n, -(2n ** 31n) - 1n, 2n ** 53n + 1n), fc.bigInt({ min: INT64_MIN, max: INT64_MAX }));

// JSON numbers cannot carry NaN, ±Infinity or -0: the encoder must spell them as strings.
const double = fc.oneof(fc.constantFrom(-0, NaN, Infinity, -Infinity, 2.0, Number.MIN_VALUE, Number.MAX_VALUE), fc.double());

const { anyValue } = fc.letrec<{ anyValue: AnyValue; attribute: Attribute }>((tie) => ({
  anyValue: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    text.map((value): AnyValue => ({ type: 'string', value })),
    int64.map((value): AnyValue => ({ type: 'int', value })),
    double.map((value): AnyValue => ({ type: 'double', value })),
    fc.boolean().map((value): AnyValue => ({ type: 'bool', value })),
    fc.uint8Array({ maxLength: 24 }).map((value): AnyValue => ({ type: 'bytes', value })),
    fc.array(tie('anyValue'), { maxLength: 4 }).map((value): AnyValue => ({ type: 'array', value })),
    fc.array(tie('attribute'), { maxLength: 4 }).map((value): AnyValue => ({ type: 'kvlist', value })),
  ),
  attribute: record({ key: text, value: tie('anyValue') }),
}));
const attributes = fc.array(record({ key: text, value: anyValue }), { maxLength: 6 });

const event: fc.Arbitrary<SpanEvent> = record({ timeUnixNano: uint64, name: text, attributes, droppedAttributesCount: uint32 });
const link: fc.Arbitrary<SpanLink> = record({ traceId: hexOf(16), spanId: hexOf(8), traceState: text, attributes, droppedAttributesCount: uint32, flags: uint32 });

/** Span fields other than resource and scope, in makeSpan()'s order. */
const spanBody = record({
  traceId: hexOf(16),
  spanId: hexOf(8),
  parentSpanId: fc.oneof(fc.constant(''), hexOf(8)),
  traceState: fc.oneof(fc.constant(''), fc.constant('rojo=00f067aa0ba902b7,congo=t61rcWkgMzE'), text),
  flags: uint32,
  name: text,
  kind: fc.integer({ min: 0, max: 5 }).map((k) => k as SpanKind),
  startTimeUnixNano: uint64,
  endTimeUnixNano: uint64,
  attributes,
  droppedAttributesCount: uint32,
  events: fc.array(event, { maxLength: 3 }),
  droppedEventsCount: uint32,
  links: fc.array(link, { maxLength: 2 }),
  droppedLinksCount: uint32,
  status: record({ code: fc.integer({ min: 0, max: 2 }).map((c) => c as StatusCode), message: fc.oneof(fc.constant(''), text) }),
});

/**
 * Requests as OTLP nests them: resources, each with scopes, each with spans. Every resource
 * and scope carries a distinct marker, so no two groups have equal content and the encoder
 * keeps them apart in the order given: decoding must then give back exactly these spans.
 */
const request: fc.Arbitrary<Span[]> = fc
  .array(
    record({
      resource: record({ attributes, droppedAttributesCount: uint32 }),
      scopes: fc.array(record({ scope: record({ name: text, version: text, attributes }), spans: fc.array(spanBody, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 3 }),
    }),
    { maxLength: 3 },
  )
  .map((groups) =>
    groups.flatMap((g, ri) => {
      const resource: Resource = { attributes: [...g.resource.attributes, { key: 'test.resource', value: { type: 'int', value: BigInt(ri) } }], droppedAttributesCount: g.resource.droppedAttributesCount };
      return g.scopes.flatMap((sg, si) => {
        const scope: InstrumentationScope = { ...sg.scope, attributes: [...sg.scope.attributes, { key: 'test.scope', value: { type: 'int', value: BigInt(si) } }] };
        return sg.spans.map((body): Span => ({ ...body, resource, scope, traceIdHigh64Absent: false, shared: false }));
      });
    }),
  );

/** Spans of one group decode with one shared resource/scope object, as the store expects. */
function assertSharing(input: Span[], decoded: Span[]): void {
  for (let i = 1; i < input.length; i++) {
    assert.equal(decoded[i]!.resource === decoded[i - 1]!.resource, input[i]!.resource === input[i - 1]!.resource);
    assert.equal(decoded[i]!.scope === decoded[i - 1]!.scope, input[i]!.scope === input[i - 1]!.scope);
  }
}

test('protobuf: random valid spans survive encode → decode unchanged', () => {
  fc.assert(
    fc.property(request, (spans) => {
      const decoded = decodeOtlpProtobuf(encodeOtlpProtobuf(spans));
      assert.deepStrictEqual(decoded, spans);
      assertSharing(spans, decoded);
    }),
    { numRuns: 300 },
  );
});

test('JSON: random valid spans survive toOtlpJson → JSON.stringify → decode unchanged', () => {
  fc.assert(
    fc.property(request, (spans) => {
      const decoded = decodeOtlpJson(JSON.stringify(toOtlpJson(spans)));
      assert.deepStrictEqual(decoded, spans);
      assertSharing(spans, decoded);
    }),
    { numRuns: 300 },
  );
});

test('JSON from bytes (Uint8Array, as HTTP bodies arrive) decodes like JSON text', () => {
  fc.assert(
    fc.property(request, (spans) => {
      const textBody = JSON.stringify(toOtlpJson(spans));
      assert.deepStrictEqual(decodeOtlpJson(new TextEncoder().encode(textBody)), decodeOtlpJson(textBody));
    }),
    { numRuns: 50 },
  );
});

function nestedArrays(depth: number): AnyValue {
  let v: AnyValue = { type: 'int', value: 7n };
  for (let i = 1; i < depth; i++) v = i % 2 ? { type: 'array', value: [v] } : { type: 'kvlist', value: [{ key: `k${i}`, value: v }] };
  return v;
}

test('edge values round-trip: nesting at MAX_ANY_VALUE_DEPTH, int64 and uint64 limits, NaN/±Infinity/-0, multi-byte lengths', () => {
  const span: Span = {
    traceId: 'ab'.repeat(16),
    spanId: 'cd'.repeat(8),
    parentSpanId: '',
    traceState: '',
    flags: 0,
    name: 'x'.repeat(70_000), // a length prefix of 3 bytes, and enclosing messages of 3+
    kind: 2,
    startTimeUnixNano: 1n,
    endTimeUnixNano: UINT64_MAX,
    attributes: [
      { key: 'deep', value: nestedArrays(MAX_ANY_VALUE_DEPTH) },
      { key: 'big', value: { type: 'bytes', value: new Uint8Array(200_000).fill(9) } },
      { key: 'min', value: { type: 'int', value: INT64_MIN } },
      { key: 'max', value: { type: 'int', value: INT64_MAX } },
      ...[-0, NaN, Infinity, -Infinity].map((value): Attribute => ({ key: String(value), value: { type: 'double', value } })),
    ],
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 0, message: '' },
    resource: { attributes: [], droppedAttributesCount: 0 },
    scope: { name: '', version: '', attributes: [] },
    traceIdHigh64Absent: false,
    shared: false,
  };
  assert.deepStrictEqual(decodeOtlpProtobuf(encodeOtlpProtobuf([span])), [span]);
  assert.deepStrictEqual(decodeOtlpJson(JSON.stringify(toOtlpJson([span]))), [span]);
});

test('an empty request encodes to an empty message and decodes to no spans', () => {
  assert.equal(encodeOtlpProtobuf([]).length, 0);
  assert.deepEqual(decodeOtlpProtobuf(new Uint8Array(0)), []);
  assert.deepEqual(toOtlpJson([]), { resourceSpans: [] });
  assert.deepEqual(decodeOtlpJson('{}'), []);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type AnyValue, SkeinError } from '@skein/model';
import { assertSkeinError, readWireFixture } from '@skein/testkit';
import { decodeOtlpProtobuf } from './decode-otlp-protobuf.js';
import { MAX_ANY_VALUE_DEPTH, WireType, tagOf } from './otlp-schema.js';
import { ProtoWriter } from './proto-writer.js';

const FIXTURE = readWireFixture('otel-otlp-proto.bin');

/** Runs the decoder on arbitrary input: it may return spans or throw, but only a SkeinError. */
function decodeOrSkeinError(body: Uint8Array): void {
  try {
    const spans = decodeOtlpProtobuf(body);
    assert.ok(Array.isArray(spans));
  } catch (e) {
    assert.ok(e instanceof SkeinError, `non-SkeinError escaped: ${e instanceof Error ? e.stack : String(e)}`);
    assert.ok(e.code === 'SKEIN_ERR_MALFORMED_PROTOBUF' || e.code === 'SKEIN_ERR_TOO_DEEP', e.code);
  }
}

// --- hand-built messages, to put exactly what a test needs on the wire ---

type Field = (w: ProtoWriter) => void;
const LEN = WireType.LEN;
const message = (field: number, ...body: Field[]): Field => (w) => {
  w.uint32(tagOf(field, LEN));
  const start = w.fork();
  for (const f of body) f(w);
  w.ldelim(start);
};
const stringField = (field: number, s: string): Field => (w) => {
  w.uint32(tagOf(field, LEN));
  w.string(s);
};
const bytesField = (field: number, b: number[]): Field => (w) => {
  w.uint32(tagOf(field, LEN));
  w.bytes(Uint8Array.from(b));
};
const varintField = (field: number, v: bigint): Field => (w) => {
  w.uint32(tagOf(field, WireType.VARINT));
  w.int64(v);
};
const fixed64Field = (field: number, v: bigint): Field => (w) => {
  w.uint32(tagOf(field, WireType.I64));
  w.fixed64(v);
};
/** Unknown fields of every wire type (including a nested proto2 group), to be skipped. */
const unknownFields: Field = (w) => {
  w.uint32(tagOf(900, WireType.VARINT));
  w.uint32(12345);
  w.uint32(tagOf(901, WireType.I64));
  w.fixed64(7n);
  w.uint32(tagOf(902, WireType.LEN));
  w.string('ignored');
  w.uint32(tagOf(903, WireType.I32));
  w.fixed32(9);
  w.uint32(tagOf(904, WireType.SGROUP));
  w.uint32(tagOf(905, WireType.SGROUP));
  w.uint32(tagOf(1, WireType.VARINT));
  w.uint32(1);
  w.uint32(tagOf(905, WireType.EGROUP));
  w.uint32(tagOf(904, WireType.EGROUP));
};
const build = (...fields: Field[]): Uint8Array => {
  const w = new ProtoWriter();
  for (const f of fields) f(w);
  return w.finish();
};

/** A request with one span carrying `spanFields`, and `extra` fields at every other level. */
const requestWith = (spanFields: Field[], extra: Field[] = []): Uint8Array =>
  build(
    ...extra,
    message(1, ...extra, message(1, ...extra, message(1, stringField(1, 'service.name'), message(2, stringField(1, 'svc'), ...extra), ...extra)), message(2, ...extra, message(1, stringField(1, 'lib'), ...extra), message(2, ...spanFields))),
  );

const SPAN_FIELDS: Field[] = [
  bytesField(1, Array(16).fill(0xab)),
  bytesField(2, Array(8).fill(0xcd)),
  stringField(5, 'op'),
  varintField(6, 2n),
  fixed64Field(7, 1_700_000_000_000_000_000n),
  fixed64Field(8, 1_700_000_000_500_000_000n),
];

test('every strict prefix of a real request is refused as malformed protobuf', () => {
  for (let n = 1; n < FIXTURE.length; n++) assertSkeinError(() => decodeOtlpProtobuf(FIXTURE.subarray(0, n)), 'SKEIN_ERR_MALFORMED_PROTOBUF');
});

test('random bytes and corrupted real requests only ever throw SkeinErrors', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => decodeOrSkeinError(bytes)), { numRuns: 2000 });
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(FIXTURE.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (edits) => {
      const body = Uint8Array.from(FIXTURE);
      for (const [at, byte] of edits) body[at] = byte;
      decodeOrSkeinError(body);
    }),
    { numRuns: 2000 },
  );
});

test('specific wire errors are named', () => {
  assertSkeinError(() => decodeOtlpProtobuf(Uint8Array.of(0x0a, 0x05, 0x01)), 'SKEIN_ERR_MALFORMED_PROTOBUF', /truncated/);
  assertSkeinError(() => decodeOtlpProtobuf(Uint8Array.of(0x00)), 'SKEIN_ERR_MALFORMED_PROTOBUF', /invalid tag/); // field 0
  assertSkeinError(() => decodeOtlpProtobuf(Uint8Array.of(0x0f)), 'SKEIN_ERR_MALFORMED_PROTOBUF', /invalid tag/); // wire type 7
  assertSkeinError(() => decodeOtlpProtobuf(Uint8Array.of(0x08, ...Array(10).fill(0xff), 0x01)), 'SKEIN_ERR_MALFORMED_PROTOBUF', /varint/);
  assertSkeinError(() => decodeOtlpProtobuf(Uint8Array.of(0x0c)), 'SKEIN_ERR_MALFORMED_PROTOBUF', /end-group/);
  // A ResourceSpans whose inner field claims more bytes than the ResourceSpans holds.
  assertSkeinError(() => decodeOtlpProtobuf(Uint8Array.of(0x0a, 0x02, 0x0a, 0x05)), 'SKEIN_ERR_MALFORMED_PROTOBUF', /truncated/);
});

test('unknown fields of every wire type, at every level, are skipped', () => {
  const plain = decodeOtlpProtobuf(requestWith(SPAN_FIELDS));
  const noisy = decodeOtlpProtobuf(requestWith([...SPAN_FIELDS, unknownFields, message(15, unknownFields, varintField(3, 2n))], [unknownFields]));
  assert.equal(plain.length, 1);
  assert.equal(plain[0]!.name, 'op');
  assert.equal(plain[0]!.kind, 2);
  assert.equal(plain[0]!.scope.name, 'lib');
  assert.deepEqual(noisy[0]!.resource, plain[0]!.resource);
  assert.deepEqual({ ...noisy[0]!, status: plain[0]!.status }, plain[0]);
  assert.equal(noisy[0]!.status.code, 2);
});

test('a known field sent with the wrong wire type is skipped like an unknown one', () => {
  const [span] = decodeOtlpProtobuf(requestWith([...SPAN_FIELDS.slice(0, 2), varintField(5, 99n), stringField(7, 'not a fixed64')]));
  assert.equal(span!.name, '');
  assert.equal(span!.startTimeUnixNano, 0n);
});

test('ids are passed through as hex whatever their length; empty ones stay empty', () => {
  const [span] = decodeOtlpProtobuf(requestWith([bytesField(1, [0, 0, 0]), bytesField(2, Array(8).fill(0)), bytesField(4, [0xAB, 0x01]), stringField(5, 'x')]));
  assert.equal(span!.traceId, '000000');
  assert.equal(span!.spanId, '0000000000000000');
  assert.equal(span!.parentSpanId, 'ab01');
  const [bare] = decodeOtlpProtobuf(requestWith([stringField(5, 'y')]));
  assert.equal(bare!.traceId, '');
  assert.equal(bare!.spanId, '');
});

test('int64 attribute values: negative (ten-byte varints) and extremes', () => {
  const values = [-1n, -(2n ** 63n), 2n ** 63n - 1n, 0n, 127n, 128n, 2n ** 53n + 1n, -(2n ** 53n) - 1n];
  const attrs = values.map((v, i) => message(9, stringField(1, `k${i}`), message(2, varintField(3, v))));
  const [span] = decodeOtlpProtobuf(requestWith([...SPAN_FIELDS, ...attrs]));
  assert.deepEqual(
    span!.attributes.map((a) => a.value),
    values.map((value) => ({ type: 'int', value })),
  );
});

test('unknown enum numbers become unspecified/unset; AnyValue with no member becomes ""', () => {
  const [span] = decodeOtlpProtobuf(requestWith([...SPAN_FIELDS.slice(0, 3), varintField(6, 9n), varintField(6, -1n), message(15, varintField(3, 7n)), message(9, stringField(1, 'empty'), message(2))]));
  assert.equal(span!.kind, 0);
  assert.equal(span!.status.code, 0);
  assert.deepEqual(span!.attributes, [{ key: 'empty', value: { type: 'string', value: '' } }]);
});

/**
 * An attribute whose value is `depth` AnyValues nested through array_value, written from the
 * outside in with precomputed lengths so even 100k levels are built in linear time.
 */
function deeplyNestedValueRequest(depth: number): Uint8Array {
  const INNER = [0x18, 0x07]; // AnyValue{int_value: 7}
  const size = (n: number) => (n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : 4);
  // anyValueLen[k]: length of the AnyValue at nesting level k counted from the inside (0 = innermost).
  const anyValueLen = [INNER.length];
  const arrayLen = [0];
  for (let k = 1; k < depth; k++) {
    arrayLen[k] = 1 + size(anyValueLen[k - 1]!) + anyValueLen[k - 1]!;
    anyValueLen[k] = 1 + size(arrayLen[k]!) + arrayLen[k]!;
  }
  const nestedValue: Field = (x) => {
    x.uint32(tagOf(2, LEN)); // KeyValue.value
    x.uint32(anyValueLen[depth - 1]!);
    for (let k = depth - 1; k >= 1; k--) {
      x.uint32(tagOf(5, LEN)); // AnyValue.array_value
      x.uint32(arrayLen[k]!);
      x.uint32(tagOf(1, LEN)); // ArrayValue.values
      x.uint32(anyValueLen[k - 1]!);
    }
    for (const b of INNER) x.uint32(b);
  };
  return requestWith([...SPAN_FIELDS, message(9, stringField(1, 'deep'), nestedValue)]);
}

test(`AnyValue nesting: ${MAX_ANY_VALUE_DEPTH} levels decode, one more is SKEIN_ERR_TOO_DEEP, 100k levels do not blow the stack`, () => {
  const [span] = decodeOtlpProtobuf(deeplyNestedValueRequest(MAX_ANY_VALUE_DEPTH));
  let v: AnyValue = span!.attributes[0]!.value;
  let levels = 1;
  while (v.type === 'array') {
    v = v.value[0]!;
    levels++;
  }
  assert.equal(levels, MAX_ANY_VALUE_DEPTH);
  assert.deepEqual(v, { type: 'int', value: 7n });
  assertSkeinError(() => decodeOtlpProtobuf(deeplyNestedValueRequest(MAX_ANY_VALUE_DEPTH + 1)), 'SKEIN_ERR_TOO_DEEP');
  assertSkeinError(() => decodeOtlpProtobuf(deeplyNestedValueRequest(100_000)), 'SKEIN_ERR_TOO_DEEP');
});

test('100k nested groups in an unknown field are skipped without recursion', () => {
  const depth = 100_000;
  const deepGroup: Field = (w) => {
    for (let i = 0; i < depth; i++) w.uint32(tagOf(950, WireType.SGROUP));
    for (let i = 0; i < depth; i++) w.uint32(tagOf(950, WireType.EGROUP));
  };
  const [span] = decodeOtlpProtobuf(requestWith([...SPAN_FIELDS, deepGroup]));
  assert.equal(span!.name, 'op');
  const unbalanced: Field = (w) => {
    w.uint32(tagOf(950, WireType.SGROUP));
    w.uint32(tagOf(951, WireType.EGROUP));
  };
  assertSkeinError(() => decodeOtlpProtobuf(requestWith([...SPAN_FIELDS, unbalanced])), 'SKEIN_ERR_MALFORMED_PROTOBUF', /end-group/);
});

test('resource and scope are shared by reference even when they follow the spans on the wire', () => {
  const span = message(2, ...SPAN_FIELDS);
  const body = build(message(1, message(2, span, span, message(1, stringField(1, 'late-scope'))), message(1, message(1, stringField(1, 'k'), message(2, stringField(1, 'late-resource'))))));
  const spans = decodeOtlpProtobuf(body);
  assert.equal(spans.length, 2);
  assert.equal(spans[0]!.resource, spans[1]!.resource);
  assert.equal(spans[0]!.scope, spans[1]!.scope);
  assert.equal(spans[0]!.scope.name, 'late-scope');
  assert.deepEqual(spans[0]!.resource.attributes, [{ key: 'k', value: { type: 'string', value: 'late-resource' } }]);
});

test('OTLP < 0.19 senders: instrumentation_library_spans (field 1000) is read like scope_spans', () => {
  const body = build(message(1, message(1000, message(1, stringField(1, 'old-lib'), stringField(2, '0.1')), message(2, ...SPAN_FIELDS))));
  const [span] = decodeOtlpProtobuf(body);
  assert.equal(span!.name, 'op');
  assert.deepEqual(span!.scope, { name: 'old-lib', version: '0.1', attributes: [] });
});

test('a Uint8Array view into a larger buffer decodes only its own bytes', () => {
  const padded = new Uint8Array(FIXTURE.length + 20).fill(0xff);
  padded.set(FIXTURE, 10);
  assert.deepEqual(decodeOtlpProtobuf(padded.subarray(10, 10 + FIXTURE.length)), decodeOtlpProtobuf(FIXTURE));
});

test('invalid UTF-8 in strings decodes with replacement characters rather than failing', () => {
  const [span] = decodeOtlpProtobuf(requestWith([...SPAN_FIELDS.slice(0, 2), (w) => {
    w.uint32(tagOf(5, LEN));
    w.bytes(Uint8Array.of(0x61, 0xff, 0x62));
  }]));
  assert.equal(span!.name, 'a\ufffdb');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SkeinError } from '@skein/model';
import { readWireFixture } from '@skein/testkit';
import { jaegerBatchArb } from './jaeger-arbitraries.js';
import { decodeJaegerProtoPostSpans } from './decode-jaeger-proto.js';
import { decodeJaegerAgentDatagram, decodeJaegerThriftBatch } from './decode-jaeger-thrift.js';
import { encodeJaegerProtoPostSpans } from './encode-jaeger-proto.js';
import { encodeJaegerAgentDatagram } from './encode-jaeger-thrift.js';

/** Returns spans or throws a SkeinError: anything else escaping a decoder fails the property. */
function decodesOrRefuses(decode: (b: Uint8Array) => unknown, bytes: Uint8Array): void {
  try {
    assert.ok(Array.isArray(decode(bytes)));
  } catch (e) {
    if (!(e instanceof SkeinError)) throw new Error(`a non-SkeinError escaped: ${String(e)}`, { cause: e });
  }
}

/** Byte flips, overwrites, insertions, deletions and truncations of a real payload. */
const mutated = (base: Uint8Array): fc.Arbitrary<Uint8Array> =>
  fc
    .array(
      fc.record({ op: fc.constantFrom('flip', 'set', 'insert', 'delete', 'truncate'), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      { minLength: 1, maxLength: 8 },
    )
    .map((ops) => {
      let b = Buffer.from(base);
      for (const { op, at, byte } of ops) {
        const i = b.length === 0 ? 0 : at % b.length;
        if (op === 'flip') b[i] = b[i]! ^ (1 << (byte & 7));
        else if (op === 'set') b[i] = byte;
        else if (op === 'insert') b = Buffer.concat([b.subarray(0, i), Buffer.from([byte]), b.subarray(i)]);
        else if (op === 'delete') b = Buffer.concat([b.subarray(0, i), b.subarray(i + 1)]);
        else b = b.subarray(0, i);
      }
      return new Uint8Array(b);
    });

const DECODERS = [
  ['decodeJaegerAgentDatagram', decodeJaegerAgentDatagram],
  ['decodeJaegerThriftBatch', decodeJaegerThriftBatch],
  ['decodeJaegerProtoPostSpans', decodeJaegerProtoPostSpans],
] as const;

for (const [name, decode] of DECODERS) {
  test(`${name}: random bytes decode or throw a SkeinError (property)`, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => decodesOrRefuses(decode, b)),
      { numRuns: 500 },
    );
    // and with the first byte of each protocol, so the random rest reaches deeper
    fc.assert(
      fc.property(fc.constantFrom(0x80, 0x82, 0x0c, 0x0a), fc.uint8Array({ maxLength: 300 }), (first, rest) => decodesOrRefuses(decode, Buffer.concat([Buffer.from([first]), rest]))),
      { numRuns: 300 },
    );
  });
}

test('mutated real payloads (both fixtures, compact and protobuf encodings of them) decode or throw a SkeinError (property)', () => {
  const udp = readWireFixture('jaeger-udp.bin');
  const http = readWireFixture('jaeger-http.bin');
  const spans = decodeJaegerAgentDatagram(udp);
  const compact = encodeJaegerAgentDatagram(spans, 'compact');
  const proto = encodeJaegerProtoPostSpans(spans);
  const cases: Array<[Uint8Array, (b: Uint8Array) => unknown]> = [
    [udp, decodeJaegerAgentDatagram],
    [compact, decodeJaegerAgentDatagram],
    [http, decodeJaegerThriftBatch],
    [proto, decodeJaegerProtoPostSpans],
  ];
  for (const [base, decode] of cases) {
    fc.assert(
      fc.property(mutated(base), (b) => decodesOrRefuses(decode, b)),
      { numRuns: 300 },
    );
  }
});

test('mutated random batches decode or throw a SkeinError (property)', () => {
  fc.assert(
    fc.property(
      jaegerBatchArb.chain((spans) => mutated(encodeJaegerAgentDatagram(spans, 'compact'))),
      (b) => decodesOrRefuses(decodeJaegerAgentDatagram, b),
    ),
    { numRuns: 200 },
  );
});

test('a lying span count is refused at once, not allocated', () => {
  // emitBatch(batch{ spans: list<struct> of 2^31-1 }) in 30-odd bytes
  const header = Buffer.from('8001000400000009', 'hex');
  const body = Buffer.concat([header, Buffer.from('emitBatch'), Buffer.from('00000000' + '0c0001' + '0f0002' + '0c7fffffff', 'hex')]);
  assert.throws(() => decodeJaegerAgentDatagram(body), (e: unknown) => e instanceof SkeinError && e.code === 'SKEIN_ERR_MALFORMED_THRIFT');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SkeinError, SpanKind, anyValueToString, findAttribute, type Span } from '@skein/model';
import { assertSkeinError, readWireFixture } from '@skein/testkit';
import { binaryProtocolWriter } from '../thrift/binary-protocol.js';
import { TType, type ThriftProtocolWriter } from '../thrift/thrift-types.js';
import { decodeZipkinV1Thrift } from './decode-zipkin-v1-thrift.js';

const FIXTURE = readWireFixture('pyzipkin-V1_THRIFT.bin');

const textOf = (s: Span, key: string): string | undefined => {
  const v = findAttribute(s.attributes, key);
  return v === undefined ? undefined : anyValueToString(v);
};

// Hand-written zipkinCore.thrift structs, to send what no fixture has.
type Field = (w: ThriftProtocolWriter) => void;
const field = (type: number, id: number, write: (w: ThriftProtocolWriter) => void): Field => (w) => {
  w.writeFieldBegin(type, id);
  write(w);
  w.writeFieldEnd();
};
const struct = (fields: Field[]) => (w: ThriftProtocolWriter) => {
  w.writeStructBegin();
  for (const f of fields) f(w);
  w.writeFieldStop();
  w.writeStructEnd();
};
const i64 = (id: number, v: bigint) => field(TType.I64, id, (w) => w.writeI64(v));
const str = (id: number, v: string) => field(TType.STRING, id, (w) => w.writeString(v));
const list = (id: number, items: Array<(w: ThriftProtocolWriter) => void>) =>
  field(TType.LIST, id, (w) => {
    w.writeListBegin(TType.STRUCT, items.length);
    items.forEach((write) => write(w));
    w.writeListEnd();
  });
const endpoint = (id: number, service: string, ipv4 = 0x0a000001, port = 8080) => field(TType.STRUCT, id, struct([field(TType.I32, 1, (w) => w.writeI32(ipv4)), field(TType.I16, 2, (w) => w.writeI16((port << 16) >> 16)), str(3, service)]));
const annotation = (ts: bigint, value: string, service = 'svc') => struct([i64(1, ts), str(2, value), endpoint(3, service)]);
const binaryAnnotation = (key: string, value: Uint8Array, type: number, service = 'svc') => struct([str(1, key), field(TType.STRING, 2, (w) => w.writeBinary(value)), field(TType.I32, 3, (w) => w.writeI32(type)), endpoint(4, service)]);
const TS = 1_795_000_000_000_000n;
const span = (extra: Field[] = [], binaryAnnotations: Array<(w: ThriftProtocolWriter) => void> = []) =>
  struct([i64(1, 0x4e441824ec2b6a44n), str(3, 'op'), i64(4, 0x1122334455667788n), list(6, [annotation(TS, 'cs'), annotation(TS + 100n, 'cr')]), list(8, binaryAnnotations), i64(10, TS), i64(11, 100n), ...extra]);
const encodeList = (spans: Array<(w: ThriftProtocolWriter) => void>, elementType: number = TType.STRUCT) => {
  const w = binaryProtocolWriter();
  w.writeListBegin(elementType, spans.length);
  spans.forEach((write) => write(w));
  w.writeListEnd();
  return w.finish();
};
const encodeOne = (write: (w: ThriftProtocolWriter) => void) => {
  const w = binaryProtocolWriter();
  write(w);
  return w.finish();
};

test('a list, a single struct, or a list declared as STRING (zipkin-reporter-java#133) all decode', () => {
  const listed = decodeZipkinV1Thrift(encodeList([span(), span()]));
  assert.equal(listed.length, 2);
  assert.deepEqual([listed[0]!.kind, listed[0]!.name, listed[0]!.spanId], [SpanKind.CLIENT, 'op', '1122334455667788']);
  assert.deepEqual(decodeZipkinV1Thrift(encodeOne(span())), [listed[0]]);
  assert.equal(decodeZipkinV1Thrift(encodeList([span()], TType.STRING)).length, 1);
  // a single struct that starts with its name (0b 00 03) is not mistaken for such a list
  assert.equal(decodeZipkinV1Thrift(encodeOne(struct([str(3, 'named-first'), i64(1, 1n), i64(4, 2n)])))[0]!.name, 'named-first');
  assert.deepEqual(decodeZipkinV1Thrift(encodeList([])), []);
});

test('trace_id_high makes a 128-bit trace id; without it (or zero) the id is 64-bit', () => {
  const [wide] = decodeZipkinV1Thrift(encodeList([span([i64(12, 0x7180c278b62e8f6an)])]));
  assert.equal(wide!.traceId, '7180c278b62e8f6a4e441824ec2b6a44');
  assert.equal(wide!.traceIdHigh64Absent, false);
  const [zeroHigh] = decodeZipkinV1Thrift(encodeList([span([i64(12, 0n)])]));
  assert.equal(zeroHigh!.traceId, '00000000000000004e441824ec2b6a44');
  assert.equal(zeroHigh!.traceIdHigh64Absent, true);
  // negative i64s are the unsigned ids they encode
  const [negative] = decodeZipkinV1Thrift(encodeList([struct([i64(1, -1n), i64(4, -2n), i64(5, -3n)])]));
  assert.deepEqual([negative!.traceId.slice(16), negative!.spanId, negative!.parentSpanId], ['ffffffffffffffff', 'fffffffffffffffe', 'fffffffffffffffd']);
});

test('typed binary annotations become tag text; a true BOOL "sa" is the remote endpoint', () => {
  const be = (n: number, write: (b: Buffer) => void) => {
    const b = Buffer.alloc(n);
    write(b);
    return b;
  };
  const [s] = decodeZipkinV1Thrift(
    encodeList([
      span(
        [],
        [
          binaryAnnotation('str', Buffer.from('text'), 6),
          binaryAnnotation('flag', Uint8Array.of(1), 0),
          binaryAnnotation('blob', Uint8Array.of(0xfb, 0xff), 1),
          binaryAnnotation('short', be(2, (b) => b.writeInt16BE(-7)), 2),
          binaryAnnotation('int', be(4, (b) => b.writeInt32BE(123456)), 3),
          binaryAnnotation('long', be(8, (b) => b.writeBigInt64BE(9_007_199_254_740_993n)), 4),
          binaryAnnotation('ratio', be(8, (b) => b.writeDoubleBE(1e-4)), 5),
          binaryAnnotation('sa', Uint8Array.of(1), 0, 'db'),
          binaryAnnotation('ca', Uint8Array.of(0), 0, 'nobody'),
        ],
      ),
    ]),
  );
  const tags = Object.fromEntries(s!.attributes.filter((a) => !a.key.includes('.')).map((a) => [a.key, anyValueToString(a.value)]));
  assert.deepEqual(tags, { blob: '-_8=', flag: 'true', int: '123456', long: '9007199254740993', ratio: '1.0E-4', short: '-7', str: 'text' });
  assert.equal(textOf(s!, 'peer.service'), 'db');
  assert.equal(textOf(s!, 'net.peer.ip'), '10.0.0.1');
});

test('endpoints: ports above 32767 travel as negative i16s; ipv6 bytes become text; zeros are absent', () => {
  const ipv6 = Uint8Array.from([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  const host = field(TType.STRUCT, 3, struct([field(TType.I32, 1, (w) => w.writeI32(0)), field(TType.I16, 2, (w) => w.writeI16(-1)), str(3, 'svc'), field(TType.STRING, 4, (w) => w.writeBinary(ipv6))]));
  const [s] = decodeZipkinV1Thrift(encodeList([struct([i64(1, 1n), i64(4, 2n), i64(10, TS), list(6, [struct([i64(1, TS), str(2, 'sr'), host])])])]));
  assert.deepEqual(findAttribute(s!.attributes, 'net.host.port'), { type: 'int', value: 65535n });
  assert.equal(textOf(s!, 'net.host.ip'), '2001:db8::1');
  assert.equal(s!.kind, SpanKind.SERVER);
});

test('what Zipkin drops is dropped; fields of an unexpected type are skipped', () => {
  const [s] = decodeZipkinV1Thrift(
    encodeList([
      struct([
        i64(1, 1n),
        i64(4, 2n),
        str(1, 'a trace id sent as a string'),
        field(TType.I32, 3, (w) => w.writeI32(7)), // name as an i32
        list(6, [struct([str(2, 'no timestamp')]), struct([i64(1, TS)]), struct([i64(1, TS), str(2, 'kept')])]),
        list(8, [struct([str(1, 'no value')]), struct([field(TType.STRING, 2, (w) => w.writeString('no key'))])]),
        field(TType.MAP, 20, (w) => {
          w.writeMapBegin(TType.STRING, TType.LIST, 1);
          w.writeString('k');
          w.writeListBegin(TType.I64, 1);
          w.writeI64(1n);
          w.writeListEnd();
          w.writeMapEnd();
        }),
      ]),
    ]),
  );
  assert.equal(s!.traceId.slice(16), '0000000000000001');
  assert.equal(s!.name, '');
  assert.deepEqual(s!.events.map((e) => e.name), ['kept']);
  assert.deepEqual(s!.attributes, []);
});

test('malformed payloads are SKEIN_ERR_MALFORMED_THRIFT naming what went wrong', () => {
  assertSkeinError(() => decodeZipkinV1Thrift(new Uint8Array(0)), 'SKEIN_ERR_EMPTY_BODY');
  assertSkeinError(() => decodeZipkinV1Thrift(FIXTURE.subarray(0, FIXTURE.length - 7)), 'SKEIN_ERR_MALFORMED_THRIFT', /truncated|does not fit/i);
  assertSkeinError(() => decodeZipkinV1Thrift(Buffer.concat([FIXTURE, Buffer.from([0, 0])])), 'SKEIN_ERR_MALFORMED_THRIFT', /2 bytes left after the last span/);
  // a list claiming two billion spans is refused before anything is allocated
  assertSkeinError(() => decodeZipkinV1Thrift(Uint8Array.from([0x0c, 0x7f, 0xff, 0xff, 0xff, 0x00])), 'SKEIN_ERR_MALFORMED_THRIFT', /does not fit/);
  // nesting an unknown field thousands deep hits the skip limit, not the stack
  const deep = Buffer.concat([Buffer.from([0x0c, 0, 0, 0, 1]), ...Array.from({ length: 5000 }, () => Buffer.from([0x0c, 0x00, 0x63])), Buffer.alloc(5001)]);
  assertSkeinError(() => decodeZipkinV1Thrift(deep), 'SKEIN_ERR_MALFORMED_THRIFT');
});

test('fuzz: random bytes and mutated fixtures decode or throw a SkeinError, never anything else', () => {
  const mutated = fc
    .array(fc.record({ at: fc.nat(FIXTURE.length - 1), byte: fc.integer({ min: 0, max: 255 }), op: fc.constantFrom('set', 'insert', 'delete') }), { minLength: 1, maxLength: 6 })
    .map((edits) => {
      const bytes = [...FIXTURE];
      for (const { at, byte, op } of edits) {
        const i = Math.min(at, bytes.length - 1);
        if (op === 'set') bytes[i] = byte;
        else if (op === 'insert') bytes.splice(i, 0, byte);
        else bytes.splice(i, 1);
      }
      return Uint8Array.from(bytes);
    });
  const truncated = fc.nat(FIXTURE.length).map((n) => FIXTURE.subarray(0, n));
  const random = fc.uint8Array({ maxLength: 300 });
  const randomList = fc.uint8Array({ maxLength: 300 }).map((b) => Uint8Array.from([0x0c, 0, 0, 0, 2, ...b]));
  fc.assert(
    fc.property(fc.oneof(mutated, truncated, random, randomList), (bytes) => {
      try {
        decodeZipkinV1Thrift(bytes);
      } catch (e) {
        assert.ok(e instanceof SkeinError, `${String(e)} for ${Buffer.from(bytes).toString('hex')}`);
      }
    }),
    { numRuns: 500 },
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SkeinError } from '@skein/model';
import { binaryProtocolReader, binaryProtocolWriter } from './binary-protocol.js';
import { compactProtocolReader, compactProtocolWriter } from './compact-protocol.js';
import { MAX_THRIFT_SKIP_DEPTH } from './skip-value.js';
import { TMessageType, TType, type ThriftProtocolReader, type ThriftProtocolWriter } from './thrift-types.js';

const PROTOCOLS = [
  { name: 'binary', reader: binaryProtocolReader, writer: binaryProtocolWriter },
  { name: 'compact', reader: compactProtocolReader, writer: compactProtocolWriter },
] as const;

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const isMalformed = (e: unknown): boolean => e instanceof SkeinError && e.code === 'SKEIN_ERR_MALFORMED_THRIFT';

/** Every type once, as fields of one struct (ids chosen to exercise both compact field-header forms). */
function writeKitchenSink(w: ThriftProtocolWriter): void {
  w.writeMessageBegin('emitBatch', TMessageType.ONEWAY, 7);
  w.writeStructBegin();
  w.writeFieldBegin(TType.BOOL, 1);
  w.writeBool(true);
  w.writeFieldEnd();
  w.writeFieldBegin(TType.BOOL, 2);
  w.writeBool(false);
  w.writeFieldBegin(TType.BYTE, 3);
  w.writeByte(-5);
  w.writeFieldBegin(TType.I16, 4);
  w.writeI16(-32768);
  w.writeFieldBegin(TType.I32, 5);
  w.writeI32(2147483647);
  w.writeFieldBegin(TType.I64, 6);
  w.writeI64(-9223372036854775808n);
  w.writeFieldBegin(TType.DOUBLE, 7);
  w.writeDouble(-0.125);
  w.writeFieldBegin(TType.STRING, 40); // a long jump: compact writes the id in full
  w.writeString('héllo ✓');
  w.writeFieldBegin(TType.STRING, 41);
  w.writeBinary(new Uint8Array([0, 255, 1]));
  w.writeFieldBegin(TType.LIST, 42);
  w.writeListBegin(TType.BOOL, 3);
  w.writeBool(true);
  w.writeBool(false);
  w.writeBool(true);
  w.writeListEnd();
  w.writeFieldBegin(TType.SET, 43);
  w.writeSetBegin(TType.I64, 20); // over 14 elements: compact writes the size as a varint
  for (let i = 0; i < 20; i++) w.writeI64(BigInt(i) * 1000000007n - 5n);
  w.writeSetEnd();
  w.writeFieldBegin(TType.MAP, 44);
  w.writeMapBegin(TType.STRING, TType.STRUCT, 2);
  for (const k of ['a', 'b']) {
    w.writeString(k);
    w.writeStructBegin();
    w.writeFieldBegin(TType.I32, 1);
    w.writeI32(k === 'a' ? -1 : 1);
    w.writeFieldBegin(TType.BOOL, 2);
    w.writeBool(k === 'a');
    w.writeFieldStop();
    w.writeStructEnd();
  }
  w.writeMapEnd();
  w.writeFieldBegin(TType.MAP, 45);
  w.writeMapBegin(TType.I32, TType.I32, 0);
  w.writeMapEnd();
  w.writeFieldBegin(TType.I32, 46); // after a nested struct, the delta is from field 45 again
  w.writeI32(0);
  w.writeFieldStop();
  w.writeStructEnd();
}

function readKitchenSink(r: ThriftProtocolReader): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  out.message = r.readMessageBegin();
  r.readStructBegin();
  for (;;) {
    const f = r.readFieldBegin();
    if (f.type === TType.STOP) break;
    const key = `${f.id}`;
    switch (f.type) {
      case TType.BOOL:
        out[key] = r.readBool();
        break;
      case TType.BYTE:
        out[key] = r.readByte();
        break;
      case TType.I16:
        out[key] = r.readI16();
        break;
      case TType.I32:
        out[key] = r.readI32();
        break;
      case TType.I64:
        out[key] = r.readI64();
        break;
      case TType.DOUBLE:
        out[key] = r.readDouble();
        break;
      case TType.STRING:
        out[key] = f.id === 41 ? [...r.readBinary()] : r.readString();
        break;
      case TType.LIST: {
        const h = r.readListBegin();
        assert.equal(h.elementType, TType.BOOL);
        out[key] = Array.from({ length: h.size }, () => r.readBool());
        r.readListEnd();
        break;
      }
      case TType.SET: {
        const h = r.readSetBegin();
        assert.equal(h.elementType, TType.I64);
        out[key] = Array.from({ length: h.size }, () => r.readI64());
        r.readSetEnd();
        break;
      }
      case TType.MAP: {
        const h = r.readMapBegin();
        const m: Record<string, unknown> = {};
        for (let i = 0; i < h.size; i++) {
          assert.equal(h.keyType, TType.STRING);
          assert.equal(h.valueType, TType.STRUCT);
          const k = r.readString();
          r.readStructBegin();
          const v: unknown[] = [];
          for (let g = r.readFieldBegin(); g.type !== TType.STOP; g = r.readFieldBegin()) v.push([g.id, g.type === TType.BOOL ? r.readBool() : r.readI32()]);
          r.readStructEnd();
          m[k] = v;
        }
        r.readMapEnd();
        out[key] = m;
        break;
      }
      default:
        assert.fail(`unexpected type ${f.type}`);
    }
    r.readFieldEnd();
  }
  r.readStructEnd();
  return out;
}

const EXPECTED_SINK = {
  message: { name: 'emitBatch', type: TMessageType.ONEWAY, seqid: 7 },
  1: true,
  2: false,
  3: -5,
  4: -32768,
  5: 2147483647,
  6: -9223372036854775808n,
  7: -0.125,
  40: 'héllo ✓',
  41: [0, 255, 1],
  42: [true, false, true],
  43: Array.from({ length: 20 }, (_, i) => BigInt(i) * 1000000007n - 5n),
  44: { a: [[1, -1], [2, true]], b: [[1, 1], [2, false]] },
  45: {},
  46: 0,
};

for (const p of PROTOCOLS) {
  test(`${p.name}: every type round-trips writer → reader`, () => {
    const w = p.writer();
    writeKitchenSink(w);
    const bytes = w.finish();
    const r = p.reader(bytes);
    assert.deepEqual(readKitchenSink(r), EXPECTED_SINK);
    assert.equal(r.remaining(), 0);
  });

  test(`${p.name}: skip passes over a whole struct, leaving the reader just after it`, () => {
    const w = p.writer();
    writeKitchenSink(w);
    w.writeI32(12345); // a sentinel after the struct
    const r = p.reader(w.finish());
    r.readMessageBegin();
    r.skip(TType.STRUCT);
    assert.equal(r.readI32(), 12345);
    assert.equal(r.remaining(), 0);
  });

  test(`${p.name}: every truncation of a message fails as malformed Thrift`, () => {
    const w = p.writer();
    writeKitchenSink(w);
    const bytes = w.finish();
    for (let n = 0; n < bytes.length; n++) {
      const r = p.reader(bytes.subarray(0, n));
      assert.throws(
        () => {
          r.readMessageBegin();
          r.skip(TType.STRUCT);
        },
        isMalformed,
        `prefix of ${n} bytes`,
      );
    }
  });

  test(`${p.name}: nesting deeper than ${MAX_THRIFT_SKIP_DEPTH} is refused by skip, without exhausting the stack`, () => {
    const nested = (depth: number): Uint8Array => {
      const w = p.writer();
      for (let i = 0; i < depth; i++) w.writeListBegin(TType.LIST, 1);
      w.writeListBegin(TType.I32, 0);
      return w.finish();
    };
    p.reader(nested(MAX_THRIFT_SKIP_DEPTH - 1)).skip(TType.LIST); // within the bound: fine
    assert.throws(() => p.reader(nested(MAX_THRIFT_SKIP_DEPTH)).skip(TType.LIST), isMalformed);
    assert.throws(() => p.reader(nested(100_000)).skip(TType.LIST), isMalformed);
    // structs nested in structs, the same
    const w = p.writer();
    for (let i = 0; i < 10_000; i++) {
      w.writeStructBegin();
      w.writeFieldBegin(TType.STRUCT, 1);
    }
    assert.throws(() => p.reader(w.finish()).skip(TType.STRUCT), isMalformed);
  });

  test(`${p.name}: random values round-trip (property)`, () => {
    fc.assert(
      fc.property(
        fc.record({
          b: fc.boolean(),
          i8: fc.integer({ min: -128, max: 127 }),
          i16: fc.integer({ min: -32768, max: 32767 }),
          i32: fc.integer({ min: -2147483648, max: 2147483647 }),
          i64: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
          d: fc.double(),
          s: fc.string({ unit: 'grapheme', maxLength: 40 }),
          bin: fc.uint8Array({ maxLength: 40 }),
          ids: fc.array(fc.integer({ min: 1, max: 32767 }), { minLength: 1, maxLength: 5 }),
          list: fc.array(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { maxLength: 30 }),
        }),
        (v) => {
          const w = p.writer();
          w.writeStructBegin();
          for (const id of v.ids) {
            w.writeFieldBegin(TType.BOOL, id);
            w.writeBool(v.b);
          }
          w.writeFieldStop();
          w.writeStructEnd();
          w.writeByte(v.i8);
          w.writeI16(v.i16);
          w.writeI32(v.i32);
          w.writeI64(v.i64);
          w.writeDouble(v.d);
          w.writeString(v.s);
          w.writeBinary(v.bin);
          w.writeListBegin(TType.I64, v.list.length);
          for (const x of v.list) w.writeI64(x);
          const r = p.reader(w.finish());
          r.readStructBegin();
          for (const id of v.ids) {
            assert.deepEqual(r.readFieldBegin(), { type: TType.BOOL, id });
            assert.equal(r.readBool(), v.b);
          }
          assert.equal(r.readFieldBegin().type, TType.STOP);
          r.readStructEnd();
          assert.equal(r.readByte(), v.i8);
          assert.equal(r.readI16(), v.i16);
          assert.equal(r.readI32(), v.i32);
          assert.equal(r.readI64(), v.i64);
          assert.ok(Object.is(r.readDouble(), v.d));
          assert.equal(r.readString(), v.s);
          assert.deepEqual(r.readBinary(), v.bin);
          const h = r.readListBegin();
          assert.deepEqual(h, { elementType: TType.I64, size: v.list.length });
          for (const x of v.list) assert.equal(r.readI64(), x);
          assert.equal(r.remaining(), 0);
        },
      ),
      { numRuns: 300 },
    );
  });

  test(`${p.name}: readI64Hex gives the unsigned hex of what readI64 reads (property)`, () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (v) => {
        const w = p.writer();
        w.writeI64(v);
        w.writeI64(v);
        const r = p.reader(w.finish());
        assert.equal(r.readI64Hex(), BigInt.asUintN(64, v).toString(16).padStart(16, '0'));
        assert.equal(r.readI64(), v);
      }),
      { numRuns: 300 },
    );
    for (const v of [0n, -1n, 1n, -(2n ** 63n), 2n ** 63n - 1n]) {
      const w = p.writer();
      w.writeI64(v);
      assert.equal(p.reader(w.finish()).readI64Hex(), BigInt.asUintN(64, v).toString(16).padStart(16, '0'));
    }
    assert.throws(() => p.reader(new Uint8Array([0xff])).readI64Hex(), isMalformed);
  });

  test(`${p.name}: random bytes either skip as a struct or fail as malformed Thrift, never otherwise (property)`, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const r = p.reader(bytes);
        try {
          r.skip(TType.STRUCT);
        } catch (e) {
          assert.ok(isMalformed(e), String(e));
        }
        try {
          p.reader(bytes).readMessageBegin();
        } catch (e) {
          assert.ok(isMalformed(e), String(e));
        }
      }),
      { numRuns: 500 },
    );
  });
}

test('binary: known byte sequences', () => {
  const bytesOf = (write: (w: ThriftProtocolWriter) => void): string => {
    const w = binaryProtocolWriter();
    write(w);
    return hex(w.finish());
  };
  // the header of the Node jaeger-client's UDP datagram (fixture jaeger-udp.bin)
  assert.equal(bytesOf((w) => w.writeMessageBegin('emitBatch', TMessageType.ONEWAY, 0)), '80010004' + '00000009' + hex(Buffer.from('emitBatch')) + '00000000');
  assert.equal(bytesOf((w) => w.writeFieldBegin(TType.STRUCT, 1)), '0c0001');
  assert.equal(bytesOf((w) => w.writeI16(-2)), 'fffe');
  assert.equal(bytesOf((w) => w.writeI32(1)), '00000001');
  assert.equal(bytesOf((w) => w.writeI64(-1n)), 'ffffffffffffffff');
  assert.equal(bytesOf((w) => w.writeDouble(1)), '3ff0000000000000');
  assert.equal(bytesOf((w) => w.writeString('hi')), '000000026869');
  assert.equal(bytesOf((w) => w.writeListBegin(TType.STRUCT, 2)), '0c00000002');
  assert.equal(bytesOf((w) => w.writeMapBegin(TType.STRING, TType.I32, 1)), '0b0800000001');
  assert.equal(bytesOf((w) => w.writeBool(true)), '01');
  assert.equal(bytesOf((w) => w.writeFieldStop()), '00');

  assert.equal(binaryProtocolReader(Buffer.from('7fffffffffffffff', 'hex')).readI64(), 9223372036854775807n);
  assert.equal(binaryProtocolReader(Buffer.from('80', 'hex')).readByte(), -128);
});

test('binary: old non-strict message headers (name length first) are read too', () => {
  const body = Buffer.concat([Buffer.from('00000009', 'hex'), Buffer.from('emitBatch'), Buffer.from('04', 'hex'), Buffer.from('0000002a', 'hex')]);
  assert.deepEqual(binaryProtocolReader(body).readMessageBegin(), { name: 'emitBatch', type: TMessageType.ONEWAY, seqid: 42 });
});

test('binary: a bad version word is refused', () => {
  assert.throws(() => binaryProtocolReader(Buffer.from('80020004000000016100000000', 'hex')).readMessageBegin(), isMalformed);
});

test('compact: known byte sequences', () => {
  const bytesOf = (write: (w: ThriftProtocolWriter) => void): string => {
    const w = compactProtocolWriter();
    write(w);
    return hex(w.finish());
  };
  // protocol id 0x82, then version 1 | ONEWAY(4) << 5, varint seqid, varint-length name
  assert.equal(bytesOf((w) => w.writeMessageBegin('emitBatch', TMessageType.ONEWAY, 0)), '828100' + '09' + hex(Buffer.from('emitBatch')));
  assert.equal(bytesOf((w) => w.writeI32(0)), '00');
  assert.equal(bytesOf((w) => w.writeI32(-1)), '01');
  assert.equal(bytesOf((w) => w.writeI32(1)), '02');
  assert.equal(bytesOf((w) => w.writeI64(150n)), 'ac02');
  assert.equal(bytesOf((w) => w.writeI64(-(2n ** 63n))), 'ffffffffffffffffff01');
  assert.equal(bytesOf((w) => w.writeDouble(1)), '000000000000f03f'); // little-endian
  assert.equal(bytesOf((w) => w.writeString('hi')), '026869');
  assert.equal(bytesOf((w) => w.writeListBegin(TType.I32, 3)), '35');
  assert.equal(bytesOf((w) => w.writeListBegin(TType.STRUCT, 20)), 'fc14');
  assert.equal(bytesOf((w) => w.writeMapBegin(TType.STRING, TType.I64, 0)), '00');
  assert.equal(bytesOf((w) => w.writeMapBegin(TType.STRING, TType.I64, 2)), '0286');
  assert.equal(
    bytesOf((w) => {
      w.writeStructBegin();
      w.writeFieldBegin(TType.I32, 1); // delta 1, type I32 (5)
      w.writeI32(3);
      w.writeFieldBegin(TType.BOOL, 2); // delta 1, value folded: TRUE (1)
      w.writeBool(true);
      w.writeFieldBegin(TType.BOOL, 3);
      w.writeBool(false); // FALSE (2)
      w.writeFieldBegin(TType.STRING, 100); // delta too large: type, then zigzag i16 id
      w.writeString('');
      w.writeFieldStop();
      w.writeStructEnd();
    }),
    '1506' + '11' + '12' + '08c80100' + '00',
  );
  assert.equal(compactProtocolReader(Buffer.from('feffffffffffffffff01', 'hex')).readI64(), 9223372036854775807n);
});

test('compact: a wrong protocol id or version is refused', () => {
  assert.throws(() => compactProtocolReader(Buffer.from('80010004', 'hex')).readMessageBegin(), isMalformed);
  assert.throws(() => compactProtocolReader(Buffer.from('8282000161', 'hex')).readMessageBegin(), isMalformed);
});

test('compact: field ids continue from the enclosing struct after a nested one ends', () => {
  const w = compactProtocolWriter();
  w.writeStructBegin();
  w.writeFieldBegin(TType.STRUCT, 5);
  w.writeStructBegin();
  w.writeFieldBegin(TType.I32, 9);
  w.writeI32(1);
  w.writeFieldStop();
  w.writeStructEnd();
  w.writeFieldBegin(TType.I32, 6);
  w.writeI32(2);
  w.writeFieldStop();
  w.writeStructEnd();
  const r = compactProtocolReader(w.finish());
  r.readStructBegin();
  assert.deepEqual(r.readFieldBegin(), { type: TType.STRUCT, id: 5 });
  r.skip(TType.STRUCT);
  assert.deepEqual(r.readFieldBegin(), { type: TType.I32, id: 6 });
  assert.equal(r.readI32(), 2);
});

test('lying sizes are refused before anything is allocated', () => {
  const cases: Array<[string, () => unknown]> = [
    ['binary list of 2^31-1 structs', () => binaryProtocolReader(Buffer.from('0c7fffffff00', 'hex')).readListBegin()],
    ['binary list of i64s longer than the bytes left', () => binaryProtocolReader(Buffer.from('0a000000020000000000000001', 'hex')).readListBegin()],
    ['binary negative list size', () => binaryProtocolReader(Buffer.from('08ffffffff', 'hex')).readListBegin()],
    ['binary map of 1000 entries in 4 bytes', () => binaryProtocolReader(Buffer.from('0b0b000003e800000000', 'hex')).readMapBegin()],
    ['binary string longer than the bytes left', () => binaryProtocolReader(Buffer.from('7fffffff6869', 'hex')).readString()],
    ['binary negative string length', () => binaryProtocolReader(Buffer.from('ffffffff', 'hex')).readBinary()],
    ['binary list of VOID', () => binaryProtocolReader(Buffer.from('010000000100', 'hex')).readListBegin()],
    ['compact list of 2^32-1 bytes', () => compactProtocolReader(Buffer.from('f3ffffffff0f00', 'hex')).readListBegin()],
    ['compact list of 3 doubles in 8 bytes', () => compactProtocolReader(Buffer.from('37000000000000f03f', 'hex')).readListBegin()],
    ['compact map of 2^28 entries', () => compactProtocolReader(Buffer.from('808080800188', 'hex')).readMapBegin()],
    ['compact string longer than the bytes left', () => compactProtocolReader(Buffer.from('ffffffff0f41', 'hex')).readString()],
    ['compact varint longer than 10 bytes', () => compactProtocolReader(Buffer.from('ffffffffffffffffffffff01', 'hex')).readI64()],
    ['compact field of unknown type 14', () => compactProtocolReader(Buffer.from('1e', 'hex')).readFieldBegin()],
  ];
  for (const [name, read] of cases) assert.throws(read, isMalformed, name);
});

test('skip refuses unknown types', () => {
  assert.throws(() => binaryProtocolReader(Buffer.from('0100010000', 'hex')).skip(TType.STRUCT), isMalformed);
  assert.throws(() => binaryProtocolReader(Buffer.from('00', 'hex')).skip(TType.VOID), isMalformed);
});

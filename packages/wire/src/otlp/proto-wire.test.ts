import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SkeinError } from '@skein/model';
import { ProtoReader } from './proto-reader.js';
import { ProtoWriter } from './proto-writer.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

test('varints are encoded as the protobuf spec shows (150 → 96 01; -1 → ten bytes)', () => {
  const w = new ProtoWriter(1);
  w.uint32(150);
  w.int64(-1n);
  w.uint32(0xffffffff);
  assert.deepEqual([...w.finish()], [0x96, 0x01, ...Array(9).fill(0xff), 0x01, 0xff, 0xff, 0xff, 0xff, 0x0f]);
});

test('writer and reader agree on every scalar, growing the buffer from one byte', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.oneof(
          fc.record({ k: fc.constant('u32' as const), v: fc.integer({ min: 0, max: 0xffffffff }) }),
          fc.record({ k: fc.constant('i64' as const), v: fc.oneof(fc.constantFrom(INT64_MIN, INT64_MAX, -1n, 0n), fc.bigInt({ min: INT64_MIN, max: INT64_MAX })) }),
          fc.record({ k: fc.constant('f64' as const), v: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }) }),
          fc.record({ k: fc.constant('f32' as const), v: fc.integer({ min: 0, max: 0xffffffff }) }),
          fc.record({ k: fc.constant('dbl' as const), v: fc.double() }),
          fc.record({ k: fc.constant('str' as const), v: fc.string({ unit: 'binary', maxLength: 300 }) }),
          fc.record({ k: fc.constant('hex' as const), v: fc.uint8Array({ maxLength: 20 }).map((b) => Buffer.from(b).toString('hex')) }),
        ),
        { maxLength: 30 },
      ),
      (items) => {
        const w = new ProtoWriter(1);
        for (const it of items) {
          if (it.k === 'u32') w.uint32(it.v);
          else if (it.k === 'i64') w.int64(it.v);
          else if (it.k === 'f64') w.fixed64(it.v);
          else if (it.k === 'f32') w.fixed32(it.v);
          else if (it.k === 'dbl') w.double(it.v);
          else if (it.k === 'str') w.string(it.v);
          else w.hex(it.v);
        }
        const r = new ProtoReader(w.finish());
        for (const it of items) {
          const end = r.len;
          if (it.k === 'u32') assert.equal(r.uint32(), it.v);
          else if (it.k === 'i64') assert.equal(r.int64(), it.v);
          else if (it.k === 'f64') assert.equal(r.fixed64(), it.v);
          else if (it.k === 'f32') assert.equal(r.fixed32(), it.v);
          else if (it.k === 'dbl') assert.ok(Object.is(r.double(), it.v));
          else if (it.k === 'str') assert.equal(r.string(end), it.v);
          else assert.equal(r.hex(end), it.v);
        }
        assert.equal(r.pos, r.len);
      },
    ),
    { numRuns: 500 },
  );
});

test('fork/ldelim writes minimal length prefixes, shifting bodies of 128 bytes and more', () => {
  for (const size of [0, 1, 127, 128, 16_383, 16_384, 2_097_152]) {
    const w = new ProtoWriter(1);
    const start = w.fork();
    w.string('x'.repeat(size));
    w.ldelim(start);
    const bytes = w.finish();
    const r = new ProtoReader(bytes);
    const end = r.lenEnd(r.len);
    assert.equal(end, bytes.length);
    assert.equal(r.string(end).length, size);
  }
});

test('reads past the end are SkeinErrors, never RangeErrors', () => {
  const reads: Array<(r: ProtoReader) => unknown> = [(r) => r.fixed64(), (r) => r.fixed32(), (r) => r.double(), (r) => r.uint32(), (r) => r.int64(), (r) => r.bool(), (r) => r.string(r.len)];
  for (const read of reads) assert.throws(() => read(new ProtoReader(Uint8Array.of(0x80, 0x80, 0x80))), (e: unknown) => e instanceof SkeinError && e.code === 'SKEIN_ERR_MALFORMED_PROTOBUF');
});

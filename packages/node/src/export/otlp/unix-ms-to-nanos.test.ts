import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { unixMsToNanosString, writeUnixMsAsNanos } from './unix-ms-to-nanos.js';
import { referenceNanos } from '../test-support/reference-nanos.js';

const UINT64_MAX = (1n << 64n) - 1n;

function encoded(ms: number): bigint {
  const buf = new Uint8Array(8);
  writeUnixMsAsNanos(buf, 0, ms);
  return new DataView(buf.buffer).getBigUint64(0, true);
}

test('known values', () => {
  assert.equal(encoded(1_700_000_000_000), 1_700_000_000_000_000_000n);
  assert.equal(encoded(1_700_000_000_000.125), 1_700_000_000_000_125_000n);
  assert.equal(encoded(1.5), 1_500_000n);
  assert.equal(encoded(0), 0n);
  assert.equal(encoded(-5), 0n);
  assert.equal(encoded(Number.NaN), 0n);
  assert.equal(encoded(1e300), UINT64_MAX);
  assert.equal(encoded(Number.POSITIVE_INFINITY), UINT64_MAX);
  assert.equal(unixMsToNanosString(1_700_000_000_000.125), '1700000000000125000');
  assert.equal(unixMsToNanosString(0.000001), '1');
  assert.equal(unixMsToNanosString(0), '0');
  assert.equal(unixMsToNanosString(1e300), UINT64_MAX.toString());
});

test('writes at an offset without touching neighbours', () => {
  const buf = new Uint8Array(12).fill(0xee);
  writeUnixMsAsNanos(buf, 2, 1);
  assert.deepEqual([...buf.subarray(0, 2)], [0xee, 0xee]);
  assert.deepEqual([...buf.subarray(10)], [0xee, 0xee]);
  assert.equal(new DataView(buf.buffer).getBigUint64(2, true), 1_000_000n);
});

test('ties round half up on the exact value', () => {
  // For these doubles, ms * 1e6 rounds to exactly n + 0.5 although the exact product lies just
  // below (0.8395315, 0.9151305) or just above it: only the error-free product gets them right.
  assert.equal(encoded(0.8395315), 839531n);
  assert.equal(encoded(0.9151305), 915130n);
  assert.equal(encoded(0.1407595), 140760n);
  assert.equal(encoded(0.8744585), 874459n);
  for (const ms of [0.8395315, 0.9151305, 0.1407595, 0.8744585, 1_700_000_000_000 + 0.0000005, 2 ** -21, 0.0000025]) {
    assert.equal(encoded(ms), referenceNanos(ms), String(ms));
    assert.equal(unixMsToNanosString(ms), referenceNanos(ms).toString(), String(ms));
  }
});

test('matches the BigInt reference for realistic epoch times', () => {
  fc.assert(
    fc.property(fc.double({ min: 1e12, max: 4.2e12, noNaN: true }), (ms) => {
      assert.equal(encoded(ms), referenceNanos(ms));
      assert.equal(unixMsToNanosString(ms), referenceNanos(ms).toString());
    }),
    { numRuns: 20000 },
  );
});

test('matches the BigInt reference for any double', () => {
  fc.assert(
    fc.property(fc.double(), (ms) => {
      assert.equal(encoded(ms), referenceNanos(ms));
      assert.equal(unixMsToNanosString(ms), referenceNanos(ms).toString());
    }),
    { numRuns: 20000 },
  );
});

test('matches the BigInt reference near the uint64 limit and for tiny values', () => {
  const limit = Number(UINT64_MAX / 1_000_000n);
  fc.assert(
    fc.property(fc.oneof(fc.double({ min: limit - 10, max: limit + 10, noNaN: true }), fc.double({ min: 0, max: 2, noNaN: true })), (ms) => {
      assert.equal(encoded(ms), referenceNanos(ms));
      assert.equal(unixMsToNanosString(ms), referenceNanos(ms).toString());
    }),
    { numRuns: 20000 },
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { nanosToSeconds, secondsToNanos } from './xray-seconds.js';

test('epoch seconds as X-Ray SDKs write them convert without stray nanoseconds', () => {
  assert.equal(secondsToNanos(1795234601.155), 1795234601155000000n);
  assert.equal(secondsToNanos(1795234601), 1795234601000000000n);
  // Python's time.time() gives 7 decimals, one more than the double holds at this epoch: its
  // shortest text (…155123) is what comes back, within the double's ~0.2 µs
  assert.equal(secondsToNanos(1795234601.1551229), 1795234601155123000n);
  assert.equal(secondsToNanos(1700000000.1234567), 1700000000123456700n);
  // the naive double product is off here; the decimal reading is not
  assert.notEqual(BigInt(Math.round(1795234601.155 * 1e9)), 1795234601155000000n);
});

test('every microsecond of the 21st century survives decimal text → double → nanoseconds', () => {
  const EPOCH_2000 = 946_684_800n;
  const EPOCH_2100 = 4_102_444_800n;
  fc.assert(
    fc.property(fc.bigInt({ min: EPOCH_2000 * 1_000_000n, max: EPOCH_2100 * 1_000_000n }), (micros) => {
      const text = `${micros / 1_000_000n}.${(micros % 1_000_000n).toString().padStart(6, '0')}`;
      assert.equal(secondsToNanos(Number(text)), micros * 1000n, text);
      assert.equal(secondsToNanos(nanosToSeconds(micros * 1000n)), micros * 1000n, text);
    }),
    { numRuns: 500 },
  );
});

test('odd numbers give some bigint, never an exception', () => {
  assert.equal(secondsToNanos(0), 0n);
  assert.equal(secondsToNanos(-1.5), -1_500_000_000n);
  assert.equal(secondsToNanos(1e21), 10n ** 30n);
  assert.equal(secondsToNanos(1e-7), 100n);
  assert.equal(secondsToNanos(4e-10), 0n);
  assert.equal(secondsToNanos(6e-10), 1n);
  assert.equal(secondsToNanos(Number.MAX_VALUE) > 10n ** 300n, true);
  assert.equal(secondsToNanos(Number.MIN_VALUE), 0n);
  assert.equal(secondsToNanos(NaN), 0n);
  assert.equal(nanosToSeconds(-1_500_000_000n), -1.5);
});

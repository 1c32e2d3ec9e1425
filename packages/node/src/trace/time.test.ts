import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { isTimeInput, nowUnixMs, timeInputToUnixMs } from './time.js';
import { captureDiag } from './test-support/diag-capture.js';

test('nowUnixMs is the performance clock on the epoch scale, and does not go backwards', () => {
  const a = nowUnixMs();
  const b = nowUnixMs();
  assert.ok(b >= a);
  // Same scale as the wall clock (the monotonic clock may drift a little from it; a minute is generous).
  assert.ok(Math.abs(a - Date.now()) < 60_000);
  assert.ok(a > performance.timeOrigin);
});

test('epoch milliseconds, Dates and HrTime convert to float epoch ms', () => {
  assert.equal(timeInputToUnixMs(1_700_000_000_123.5), 1_700_000_000_123.5);
  assert.equal(timeInputToUnixMs(new Date(1_700_000_000_123)), 1_700_000_000_123);
  assert.equal(timeInputToUnixMs([1_700_000_000, 123_456_789]), 1_700_000_000_123.456789);
  // A Date.now() reading is epoch time even when it lags the monotonic time origin a little.
  assert.equal(timeInputToUnixMs(performance.timeOrigin - 5), performance.timeOrigin - 5);
});

test('small numbers are performance.now() readings, relative to the time origin', () => {
  assert.equal(timeInputToUnixMs(0), performance.timeOrigin);
  assert.equal(timeInputToUnixMs(1234.5), performance.timeOrigin + 1234.5);
  const p = performance.now();
  assert.equal(timeInputToUnixMs(p), performance.timeOrigin + p);
});

test('missing time is now; unusable time is now with a diagnostic', async () => {
  const before = nowUnixMs();
  assert.ok(timeInputToUnixMs(undefined) >= before);
  let results: number[] = [];
  const messages = await captureDiag(() => {
    results = [
      timeInputToUnixMs(Number.NaN),
      timeInputToUnixMs(Infinity),
      timeInputToUnixMs(new Date('not a date')),
      timeInputToUnixMs('2024-01-01' as never),
      timeInputToUnixMs({} as never),
    ];
  });
  const after = nowUnixMs();
  for (const r of results) assert.ok(r >= before && r <= after);
  assert.equal(messages.filter((m) => m.level === 'warn').length, results.length);
});

test('isTimeInput recognises numbers, Dates and [seconds, nanos] pairs only', () => {
  assert.ok(isTimeInput(5));
  assert.ok(isTimeInput(new Date()));
  assert.ok(isTimeInput([1, 2]));
  assert.ok(!isTimeInput([1, 2, 3]));
  assert.ok(!isTimeInput(['1', 2]));
  assert.ok(!isTimeInput({ a: 1 }));
  assert.ok(!isTimeInput(undefined));
  assert.ok(!isTimeInput('5'));
});

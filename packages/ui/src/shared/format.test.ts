import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAge, formatDuration, formatTimestamp, shortTraceId } from './format.js';

test('formatDuration picks the largest unit and keeps three significant digits', () => {
  const cases: Array<[bigint | string | number, string]> = [
    [0n, '0ns'],
    [999n, '999ns'],
    [1_000n, '1µs'],
    [1_500n, '1.5µs'],
    [1_234_567n, '1.23ms'],
    ['12345678', '12.3ms'],
    [123_456_789n, '123ms'],
    [1_000_000_000n, '1s'],
    [90_000_000_000n, '1.5min'],
    [7_200_000_000_000n, '2h'],
    [172_800_000_000_000n, '2d'],
    [-1_500_000n, '-1.5ms'],
    [2500.4, '2.5µs'],
  ];
  for (const [input, want] of cases) assert.equal(formatDuration(input), want, String(input));
});

test('formatDuration never shows 1000 of a unit', () => {
  assert.equal(formatDuration(999_999_999n), '1s');
  assert.equal(formatDuration(999_999n), '1ms');
  assert.equal(formatDuration(999_600n), '1ms');
});

test('formatTimestamp shows local date and time to the millisecond', () => {
  const ms = Date.UTC(2026, 10, 21, 14, 3, 7, 123);
  const d = new Date(ms);
  const text = formatTimestamp(BigInt(ms) * 1_000_000n + 999_999n);
  assert.match(text, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.123$/);
  assert.equal(text.slice(0, 10), `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`);
  assert.equal(Number(text.slice(11, 13)), d.getHours());
});

test('formatAge', () => {
  const now = 1_800_000_000_000;
  const ns = (ms: number): bigint => BigInt(ms) * 1_000_000n;
  assert.equal(formatAge(ns(now - 5_000), now), '5s ago');
  assert.equal(formatAge(ns(now - 3 * 60_000), now), '3min ago');
  assert.equal(formatAge(ns(now - 2 * 3_600_000), now), '2h ago');
  assert.equal(formatAge(ns(now - 4 * 86_400_000), now), '4d ago');
  assert.equal(formatAge(ns(now + 1_000), now), 'in the future');
});

test('shortTraceId: first 8 hex digits, of the low half when the high half is zero', () => {
  assert.equal(shortTraceId('0af7651916cd43dd8448eb211c80319c'), '0af76519');
  assert.equal(shortTraceId('00000000000000000000000000abc00d'), '0000000000abc00d'.slice(0, 8));
  assert.equal(shortTraceId('5af7183fb1d4cf5f'), '5af7183f');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { backoffDelayMs, isRetryableStatus, parseRetryAfterMs } from './retry-policy.js';

test('only 429, 502, 503 and 504 are retryable (OTLP/HTTP spec)', () => {
  const retryable = [];
  for (let s = 100; s < 600; s++) if (isRetryableStatus(s)) retryable.push(s);
  assert.deepEqual(retryable, [429, 502, 503, 504]);
});

test('Retry-After: delay-seconds and HTTP-dates; junk is ignored', () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0);
  assert.equal(parseRetryAfterMs('1', now), 1000);
  assert.equal(parseRetryAfterMs(' 120 ', now), 120_000);
  assert.equal(parseRetryAfterMs('0', now), 0);
  assert.equal(parseRetryAfterMs('Wed, 01 Jan 2025 12:00:30 GMT', now), 30_000);
  assert.equal(parseRetryAfterMs('Wednesday, 01-Jan-25 12:00:05 GMT', now), 5_000, 'RFC 850 form');
  assert.equal(parseRetryAfterMs('Tue, 31 Dec 2024 12:00:00 GMT', now), 0, 'a date already past means now');
  for (const junk of [undefined, null, '', '-1', '1.5', 'soon', 'Mon, not a date', '99999999999999999999'])
    assert.equal(parseRetryAfterMs(junk, now), undefined, String(junk));
});

test('backoff grows ×1.5 from the initial interval, jittered ±50 %, never past the cap', () => {
  const o = { initialIntervalMs: 1000, maxIntervalMs: 30_000, maxElapsedTimeMs: 300_000 };
  assert.equal(backoffDelayMs(0, o, () => 0.5), 1000);
  assert.equal(backoffDelayMs(1, o, () => 0.5), 1500);
  assert.equal(backoffDelayMs(2, o, () => 0), 1125);
  assert.equal(backoffDelayMs(20, o, () => 0.5), 30_000);
  assert.equal(backoffDelayMs(20, o, () => 0.999), 30_000, 'jitter does not break the cap');
  fc.assert(
    fc.property(fc.nat(60), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
      const d = backoffDelayMs(attempt, o, () => r);
      const base = Math.min(o.maxIntervalMs, o.initialIntervalMs * 1.5 ** attempt);
      return d >= Math.floor(base / 2) && d <= o.maxIntervalMs;
    }),
    { numRuns: 300 },
  );
});

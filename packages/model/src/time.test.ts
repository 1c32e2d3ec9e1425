import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, parseDuration } from './time.js';

test('durations: units, decimals and Go-style compounds', () => {
  assert.equal(parseDuration('7d'), 7n * 86_400_000_000_000n);
  assert.equal(parseDuration('1.5s'), 1_500_000_000n);
  assert.equal(parseDuration('250ms'), 250_000_000n);
  assert.equal(parseDuration('100us'), 100_000n);
  assert.equal(parseDuration('100µs'), 100_000n);
  assert.equal(parseDuration('1h30m'), 5_400_000_000_000n);
  assert.equal(parseDuration('0'), 0n);
  for (const bad of ['', 'soon', '5', '1s and more', 's', '-1s']) assert.equal(parseDuration(bad), undefined, bad);
});

test('formatting for people', () => {
  assert.equal(formatDuration(850n), '850ns');
  assert.equal(formatDuration(850_000n), '850µs');
  assert.equal(formatDuration(17_429_000n), '17.43ms');
  assert.equal(formatDuration(2_002_000_000n), '2s');
  assert.equal(formatDuration(90_500_000_000n), '1m30.5s');
});

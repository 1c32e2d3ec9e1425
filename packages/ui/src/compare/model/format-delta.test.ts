import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDelta, formatPercent } from './format-delta.js';

test('formatDelta always signs the change and adds the percentage when there is a base', () => {
  assert.equal(formatDelta(80_000_000, 1.6), '+80ms (+160%)');
  assert.equal(formatDelta(-2_500_000, -0.125), '−2.5ms (−13%)');
  assert.equal(formatDelta(10_000_000, undefined), '+10ms');
  assert.equal(formatDelta(5, Infinity), '+5ns');
  assert.equal(formatDelta(0, 0), '±0');
});

test('formatPercent: whole percent from 10 %, one decimal below, never "-0"', () => {
  assert.equal(formatPercent(0.5), '+50%');
  assert.equal(formatPercent(-0.123), '−12%');
  assert.equal(formatPercent(0.004), '+0.4%');
  assert.equal(formatPercent(0.0999), '+10%');
  assert.equal(formatPercent(12.3), '+1230%');
  assert.equal(formatPercent(0.0001), '±0%');
  assert.equal(formatPercent(-0.0001), '±0%');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorRate, formatPercent, formatRate, plural, ratePerSecond, windowSeconds } from './map-metrics.js';

test('windowSeconds from nanosecond strings; never zero or negative', () => {
  assert.equal(windowSeconds('1000000000000000000', '1000003600000000000'), 3600);
  assert.equal(windowSeconds('0', '1500000000'), 1.5);
  assert.equal(windowSeconds('5', '5'), 1);
  assert.equal(windowSeconds('10000000000', '0'), 1);
  assert.equal(windowSeconds('x', '1'), 1);
});

test('rate is count over window seconds; error rate is errors over count, within 0..1', () => {
  assert.equal(ratePerSecond(3600, 3600), 1);
  assert.equal(ratePerSecond(90, 60), 1.5);
  assert.equal(ratePerSecond(5, 0), 0);
  assert.equal(errorRate(1, 4), 0.25);
  assert.equal(errorRate(0, 0), 0);
  assert.equal(errorRate(9, 4), 1);
});

test('formatRate keeps small rates visible and large ones short', () => {
  const cases: Array<[number, string]> = [
    [0, '0/s'],
    [NaN, '0/s'],
    [1, '1/s'],
    [12.345, '12.3/s'],
    [123.6, '124/s'],
    [9999, '9999/s'],
    [12_345, '12.3k/s'],
    [2_500_000, '2.5M/s'],
    [0.5, '0.5/s'],
    [2 / 3600, '0.00056/s'],
    [1e-9, '<0.000001/s'],
  ];
  for (const [rate, want] of cases) assert.equal(formatRate(rate), want, String(rate));
  // Per minute: the same rules over the rate times 60.
  assert.equal(formatRate(0.5, 'min'), '30/min');
  assert.equal(formatRate(1 / 3600, 'min'), '0.017/min');
  assert.equal(formatRate(0, 'min'), '0/min');
  assert.equal(formatRate(500, 'min'), '30k/min');
});

test('formatPercent never rounds some errors to 0% or most to 100%', () => {
  const cases: Array<[number, string]> = [
    [0, '0%'],
    [0.0004, '<0.1%'],
    [0.025, '2.5%'],
    [0.05, '5%'],
    [1 / 7, '14%'],
    [0.995, '>99%'],
    [1, '100%'],
  ];
  for (const [rate, want] of cases) assert.equal(formatPercent(rate), want, String(rate));
});

test('plural', () => {
  assert.equal(plural(1, 'call'), '1 call');
  assert.equal(plural(12_000, 'call'), '12,000 calls');
  assert.equal(plural(0, 'span'), '0 spans');
});

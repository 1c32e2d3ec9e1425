import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EDGE_ERROR, EDGE_NEUTRAL, FULL_RED_AT, MAX_EDGE_WIDTH, MIN_EDGE_WIDTH, edgeColor, edgeWidth, errorTint, mixColor } from './edge-style.js';

test('edge width grows with rate, from the minimum to the maximum at the busiest edge', () => {
  assert.equal(edgeWidth(0, 10), MIN_EDGE_WIDTH);
  assert.equal(edgeWidth(10, 10), MAX_EDGE_WIDTH);
  assert.equal(edgeWidth(5, 0), MIN_EDGE_WIDTH);
  const widths = [0.01, 0.1, 1, 5, 10].map((r) => edgeWidth(r, 10));
  for (let i = 1; i < widths.length; i++) assert.ok(widths[i]! > widths[i - 1]!, `${widths}`);
  // Square root: a hundredth of the busiest rate still gets a tenth of the extra width.
  assert.ok(Math.abs(edgeWidth(0.1, 10) - (MIN_EDGE_WIDTH + (MAX_EDGE_WIDTH - MIN_EDGE_WIDTH) * 0.1)) < 1e-9);
});

test('error tint: none without errors, visible for any error, full red from FULL_RED_AT', () => {
  assert.equal(errorTint(0), 0);
  assert.ok(errorTint(0.0001) >= 0.2);
  assert.ok(errorTint(0.1) > errorTint(0.01));
  assert.equal(errorTint(FULL_RED_AT), 1);
  assert.equal(errorTint(1), 1);
});

test('edge colour: neutral without errors, red when failing, mixed in between', () => {
  assert.equal(edgeColor(0), EDGE_NEUTRAL);
  assert.equal(edgeColor(0.5), EDGE_ERROR);
  const mid = edgeColor(0.05);
  assert.match(mid, /^#[0-9a-f]{6}$/);
  assert.notEqual(mid, EDGE_NEUTRAL);
  assert.notEqual(mid, EDGE_ERROR);
  const red = (c: string) => parseInt(c.slice(1, 3), 16) - parseInt(c.slice(5, 7), 16);
  assert.ok(red(edgeColor(0.1)) > red(edgeColor(0.02)), 'more errors, redder');
});

test('mixColor', () => {
  assert.equal(mixColor('#000000', '#ffffff', 0.5), '#808080');
  assert.equal(mixColor('#102030', '#ffffff', 0), '#102030');
  assert.equal(mixColor('#102030', '#ffffff', 2), '#ffffff');
});

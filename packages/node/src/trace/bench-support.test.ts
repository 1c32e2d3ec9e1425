import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measureSpanCost } from './bench-support.js';

test('measureSpanCost reports finite, positive figures (a smoke test, not a speed check)', () => {
  const { nsPerSpan, bytesPerSpan } = measureSpanCost(2000);
  assert.ok(Number.isFinite(nsPerSpan) && nsPerSpan > 0);
  assert.ok(Number.isFinite(bytesPerSpan) && bytesPerSpan >= 0);
});

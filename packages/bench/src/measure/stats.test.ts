import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { percentile, summarize } from './stats.js';

describe('percentile (nearest rank)', () => {
  it('picks the value at rank ceil(p/100 · n)', () => {
    const values = Float64Array.from({ length: 20 }, (_, i) => i + 1); // 1..20
    assert.equal(percentile(values, 50), 10);
    assert.equal(percentile(values, 95), 19);
    assert.equal(percentile(values, 100), 20);
    assert.equal(percentile(values, 0), 1);
  });
  it('is NaN for no values', () => assert.ok(Number.isNaN(percentile([], 50))));
});

describe('summarize', () => {
  it('sorts numerically before ranking (not as strings)', () => {
    const s = summarize([100, 9, 20, 3]);
    assert.deepEqual(s, { count: 4, medianMs: 9, p95Ms: 100, p99Ms: 100, maxMs: 100 });
  });
});

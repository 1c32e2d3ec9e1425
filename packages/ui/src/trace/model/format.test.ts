import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPreciseUtc } from './format.js';

test('precise timestamps keep microseconds, in UTC', () => {
  assert.equal(formatPreciseUtc(1_700_000_000_123_456_789n), '2023-11-14 22:13:20.123456 UTC');
  assert.equal(formatPreciseUtc(1_700_000_000_000_000_999n), '2023-11-14 22:13:20.000000 UTC');
});

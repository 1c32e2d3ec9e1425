import { test } from 'node:test';
import assert from 'node:assert/strict';
import { retryAfterMillis } from './retry-after.js';

const NOW = Date.parse('2024-06-01T12:00:00Z');

test('delta-seconds', () => {
  assert.equal(retryAfterMillis('0', NOW), 0);
  assert.equal(retryAfterMillis(' 3 ', NOW), 3000);
  assert.equal(retryAfterMillis(['2', '9'], NOW), 2000);
});

test('HTTP-date, in the future or already past', () => {
  assert.equal(retryAfterMillis('Sat, 01 Jun 2024 12:00:05 GMT', NOW), 5000);
  assert.equal(retryAfterMillis('Sat, 01 Jun 2024 11:00:00 GMT', NOW), 0);
});

test('absent or unreadable', () => {
  assert.equal(retryAfterMillis(undefined, NOW), undefined);
  assert.equal(retryAfterMillis('', NOW), undefined);
  assert.equal(retryAfterMillis('soon', NOW), undefined);
  assert.equal(retryAfterMillis('-1', NOW), undefined);
  assert.equal(retryAfterMillis('1.5', NOW), undefined);
});

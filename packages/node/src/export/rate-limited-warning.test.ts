import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimitedWarning } from './rate-limited-warning.js';
import { captureDiag } from './test-support/capture-diag.js';

test('the first event warns; later ones within the interval are only counted', () => {
  const warning = new RateLimitedWarning(60_000);
  const messages = captureDiag(() => {
    for (let i = 0; i < 5; i++) warning.record((n) => `dropped ${n}`);
  });
  assert.deepEqual(messages, ['dropped 1']);
});

test('after the interval, the next warning reports the events in between', () => {
  const warning = new RateLimitedWarning(0);
  const messages = captureDiag(() => {
    warning.record((n) => `x${n}`);
    warning.record((n) => `x${n}`);
  });
  assert.deepEqual(messages, ['x1', 'x1']);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimitedLog } from './rate-limited-log.js';

test('one line per key per interval, then the count of what was held back', () => {
  let now = 0;
  const log = new RateLimitedLog(1000, () => now);
  const lines: string[] = [];
  const emit = (key: string) => log.maybe(key, (suppressed) => lines.push(`${key}:${suppressed}`));
  emit('400');
  emit('400');
  emit('400');
  emit('queue_full');
  now = 999;
  emit('400');
  now = 1000;
  emit('400');
  emit('400');
  assert.deepEqual(lines, ['400:0', 'queue_full:0', '400:3']);
});

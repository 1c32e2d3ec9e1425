import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { makeSpan, nowNanos } from '@skein/model';
import { MemoryTraceStore } from '@skein/store';
import { startRetention } from './retention.js';

const DAY = 86_400_000_000_000n;
const spanAt = (start: bigint, id: string) => makeSpan({ traceId: id.repeat(32), spanId: id.repeat(16), name: 'op', startTimeUnixNano: start, endTimeUnixNano: start + 1000n });

test('retention runs at start: days older than --retention are dropped, recent ones kept', async () => {
  const store = new MemoryTraceStore();
  const now = nowNanos();
  await store.writeBatch([spanAt(now - 10n * DAY, 'a'), spanAt(now, 'b')]);
  const retention = startRetention(store, { retention: 3n * DAY, retentionSize: 0, retentionInterval: 0n }, pino({ level: 'silent' }));
  await retention.idle();
  retention.stop();
  assert.deepEqual(await store.getTrace('a'.repeat(32)), []);
  assert.equal((await store.getTrace('b'.repeat(32))).length, 1);
});

test('"off" for both limits runs nothing', async () => {
  const store = new MemoryTraceStore();
  await store.writeBatch([spanAt(nowNanos() - 400n * DAY, 'c')]);
  const retention = startRetention(store, { retention: 0n, retentionSize: 0, retentionInterval: 0n }, pino({ level: 'silent' }));
  await retention.idle();
  assert.equal((await store.getTrace('c'.repeat(32))).length, 1);
});

test('a failing retention is logged, not thrown', async () => {
  const store = new MemoryTraceStore();
  await store.close(); // every call now fails
  const lines: string[] = [];
  const logger = pino({ level: 'error' }, { write: (l: string) => lines.push(l) });
  const retention = startRetention(store, { retention: DAY, retentionSize: 0, retentionInterval: 0n }, logger);
  await retention.idle();
  assert.match(lines.join(''), /retention failed/);
});

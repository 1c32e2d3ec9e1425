import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Span } from '@skein/model';
import type { TraceStore } from '../trace-store.js';
import { BASE_NANOS, spanOf, traceIdOf, withStore, type TraceStoreFactory } from './contract-fixtures.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const HOUR = 3_600_000_000_000n;

/**
 * Spans on three UTC days: 2024-03-08 (R1, the only 'old-svc' data), 2024-03-09 (R2, and R3's
 * first span at 23:59), 2024-03-10 (R3's second span just after midnight, R4). BASE is 03-10 noon.
 */
function retentionDataset(): Span[] {
  return [
    spanOf({ trace: 61, id: 1, service: 'old-svc', name: 'r1 root', startMs: -2 * DAY_MS, durationMs: 10 }),
    spanOf({ trace: 61, id: 2, parent: 1, service: 'old-svc', name: 'r1 child', startMs: -2 * DAY_MS + 1, durationMs: 5 }),
    spanOf({ trace: 62, id: 1, service: 'svc', name: 'r2', startMs: -DAY_MS, durationMs: 10 }),
    spanOf({ trace: 63, id: 1, service: 'svc', name: 'r3 before midnight', startMs: -12 * HOUR_MS - 60_000, durationMs: 120_000 }),
    spanOf({ trace: 63, id: 2, parent: 1, service: 'svc', name: 'r3 after midnight', startMs: -12 * HOUR_MS + 60_000, durationMs: 10 }),
    spanOf({ trace: 64, id: 1, service: 'svc', name: 'r4', startMs: 0, durationMs: 10 }),
  ];
}

async function seeded(store: TraceStore): Promise<Span[]> {
  const spans = retentionDataset();
  await store.writeBatch(spans);
  assert.deepStrictEqual((await store.getStats()).partitions, ['2024-03-08', '2024-03-09', '2024-03-10']);
  return spans;
}

export function registerRetentionContract(factory: TraceStoreFactory): void {
  describe('applyRetention', () => {
    test('by age: whole UTC days that ended before now - maxAge are dropped, with their spans', () =>
      withStore(factory, async (store) => {
        const spans = await seeded(store);
        assert.deepStrictEqual(await store.applyRetention({ maxAgeNanos: 24n * HOUR, nowNanos: BASE_NANOS }), { droppedPartitions: ['2024-03-08'], droppedSpans: 2 });
        assert.deepStrictEqual(await store.getTrace(traceIdOf(61)), []);
        assert.deepStrictEqual(await store.getTrace(traceIdOf(62)), [spans[2]]);
        assert.deepStrictEqual(await store.getServices(), ['svc'], 'a service seen only in dropped days is gone');
        assert.deepStrictEqual(await store.findTraceIds({ limit: 10, serviceName: 'old-svc' }), []);
        assert.deepStrictEqual((await store.getStats()).partitions, ['2024-03-09', '2024-03-10']);
        assert.equal((await store.getStats()).spanCount, 4);

        // Nothing more is old enough at the same age; a day ending exactly at the cutoff goes.
        assert.deepStrictEqual(await store.applyRetention({ maxAgeNanos: 24n * HOUR, nowNanos: BASE_NANOS }), { droppedPartitions: [], droppedSpans: 0 });
        assert.deepStrictEqual(await store.applyRetention({ maxAgeNanos: 12n * HOUR, nowNanos: BASE_NANOS }), { droppedPartitions: ['2024-03-09'], droppedSpans: 2 });
        assert.deepStrictEqual(await store.getTrace(traceIdOf(63)), [spans[4]], 'a trace across midnight keeps its newer day');
        assert.deepStrictEqual(await store.getTrace(traceIdOf(64)), [spans[5]]);
        assert.deepStrictEqual((await store.findTraceIds({ limit: 10, sort: 'oldest' })).map((r) => r.traceId), [traceIdOf(63), traceIdOf(64)]);

        // The current day is never dropped by age 0.
        assert.deepStrictEqual(await store.applyRetention({ maxAgeNanos: 0n, nowNanos: BASE_NANOS }), { droppedPartitions: [], droppedSpans: 0 });
        assert.deepStrictEqual(await store.applyRetention({}), { droppedPartitions: [], droppedSpans: 0 });
      }));

    test('by age: the default clock is the current time', () =>
      withStore(factory, async (store) => {
        await seeded(store);
        const result = await store.applyRetention({ maxAgeNanos: 24n * HOUR });
        assert.deepStrictEqual(result, { droppedPartitions: ['2024-03-08', '2024-03-09', '2024-03-10'], droppedSpans: 6 });
        assert.equal((await store.getStats()).spanCount, 0);
      }));

    test('by size: oldest days go first until the store fits; a store that fits loses nothing', () =>
      withStore(factory, async (store) => {
        await seeded(store);
        assert.deepStrictEqual(await store.applyRetention({ maxBytes: Number.MAX_SAFE_INTEGER }), { droppedPartitions: [], droppedSpans: 0 });
        assert.equal((await store.getStats()).spanCount, 6);

        const { bytesOnDisk } = await store.getStats();
        if (bytesOnDisk > 0) {
          const result = await store.applyRetention({ maxBytes: bytesOnDisk - 1 });
          assert.ok(result.droppedPartitions.length >= 1);
          assert.deepStrictEqual(result.droppedPartitions, ['2024-03-08', '2024-03-09', '2024-03-10'].slice(0, result.droppedPartitions.length), 'oldest first');
          assert.ok((await store.getStats()).bytesOnDisk <= bytesOnDisk - 1 || (await store.getStats()).spanCount === 0);
        }

        await store.applyRetention({ maxBytes: 0 });
        assert.deepStrictEqual((await store.getStats()).partitions, []);
        assert.equal((await store.getStats()).spanCount, 0);
        assert.deepStrictEqual(await store.getTrace(traceIdOf(64)), []);
        assert.deepStrictEqual(await store.getServices(), []);

        // The store keeps working after everything was dropped.
        const again = spanOf({ trace: 64, id: 9, service: 'svc', name: 'again', startMs: 0, durationMs: 1 });
        await store.writeBatch([again]);
        assert.deepStrictEqual(await store.getTrace(again.traceId), [again]);
      }));

    test('by size and age together, and spans written to a day retention already dropped', () =>
      withStore(factory, async (store) => {
        const spans = await seeded(store);
        const result = await store.applyRetention({ maxAgeNanos: 24n * HOUR, maxBytes: Number.MAX_SAFE_INTEGER, nowNanos: BASE_NANOS });
        assert.deepStrictEqual(result, { droppedPartitions: ['2024-03-08'], droppedSpans: 2 });
        // A late span for the dropped day is stored again (retention is not a write filter).
        await store.writeBatch([spans[0]!]);
        assert.deepStrictEqual(await store.getTrace(traceIdOf(61)), [spans[0]]);
        assert.deepStrictEqual((await store.getStats()).partitions, ['2024-03-08', '2024-03-09', '2024-03-10']);
      }));
  });
}

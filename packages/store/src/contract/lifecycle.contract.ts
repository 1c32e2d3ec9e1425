import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Span } from '@skein/model';
import type { TraceStore } from '../trace-store.js';
import { spanOf, type TraceStoreFactory } from './contract-fixtures.js';
import { kitchenSinkSpan } from './round-trip.contract.js';
import { searchDataset, T } from './search-dataset.js';

export function registerLifecycleContract(factory: TraceStoreFactory): void {
  describe('getStats, close, durability', () => {
    test('getStats counts spans and lists day partitions, oldest first', async () => {
      const sut = await factory();
      try {
        const empty = await sut.store.getStats();
        assert.equal(empty.spanCount, 0);
        assert.deepStrictEqual(empty.partitions, []);
        assert.ok(Number.isFinite(empty.bytesOnDisk) && empty.bytesOnDisk >= 0);
        await sut.store.writeBatch([
          spanOf({ trace: 70, id: 1, service: 'a', name: 'x', startMs: 86_400_000, durationMs: 1 }),
          spanOf({ trace: 70, id: 2, service: 'a', name: 'y', startMs: 0, durationMs: 1 }),
          spanOf({ trace: 71, id: 1, service: 'a', name: 'z', startMs: 1, durationMs: 1 }),
        ]);
        const stats = await sut.store.getStats();
        assert.equal(stats.spanCount, 3);
        assert.deepStrictEqual(stats.partitions, ['2024-03-10', '2024-03-11']);
        assert.ok(Number.isFinite(stats.bytesOnDisk) && stats.bytesOnDisk >= 0);
      } finally {
        await sut.store.close();
        await sut.cleanup();
      }
    });

    test('close is idempotent and waits for an in-flight write', async () => {
      const sut = await factory();
      const span = spanOf({ trace: 72, id: 1, service: 'a', name: 'in flight', startMs: 0, durationMs: 1 });
      const write = sut.store.writeBatch([span]);
      await Promise.all([sut.store.close(), sut.store.close()]);
      await write;
      await sut.store.close();
      if (sut.reopen) {
        const reopened = await sut.reopen();
        try {
          assert.deepStrictEqual(await reopened.getTrace(span.traceId), [span]);
        } finally {
          await reopened.close();
        }
      }
      await sut.cleanup();
    });

    test('durability: what writeBatch acknowledged survives close and reopen', async (t) => {
      const sut = await factory();
      if (!sut.reopen) {
        await sut.store.close();
        await sut.cleanup();
        t.skip('this store keeps nothing across instances');
        return;
      }
      const stores: TraceStore[] = [sut.store];
      try {
        const sink = kitchenSinkSpan();
        const spans: Span[] = searchDataset();
        await sut.store.writeBatch(spans);
        await sut.store.writeBatch([sink]);
        const before = await sut.store.getStats();
        await sut.store.close();

        const reopened = await sut.reopen();
        stores.push(reopened);
        assert.deepStrictEqual(await reopened.getTrace(sink.traceId), [sink]);
        assert.deepStrictEqual(await reopened.getTrace(T.T1), spans.filter((s) => s.traceId === T.T1));
        const after = await reopened.getStats();
        assert.equal(after.spanCount, before.spanCount);
        assert.deepStrictEqual(after.partitions, before.partitions);
        assert.deepStrictEqual((await reopened.findTraceIds({ limit: 10, serviceName: 'payments' })).map((r) => r.traceId), [T.T6, T.T1]);
        assert.deepStrictEqual(await reopened.getServices(), ['cart', 'frontend', 'kitchen', 'payments']);

        // Writing after a reopen appends to what was there.
        const extra = spanOf({ trace: 1, id: 99, parent: 1, service: 'frontend', name: 'late', startMs: 400, durationMs: 1 });
        await reopened.writeBatch([extra]);
        await reopened.close();
        const third = await sut.reopen();
        stores.push(third);
        assert.deepStrictEqual(await third.getTrace(T.T1), [...spans.filter((s) => s.traceId === T.T1), extra]);
      } finally {
        for (const s of stores) await s.close();
        await sut.cleanup();
      }
    });
  });
}

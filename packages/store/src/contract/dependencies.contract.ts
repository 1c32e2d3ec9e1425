import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SpanKind, type Span } from '@skein/model';
import type { TraceStore } from '../trace-store.js';
import { BASE_NANOS, MS, spanOf, type TraceStoreFactory, type TraceStoreUnderTest } from './contract-fixtures.js';

const { SERVER, CLIENT, INTERNAL } = SpanKind;

/**
 * Window under test: [BASE, BASE + 10 s). Expected links, worked out by hand:
 * web→api 4 calls (D1, D2 shared span, D3, D4 whose parent is before the window), 1 error (D3);
 * api→db 1 call, 1 error (D1); api→cache 1 call (D2).
 */
function dependencyDataset(): Span[] {
  return [
    // D1: web → api → db, the db server span failed
    spanOf({ trace: 51, id: 1, service: 'web', name: 'GET /', kind: SERVER, startMs: 0, durationMs: 50 }),
    spanOf({ trace: 51, id: 2, parent: 1, service: 'web', name: 'call api', kind: CLIENT, startMs: 1, durationMs: 40 }),
    spanOf({ trace: 51, id: 3, parent: 2, service: 'api', name: 'handle', kind: SERVER, startMs: 2, durationMs: 30 }),
    spanOf({ trace: 51, id: 4, parent: 3, service: 'api', name: 'query', kind: CLIENT, startMs: 3, durationMs: 20 }),
    spanOf({ trace: 51, id: 5, parent: 4, service: 'db', name: 'select', kind: SERVER, startMs: 4, durationMs: 10, error: true }),
    // D2: Zipkin shared span: api's server half reuses web's client span id 10 (and its parent 9)
    spanOf({ trace: 52, id: 9, service: 'web', name: 'GET /x', kind: SERVER, startMs: 100, durationMs: 40 }),
    spanOf({ trace: 52, id: 10, parent: 9, service: 'web', name: 'get', kind: CLIENT, startMs: 101, durationMs: 30 }),
    spanOf({ trace: 52, id: 10, parent: 9, service: 'api', name: 'get', kind: SERVER, startMs: 102, durationMs: 25, shared: true }),
    spanOf({ trace: 52, id: 11, parent: 10, service: 'api', name: 'cache get', kind: CLIENT, startMs: 103, durationMs: 5 }),
    spanOf({ trace: 52, id: 12, parent: 11, service: 'cache', name: 'get', kind: SERVER, startMs: 104, durationMs: 3 }),
    spanOf({ trace: 52, id: 13, parent: 10, service: 'api', name: 'work', kind: INTERNAL, startMs: 110, durationMs: 5 }),
    spanOf({ trace: 52, id: 14, parent: 10, service: 'web', name: 'retry timer', kind: INTERNAL, startMs: 111, durationMs: 1 }),
    // D3: the calling side failed
    spanOf({ trace: 53, id: 2, service: 'web', name: 'call api', kind: CLIENT, startMs: 200, durationMs: 40, error: true }),
    spanOf({ trace: 53, id: 3, parent: 2, service: 'api', name: 'handle', kind: SERVER, startMs: 201, durationMs: 30 }),
    // D4: the parent started before the window; the child is inside it
    spanOf({ trace: 54, id: 2, service: 'web', name: 'call api', kind: CLIENT, startMs: -5000, durationMs: 6000 }),
    spanOf({ trace: 54, id: 3, parent: 2, service: 'api', name: 'handle', kind: SERVER, startMs: 10, durationMs: 30 }),
    // D5: children outside the window (before its start; at its exclusive end)
    spanOf({ trace: 55, id: 2, service: 'web', name: 'call api', kind: CLIENT, startMs: -10, durationMs: 20 }),
    spanOf({ trace: 55, id: 3, parent: 2, service: 'api', name: 'handle', kind: SERVER, startMs: -1, durationMs: 5 }),
    spanOf({ trace: 56, id: 2, service: 'web', name: 'call api', kind: CLIENT, startMs: 9990, durationMs: 20 }),
    spanOf({ trace: 56, id: 3, parent: 2, service: 'api', name: 'handle', kind: SERVER, startMs: 10000, durationMs: 5 }),
    // D6: a parent that was never received, and a same-service child: no link
    spanOf({ trace: 57, id: 3, parent: 99, service: 'api', name: 'orphan', kind: SERVER, startMs: 300, durationMs: 5 }),
    spanOf({ trace: 57, id: 4, parent: 3, service: 'api', name: 'inner', kind: INTERNAL, startMs: 301, durationMs: 1 }),
  ];
}

export function registerDependenciesContract(factory: TraceStoreFactory): void {
  describe('getDependencies', () => {
    let sut: TraceStoreUnderTest;
    let store: TraceStore;
    before(async () => {
      sut = await factory();
      store = sut.store;
      await store.writeBatch(dependencyDataset());
    });
    after(async () => {
      await store.close();
      await sut.cleanup();
    });

    test('links parent → child across services, with the Zipkin shared span, counting errors on either side', async () => {
      assert.deepStrictEqual(await store.getDependencies({ endTimeNanos: BASE_NANOS + 10_000n * MS, lookbackNanos: 10_000n * MS }), [
        { parent: 'api', child: 'cache', callCount: 1, errorCount: 0 },
        { parent: 'api', child: 'db', callCount: 1, errorCount: 1 },
        { parent: 'web', child: 'api', callCount: 4, errorCount: 1 },
      ]);
    });

    test('the window bounds the child span start: [end - lookback, end)', async () => {
      assert.deepStrictEqual(await store.getDependencies({ endTimeNanos: BASE_NANOS + 150n * MS, lookbackNanos: 50n * MS }), [
        { parent: 'api', child: 'cache', callCount: 1, errorCount: 0 },
        { parent: 'web', child: 'api', callCount: 1, errorCount: 0 },
      ]);
      assert.deepStrictEqual(await store.getDependencies({ endTimeNanos: BASE_NANOS + 10_001n * MS, lookbackNanos: 1n * MS }), [
        { parent: 'web', child: 'api', callCount: 1, errorCount: 0 },
      ]);
      assert.deepStrictEqual(await store.getDependencies({ endTimeNanos: BASE_NANOS + 10_000n * MS, lookbackNanos: 1n * MS }), []);
      assert.deepStrictEqual(await store.getDependencies({ endTimeNanos: BASE_NANOS, lookbackNanos: 1n * MS }), [
        { parent: 'web', child: 'api', callCount: 1, errorCount: 0 },
      ]);
      assert.deepStrictEqual(await store.getDependencies({ endTimeNanos: BASE_NANOS - 20n * MS, lookbackNanos: 1000n * MS }), []);
    });
  });
}

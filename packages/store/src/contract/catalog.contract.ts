import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeSpan, SpanKind, type Span } from '@skein/model';
import type { TraceStore } from '../trace-store.js';
import { BASE_NANOS, spanOf, type TraceStoreFactory, type TraceStoreUnderTest } from './contract-fixtures.js';
import { searchDataset } from './search-dataset.js';

/** The search dataset plus a span without service.name and a second kind of one operation. */
function catalogDataset(): Span[] {
  return [
    ...searchDataset(),
    spanOf({ trace: 40, id: 1, service: 'frontend', name: 'GET /home', kind: SpanKind.INTERNAL, startMs: 5, durationMs: 1 }),
    makeSpan({ traceId: 'c0ffee0000000000000000000000ab01', spanId: '0000000000000001', name: 'anonymous', startTimeUnixNano: BASE_NANOS, endTimeUnixNano: BASE_NANOS + 1n }),
  ];
}

export function registerCatalogContract(factory: TraceStoreFactory): void {
  describe('services, operations, remote services, attribute autocompletion', () => {
    let sut: TraceStoreUnderTest;
    let store: TraceStore;
    before(async () => {
      sut = await factory();
      store = sut.store;
      await store.writeBatch(catalogDataset());
    });
    after(async () => {
      await store.close();
      await sut.cleanup();
    });

    test('getServices: distinct local service names, sorted; no service.name is unknown_service', async () => {
      assert.deepStrictEqual(await store.getServices(), ['cart', 'frontend', 'payments', 'unknown_service']);
    });

    test('getOperations: distinct (name, kind) of one service, sorted by name then kind, optionally one kind', async () => {
      assert.deepStrictEqual(await store.getOperations({ serviceName: 'frontend' }), [
        { name: 'GET /cart', spanKind: SpanKind.CLIENT },
        { name: 'GET /checkout', spanKind: SpanKind.SERVER },
        { name: 'GET /home', spanKind: SpanKind.INTERNAL },
        { name: 'GET /home', spanKind: SpanKind.SERVER },
        { name: 'GET /split', spanKind: SpanKind.SERVER },
        { name: 'GET /tie', spanKind: SpanKind.SERVER },
        { name: 'POST /pay', spanKind: SpanKind.CLIENT },
      ]);
      assert.deepStrictEqual(await store.getOperations({ serviceName: 'frontend', spanKind: SpanKind.CLIENT }), [
        { name: 'GET /cart', spanKind: SpanKind.CLIENT },
        { name: 'POST /pay', spanKind: SpanKind.CLIENT },
      ]);
      assert.deepStrictEqual(await store.getOperations({ serviceName: 'payments' }), [
        { name: 'POST /pay', spanKind: SpanKind.SERVER },
        { name: 'settle', spanKind: SpanKind.CONSUMER },
      ]);
      assert.deepStrictEqual(await store.getOperations({ serviceName: 'payments', spanKind: SpanKind.PRODUCER }), []);
      assert.deepStrictEqual(await store.getOperations({ serviceName: 'nobody' }), []);
    });

    test('getRemoteServices: distinct peer.service values of a service, sorted', async () => {
      assert.deepStrictEqual(await store.getRemoteServices('frontend'), ['cart', 'payments']);
      assert.deepStrictEqual(await store.getRemoteServices('payments'), []);
      assert.deepStrictEqual(await store.getRemoteServices('nobody'), []);
    });

    test('getAttributeKeys: span and resource attribute keys, sorted', async () => {
      assert.deepStrictEqual(await store.getAttributeKeys(), [
        'big',
        'cart.items',
        'deployment.environment',
        'http.request.method',
        'http.response.status_code',
        'load',
        'peer.service',
        'retry.ratio',
        'service.name',
        'user.id',
        'user.premium',
      ]);
    });

    test('getAttributeValues: distinct values as text, sorted, limited', async () => {
      assert.deepStrictEqual(await store.getAttributeValues('http.response.status_code'), ['200', '500', '503']);
      assert.deepStrictEqual(await store.getAttributeValues('user.id'), ['alice', 'bob']);
      assert.deepStrictEqual(await store.getAttributeValues('user.id', 1), ['alice']);
      assert.deepStrictEqual(await store.getAttributeValues('retry.ratio'), ['0.75']);
      assert.deepStrictEqual(await store.getAttributeValues('user.premium'), ['true']);
      assert.deepStrictEqual(await store.getAttributeValues('deployment.environment'), ['prod', 'staging']);
      assert.deepStrictEqual(await store.getAttributeValues('service.name'), ['cart', 'frontend', 'payments']);
      assert.deepStrictEqual(await store.getAttributeValues('no.such.key'), []);
    });
  });
}

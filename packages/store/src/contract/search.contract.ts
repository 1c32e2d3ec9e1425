import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { attr, double, int, SpanKind, StatusCode, str } from '@skein/model';
import type { TraceQuery, TraceStore } from '../trace-store.js';
import { BASE_NANOS, MS, spanOf, withStore, type TraceStoreFactory, type TraceStoreUnderTest } from './contract-fixtures.js';
import { BIG, searchDataset, T } from './search-dataset.js';

const { T1, T2, T3, T4, T5, T6 } = T;

export function registerSearchContract(factory: TraceStoreFactory): void {
  describe('findTraceIds / findTraces', () => {
    let sut: TraceStoreUnderTest;
    let store: TraceStore;
    before(async () => {
      sut = await factory();
      store = sut.store;
      // Two batches, so a store that only searches its latest batch is caught.
      const spans = searchDataset();
      await store.writeBatch(spans.slice(0, 5));
      await store.writeBatch(spans.slice(5));
    });
    after(async () => {
      await store.close();
      await sut.cleanup();
    });

    const ids = async (q: Partial<TraceQuery>): Promise<string[]> => (await store.findTraceIds({ limit: 100, ...q })).map((r) => r.traceId);

    test('each sort, with ties broken by trace id', async () => {
      assert.deepStrictEqual(await ids({}), [T6, T4, T5, T3, T2, T1], 'default is newest');
      assert.deepStrictEqual(await ids({ sort: 'newest' }), [T6, T4, T5, T3, T2, T1]);
      assert.deepStrictEqual(await ids({ sort: 'oldest' }), [T1, T2, T3, T4, T5, T6]);
      assert.deepStrictEqual(await ids({ sort: 'duration' }), [T6, T1, T3, T4, T5, T2]);
      assert.deepStrictEqual(await ids({ sort: 'shortest' }), [T2, T4, T5, T3, T1, T6]);
    });

    test('limit cuts the sorted list', async () => {
      assert.deepStrictEqual(await ids({ limit: 2 }), [T6, T4]);
      assert.deepStrictEqual(await ids({ limit: 3, sort: 'duration' }), [T6, T1, T3]);
      assert.deepStrictEqual(await ids({ limit: 0 }), []);
    });

    test('a TraceRef carries the earliest matching span start and the longest matching duration', async () => {
      const all = await store.findTraceIds({ limit: 100, sort: 'oldest' });
      assert.deepStrictEqual(all[0], { traceId: T1, startTimeUnixNano: BASE_NANOS, durationNanos: 300n * MS });
      const payments = await store.findTraceIds({ limit: 100, serviceName: 'payments' });
      assert.deepStrictEqual(payments, [
        { traceId: T6, startTimeUnixNano: BASE_NANOS + 4000n * MS, durationNanos: 5000n * MS },
        { traceId: T1, startTimeUnixNano: BASE_NANOS + 20n * MS, durationNanos: 200n * MS },
      ]);
      const cartOp = await store.findTraceIds({ limit: 100, spanName: 'GET /cart' });
      assert.deepStrictEqual(cartOp, [{ traceId: T2, startTimeUnixNano: BASE_NANOS + 1005n * MS, durationNanos: 30n * MS }]);
    });

    test('service, remote service (peer.service), span name, span kind', async () => {
      assert.deepStrictEqual(await ids({ serviceName: 'payments' }), [T6, T1]);
      assert.deepStrictEqual(await ids({ serviceName: 'cart' }), [T3, T2]);
      assert.deepStrictEqual(await ids({ serviceName: 'nobody' }), []);
      assert.deepStrictEqual(await ids({ remoteServiceName: 'payments' }), [T1]);
      assert.deepStrictEqual(await ids({ serviceName: 'frontend', remoteServiceName: 'cart' }), [T2]);
      assert.deepStrictEqual(await ids({ serviceName: 'cart', remoteServiceName: 'cart' }), [], 'the peer.service is on the frontend span');
      assert.deepStrictEqual(await ids({ spanName: 'GET /tie' }), [T4, T5]);
      assert.deepStrictEqual(await ids({ spanName: 'POST /pay', serviceName: 'payments' }), [T1]);
      assert.deepStrictEqual(await ids({ spanKind: SpanKind.CONSUMER }), [T6]);
      assert.deepStrictEqual(await ids({ spanKind: SpanKind.CLIENT }), [T2, T1]);
      assert.deepStrictEqual(await ids({ spanKind: SpanKind.CLIENT, serviceName: 'cart' }), []);
    });

    test('status code', async () => {
      assert.deepStrictEqual(await ids({ statusCode: StatusCode.ERROR }), [T1]);
      assert.deepStrictEqual(await ids({ statusCode: StatusCode.ERROR, serviceName: 'frontend' }), [], 'the error is on the payments span');
      assert.deepStrictEqual(await ids({ statusCode: StatusCode.UNSET, serviceName: 'payments' }), [T6]);
    });

    test('min/max duration are inclusive and apply to the matching span', async () => {
      assert.deepStrictEqual(await ids({ minDurationNanos: 100n * MS, sort: 'oldest' }), [T1, T3, T6]);
      assert.deepStrictEqual(await ids({ maxDurationNanos: 50n * MS }), [T2]);
      assert.deepStrictEqual(await ids({ minDurationNanos: 60n * MS, maxDurationNanos: 80n * MS, sort: 'oldest' }), [T3, T4, T5]);
      assert.deepStrictEqual(await ids({ minDurationNanos: 250n * MS, maxDurationNanos: 250n * MS }), [T1]);
      assert.deepStrictEqual(await ids({ serviceName: 'payments', maxDurationNanos: 100n * MS }), []);
    });

    test('start time bounds are inclusive and apply to the matching span', async () => {
      assert.deepStrictEqual(await ids({ startTimeMinNanos: BASE_NANOS + 1000n * MS, startTimeMaxNanos: BASE_NANOS + 3000n * MS, sort: 'oldest' }), [T2, T3, T4, T5]);
      assert.deepStrictEqual(await ids({ startTimeMaxNanos: BASE_NANOS }), [T1]);
      const fromCartCall = await store.findTraceIds({ limit: 100, startTimeMinNanos: BASE_NANOS + 1001n * MS, startTimeMaxNanos: BASE_NANOS + 1999n * MS });
      assert.deepStrictEqual(fromCartCall, [{ traceId: T2, startTimeUnixNano: BASE_NANOS + 1005n * MS, durationNanos: 30n * MS }]);
    });

    test('numeric comparisons on int and double attributes are numeric', async () => {
      const k = 'http.response.status_code';
      assert.deepStrictEqual(await ids({ attributes: [{ key: k, op: '>=', value: 500 }] }), [T1]);
      assert.deepStrictEqual(await ids({ attributes: [{ key: k, op: '>', value: 500 }] }), [T1]);
      assert.deepStrictEqual(await ids({ attributes: [{ key: k, op: '>', value: 503 }] }), []);
      assert.deepStrictEqual(await ids({ attributes: [{ key: k, op: '<', value: 500 }] }), [T4, T5, T2]);
      assert.deepStrictEqual(await ids({ attributes: [{ key: k, op: '<=', value: 200 }] }), [T4, T5, T2]);
      assert.deepStrictEqual(await ids({ attributes: [{ key: k, op: '<', value: 200 }] }), []);
      // fractional bounds against ints
      assert.deepStrictEqual(await ids({ attributes: [{ key: k, op: '>', value: 502.5 }] }), [T1]);
      assert.deepStrictEqual(await ids({ attributes: [{ key: k, op: '<', value: 200.5 }] }), [T4, T5, T2]);
      assert.deepStrictEqual(await ids({ attributes: [{ key: k, op: '<=', value: 199.5 }] }), []);
      assert.deepStrictEqual(await ids({ attributes: [{ key: k, op: '>=', value: 503.5 }] }), []);
      // doubles
      assert.deepStrictEqual(await ids({ attributes: [{ key: 'load', op: '>', value: 0.4 }] }), [T2]);
      assert.deepStrictEqual(await ids({ attributes: [{ key: 'load', op: '<', value: 0.5 }] }), []);
      assert.deepStrictEqual(await ids({ attributes: [{ key: 'retry.ratio', op: '<=', value: 1 }] }), [T1]);
      // ints beyond 2^53 compare exactly
      assert.deepStrictEqual(await ids({ attributes: [{ key: 'big', op: '>', value: 2 ** 53 }] }), [T6]);
      assert.deepStrictEqual(await ids({ attributes: [{ key: 'big', op: '<=', value: 2 ** 53 }] }), []);
      // a string attribute never satisfies a numeric comparison
      assert.deepStrictEqual(await ids({ attributes: [{ key: 'user.id', op: '>', value: -1e308 }] }), []);
    });

    test('= matches strings, and ints, doubles and bools by their text', async () => {
      const k = 'http.response.status_code';
      assert.deepStrictEqual(await ids({ attributes: [{ key: k, op: '=', value: '200' }] }), [T4, T5, T2]);
      assert.deepStrictEqual(await ids({ attributes: [{ key: k, op: '=', value: '500' }] }), [T1]);
      assert.deepStrictEqual(await ids({ attributes: [{ key: k, op: '=', value: '0500' }] }), []);
      assert.deepStrictEqual(await ids({ attributes: [{ key: 'retry.ratio', op: '=', value: '0.75' }] }), [T1]);
      assert.deepStrictEqual(await ids({ attributes: [{ key: 'user.premium', op: '=', value: 'true' }] }), [T2]);
      assert.deepStrictEqual(await ids({ attributes: [{ key: 'user.premium', op: '=', value: 'false' }] }), []);
      assert.deepStrictEqual(await ids({ attributes: [{ key: 'big', op: '=', value: BIG.toString() }] }), [T6]);
      assert.deepStrictEqual(await ids({ attributes: [{ key: 'user.id', op: '=', value: 'alice' }] }), [T3]);
      assert.deepStrictEqual(await ids({ attributes: [{ key: 'user.id', op: '=', value: 'Alice' }] }), []);
    });

    test('!=, exists, not-exists, regex', async () => {
      assert.deepStrictEqual(await ids({ attributes: [{ key: 'user.id', op: '!=', value: 'alice' }] }), [T3], 'the bob span');
      assert.deepStrictEqual(await ids({ attributes: [{ key: 'user.id', op: '!=', value: 'alice' }, { key: 'user.id', op: '!=', value: 'bob' }] }), []);
      assert.deepStrictEqual(await ids({ attributes: [{ key: 'http.response.status_code', op: '!=', value: '200' }] }), [T1]);
      assert.deepStrictEqual(await ids({ attributes: [{ key: 'user.id', op: 'exists' }] }), [T3]);
      assert.deepStrictEqual(await ids({ attributes: [{ key: 'http.response.status_code', op: 'not-exists' }] }), [T6, T3, T2]);
      assert.deepStrictEqual(await ids({ serviceName: 'frontend', attributes: [{ key: 'http.response.status_code', op: 'not-exists' }] }), [T3, T2]);
      assert.deepStrictEqual(await ids({ attributes: [{ key: 'user.id', op: 'regex', value: 'al.*' }] }), [T3]);
      assert.deepStrictEqual(await ids({ attributes: [{ key: 'user.id', op: 'regex', value: 'li' }] }), [], 'regex must match the whole value');
      assert.deepStrictEqual(await ids({ attributes: [{ key: 'user.id', op: 'regex', value: '(alice|carol)' }] }), [T3]);
      assert.deepStrictEqual(await ids({ spanName: 'GET /split-cart', attributes: [{ key: 'user.id', op: 'regex', value: 'a.*' }] }), []);
    });

    test('conditions fall back to resource attributes', async () => {
      assert.deepStrictEqual(await ids({ attributes: [{ key: 'deployment.environment', op: '=', value: 'prod' }] }), [T1]);
      assert.deepStrictEqual(await ids({ attributes: [{ key: 'deployment.environment', op: 'exists' }] }), [T2, T1]);
      assert.deepStrictEqual(await ids({ attributes: [{ key: 'service.name', op: '=', value: 'cart' }] }), [T3, T2]);
      assert.deepStrictEqual(await ids({ serviceName: 'frontend', attributes: [{ key: 'deployment.environment', op: '=', value: 'prod' }] }), []);
    });

    test('event names (Zipkin annotations)', async () => {
      assert.deepStrictEqual(await ids({ attributes: [{ op: 'event', value: 'exception' }] }), [T1]);
      assert.deepStrictEqual(await ids({ attributes: [{ op: 'event', value: 'retry' }] }), [T6]);
      assert.deepStrictEqual(await ids({ attributes: [{ op: 'event', value: 'exceptio' }] }), []);
      assert.deepStrictEqual(await ids({ serviceName: 'frontend', attributes: [{ op: 'event', value: 'exception' }] }), []);
    });

    test('ONE span must satisfy every condition: conditions split across two spans do not match', async () => {
      assert.deepStrictEqual(await ids({ serviceName: 'frontend', attributes: [{ key: 'cart.items', op: 'exists' }] }), []);
      assert.deepStrictEqual(await ids({ serviceName: 'cart', attributes: [{ key: 'user.id', op: '=', value: 'alice' }] }), []);
      assert.deepStrictEqual(await ids({ serviceName: 'cart', attributes: [{ key: 'user.id', op: '=', value: 'bob' }] }), [T3]);
      assert.deepStrictEqual(await ids({ spanName: 'GET /split', attributes: [{ key: 'cart.items', op: '>', value: 10 }] }), []);
      assert.deepStrictEqual(await ids({ attributes: [{ key: 'user.id', op: '=', value: 'alice' }, { key: 'cart.items', op: '=', value: '42' }] }), []);
      assert.deepStrictEqual(await ids({ attributes: [{ key: 'user.id', op: '=', value: 'bob' }, { key: 'cart.items', op: '=', value: '42' }] }), [T3]);
      assert.deepStrictEqual(await ids({ serviceName: 'frontend', minDurationNanos: 260n * MS, statusCode: StatusCode.ERROR }), []);
      assert.deepStrictEqual(await ids({ attributes: [{ key: 'http.response.status_code', op: '>=', value: 500 }, { key: 'retry.ratio', op: 'exists' }] }), [T1]);
      assert.deepStrictEqual(await ids({ remoteServiceName: 'payments', statusCode: StatusCode.ERROR }), []);
    });

    test('a key repeated on one span: every value counts', () =>
      withStore(factory, async (other) => {
        const span = spanOf({
          trace: 80, id: 1, service: 'dup', name: 'dup', startMs: 0, durationMs: 1,
          attributes: [attr('user.id', str('alice')), attr('n', int(1)), attr('user.id', str('bob')), attr('n', int(900)), attr('n', double(0.5))],
        });
        await other.writeBatch([span]);
        const found = async (q: Partial<TraceQuery>) => (await other.findTraceIds({ limit: 10, ...q })).length === 1;
        assert.equal(await found({ attributes: [{ key: 'user.id', op: '=', value: 'alice' }] }), true);
        assert.equal(await found({ attributes: [{ key: 'user.id', op: '=', value: 'bob' }] }), true);
        assert.equal(await found({ attributes: [{ key: 'user.id', op: '!=', value: 'carol' }] }), true);
        assert.equal(await found({ attributes: [{ key: 'user.id', op: '!=', value: 'bob' }] }), false);
        assert.equal(await found({ attributes: [{ key: 'user.id', op: 'regex', value: 'b.b' }] }), true);
        assert.equal(await found({ attributes: [{ key: 'n', op: '>', value: 800 }] }), true);
        assert.equal(await found({ attributes: [{ key: 'n', op: '<', value: 0.75 }] }), true);
        assert.equal(await found({ attributes: [{ key: 'n', op: '>', value: 900 }] }), false);
        assert.equal(await found({ attributes: [{ key: 'n', op: '=', value: '900' }] }), true);
        assert.equal(await found({ attributes: [{ key: 'n', op: '=', value: '0.5' }] }), true);
        assert.equal(await found({ attributes: [{ key: 'm', op: '<', value: Infinity }] }), false);
        assert.equal(await found({ attributes: [{ key: 'n', op: '<', value: Infinity }] }), true);
        assert.equal(await found({ attributes: [{ key: 'n', op: '>', value: -Infinity }] }), true);
      }));

    test('findTraces returns every span of each matching trace, in findTraceIds order', async () => {
      const byId = new Map<string, ReturnType<typeof searchDataset>>();
      for (const s of searchDataset()) byId.set(s.traceId, [...(byId.get(s.traceId) ?? []), s]);
      const traces = await store.findTraces({ limit: 10, serviceName: 'payments' });
      assert.deepStrictEqual(traces, [byId.get(T6), byId.get(T1)]);
      const byDuration = await store.findTraces({ limit: 2, sort: 'duration', attributes: [{ key: 'http.response.status_code', op: 'exists' }] });
      assert.deepStrictEqual(byDuration, [byId.get(T1), byId.get(T4)]);
      assert.deepStrictEqual(await store.findTraces({ limit: 10, serviceName: 'nobody' }), []);
    });
  });
}

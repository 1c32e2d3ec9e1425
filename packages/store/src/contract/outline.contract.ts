import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SpanKind } from '@skein/model';
import { outlineOfSpan } from '../semantics/span-outline.js';
import { DAY, MS, spanOf, withStore, type TraceStoreFactory } from './contract-fixtures.js';
import { kitchenSinkSpan } from './round-trip.contract.js';

export function registerOutlineContract(factory: TraceStoreFactory): void {
  describe('getTraceOutline / getSpansById', () => {
    test('the outline lists every span in getTrace order with its ids, service, name, kind, times and status', () =>
      withStore(factory, async (store) => {
        const t = 40;
        const root = spanOf({ trace: t, id: 1, service: 'front', name: 'GET /', kind: SpanKind.SERVER, startMs: 0, durationMs: 100 });
        const client = spanOf({ trace: t, id: 2, parent: 1, service: 'front', name: 'rpc', kind: SpanKind.CLIENT, startMs: 5, durationMs: 50 });
        const server = spanOf({ trace: t, id: 2, parent: 1, service: 'back', name: 'rpc', kind: SpanKind.SERVER, startMs: 5, durationMs: 40, shared: true });
        const failed = spanOf({ trace: t, id: 3, parent: 2, service: 'back', name: 'SELECT', kind: SpanKind.CLIENT, startMs: 10, durationMs: 5, error: true });
        // The same trace on the next UTC day: an outline reads every day the trace has spans in.
        const nextDay = { ...spanOf({ trace: t, id: 4, parent: 1, service: 'late', name: 'late', startMs: 0, durationMs: 1 }) };
        const late = { ...nextDay, startTimeUnixNano: nextDay.startTimeUnixNano + DAY, endTimeUnixNano: nextDay.endTimeUnixNano + DAY };
        const sink = kitchenSinkSpan();
        await store.writeBatch([failed, server, late, sink]);
        await store.writeBatch([client, root, spanOf({ trace: t + 1, id: 1, service: 'other', name: 'other', startMs: 0, durationMs: 1 })]);
        const full = await store.getTrace(root.traceId);
        assert.equal(full.length, 5);
        assert.deepStrictEqual(await store.getTraceOutline(root.traceId), full.map(outlineOfSpan));
        assert.deepStrictEqual(await store.getTraceOutline(root.traceId.toUpperCase()), full.map(outlineOfSpan));
        const [o] = await store.getTraceOutline(failed.traceId).then((all) => all.filter((s) => s.name === 'SELECT'));
        assert.deepStrictEqual(o, { spanId: failed.spanId, parentSpanId: failed.parentSpanId, serviceName: 'back', name: 'SELECT', kind: SpanKind.CLIENT, startTimeUnixNano: failed.startTimeUnixNano, endTimeUnixNano: failed.startTimeUnixNano + 5n * MS, statusCode: failed.status.code, statusMessage: 'failed', shared: false });
        assert.deepStrictEqual(await store.getTraceOutline(sink.traceId), [outlineOfSpan(sink)]);
      }));

    test('an unknown or malformed trace id has an empty outline', () =>
      withStore(factory, async (store) => {
        await store.writeBatch([spanOf({ trace: 50, id: 1, service: 'a', name: 'a', startMs: 0, durationMs: 1 })]);
        assert.deepStrictEqual(await store.getTraceOutline('0123456789abcdef0123456789abcdef'), []);
        assert.deepStrictEqual(await store.getTraceOutline("x' OR 1=1 --"), []);
      }));

    test('getSpansById gives the whole span, both halves of a shared span, and nothing for unknown ids', () =>
      withStore(factory, async (store) => {
        const t = 60;
        const client = spanOf({ trace: t, id: 7, parent: 6, service: 'front', name: 'get /api', kind: SpanKind.CLIENT, startMs: 10, durationMs: 20 });
        const server = spanOf({ trace: t, id: 7, parent: 6, service: 'back', name: 'get /api', kind: SpanKind.SERVER, startMs: 10, durationMs: 15, shared: true });
        const other = spanOf({ trace: t, id: 8, parent: 7, service: 'back', name: 'work', startMs: 12, durationMs: 1 });
        const sink = kitchenSinkSpan();
        await store.writeBatch([server, other, client, sink]);
        assert.deepStrictEqual(await store.getSpansById(client.traceId, client.spanId), [client, server]);
        assert.deepStrictEqual(await store.getSpansById(client.traceId, other.spanId.toUpperCase()), [other]);
        assert.deepStrictEqual(await store.getSpansById(sink.traceId, sink.spanId), [sink]);
        assert.deepStrictEqual(await store.getSpansById(client.traceId, '00000000000000ff'), []);
        assert.deepStrictEqual(await store.getSpansById(client.traceId, "1' OR 1=1"), []);
        assert.deepStrictEqual(await store.getSpansById('0123456789abcdef0123456789abcdef', client.spanId), []);
      }));
  });
}

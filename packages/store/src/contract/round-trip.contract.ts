import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { array, attr, bool, bytes, double, int, kvlist, str, SpanKind, StatusCode, type Span } from '@skein/model';
import type { TraceStore } from '../trace-store.js';
import { BASE_NANOS, MS, spanOf, withStore, type TraceStoreFactory } from './contract-fixtures.js';

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/** Every field of the span model set to something unusual, every AnyValue type, nested. */
export function kitchenSinkSpan(): Span {
  const start = BASE_NANOS + 123_456_789n;
  return {
    traceId: '0000000000000000' + 'f00dfeedcafe0001',
    spanId: 'ffffffffffffffff',
    parentSpanId: '8000000000000001',
    traceState: 'vendor1=a,vendor2=b',
    flags: 0x301,
    name: 'GET /résumé 🚀',
    kind: SpanKind.CONSUMER,
    startTimeUnixNano: start,
    endTimeUnixNano: start + 987_654_321n,
    attributes: [
      attr('s', str('plain')),
      attr('s.empty', str('')),
      attr('s.unicode', str('ünïcødé \u0000 nul and 🚀 "quotes" \\ backslash')),
      attr('i.zero', int(0)),
      attr('i.max', int(INT64_MAX)),
      attr('i.min', int(INT64_MIN)),
      attr('i.beyond53', int(2n ** 53n + 1n)),
      attr('d', double(3.25)),
      attr('d.whole', double(2)),
      attr('d.negzero', double(-0)),
      attr('d.nan', double(Number.NaN)),
      attr('d.inf', double(Number.POSITIVE_INFINITY)),
      attr('d.ninf', double(Number.NEGATIVE_INFINITY)),
      attr('d.tiny', double(5e-324)),
      attr('b.true', bool(true)),
      attr('b.false', bool(false)),
      attr('bytes', bytes(new Uint8Array([0, 1, 2, 0xfe, 0xff]))),
      attr('bytes.empty', bytes(new Uint8Array([]))),
      attr('arr.strings', array([str('a'), str(''), str('c')])),
      attr('arr.mixed', array([str('x'), int(INT64_MIN), double(1.5), bool(false), bytes(new Uint8Array([9]))])),
      attr('arr.nested', array([array([int(1), int(2)]), array([]), kvlist([attr('k', str('v'))])])),
      attr('arr.empty', array([])),
      attr('kv', kvlist([attr('inner.s', str('v')), attr('inner.kv', kvlist([attr('deep', array([int(INT64_MAX)]))])), attr('inner.d', double(-1.5))])),
      attr('kv.empty', kvlist([])),
      attr('dup', str('first')),
      attr('dup', int(2)),
    ],
    droppedAttributesCount: 3,
    events: [
      { timeUnixNano: start + 10n, name: 'exception', attributes: [attr('exception.type', str('Boom')), attr('exception.escaped', bool(true)), attr('n', int(-7))], droppedAttributesCount: 1 },
      { timeUnixNano: start + 10n, name: 'same time, second', attributes: [], droppedAttributesCount: 0 },
      { timeUnixNano: start + 5n, name: 'earlier but later in list', attributes: [attr('kv', kvlist([attr('a', array([double(0.5)]))]))], droppedAttributesCount: 0 },
    ],
    droppedEventsCount: 4,
    links: [
      { traceId: '0123456789abcdef0123456789abcdef', spanId: '0000000000000001', traceState: 'x=y', attributes: [attr('link.i', int(42)), attr('link.bytes', bytes(new Uint8Array([7, 7])))], droppedAttributesCount: 2, flags: 1 },
      { traceId: 'fedcba9876543210fedcba9876543210', spanId: 'abcdefabcdefabcd', traceState: '', attributes: [], droppedAttributesCount: 0, flags: 0 },
    ],
    droppedLinksCount: 5,
    status: { code: StatusCode.ERROR, message: 'it broke: ✗' },
    resource: {
      attributes: [attr('service.name', str('kitchen')), attr('host.cores', int(16)), attr('deployment.tags', array([str('a'), str('b')])), attr('res.kv', kvlist([attr('x', double(0.25))]))],
      droppedAttributesCount: 6,
    },
    scope: { name: 'io.skein.test', version: '1.2.3', attributes: [attr('scope.attr', str('s')), attr('scope.n', int(1))] },
    traceIdHigh64Absent: true,
    shared: true,
  };
}

export function registerRoundTripContract(factory: TraceStoreFactory): void {
  describe('writeBatch / getTrace round trip', () => {
    test('every field of the span model comes back exactly as written', () =>
      withStore(factory, async (store) => {
        const span = kitchenSinkSpan();
        await store.writeBatch([span]);
        const got = await store.getTrace(span.traceId);
        assert.deepStrictEqual(got, [span]);
        // bytes must come back as Uint8Array (not a Buffer subclass or a string)
        const b = got[0]!.attributes.find((a) => a.key === 'bytes')!.value;
        assert.equal(b.type, 'bytes');
        assert.equal(Object.getPrototypeOf(b.value), Uint8Array.prototype);
      }));

    test('strings with control characters, separators and unpaired surrogates round-trip and stay searchable', () =>
      withStore(factory, async (store) => {
        const nasty = 'a\x1fb\x1ec\x1bd\x1bu\x1be\x1br\x00e\t\n\r\\\'"%_*';
        const lone = 'x\ud800y\udc00z';
        const base = spanOf({ trace: 90, id: 1, service: 'svc', name: nasty, startMs: 0, durationMs: 1 });
        const span: Span = {
          ...base,
          traceState: `k=${nasty}`,
          status: { code: StatusCode.ERROR, message: nasty },
          attributes: [attr(nasty, str(nasty)), attr('lone', str(lone)), attr('n', int(1)), attr(`k\x1f${nasty}`, int(7)), attr('empty', str(''))],
          events: [{ timeUnixNano: base.startTimeUnixNano, name: nasty, attributes: [attr('lone', str(lone))], droppedAttributesCount: 0 }],
          links: [{ traceId: '0123456789abcdef0123456789abcdef', spanId: '0123456789abcdef', traceState: lone, attributes: [attr(nasty, str(lone))], droppedAttributesCount: 0, flags: 0 }],
          resource: { attributes: [attr('service.name', str('svc')), attr('res', str(lone))], droppedAttributesCount: 0 },
        };
        const plain = spanOf({ trace: 90, id: 2, parent: 1, service: 'svc', name: 'plain', startMs: 1, durationMs: 1, attributes: [attr('k', str('v'))] });
        await store.writeBatch([span, plain]);
        assert.deepStrictEqual(await store.getTrace(span.traceId), [span, plain]);
        const found = async (q: Omit<Parameters<TraceStore['findTraceIds']>[0], 'limit'>) => (await store.findTraceIds({ limit: 10, ...q })).map((r) => r.traceId);
        assert.deepStrictEqual(await found({ spanName: nasty }), [span.traceId]);
        assert.deepStrictEqual(await found({ attributes: [{ key: nasty, op: '=', value: nasty }] }), [span.traceId]);
        assert.deepStrictEqual(await found({ attributes: [{ key: `k\x1f${nasty}`, op: '>', value: 6 }] }), [span.traceId]);
        assert.deepStrictEqual(await found({ attributes: [{ op: 'event', value: nasty }] }), [span.traceId]);
        assert.deepStrictEqual(await found({ spanName: 'plain', attributes: [{ key: 'k', op: '=', value: 'v' }] }), [span.traceId]);
        assert.ok((await store.getAttributeKeys()).includes(nasty));
        assert.deepStrictEqual(await store.getAttributeValues(nasty), [nasty]);
      }));

    test('a minimal span (no attributes, events, links; empty strings) round-trips', () =>
      withStore(factory, async (store) => {
        const span = spanOf({ trace: 1, id: 1, service: 'svc', name: '', startMs: 0, durationMs: 0 });
        await store.writeBatch([span]);
        assert.deepStrictEqual(await store.getTrace(span.traceId), [span]);
      }));

    test('a resource without service.name and a root-less span round-trip', () =>
      withStore(factory, async (store) => {
        const span: Span = { ...spanOf({ trace: 2, id: 5, parent: 99, service: 'x', name: 'orphan', startMs: -5, durationMs: 1 }), resource: { attributes: [], droppedAttributesCount: 0 } };
        await store.writeBatch([span]);
        assert.deepStrictEqual(await store.getTrace(span.traceId), [span]);
      }));

    test('the client and server halves of a Zipkin shared span (same span id) are both kept', () =>
      withStore(factory, async (store) => {
        const client = spanOf({ trace: 3, id: 7, parent: 6, service: 'front', name: 'get /api', kind: SpanKind.CLIENT, startMs: 10, durationMs: 20 });
        const server = spanOf({ trace: 3, id: 7, parent: 6, service: 'back', name: 'get /api', kind: SpanKind.SERVER, startMs: 10, durationMs: 15, shared: true });
        await store.writeBatch([server, client]);
        assert.deepStrictEqual(await store.getTrace(client.traceId), [client, server]);
      }));

    test('getTrace orders by start time, then span id, then client half before server half; batches merge', () =>
      withStore(factory, async (store) => {
        const t = 4;
        const late = spanOf({ trace: t, id: 1, service: 'a', name: 'late', startMs: 50, durationMs: 1 });
        const early = spanOf({ trace: t, id: 9, service: 'a', name: 'early', startMs: -50, durationMs: 100 });
        const tieB = spanOf({ trace: t, id: 0x0b, service: 'a', name: 'tie b', startMs: 0, durationMs: 1 });
        const tieA = spanOf({ trace: t, id: 0x0a, service: 'a', name: 'tie a', startMs: 0, durationMs: 1 });
        const sharedServer = spanOf({ trace: t, id: 0x0c, service: 'b', name: 'rpc', startMs: 0, durationMs: 1, shared: true, kind: SpanKind.SERVER });
        const sharedClient = spanOf({ trace: t, id: 0x0c, service: 'a', name: 'rpc', startMs: 0, durationMs: 1, kind: SpanKind.CLIENT });
        const other = spanOf({ trace: 5, id: 1, service: 'a', name: 'other trace', startMs: 0, durationMs: 1 });
        await store.writeBatch([late, sharedServer, other]);
        await store.writeBatch([tieB, early]);
        await store.writeBatch([sharedClient, tieA]);
        assert.deepStrictEqual(await store.getTrace(late.traceId), [early, tieA, tieB, sharedClient, sharedServer, late]);
        assert.deepStrictEqual(await store.getTrace(other.traceId), [other]);
      }));

    test('getTrace of an unknown id is empty; getTraces follows the requested order and leaves unknown ids out', () =>
      withStore(factory, async (store) => {
        const a = spanOf({ trace: 10, id: 1, service: 'a', name: 'a', startMs: 0, durationMs: 1 });
        const b1 = spanOf({ trace: 11, id: 1, service: 'b', name: 'b1', startMs: 1, durationMs: 1 });
        const b2 = spanOf({ trace: 11, id: 2, parent: 1, service: 'b', name: 'b2', startMs: 2, durationMs: 1 });
        await store.writeBatch([a, b2, b1]);
        assert.deepStrictEqual(await store.getTrace('0123456789abcdef0123456789abcdef'), []);
        assert.deepStrictEqual(await store.getTraces([b1.traceId, '0123456789abcdef0123456789abcdef', a.traceId]), [[b1, b2], [a]]);
        assert.deepStrictEqual(await store.getTraces([]), []);
      }));

    test('spans of one trace on both sides of a UTC midnight come back together', () =>
      withStore(factory, async (store) => {
        const midnight = BigInt(Date.UTC(2024, 2, 11)) * MS;
        const msFromBase = Number((midnight - BASE_NANOS) / MS);
        const before = spanOf({ trace: 12, id: 1, service: 'a', name: 'before', startMs: msFromBase - 1, durationMs: 5 });
        const after = spanOf({ trace: 12, id: 2, parent: 1, service: 'a', name: 'after', startMs: msFromBase + 1, durationMs: 1 });
        await store.writeBatch([after, before]);
        assert.deepStrictEqual(await store.getTrace(before.traceId), [before, after]);
      }));

    test('an empty batch resolves and changes nothing', () =>
      withStore(factory, async (store) => {
        await store.writeBatch([]);
        assert.equal((await store.getStats()).spanCount, 0);
      }));

    test('a large batch (5,000 spans, 500 traces) is stored completely', () =>
      withStore(factory, async (store) => {
        const spans: Span[] = [];
        for (let t = 0; t < 500; t++)
          for (let s = 0; s < 10; s++)
            spans.push(spanOf({ trace: 1000 + t, id: s + 1, ...(s > 0 ? { parent: 1 } : {}), service: `svc-${t % 7}`, name: `op-${s}`, startMs: t * 10 + s, durationMs: 10 - s, attributes: [attr('n', int(t * 10 + s))] }));
        await store.writeBatch(spans);
        assert.equal((await store.getStats()).spanCount, 5000);
        const t123 = await store.getTrace(spans[1230]!.traceId);
        assert.deepStrictEqual(t123, spans.slice(1230, 1240));
      }));

    test('concurrent writeBatch calls all land', () =>
      withStore(factory, async (store) => {
        const batches = Array.from({ length: 8 }, (_, b) =>
          Array.from({ length: 50 }, (_, i) => spanOf({ trace: 2000 + b, id: i + 1, service: 'c', name: 'n', startMs: i, durationMs: 1 })),
        );
        await Promise.all(batches.map((batch) => store.writeBatch(batch)));
        assert.equal((await store.getStats()).spanCount, 400);
        for (const batch of batches) assert.deepStrictEqual(await store.getTrace(batch[0]!.traceId), batch);
      }));
  });
}

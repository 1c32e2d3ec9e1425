import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { attr, int, str, SpanKind, type Attribute, type Span } from '@skein/model';
import type { ServiceGraph, ServiceGraphOperation, TraceStore } from '../trace-store.js';
import { BASE_NANOS, MS, spanOf, withStore, type TraceStoreFactory, type TraceStoreUnderTest } from './contract-fixtures.js';

const { SERVER, CLIENT, PRODUCER, INTERNAL } = SpanKind;
const attrs = (pairs: Record<string, string>): Attribute[] => Object.entries(pairs).map(([k, v]) => attr(k, str(v)));

/**
 * Window under test: [BASE, BASE + 10 s). Expected graph worked out by hand in the tests below.
 * frontend calls checkout (traces 61–64 with callee durations 10/20/30/40 ms, the last failing;
 * a Zipkin shared span of 25 ms; a call whose client started before the window, 50 ms);
 * checkout calls an instrumented `db` service and uninstrumented peers named by attributes.
 */
function serviceGraphDataset(): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < 4; i++) {
    const trace = 61 + i;
    const t = i * 1000;
    spans.push(
      spanOf({ trace, id: 1, service: 'frontend', name: 'GET /cart', kind: SERVER, startMs: t, durationMs: 100 }),
      // Answered by checkout's server span, so its server.address makes no external node.
      spanOf({ trace, id: 2, parent: 1, service: 'frontend', name: 'POST /checkout', kind: CLIENT, startMs: t + 1, durationMs: 90, attributes: attrs({ 'server.address': 'checkout.internal' }) }),
      spanOf({ trace, id: 3, parent: 2, service: 'checkout', name: 'POST /checkout', kind: SERVER, startMs: t + 2, durationMs: 10 * (i + 1), error: i === 3 }),
      // Uninstrumented Postgres: db.namespace (current conventions) or db.name (older) name it.
      spanOf({ trace, id: 4, parent: 3, service: 'checkout', name: 'SELECT carts', kind: CLIENT, startMs: t + 3, durationMs: i + 1, error: i === 3, attributes: attrs(i === 2 ? { 'db.system': 'postgresql', 'db.name': 'carts' } : { 'db.system': 'postgresql', 'db.namespace': 'carts' }) }),
    );
  }
  spans.push(
    // Trace 65: checkout's calls to peers that send no spans.
    spanOf({ trace: 65, id: 1, service: 'checkout', name: 'charge job', kind: INTERNAL, startMs: 5000, durationMs: 50 }),
    spanOf({ trace: 65, id: 2, parent: 1, service: 'checkout', name: 'publish charge', kind: PRODUCER, startMs: 5001, durationMs: 2, attributes: attrs({ 'peer.service': 'payments' }) }),
    spanOf({ trace: 65, id: 3, parent: 1, service: 'checkout', name: 'GET rates', kind: CLIENT, startMs: 5002, durationMs: 7, error: true, attributes: attrs({ 'server.address': 'rates.example.com', 'http.host': 'ignored' }) }),
    spanOf({ trace: 65, id: 4, parent: 1, service: 'checkout', name: 'GET legacy', kind: CLIENT, startMs: 5003, durationMs: 3, attributes: attrs({ 'http.host': 'ignored', 'net.peer.name': 'legacy.internal' }) }),
    spanOf({ trace: 65, id: 5, parent: 1, service: 'checkout', name: 'mystery', kind: CLIENT, startMs: 5004, durationMs: 1 }),
    spanOf({ trace: 65, id: 6, parent: 1, service: 'checkout', name: 'self call', kind: CLIENT, startMs: 5005, durationMs: 1, attributes: attrs({ 'peer.service': 'checkout' }) }),
    // db.system wins over peer.service; no namespace: the node is named by the system.
    spanOf({ trace: 65, id: 7, parent: 1, service: 'checkout', name: 'SELECT 1', kind: CLIENT, startMs: 5006, durationMs: 1, attributes: attrs({ 'peer.service': 'cache', 'db.system': 'redis' }) }),
    // peer.service naming a service that answers other calls itself: the same edge as those calls.
    spanOf({ trace: 65, id: 8, parent: 1, service: 'checkout', name: 'cache miss', kind: CLIENT, startMs: 5007, durationMs: 4, attributes: attrs({ 'peer.service': 'db' }) }),
    // Trace 66: an instrumented database: a service edge, no inferred node.
    spanOf({ trace: 66, id: 1, service: 'checkout', name: 'query', kind: CLIENT, startMs: 6000, durationMs: 8, attributes: attrs({ 'db.system': 'postgresql' }) }),
    spanOf({ trace: 66, id: 2, parent: 1, service: 'db', name: 'query', kind: SERVER, startMs: 6001, durationMs: 6 }),
    // Trace 67: Zipkin shared span: checkout's server half reuses frontend's client span id.
    spanOf({ trace: 67, id: 10, service: 'frontend', name: 'get', kind: CLIENT, startMs: 7000, durationMs: 30, attributes: attrs({ 'server.address': 'checkout.internal' }) }),
    spanOf({ trace: 67, id: 10, service: 'checkout', name: 'get', kind: SERVER, startMs: 7001, durationMs: 25, shared: true }),
    // Outside the window: just before its start, at its (exclusive) end.
    spanOf({ trace: 68, id: 1, service: 'checkout', name: 'SELECT carts', kind: CLIENT, startMs: -1, durationMs: 1, attributes: attrs({ 'db.system': 'postgresql', 'db.namespace': 'carts' }) }),
    spanOf({ trace: 69, id: 1, service: 'checkout', name: 'SELECT carts', kind: CLIENT, startMs: 10_000, durationMs: 1, attributes: attrs({ 'db.system': 'postgresql', 'db.namespace': 'carts' }) }),
    // Trace 70: the client started before the window, the callee inside it: the call counts.
    spanOf({ trace: 70, id: 1, service: 'frontend', name: 'POST /checkout', kind: CLIENT, startMs: -5000, durationMs: 6000 }),
    spanOf({ trace: 70, id: 2, parent: 1, service: 'checkout', name: 'POST /checkout', kind: SERVER, startMs: 9000, durationMs: 50 }),
    // Trace 71: the callee started after the window: no call, yet the client is not "unanswered".
    spanOf({ trace: 71, id: 1, service: 'frontend', name: 'call x', kind: CLIENT, startMs: 9990, durationMs: 20, attributes: attrs({ 'server.address': 'x.example.com' }) }),
    spanOf({ trace: 71, id: 2, parent: 1, service: 'checkout', name: 'x', kind: SERVER, startMs: 10_000, durationMs: 5 }),
  );
  return spans;
}

const ms = (n: number): bigint => BigInt(Math.round(n * 1e6));
const op = (name: string, spanKind: SpanKind, count: number, errorCount: number, p50Ms: number, p99Ms: number): ServiceGraphOperation => ({ name, spanKind, count, errorCount, p50Nanos: ms(p50Ms), p99Nanos: ms(p99Ms) });
const edge = (source: string, target: string, callCount: number, errorCount: number, p50Ms: number, p99Ms: number) => ({ source, target, callCount, errorCount, p50Nanos: ms(p50Ms), p99Nanos: ms(p99Ms) });
const peerNode = (id: string, kind: 'service' | 'database' | 'external', name: string) => ({ id, kind, name, spanCount: 0, errorCount: 0, operations: [] });

const window = (fromMs: number, toMs: number) => ({ startTimeNanos: BASE_NANOS + BigInt(fromMs) * MS, endTimeNanos: BASE_NANOS + BigInt(toMs) * MS });

export function registerServiceGraphContract(factory: TraceStoreFactory): void {
  describe('getServiceGraph', () => {
    let sut: TraceStoreUnderTest;
    let store: TraceStore;
    before(async () => {
      sut = await factory();
      store = sut.store;
      await store.writeBatch(serviceGraphDataset());
    });
    after(async () => {
      await store.close();
      await sut.cleanup();
    });

    test('nodes: services with span/error counts and per-operation count, errors, p50/p99; inferred peers', async () => {
      const graph = await store.getServiceGraph(window(0, 10_000));
      assert.deepStrictEqual(graph.nodes, [
        peerNode('database:postgresql/carts', 'database', 'carts'),
        peerNode('database:redis', 'database', 'redis'),
        peerNode('external:legacy.internal', 'external', 'legacy.internal'),
        peerNode('external:rates.example.com', 'external', 'rates.example.com'),
        {
          id: 'service:checkout',
          kind: 'service',
          name: 'checkout',
          spanCount: 19,
          errorCount: 3,
          operations: [
            op('GET legacy', CLIENT, 1, 0, 3, 3),
            op('GET rates', CLIENT, 1, 1, 7, 7),
            // 10, 20, 30, 40, 50 ms: p50 the middle one; p99 at rank 3.96, 40 + 0.96 × 10.
            op('POST /checkout', SERVER, 5, 1, 30, 49.6),
            op('SELECT 1', CLIENT, 1, 0, 1, 1),
            // 1, 2, 3, 4 ms: p50 halfway between 2 and 3; p99 at rank 2.97.
            op('SELECT carts', CLIENT, 4, 1, 2.5, 3.97),
            op('cache miss', CLIENT, 1, 0, 4, 4),
            op('charge job', INTERNAL, 1, 0, 50, 50),
            op('get', SERVER, 1, 0, 25, 25),
            op('mystery', CLIENT, 1, 0, 1, 1),
            op('publish charge', PRODUCER, 1, 0, 2, 2),
            op('query', CLIENT, 1, 0, 8, 8),
            op('self call', CLIENT, 1, 0, 1, 1),
          ],
        },
        { id: 'service:db', kind: 'service', name: 'db', spanCount: 1, errorCount: 0, operations: [op('query', SERVER, 1, 0, 6, 6)] },
        {
          id: 'service:frontend',
          kind: 'service',
          name: 'frontend',
          spanCount: 10,
          errorCount: 0,
          operations: [op('GET /cart', SERVER, 4, 0, 100, 100), op('POST /checkout', CLIENT, 4, 0, 90, 90), op('call x', CLIENT, 1, 0, 20, 20), op('get', CLIENT, 1, 0, 30, 30)],
        },
        peerNode('service:payments', 'service', 'payments'),
      ]);
    });

    test('edges: service calls with the callee span’s errors and latency; unanswered client/producer spans to their peers', async () => {
      const graph = await store.getServiceGraph(window(0, 10_000));
      assert.deepStrictEqual(graph.edges, [
        edge('service:checkout', 'database:postgresql/carts', 4, 1, 2.5, 3.97),
        edge('service:checkout', 'database:redis', 1, 0, 1, 1),
        edge('service:checkout', 'external:legacy.internal', 1, 0, 3, 3),
        edge('service:checkout', 'external:rates.example.com', 1, 1, 7, 7),
        // db's own server span (6 ms) and the unanswered 'cache miss' client span (4 ms).
        edge('service:checkout', 'service:db', 2, 0, 5, 5.98),
        edge('service:checkout', 'service:payments', 1, 0, 2, 2),
        // 10, 20, 25 (shared span), 30, 40, 50 ms: p50 = 27.5; p99 at rank 4.95 = 40 + 0.95 × 10.
        edge('service:frontend', 'service:checkout', 6, 1, 27.5, 49.5),
      ]);
    });

    test('the window bounds span starts: [start, end); callers outside it still appear as edge sources', async () => {
      const late = await store.getServiceGraph(window(9000, 10_000));
      assert.deepStrictEqual(late, {
        nodes: [
          { id: 'service:checkout', kind: 'service', name: 'checkout', spanCount: 1, errorCount: 0, operations: [op('POST /checkout', SERVER, 1, 0, 50, 50)] },
          { id: 'service:frontend', kind: 'service', name: 'frontend', spanCount: 1, errorCount: 0, operations: [op('call x', CLIENT, 1, 0, 20, 20)] },
        ],
        edges: [edge('service:frontend', 'service:checkout', 1, 0, 50, 50)],
      });
      // Only trace 70's callee: its caller has no span in the window, yet is the edge's source node.
      const callee = await store.getServiceGraph(window(9000, 9001));
      assert.deepStrictEqual(callee.nodes.map((n) => [n.id, n.spanCount]), [['service:checkout', 1], ['service:frontend', 0]]);
      assert.equal(callee.edges.length, 1);
      // Trace 68's client alone, a millisecond before the window of the other tests.
      const early = await store.getServiceGraph(window(-1, 0));
      assert.deepStrictEqual(early.edges, [edge('service:checkout', 'database:postgresql/carts', 1, 0, 1, 1)]);
      const empty: ServiceGraph = { nodes: [], edges: [] };
      assert.deepStrictEqual(await store.getServiceGraph(window(-4000, -1)), empty);
      assert.deepStrictEqual(await store.getServiceGraph(window(20_000, 30_000)), empty);
      assert.deepStrictEqual(await store.getServiceGraph(window(5000, 5000)), empty);
    });
  });

  test('getServiceGraph: a peer attribute counts when the last attribute with its key is a non-empty string; calls across midnight', async () => {
    const midnightMs = 12 * 3_600_000; // BASE is noon UTC
    await withStore(factory, async (store) => {
      await store.writeBatch([
        spanOf({ trace: 81, id: 1, service: 'a', name: 'empty db.system', kind: CLIENT, startMs: 0, durationMs: 1, attributes: attrs({ 'db.system': '', 'peer.service': 'b' }) }),
        spanOf({ trace: 82, id: 1, service: 'a', name: 'int address last', kind: CLIENT, startMs: 1, durationMs: 1, attributes: [attr('server.address', str('dup.example.com')), attr('server.address', int(443)), attr('net.peer.name', str('fallback.example.com'))] }),
        spanOf({ trace: 83, id: 1, service: 'a', name: 'newer conventions', kind: CLIENT, startMs: 2, durationMs: 1, attributes: attrs({ 'db.system.name': 'mysql', 'db.namespace': '', 'db.name': 'shop' }) }),
        // A call that crosses midnight UTC: client on one day, callee on the next.
        spanOf({ trace: 84, id: 1, service: 'a', name: 'late call', kind: CLIENT, startMs: midnightMs - 1, durationMs: 3, attributes: attrs({ 'server.address': 'c.example.com' }) }),
        spanOf({ trace: 84, id: 2, parent: 1, service: 'c', name: 'handle', kind: SERVER, startMs: midnightMs + 1, durationMs: 1 }),
      ]);
      const early = await store.getServiceGraph(window(0, 10));
      assert.deepStrictEqual(early.edges, [edge('service:a', 'database:mysql/shop', 1, 0, 1, 1), edge('service:a', 'external:fallback.example.com', 1, 0, 1, 1), edge('service:a', 'service:b', 1, 0, 1, 1)]);
      assert.deepStrictEqual(early.nodes.map((n) => [n.id, n.kind, n.name]), [
        ['database:mysql/shop', 'database', 'shop'],
        ['external:fallback.example.com', 'external', 'fallback.example.com'],
        ['service:a', 'service', 'a'],
        ['service:b', 'service', 'b'],
      ]);
      // The client's callee is in the next day's data: the client is answered, not an external call.
      const beforeMidnight = await store.getServiceGraph(window(midnightMs - 3_600_000, midnightMs));
      assert.deepStrictEqual(beforeMidnight.edges, []);
      const afterMidnight = await store.getServiceGraph(window(midnightMs, midnightMs + 3_600_000));
      assert.deepStrictEqual(afterMidnight.edges, [edge('service:a', 'service:c', 1, 0, 1, 1)]);
    });
  });

  test('getServiceGraph on an empty store: no nodes, no edges', async () => {
    await withStore(factory, async (store) => {
      assert.deepStrictEqual(await store.getServiceGraph(window(-1_000_000, 1_000_000)), { nodes: [], edges: [] });
    });
  });
}

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SpanKind, StatusCode, attr, makeSpan, nowNanos, str, type Attribute, type Resource, type Span } from '@skein/model';
import { startSkeinApiTestServer, type SkeinApiTestServer } from './skein-api-test-server.js';
import { parseServiceMapWindow, type ServiceMapJson } from './service-map.js';

const T0 = 1_795_240_000_000_000_000n;
const MS = 1_000_000n;
const resource = (service: string): Resource => ({ attributes: [attr('service.name', str(service))], droppedAttributesCount: 0 });
const frontend = resource('frontend');
const cart = resource('cart');

function span(trace: string, id: string, parent: string, resource: Resource, name: string, kind: SpanKind, startMs: number, durationMs: number, attributes: Attribute[] = [], error = false): Span {
  const start = T0 + BigInt(startMs) * MS;
  return makeSpan({
    traceId: trace.repeat(32),
    spanId: id.repeat(16),
    parentSpanId: parent === '' ? '' : parent.repeat(16),
    name,
    kind,
    startTimeUnixNano: start,
    endTimeUnixNano: start + BigInt(durationMs) * MS,
    resource,
    attributes,
    status: error ? { code: StatusCode.ERROR, message: 'boom' } : { code: StatusCode.UNSET, message: '' },
  });
}

// frontend → cart twice (cart's server spans take 10 ms and 30 ms, the second fails); cart → redis, uninstrumented.
const spans: Span[] = [
  span('a', '1', '', frontend, 'GET /cart', SpanKind.CLIENT, 0, 40),
  span('a', '2', '1', cart, 'GET /cart', SpanKind.SERVER, 1, 10),
  span('a', '3', '2', cart, 'HGET', SpanKind.CLIENT, 2, 2, [attr('db.system', str('redis'))]),
  span('b', '1', '', frontend, 'GET /cart', SpanKind.CLIENT, 100, 50),
  span('b', '2', '1', cart, 'GET /cart', SpanKind.SERVER, 101, 30, [], true),
];

let server: SkeinApiTestServer;
before(async () => {
  server = await startSkeinApiTestServer(spans);
});
after(() => server.close());

test('GET /api/skein/service-map?start=&end=: nodes with operations, edges, nanoseconds as strings', async () => {
  const start = T0.toString();
  const end = (T0 + 1000n * MS).toString();
  const res = await server.get<ServiceMapJson>(`/api/skein/service-map?start=${start}&end=${end}`);
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, {
    start,
    end,
    nodes: [
      { id: 'database:redis', kind: 'database', name: 'redis', spanCount: 0, errorCount: 0, operations: [] },
      {
        id: 'service:cart',
        kind: 'service',
        name: 'cart',
        spanCount: 3,
        errorCount: 1,
        operations: [
          { name: 'GET /cart', kind: 'server', count: 2, errorCount: 1, p50Nanos: '20000000', p99Nanos: '29800000' },
          { name: 'HGET', kind: 'client', count: 1, errorCount: 0, p50Nanos: '2000000', p99Nanos: '2000000' },
        ],
      },
      {
        id: 'service:frontend',
        kind: 'service',
        name: 'frontend',
        spanCount: 2,
        errorCount: 0,
        operations: [{ name: 'GET /cart', kind: 'client', count: 2, errorCount: 0, p50Nanos: '45000000', p99Nanos: '49900000' }],
      },
    ],
    edges: [
      { source: 'service:cart', target: 'database:redis', callCount: 1, errorCount: 0, p50Nanos: '2000000', p99Nanos: '2000000' },
      { source: 'service:frontend', target: 'service:cart', callCount: 2, errorCount: 1, p50Nanos: '20000000', p99Nanos: '29800000' },
    ],
  });
});

test('GET /api/skein/service-map: ISO 8601 bounds and lookback select the window', async () => {
  const iso = (ns: bigint) => new Date(Number(ns / MS)).toISOString();
  // Only trace b (from 100 ms on).
  const late = await server.get<ServiceMapJson>(`/api/skein/service-map?start=${iso(T0 + 100n * MS)}&end=${iso(T0 + 1000n * MS)}`);
  assert.equal(late.status, 200);
  assert.equal(late.body.start, (T0 + 100n * MS).toString());
  assert.deepEqual(late.body.edges.map((e) => [e.source, e.target, e.callCount, e.errorCount]), [['service:frontend', 'service:cart', 1, 1]]);
  const back = await server.get<ServiceMapJson>(`/api/skein/service-map?end=${(T0 + 100n * MS).toString()}&lookback=100ms`);
  assert.deepEqual(back.body.edges.map((e) => [e.source, e.target, e.callCount]), [['service:cart', 'database:redis', 1], ['service:frontend', 'service:cart', 1]]);
  // The default window is the hour before the request.
  const before = nowNanos();
  const now = await server.get<ServiceMapJson>('/api/skein/service-map');
  const afterwards = nowNanos();
  assert.equal(now.status, 200);
  assert.ok(BigInt(now.body.end) >= before && BigInt(now.body.end) <= afterwards, now.body.end);
  assert.equal(BigInt(now.body.end) - BigInt(now.body.start), 3_600_000_000_000n);
});

test('GET /api/skein/service-map with bad parameters: 400 naming the parameter', async () => {
  for (const [query, param] of [
    ['lookback=soon', 'lookback'],
    ['start=yesterday', 'start'],
    ['end=12:00', 'end'],
    [`start=${T0 + 1n}&end=${T0}`, 'start'],
    [`start=${T0}&end=${T0}`, 'start'],
  ] as const) {
    const res = await server.get<{ error: { code: string; message: string } }>(`/api/skein/service-map?${query}`);
    assert.equal(res.status, 400, query);
    assert.equal(res.body.error.code, 'SKEIN_ERR_BAD_QUERY_PARAM', query);
    assert.match(res.body.error.message, new RegExp(`^invalid query parameter: ${param}:`), query);
  }
});

test('parseServiceMapWindow: end defaults to now, start to end minus lookback (default 1 h); start wins over lookback', () => {
  const now = 10_000_000_000_000n;
  assert.deepEqual(parseServiceMapWindow({}, now), { startTimeNanos: now - 3_600_000_000_000n, endTimeNanos: now });
  assert.deepEqual(parseServiceMapWindow({ lookback: '15m' }, now), { startTimeNanos: now - 900_000_000_000n, endTimeNanos: now });
  assert.deepEqual(parseServiceMapWindow({ end: '5000000000000', lookback: '1s' }, now), { startTimeNanos: 4_999_000_000_000n, endTimeNanos: 5_000_000_000_000n });
  assert.deepEqual(parseServiceMapWindow({ start: '1000', lookback: '1s', end: '2000' }, now), { startTimeNanos: 1000n, endTimeNanos: 2000n });
  assert.deepEqual(parseServiceMapWindow({ start: '1970-01-01T00:00:01Z', end: ['1', '1970-01-01T00:00:02.5Z'] }, now), { startTimeNanos: 1_000_000_000n, endTimeNanos: 2_500_000_000n });
});

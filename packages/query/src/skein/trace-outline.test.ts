import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { attr, makeSpan, SpanKind, StatusCode, str, type Resource, type Span } from '@skein/model';
import { spanToJson, type SkeinSpanJson } from './span-json.js';
import { startSkeinApiTestServer, type SkeinApiTestServer } from './skein-api-test-server.js';
import type { TraceOutlineJson } from './trace-outline-json.js';

const T = 'ab'.repeat(16);
const T0 = 1_795_240_000_000_000_000n;
const res = (service: string): Resource => ({ attributes: [attr('service.name', str(service)), attr('host.name', str('h1'))], droppedAttributesCount: 0 });
const front = res('front');
const back = res('back');
const span = (id: string, parent: string, name: string, resource: Resource, startMs: number, durationMs: number, extra: Partial<Span> = {}): Span =>
  makeSpan({
    traceId: T,
    spanId: id.repeat(16),
    parentSpanId: parent === '' ? '' : parent.repeat(16),
    name,
    resource,
    startTimeUnixNano: T0 + BigInt(startMs) * 1_000_000n,
    endTimeUnixNano: T0 + BigInt(startMs + durationMs) * 1_000_000n,
    attributes: [attr('http.route', str('/x'))],
    ...extra,
  });

const spans: Span[] = [
  span('1', '', 'GET /', front, 0, 100, { kind: SpanKind.SERVER }),
  span('2', '1', 'rpc', front, 10, 50, { kind: SpanKind.CLIENT }),
  span('2', '1', 'rpc', back, 12, 40, { kind: SpanKind.SERVER, shared: true }),
  span('3', '2', 'SELECT', back, 20, 5, { kind: SpanKind.CLIENT, status: { code: StatusCode.ERROR, message: 'deadlock' } }),
];

let server: SkeinApiTestServer;
before(async () => {
  server = await startSkeinApiTestServer(spans);
});
after(() => server.close());

test('the outline gives every span as columns, in the full trace order, with interned strings', async () => {
  const { status, body } = await server.get<TraceOutlineJson>(`/api/skein/traces/${T}/outline`);
  assert.equal(status, 200);
  const s = (i: number) => body.strings[i];
  assert.equal(body.traceId, T);
  assert.equal(body.spanCount, 4);
  assert.equal(body.startUnixNano, T0.toString());
  assert.deepEqual(body.spanId, ['1', '2', '2', '3'].map((c) => c.repeat(16)));
  assert.deepEqual(body.parentSpanId, ['', '1'.repeat(16), '1'.repeat(16), '2'.repeat(16)]);
  assert.deepEqual(body.service.map(s), ['front', 'front', 'back', 'back']);
  assert.deepEqual(body.name.map(s), ['GET /', 'rpc', 'rpc', 'SELECT']);
  assert.deepEqual(body.kind.map(s), ['server', 'client', 'server', 'client']);
  assert.deepEqual(body.startOffsetNanos, [0, 10e6, 12e6, 20e6]);
  assert.deepEqual(body.durationNanos, [100e6, 50e6, 40e6, 5e6]);
  assert.deepEqual(body.status, [0, 0, 0, 2]);
  assert.deepEqual(body.statusMessage.map(s), ['', '', '', 'deadlock']);
  assert.deepEqual(body.shared, [2]);
  assert.equal(new Set(body.strings).size, body.strings.length, 'each string once');
  // The same order as the full trace, which the UI relies on to attach payloads to rows.
  const full = await server.get<{ spans: SkeinSpanJson[] }>(`/api/skein/traces/${T}`);
  assert.deepEqual(full.body.spans.map((x) => `${x.spanId}/${x.shared}`), body.spanId.map((id, i) => `${id}/${body.shared.includes(i)}`));
});

test('one span by id comes back whole; both halves of a shared span; X-Ray and upper-case ids accepted', async () => {
  const one = await server.get<{ spans: SkeinSpanJson[] }>(`/api/skein/traces/${T}/spans/${'3'.repeat(16)}`);
  assert.equal(one.status, 200);
  assert.deepEqual(one.body.spans, [spanToJson(spans[3]!)]);
  const pair = await server.get<{ spans: SkeinSpanJson[] }>(`/api/skein/traces/1-abababab-abababababababababababab/spans/${'2'.repeat(16)}`);
  assert.deepEqual(pair.body.spans, [spanToJson(spans[1]!), spanToJson(spans[2]!)]);
  const upper = await server.get<{ spans: SkeinSpanJson[] }>(`/api/skein/traces/${T.toUpperCase()}/spans/${'3'.repeat(16)}`);
  assert.equal(upper.status, 200);
});

test('unknown traces and spans are 404 with a code; malformed ids are 400', async () => {
  const cases: Array<[string, number, string]> = [
    [`/api/skein/traces/${'cd'.repeat(16)}/outline`, 404, 'SKEIN_ERR_TRACE_NOT_FOUND'],
    [`/api/skein/traces/not-an-id/outline`, 400, 'SKEIN_ERR_BAD_QUERY_PARAM'],
    [`/api/skein/traces/${T}/spans/${'9'.repeat(16)}`, 404, 'SKEIN_ERR_SPAN_NOT_FOUND'],
    [`/api/skein/traces/${T}/spans/xyz`, 400, 'SKEIN_ERR_BAD_QUERY_PARAM'],
    [`/api/skein/traces/${T}/spans/${'0'.repeat(16)}`, 400, 'SKEIN_ERR_BAD_QUERY_PARAM'],
  ];
  for (const [path, status, code] of cases) {
    const r = await server.get<{ error: { code: string } }>(path);
    assert.equal(r.status, status, path);
    assert.equal(r.body.error.code, code, path);
  }
});

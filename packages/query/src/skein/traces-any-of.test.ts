import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { attr, int, makeSpan, str, type Resource, type Span } from '@skein/model';
import { MAX_OR_GROUPS } from './search-params.js';
import { startSkeinApiTestServer, type SkeinApiTestServer } from './skein-api-test-server.js';
import type { TraceSummary } from './trace-summary.js';

const T0 = 1_795_240_000_000_000_000n;
const MS = 1_000_000n;
const shop: Resource = { attributes: [attr('service.name', str('shop'))], droppedAttributesCount: 0 };
const db: Resource = { attributes: [attr('service.name', str('db'))], droppedAttributesCount: 0 };

/** Trace n (one root span) starts n ms after T0 and lasts `ms`; trace ids are n in hex. */
const trace = (n: number, ms: number, attributes: Span['attributes'], resource = shop): Span =>
  makeSpan({
    traceId: n.toString(16).padStart(32, '0'),
    spanId: (n + 1).toString(16).padStart(16, '0'),
    name: 'GET /',
    startTimeUnixNano: T0 + BigInt(n) * MS,
    endTimeUnixNano: T0 + BigInt(n) * MS + BigInt(ms) * MS,
    resource,
    attributes,
  });

// 1: group A only (5xx); 2: group B only (error.type and retry.count>2); 3: neither (retry.count too low);
// 4: both groups; 5: group A but another service; 6: group A but not the plain attr route.
const spans: Span[] = [
  trace(1, 30, [attr('http.route', str('/cart')), attr('http.response.status_code', int(503))]),
  trace(2, 10, [attr('http.route', str('/cart')), attr('error.type', str('timeout')), attr('retry.count', int(3))]),
  trace(3, 50, [attr('http.route', str('/cart')), attr('error.type', str('timeout')), attr('retry.count', int(1))]),
  trace(4, 20, [attr('http.route', str('/cart')), attr('http.response.status_code', int(500)), attr('error.type', str('x')), attr('retry.count', int(9))]),
  trace(5, 40, [attr('http.route', str('/cart')), attr('http.response.status_code', int(502))], db),
  trace(6, 60, [attr('http.route', str('/pay')), attr('http.response.status_code', int(504))]),
];
const GROUPS = `anyOf=${encodeURIComponent('http.response.status_code>=500')}&anyOf=${encodeURIComponent('error.type and retry.count>2')}`;
const ROUTE = `attr=${encodeURIComponent('http.route=/cart')}`;

let server: SkeinApiTestServer;
before(async () => {
  server = await startSkeinApiTestServer(spans);
});
after(() => server.close());

const ids = async (query: string): Promise<number[]> => {
  const res = await server.get<{ traces: TraceSummary[] }>(`/api/skein/traces?${query}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.traces.map((t) => Number.parseInt(t.traceId, 16));
};

test('anyOf: a trace matches the other filters and at least one group; newest first, each once', async () => {
  assert.deepEqual(await ids(`service=shop&${ROUTE}&${GROUPS}`), [4, 2, 1]);
  // Without the plain conditions the other traces matching a group come back too.
  assert.deepEqual(await ids(GROUPS), [6, 5, 4, 2, 1]);
  // One group is the same as writing its conditions as attr.
  assert.deepEqual(await ids(`anyOf=${encodeURIComponent('error.type and retry.count>2')}`), await ids('attr=error.type&attr=retry.count%3E2'));
});

test('anyOf: sort and limit apply to the union as to a plain search', async () => {
  assert.deepEqual(await ids(`service=shop&${ROUTE}&${GROUPS}&limit=2`), [4, 2]);
  assert.deepEqual(await ids(`service=shop&${ROUTE}&${GROUPS}&sort=oldest`), [1, 2, 4]);
  assert.deepEqual(await ids(`service=shop&${ROUTE}&${GROUPS}&sort=duration`), [1, 4, 2]);
  assert.deepEqual(await ids(`service=shop&${ROUTE}&${GROUPS}&sort=shortest&limit=2`), [2, 4]);
});

test('anyOf: too many groups or a bad condition is a 400 naming the parameter and the limit', async () => {
  const many = Array.from({ length: MAX_OR_GROUPS + 1 }, (_, i) => `anyOf=k%3D${i}`).join('&');
  const res = await server.get<{ error: { code: string; message: string } }>(`/api/skein/traces?${many}`);
  assert.equal(res.status, 400);
  assert.equal(res.body.error.code, 'SKEIN_ERR_BAD_QUERY_PARAM');
  assert.match(res.body.error.message, new RegExp(`anyOf: .*at most ${MAX_OR_GROUPS}`));
  const bad = await server.get<{ error: { code: string; message: string } }>(`/api/skein/traces?anyOf=${encodeURIComponent('a=1 and n>x')}`);
  assert.equal(bad.status, 400);
  assert.match(bad.body.error.message, /anyOf: "n>x" is not/);
});

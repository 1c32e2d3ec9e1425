import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SpanKind, attr, int, makeSpan, str, type Resource, type Span } from '@skein/model';
import { startSkeinApiTestServer, type SkeinApiTestServer } from './skein-api-test-server.js';

const T0 = 1_795_240_000_000_000_000n;
const resource = (service: string, extra: Resource['attributes'] = []): Resource => ({ attributes: [attr('service.name', str(service)), ...extra], droppedAttributesCount: 0 });
const shop = resource('shop', [attr('host.name', str('shop-1'))]);
const db = resource('db');

// One trace crossing two services: shop's keys must not leak into db's suggestions.
const spans: Span[] = [
  makeSpan({ traceId: 'a'.repeat(32), spanId: '1'.repeat(16), name: 'GET /cart', kind: SpanKind.SERVER, startTimeUnixNano: T0, endTimeUnixNano: T0 + 5_000_000n, resource: shop, attributes: [attr('http.route', str('/cart')), attr('http.response.status_code', int(200))] }),
  makeSpan({ traceId: 'a'.repeat(32), spanId: '2'.repeat(16), parentSpanId: '1'.repeat(16), name: 'SELECT', kind: SpanKind.CLIENT, startTimeUnixNano: T0 + 1n, endTimeUnixNano: T0 + 2_000_000n, resource: shop, attributes: [attr('db.system', str('postgresql'))] }),
  makeSpan({ traceId: 'a'.repeat(32), spanId: '3'.repeat(16), parentSpanId: '2'.repeat(16), name: 'SELECT', kind: SpanKind.SERVER, startTimeUnixNano: T0 + 2n, endTimeUnixNano: T0 + 1_000_000n, resource: db, attributes: [attr('db.statement', str('select 1'))] }),
  makeSpan({ traceId: 'b'.repeat(32), spanId: '4'.repeat(16), name: 'GET /pay', kind: SpanKind.SERVER, startTimeUnixNano: T0 + 9n, endTimeUnixNano: T0 + 9_000_000n, resource: shop, attributes: [attr('http.route', str('/pay')), attr('http.response.status_code', int(503))] }),
];

let server: SkeinApiTestServer;
before(async () => {
  server = await startSkeinApiTestServer(spans);
});
after(() => server.close());

test('GET /api/skein/attributes/keys: every stored key, span and resource, sorted', async () => {
  const res = await server.get('/api/skein/attributes/keys');
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, { keys: ['db.statement', 'db.system', 'host.name', 'http.response.status_code', 'http.route', 'service.name'] });
});

test('GET /api/skein/attributes/keys?service=: only keys that service recorded', async () => {
  assert.deepEqual((await server.get('/api/skein/attributes/keys?service=db')).body, { keys: ['db.statement', 'service.name'] });
  assert.deepEqual((await server.get('/api/skein/attributes/keys?service=shop')).body, { keys: ['db.system', 'host.name', 'http.response.status_code', 'http.route', 'service.name'] });
  assert.deepEqual((await server.get('/api/skein/attributes/keys?service=nobody')).body, { keys: [] });
});

test('GET /api/skein/attributes/values: values as text, sorted, per service, limited', async () => {
  assert.deepEqual((await server.get('/api/skein/attributes/values?key=http.response.status_code')).body, { values: ['200', '503'] });
  assert.deepEqual((await server.get('/api/skein/attributes/values?key=http.route&service=shop')).body, { values: ['/cart', '/pay'] });
  assert.deepEqual((await server.get('/api/skein/attributes/values?key=http.route&service=db')).body, { values: [] });
  assert.deepEqual((await server.get('/api/skein/attributes/values?key=http.route&service=shop&limit=1')).body, { values: ['/cart'] });
  assert.deepEqual((await server.get('/api/skein/attributes/values?key=http.route&limit=1')).body, { values: ['/cart'] });
  assert.deepEqual((await server.get('/api/skein/attributes/values?key=unknown')).body, { values: [] });
});

test('GET /api/skein/attributes/values without a key or with a bad limit: 400 naming the parameter', async () => {
  const noKey = await server.get<{ error: { code: string; message: string } }>('/api/skein/attributes/values');
  assert.equal(noKey.status, 400);
  assert.equal(noKey.body.error.code, 'SKEIN_ERR_BAD_QUERY_PARAM');
  assert.match(noKey.body.error.message, /key: required/);
  for (const limit of ['0', 'x', '1.5', '100000']) {
    const res = await server.get<{ error: { code: string; message: string } }>(`/api/skein/attributes/values?key=http.route&limit=${limit}`);
    assert.equal(res.status, 400, limit);
    assert.match(res.body.error.message, /^invalid query parameter: limit:/);
  }
});

test('GET /api/skein/services/:service/operations: name and kind, sorted; [] for an unknown service', async () => {
  assert.deepEqual((await server.get('/api/skein/services/shop/operations')).body, {
    operations: [
      { name: 'GET /cart', kind: 'server' },
      { name: 'GET /pay', kind: 'server' },
      { name: 'SELECT', kind: 'client' },
    ],
  });
  assert.deepEqual((await server.get('/api/skein/services/nobody/operations')).body, { operations: [] });
});

test('a service name with a slash or spaces reaches the operations route encoded', async () => {
  const odd = 'a/b c';
  const s = await startSkeinApiTestServer([makeSpan({ traceId: 'c'.repeat(32), spanId: '5'.repeat(16), name: 'x', kind: SpanKind.INTERNAL, startTimeUnixNano: T0, endTimeUnixNano: T0 + 1n, resource: resource(odd) })]);
  try {
    assert.deepEqual((await s.get(`/api/skein/services/${encodeURIComponent(odd)}/operations`)).body, { operations: [{ name: 'x', kind: 'internal' }] });
  } finally {
    await s.close();
  }
});

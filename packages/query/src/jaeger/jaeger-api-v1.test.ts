import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { A_START, B_START, C_START, D_SERVICE, LINKED_TRACE, micros, NOW, TRACE_A, TRACE_B, TRACE_C, TRACE_D } from './api-test-traces.js';
import { startJaegerTestServer, type JaegerTestServer } from './http-test-server.js';
import type { JaegerEnvelope, JaegerTrace } from './jaeger-json.js';

const MS = 1_000_000n;
const envelope = <T>(data: T, total = 0, errors: unknown = null) => ({ data, total, limit: 0, offset: 0, errors });
const errorEnvelope = (code: number, msg: string) => ({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code, msg }] });

/** Trace A exactly as Jaeger's /api/traces/{id} would show it. */
const EXPECTED_TRACE_A: JaegerTrace = {
  traceID: TRACE_A,
  spans: [
    {
      traceID: TRACE_A,
      spanID: '00f067aa0ba902b7',
      flags: 1,
      operationName: 'GET /checkout',
      references: [{ refType: 'FOLLOWS_FROM', traceID: LINKED_TRACE, spanID: 'b7ad6b7169203331' }],
      startTime: micros(A_START),
      duration: 100_000,
      tags: [
        { key: 'otel.scope.name', type: 'string', value: 'web-lib' },
        { key: 'otel.scope.version', type: 'string', value: '1.0.0' },
        { key: 'http.method', type: 'string', value: 'GET' },
        { key: 'http.status_code', type: 'int64', value: 200 },
        { key: 'sampling.ratio', type: 'float64', value: 0.25 },
        { key: 'cache.hit', type: 'bool', value: false },
        { key: 'request.id', type: 'binary', value: 'AQIDBA==' },
        { key: 'http.flavors', type: 'string', value: '["1.1","2"]' },
        { key: 'user', type: 'string', value: '{"id":7,"name":"ann"}' },
        { key: 'big', type: 'int64', value: '1152921504606846976' },
        { key: 'span.kind', type: 'string', value: 'server' },
        { key: 'w3c.tracestate', type: 'string', value: 'rojo=00f067aa0ba902b7' },
      ],
      logs: [
        {
          timestamp: micros(A_START + 5n * MS),
          fields: [
            { key: 'event', type: 'string', value: 'cache-miss' },
            { key: 'key', type: 'string', value: 'cart:7' },
          ],
        },
      ],
      processID: 'p1',
      warnings: null,
    },
    {
      traceID: TRACE_A,
      spanID: '0af7651916cd43dd',
      flags: 1,
      operationName: 'POST api/charge',
      references: [{ refType: 'CHILD_OF', traceID: TRACE_A, spanID: '00f067aa0ba902b7' }],
      startTime: micros(A_START + 10n * MS),
      duration: 60_000,
      tags: [
        { key: 'otel.scope.name', type: 'string', value: 'web-lib' },
        { key: 'otel.scope.version', type: 'string', value: '1.0.0' },
        { key: 'peer.service', type: 'string', value: 'api' },
        { key: 'span.kind', type: 'string', value: 'client' },
        { key: 'otel.status_code', type: 'string', value: 'ERROR' },
        { key: 'error', type: 'bool', value: true },
        { key: 'otel.status_description', type: 'string', value: 'upstream failed' },
      ],
      logs: [],
      processID: 'p1',
      warnings: null,
    },
    {
      traceID: TRACE_A,
      spanID: 'a1b2c3d4e5f60718',
      operationName: 'POST /charge',
      references: [{ refType: 'CHILD_OF', traceID: TRACE_A, spanID: '0af7651916cd43dd' }],
      startTime: micros(A_START + 12n * MS),
      duration: 56_000,
      tags: [
        { key: 'span.kind', type: 'string', value: 'server' },
        { key: 'otel.status_code', type: 'string', value: 'ERROR' },
        { key: 'error', type: 'bool', value: true },
        { key: 'otel.status_description', type: 'string', value: 'card declined' },
      ],
      logs: [
        {
          timestamp: micros(A_START + 60n * MS),
          fields: [
            { key: 'event', type: 'string', value: 'exception' },
            { key: 'exception.type', type: 'string', value: 'CardError' },
            { key: 'exception.message', type: 'string', value: 'declined' },
          ],
        },
      ],
      processID: 'p2',
      warnings: null,
    },
  ],
  processes: {
    p1: {
      serviceName: 'web',
      tags: [
        { key: 'host.name', type: 'string', value: 'web-1' },
        { key: 'process.pid', type: 'int64', value: 4242 },
      ],
    },
    p2: { serviceName: 'api', tags: [] },
  },
  warnings: null,
};

/** Trace B (Zipkin, 64-bit ids) after Jaeger's span-id adjustment of the shared server span. */
const B_ID = '7d1f5c4b3a291807';
const EXPECTED_TRACE_B: JaegerTrace = {
  traceID: B_ID,
  spans: [
    {
      traceID: B_ID,
      spanID: '1111111111111111',
      operationName: 'GET /',
      references: [],
      startTime: micros(B_START),
      duration: 50_000,
      tags: [{ key: 'span.kind', type: 'string', value: 'server' }],
      logs: [],
      processID: 'p1',
      warnings: null,
    },
    {
      traceID: B_ID,
      spanID: '2222222222222222',
      operationName: 'get /api',
      references: [{ refType: 'CHILD_OF', traceID: B_ID, spanID: '1111111111111111' }],
      startTime: micros(B_START + 5n * MS),
      duration: 40_000,
      tags: [{ key: 'span.kind', type: 'string', value: 'client' }],
      logs: [],
      processID: 'p1',
      warnings: null,
    },
    {
      traceID: B_ID,
      spanID: '0000000000000001',
      operationName: 'get /api',
      references: [{ refType: 'CHILD_OF', traceID: B_ID, spanID: '2222222222222222' }],
      startTime: micros(B_START + 6n * MS),
      duration: 38_000,
      tags: [{ key: 'span.kind', type: 'string', value: 'server' }],
      logs: [],
      processID: 'p2',
      warnings: null,
    },
    {
      traceID: B_ID,
      spanID: '3333333333333333',
      operationName: 'db.query',
      references: [{ refType: 'CHILD_OF', traceID: B_ID, spanID: '0000000000000001' }],
      startTime: micros(B_START + 10n * MS),
      duration: 20_000,
      tags: [],
      logs: [],
      processID: 'p2',
      warnings: null,
    },
  ],
  processes: { p1: { serviceName: 'frontend', tags: [] }, p2: { serviceName: 'backend', tags: [] } },
  warnings: null,
};

describe('Jaeger query API /api/* over HTTP', () => {
  let server: JaegerTestServer;
  before(async () => {
    server = await startJaegerTestServer();
  });
  after(async () => {
    await server.close();
  });

  const traceIdsOf = async (path: string): Promise<string[]> => {
    const res = await server.get<JaegerEnvelope<JaegerTrace[]>>(path);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual({ ...res.body, data: [] }, envelope([]));
    return res.body.data.map((t) => t.traceID);
  };

  it('GET /api/services lists every service with a total', async () => {
    const res = await server.get('/api/services');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(res.body, envelope(['api', 'backend', D_SERVICE, 'frontend', 'web'], 5));
  });

  it('GET /api/services/:service/operations lists operation names of every kind', async () => {
    assert.deepEqual((await server.get('/api/services/web/operations')).body, envelope(['GET /checkout', 'GET /slow', 'POST api/charge'], 3));
    assert.deepEqual((await server.get('/api/services/nobody/operations')).body, envelope([], 0));
    assert.deepEqual((await server.get(`/api/services/${encodeURIComponent(D_SERVICE)}/operations`)).body, envelope(['charge card'], 1));
  });

  it('GET /api/operations returns names with span kinds, filtered by spanKind', async () => {
    assert.deepEqual(
      (await server.get('/api/operations?service=web')).body,
      envelope(
        [
          { name: 'GET /checkout', spanKind: 'server' },
          { name: 'GET /slow', spanKind: 'server' },
          { name: 'POST api/charge', spanKind: 'client' },
        ],
        3,
      ),
    );
    assert.deepEqual((await server.get('/api/operations?service=web&spanKind=client')).body, envelope([{ name: 'POST api/charge', spanKind: 'client' }], 1));
    assert.deepEqual(
      (await server.get('/api/operations?service=backend')).body,
      envelope(
        [
          { name: 'db.query', spanKind: '' },
          { name: 'get /api', spanKind: 'server' },
        ],
        2,
      ),
    );
  });

  it('GET /api/operations rejects a missing service and an unknown span kind', async () => {
    const missing = await server.get('/api/operations');
    assert.equal(missing.status, 400);
    assert.equal(missing.headers.get('x-skein-error-code'), 'SKEIN_ERR_BAD_QUERY_PARAM');
    assert.deepEqual(missing.body, errorEnvelope(400, "invalid query parameter: parameter 'service' is required"));
    const badKind = await server.get('/api/operations?service=web&spanKind=sideways');
    assert.equal(badKind.status, 400);
    assert.deepEqual(badKind.body, errorEnvelope(400, "invalid query parameter: unable to parse param 'spanKind': unsupported span kind: 'sideways'"));
  });

  it('GET /api/traces/:traceID returns the whole trace in Jaeger UI shape', async () => {
    const res = await server.get(`/api/traces/${TRACE_A}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, envelope([EXPECTED_TRACE_A]));
    assert.deepEqual((await server.get(`/api/traces/${TRACE_A.toUpperCase()}`)).body, envelope([EXPECTED_TRACE_A]));
  });

  it('GET /api/traces/:traceID re-identifies Zipkin shared spans and accepts 16- and 32-hex ids', async () => {
    assert.deepEqual((await server.get(`/api/traces/${B_ID}`)).body, envelope([EXPECTED_TRACE_B]));
    assert.deepEqual((await server.get(`/api/traces/${TRACE_B}`)).body, envelope([EXPECTED_TRACE_B]));
    const raw = await server.get<JaegerEnvelope<JaegerTrace[]>>(`/api/traces/${B_ID}?raw=true`);
    assert.deepEqual(
      raw.body.data[0]!.spans.map((s) => [s.spanID, s.references.map((r) => r.spanID)]),
      [
        ['1111111111111111', []],
        ['2222222222222222', ['1111111111111111']],
        ['2222222222222222', ['1111111111111111']],
        ['3333333333333333', ['2222222222222222']],
      ],
    );
  });

  it('GET /api/traces/:traceID answers 404 for unknown ids and 400 for malformed ones', async () => {
    for (const id of ['ffffffffffffffff', '0']) {
      const res = await server.get(`/api/traces/${id}`);
      assert.equal(res.status, 404);
      assert.equal(res.headers.get('x-skein-error-code'), 'SKEIN_ERR_TRACE_NOT_FOUND');
      assert.deepEqual(res.body, errorEnvelope(404, 'trace not found'));
    }
    const bad = await server.get('/api/traces/not-a-trace-id');
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body, errorEnvelope(400, 'invalid query parameter: TraceID is not hexadecimal: not-a-trace-id'));
    const badStart = await server.get(`/api/traces/${TRACE_A}?start=soon`);
    assert.equal(badStart.status, 400);
    assert.deepEqual(badStart.body, errorEnvelope(400, `invalid query parameter: unable to parse param 'start': strconv.ParseInt: parsing "soon": invalid syntax`));
  });

  it('GET /api/traces searches by service and returns whole traces, newest first', async () => {
    const res = await server.get<JaegerEnvelope<JaegerTrace[]>>('/api/traces?service=web');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.data.map((t) => t.traceID), [TRACE_A, TRACE_C]);
    // Whole: trace A includes the api service's span although the search named web.
    assert.deepEqual(res.body.data[0], EXPECTED_TRACE_A);
    assert.deepEqual(res.body.data[1], {
      traceID: TRACE_C,
      spans: [
        {
          traceID: TRACE_C,
          spanID: 'c0ffee0000000001',
          operationName: 'GET /slow',
          references: [],
          startTime: micros(C_START),
          duration: 2_000_000,
          tags: [
            { key: 'error', type: 'bool', value: true },
            { key: 'span.kind', type: 'string', value: 'server' },
          ],
          logs: [],
          processID: 'p1',
          warnings: null,
        },
      ],
      processes: {
        p1: {
          serviceName: 'web',
          tags: [
            { key: 'host.name', type: 'string', value: 'web-1' },
            { key: 'process.pid', type: 'int64', value: 4242 },
          ],
        },
      },
      warnings: null,
    });
    assert.deepEqual((await server.get('/api/traces?service=backend&tag=span.kind:server')).body, envelope([EXPECTED_TRACE_B]));
  });

  it('GET /api/traces filters by operation, tags, durations, time window and limit', async () => {
    assert.deepEqual(await traceIdsOf('/api/traces?service=web&operation=GET%20%2Fslow'), [TRACE_C]);
    assert.deepEqual(await traceIdsOf('/api/traces?service=web&tag=http.status_code:200'), [TRACE_A]);
    assert.deepEqual(await traceIdsOf(`/api/traces?service=web&tags=${encodeURIComponent('{"http.method":"GET","cache.hit":"false"}')}`), [TRACE_A]);
    assert.deepEqual(await traceIdsOf('/api/traces?service=web&minDuration=1s'), [TRACE_C]);
    assert.deepEqual(await traceIdsOf('/api/traces?service=web&maxDuration=500ms'), [TRACE_A]);
    assert.deepEqual(await traceIdsOf('/api/traces?service=web&minDuration=50ms&maxDuration=1.5s'), [TRACE_A]);
    assert.deepEqual(await traceIdsOf('/api/traces?service=web&limit=1'), [TRACE_A]);
    assert.deepEqual(await traceIdsOf(`/api/traces?service=web&start=${micros(NOW - 30n * 60_000n * MS)}`), [TRACE_A]);
    assert.deepEqual(await traceIdsOf(`/api/traces?service=web&end=${micros(A_START - 1n)}`), [TRACE_C]);
    assert.deepEqual(await traceIdsOf('/api/traces?service=web&lookback=30m'), [TRACE_A]);
    assert.deepEqual(await traceIdsOf('/api/traces?service=web&lookback=2h'), [TRACE_A, TRACE_C]);
    assert.deepEqual(await traceIdsOf('/api/traces?service=nobody'), []);
    // Trace D is 49.5 h old: outside Jaeger's default two-day window, inside a 3-day lookback.
    const d = encodeURIComponent(D_SERVICE);
    assert.deepEqual(await traceIdsOf(`/api/traces?service=${d}`), []);
    assert.deepEqual(await traceIdsOf(`/api/traces?service=${d}&lookback=3d`), [TRACE_D]);
    assert.deepEqual(await traceIdsOf(`/api/traces?service=${d}&start=0`), [TRACE_D]);
  });

  it('GET /api/traces finds errors the way Jaeger users search for them', async () => {
    // A by its ERROR status, C by its literal `error` attribute.
    assert.deepEqual(await traceIdsOf(`/api/traces?service=web&tags=${encodeURIComponent('{"error":"true"}')}`), [TRACE_A, TRACE_C]);
    assert.deepEqual(await traceIdsOf('/api/traces?service=web&tag=error:true&limit=1'), [TRACE_A]);
    assert.deepEqual(await traceIdsOf('/api/traces?service=web&tag=otel.status_code:ERROR'), [TRACE_A]);
    assert.deepEqual(await traceIdsOf('/api/traces?service=api&tag=error:true'), [TRACE_A]);
    assert.deepEqual(await traceIdsOf('/api/traces?service=api&tag=otel.status_code:ERROR'), [TRACE_A]);
    assert.deepEqual(await traceIdsOf('/api/traces?service=frontend&tag=error:true'), []);
    assert.deepEqual(await traceIdsOf(`/api/traces?service=web&operation=${encodeURIComponent('GET /checkout')}&tag=error:true`), []);
  });

  it('GET /api/traces?traceID= fetches traces by id and reports the missing ones', async () => {
    const res = await server.get<JaegerEnvelope<JaegerTrace[]>>(`/api/traces?traceID=${TRACE_A}&traceID=deadbeef`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, envelope([EXPECTED_TRACE_A], 0, [{ msg: 'trace not found', traceID: '00000000deadbeef' }]));
  });

  it('GET /api/traces rejects invalid parameters with the Jaeger error envelope', async () => {
    const cases: Array<[string, string]> = [
      ['/api/traces', "parameter 'service' is required"],
      ['/api/traces?service=web&minDuration=2d', `unable to parse param 'minDuration': time: unknown unit "d" in duration "2d"`],
      ['/api/traces?service=web&maxDuration=10', `unable to parse param 'maxDuration': time: missing unit in duration "10"`],
      ['/api/traces?service=web&minDuration=2s&maxDuration=1s', "'maxDuration' should be greater than 'minDuration'"],
      ['/api/traces?service=web&limit=many', `unable to parse param 'limit': strconv.ParseInt: parsing "many": invalid syntax`],
      ['/api/traces?service=web&start=1.5', `unable to parse param 'start': strconv.ParseInt: parsing "1.5": invalid syntax`],
      ['/api/traces?service=web&tag=error', "malformed 'tag' parameter, expecting key:value, received: error"],
      ['/api/traces?service=web&lookback=fortnight', `unable to parse param 'lookback': not a duration like 1h, 2d or custom: "fortnight"`],
    ];
    for (const [path, msg] of cases) {
      const res = await server.get(path);
      assert.equal(res.status, 400, path);
      assert.deepEqual(res.body, errorEnvelope(400, `invalid query parameter: ${msg}`), path);
    }
  });

  it('GET /api/dependencies derives service links in the window (ms), optionally for one service', async () => {
    const endTs = Number(NOW / MS);
    assert.deepEqual(
      (await server.get(`/api/dependencies?endTs=${endTs}&lookback=${2 * 3_600_000}`)).body,
      envelope([
        { parent: 'frontend', child: 'backend', callCount: 1 },
        { parent: 'web', child: 'api', callCount: 1 },
      ]),
    );
    // Window [now-12min, now-7min): trace A (10 min ago) only.
    assert.deepEqual((await server.get(`/api/dependencies?endTs=${endTs - 7 * 60_000}&lookback=${5 * 60_000}`)).body, envelope([{ parent: 'web', child: 'api', callCount: 1 }]));
    assert.deepEqual((await server.get('/api/dependencies?service=backend')).body, envelope([{ parent: 'frontend', child: 'backend', callCount: 1 }]));
    const bad = await server.get('/api/dependencies?endTs=tomorrow');
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body, errorEnvelope(400, `invalid query parameter: unable to parse param 'endTs': strconv.ParseInt: parsing "tomorrow": invalid syntax`));
  });

  it('indents the body with ?prettyPrint=true as Jaeger does', async () => {
    const res = await fetch(`http://127.0.0.1:${(server.app.server.address() as { port: number }).port}/api/services?prettyPrint=true`);
    const text = await res.text();
    assert.equal(text, JSON.stringify(envelope(['api', 'backend', D_SERVICE, 'frontend', 'web'], 5), null, '    '));
  });
});

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toOtlpJson, type OtlpJsonTracesData } from '@skein/wire';
import { D_SERVICE, traceA, TRACE_A, TRACE_B, TRACE_C } from './api-test-traces.js';
import { startJaegerTestServer, type JaegerTestServer } from './http-test-server.js';

type V3Result = { result: OtlpJsonTracesData };
const v3Error = (httpCode: number, message: string) => ({ error: { httpCode, message } });
// A window around all test traces (NOW is 2023-11-14T22:13:20Z).
const WINDOW = 'query.start_time_min=2023-11-14T20:00:00Z&query.start_time_max=2023-11-14T22:13:20.000000001Z';

/** (traceId, spanId, parentSpanId) of every span in an OTLP/JSON result, in document order. */
const spanRows = (data: OtlpJsonTracesData): string[] =>
  data.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => `${s.traceId}/${s.spanId}<${s.parentSpanId ?? ''}`)));
const traceIdsIn = (data: OtlpJsonTracesData): string[] => [...new Set(spanRows(data).map((row) => row.split('/')[0]!))];

describe('Jaeger api_v3 over HTTP', () => {
  let server: JaegerTestServer;
  before(async () => {
    server = await startJaegerTestServer();
  });
  after(async () => {
    await server.close();
  });

  it('GET /api/v3/services', async () => {
    const res = await server.get('/api/v3/services');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { services: ['api', 'backend', D_SERVICE, 'frontend', 'web'] });
  });

  it('GET /api/v3/operations with span_kind / spanKind filters; kindless spans are "internal"', async () => {
    assert.deepEqual((await server.get('/api/v3/operations?service=web')).body, {
      operations: [
        { name: 'GET /checkout', spanKind: 'server' },
        { name: 'GET /slow', spanKind: 'server' },
        { name: 'POST api/charge', spanKind: 'client' },
      ],
    });
    assert.deepEqual((await server.get('/api/v3/operations?service=web&span_kind=client')).body, { operations: [{ name: 'POST api/charge', spanKind: 'client' }] });
    assert.equal((await server.get<{ operations: unknown[] }>('/api/v3/operations?service=web&spanKind=server')).body.operations.length, 2);
    assert.deepEqual((await server.get('/api/v3/operations?service=backend')).body, {
      operations: [
        { name: 'db.query', spanKind: 'internal' },
        { name: 'get /api', spanKind: 'server' },
      ],
    });
    const missing = await server.get('/api/v3/operations');
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.body, v3Error(400, 'invalid query parameter: malformed parameter service: required'));
  });

  it('GET /api/v3/traces/{id} wraps the trace as OTLP/JSON in {"result": …}', async () => {
    const res = await server.get<V3Result>(`/api/v3/traces/${TRACE_A}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { result: toOtlpJson(traceA) });
    // Spot-check OTLP/JSON conventions independently of the encoder.
    const rs = res.body.result.resourceSpans;
    assert.deepEqual(rs.map((r) => r.resource.attributes.find((a) => a.key === 'service.name')?.value), [{ stringValue: 'web' }, { stringValue: 'api' }]);
    const root = rs[0]!.scopeSpans[0]!.spans[0]!;
    assert.equal(rs[0]!.scopeSpans[0]!.scope.name, 'web-lib');
    assert.equal(root.traceId, TRACE_A);
    assert.equal(root.kind, 2);
    assert.equal(typeof root.startTimeUnixNano, 'string');
  });

  it('GET /api/v3/traces/{id} re-identifies shared Zipkin spans unless raw_traces is set', async () => {
    const adjusted = await server.get<V3Result>(`/api/v3/traces/7d1f5c4b3a291807`);
    assert.equal(adjusted.status, 200);
    assert.deepEqual(spanRows(adjusted.body.result), [
      `${TRACE_B}/1111111111111111<`,
      `${TRACE_B}/2222222222222222<1111111111111111`,
      `${TRACE_B}/0000000000000001<2222222222222222`,
      `${TRACE_B}/3333333333333333<0000000000000001`,
    ]);
    const raw = await server.get<V3Result>(`/api/v3/traces/${TRACE_B}?raw_traces=true`);
    assert.deepEqual(spanRows(raw.body.result), [
      `${TRACE_B}/1111111111111111<`,
      `${TRACE_B}/2222222222222222<1111111111111111`,
      `${TRACE_B}/2222222222222222<1111111111111111`,
      `${TRACE_B}/3333333333333333<2222222222222222`,
    ]);
  });

  it('GET /api/v3/traces/{id}: 404 for an unknown trace, 400 for a malformed id', async () => {
    const missing = await server.get('/api/v3/traces/0123456789abcdef0123456789abcdef');
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.body, v3Error(404, 'trace not found'));
    const bad = await server.get('/api/v3/traces/zz');
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body, v3Error(400, 'invalid query parameter: malformed parameter trace_id: TraceID is not hexadecimal: zz'));
  });

  it('GET /api/v3/traces searches with the gateway parameters, whole traces newest first', async () => {
    const byService = await server.get<V3Result>(`/api/v3/traces?${WINDOW}&query.service_name=web`);
    assert.equal(byService.status, 200);
    assert.deepEqual(traceIdsIn(byService.body.result), [TRACE_A, TRACE_C]);
    // Whole traces: trace A's api span is there too.
    assert.ok(spanRows(byService.body.result).includes(`${TRACE_A}/a1b2c3d4e5f60718<0af7651916cd43dd`));

    const ids = async (query: string) => traceIdsIn((await server.get<V3Result>(`/api/v3/traces?${WINDOW}&${query}`)).body.result);
    assert.deepEqual(await ids('query.serviceName=web&query.durationMin=1s'), [TRACE_C]);
    assert.deepEqual(await ids('query.service_name=web&query.duration_max=500ms'), [TRACE_A]);
    assert.deepEqual(await ids('query.service_name=web&query.num_traces=1'), [TRACE_A]);
    assert.deepEqual(await ids('query.service_name=web&query.search_depth=1'), [TRACE_A]);
    assert.deepEqual(await ids(`query.service_name=web&query.operation_name=${encodeURIComponent('GET /slow')}`), [TRACE_C]);
    assert.deepEqual(await ids(`query.service_name=api&query.attributes=${encodeURIComponent('{"error":"true"}')}`), [TRACE_A]);
    assert.deepEqual(await ids(`query.attributes=${encodeURIComponent('{"http.status_code":"200"}')}`), [TRACE_A]);
    assert.deepEqual(await ids('query.service_name=backend'), [TRACE_B]);
  });

  it('GET /api/v3/traces: 404 when nothing matches, 400 for bad parameters', async () => {
    const none = await server.get(`/api/v3/traces?${WINDOW}&query.service_name=nobody`);
    assert.equal(none.status, 404);
    assert.deepEqual(none.body, v3Error(404, 'trace not found: no traces match the query'));
    const early = await server.get('/api/v3/traces?query.start_time_min=2023-11-14T20:00:00Z&query.start_time_max=2023-11-14T21:00:00Z&query.service_name=web');
    assert.equal(early.status, 404);
    const cases: Array<[string, string]> = [
      ['query.service_name=web', 'query.startTimeMin and query.startTimeMax are required'],
      [`${WINDOW.replace('2023-11-14T20:00:00Z', 'an-hour-ago')}`, 'malformed parameter query.start_time_min: not an RFC 3339 timestamp like 2024-01-31T10:00:00.123Z: "an-hour-ago"'],
      [`${WINDOW}&query.duration_min=2d`, 'malformed parameter query.duration_min: time: unknown unit "d" in duration "2d"'],
      [`${WINDOW}&query.num_traces=ten`, 'malformed parameter query.num_traces: strconv.Atoi: parsing "ten": invalid syntax'],
      [`${WINDOW}&query.attributes=nope`, `malformed parameter query.attributes: not a JSON object of strings: ${errorTextOfJsonParse('nope')}`],
    ];
    for (const [query, message] of cases) {
      const res = await server.get(`/api/v3/traces?${query}`);
      assert.equal(res.status, 400, query);
      assert.equal(res.headers.get('x-skein-error-code'), 'SKEIN_ERR_BAD_QUERY_PARAM');
      assert.deepEqual(res.body, v3Error(400, `invalid query parameter: ${message}`), query);
    }
  });
});

function errorTextOfJsonParse(text: string): string {
  try {
    JSON.parse(text);
    return '';
  } catch (err) {
    return (err as Error).message;
  }
}

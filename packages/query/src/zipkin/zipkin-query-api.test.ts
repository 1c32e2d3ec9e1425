import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryTraceStore } from '@skein/store';
import { manifestEntry } from '@skein/testkit';
import type { ZipkinV2Span } from '@skein/wire';
import { NOW_MS, OLD_TRACE_ID, OTLP_TRACE_ID, SHARED_TRACE_ID, allTestSpans, fixtureJson, oldTraceJson, otlpTrace, sharedTraceJson } from './zipkin-api-test-data.js';
import { startZipkinTestServer, type ZipkinTestServer } from './zipkin-test-server.js';

const ZIPKINJS = manifestEntry('zipkinjs-v2.bin').traceId;
const PYZIPKIN = manifestEntry('pyzipkin-V2_JSON.bin').traceId;
const OTEL = manifestEntry('otel-zipkin.bin').traceId;

/** A trace's spans in a fixed order (by id, client half before the shared server half) for exact comparison. */
const canonical = (spans: readonly ZipkinV2Span[]) => [...spans].sort((a, b) => (a.id !== b.id ? (a.id < b.id ? -1 : 1) : a.shared ? 1 : -1));
const traceIdsOf = (json: unknown) => (json as ZipkinV2Span[][]).map((t) => t[0]!.traceId);

/** The OTLP trace as the Zipkin API must show it (the OpenTelemetry exporter's mapping). */
const o0us = Number(otlpTrace[0]!.startTimeUnixNano / 1000n);
const otlpTraceAsZipkin: ZipkinV2Span[] = [
  {
    traceId: OTLP_TRACE_ID,
    id: 'b7ad6b7169203331',
    kind: 'SERVER',
    name: 'POST /pay',
    timestamp: o0us,
    duration: 1_500_000,
    localEndpoint: { serviceName: 'billing' },
    tags: { 'service.version': '3.1.0', 'http.response.status_code': '402', 'otel.status_code': 'ERROR', error: 'card expired' },
  },
  {
    traceId: OTLP_TRACE_ID,
    parentId: 'b7ad6b7169203331',
    id: 'b7ad6b7169203332',
    name: 'validate',
    timestamp: o0us + 1000,
    duration: 1000,
    localEndpoint: { serviceName: 'billing' },
    annotations: [{ timestamp: o0us + 1500, value: 'retrying' }],
    tags: { 'service.version': '3.1.0', retry: '1' },
  },
];

describe('Zipkin query API over HTTP (memory store)', () => {
  let server: ZipkinTestServer;
  before(async () => {
    server = await startZipkinTestServer();
  });
  after(() => server.close());

  const ok = async (path: string) => {
    const res = await server.get(path);
    assert.equal(res.status, 200, `${path}: ${res.text}`);
    assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
    return res.json;
  };
  const bad = async (path: string, status: number, message: RegExp) => {
    const res = await server.get(path);
    assert.equal(res.status, status, `${path}: ${res.text}`);
    assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.match(res.text, message);
    assert.match(res.headers.get('x-skein-error-code') ?? '', /^SKEIN_ERR_/);
    return res;
  };

  test('GET /api/v2/services: every local service, sorted', async () => {
    assert.deepEqual(await ok('/api/v2/services'), ['api-01', 'backend', 'billing', 'frontend', 'mysql', 'webapp']);
  });

  test('GET /api/v2/spans: span names of a service, sorted and unique; serviceName is required', async () => {
    assert.deepEqual(await ok('/api/v2/spans?serviceName=frontend'), ['get /', 'get /api', 'get /checkout', 'get /old', 'post /charge']);
    assert.deepEqual(await ok('/api/v2/spans?serviceName=webapp'), ['call_service1', 'do_stuff', 'index']);
    assert.deepEqual(await ok('/api/v2/spans?serviceName=nobody'), []);
    assert.deepEqual(await ok('/api/v2/spans?serviceName='), []);
    await bad('/api/v2/spans', 400, /Mandatory parameter is missing: serviceName/);
  });

  test('GET /api/v2/remoteServices: remote endpoints a service called', async () => {
    assert.deepEqual(await ok('/api/v2/remoteServices?serviceName=frontend'), ['backend', 'payments']);
    assert.deepEqual(await ok('/api/v2/remoteServices?serviceName=backend'), ['mysql']);
    assert.deepEqual(await ok('/api/v2/remoteServices?serviceName=webapp'), []);
    await bad('/api/v2/remoteServices', 400, /serviceName/);
  });

  test('GET /api/v2/trace/{id}: the spans as the client sent them; 64-bit ids as 16 chars, padded or not', async () => {
    for (const file of ['zipkinjs-v2.bin', 'pyzipkin-V2_JSON.bin', 'otel-zipkin.bin'] as const) {
      const id = manifestEntry(file).traceId;
      assert.deepEqual(canonical((await ok(`/api/v2/trace/${id}`)) as ZipkinV2Span[]), canonical(fixtureJson(file)), file);
    }
    assert.deepEqual(await ok(`/api/v2/trace/${PYZIPKIN.padStart(32, '0')}`), await ok(`/api/v2/trace/${PYZIPKIN}`));
    assert.deepEqual(await ok(`/api/v2/trace/${PYZIPKIN.toUpperCase()}`), await ok(`/api/v2/trace/${PYZIPKIN}`));
    assert.deepEqual(canonical((await ok(`/api/v2/trace/${OTLP_TRACE_ID}`)) as ZipkinV2Span[]), otlpTraceAsZipkin);
  });

  test('GET /api/v2/trace/{id}: client and server halves of a shared span are both returned, the server half shared', async () => {
    const spans = (await ok(`/api/v2/trace/${SHARED_TRACE_ID}`)) as ZipkinV2Span[];
    assert.deepEqual(canonical(spans), canonical(sharedTraceJson));
    const halves = spans.filter((s) => s.id === 'aaaaaaaaaaaaaaa2');
    assert.deepEqual(halves.map((s) => [s.kind, s.localEndpoint?.serviceName, s.shared]), [
      ['CLIENT', 'frontend', undefined],
      ['SERVER', 'backend', true],
    ]);
  });

  test('GET /api/v2/trace/{id}: 404 when unknown, 400 when not an id', async () => {
    await bad('/api/v2/trace/00000000000000000000000000000bad', 404, /trace not found: 0000000000000bad/);
    await bad('/api/v2/trace/not-hex', 400, /traceId should be lower-hex encoded/);
    await bad(`/api/v2/trace/${'a'.repeat(33)}`, 400, /traceId\.length > 32/);
    await bad('/api/v2/trace/0000', 400, /traceId is all zeros/);
  });

  test('GET /api/v2/traceMany: known traces in the order asked, unknown ones left out', async () => {
    const json = (await ok(`/api/v2/traceMany?traceIds=${OTEL},ffffffffffffffff,${PYZIPKIN}`)) as ZipkinV2Span[][];
    assert.deepEqual(traceIdsOf(json), [OTEL, PYZIPKIN]);
    assert.deepEqual(canonical(json[1]!), canonical(fixtureJson('pyzipkin-V2_JSON.bin')));
    await bad(`/api/v2/traceMany?traceIds=${PYZIPKIN},${PYZIPKIN.padStart(32, '0')}`, 400, new RegExp(`redundant traceId: ${PYZIPKIN.padStart(32, '0')}`));
    await bad(`/api/v2/traceMany?traceIds=${PYZIPKIN}`, 400, /Use \/api\/v2\/trace\/\{traceId\} endpoint to retrieve a single trace/);
    await bad('/api/v2/traceMany?traceIds=', 400, /traceIds parameter is empty/);
    await bad('/api/v2/traceMany', 400, /Mandatory parameter is missing: traceIds/);
    await bad(`/api/v2/traceMany?traceIds=${PYZIPKIN},xyz`, 400, /traceId should be lower-hex/);
  });

  test('GET /api/v2/traces: whole traces, newest first, within endTs/lookback (default: now and one day)', async () => {
    const all = (await ok('/api/v2/traces?limit=100')) as ZipkinV2Span[][];
    assert.deepEqual(traceIdsOf(all), [SHARED_TRACE_ID, ZIPKINJS, PYZIPKIN, OTEL, OTLP_TRACE_ID]);
    assert.deepEqual(
      all.map((t) => t.length),
      [5, 2, 3, 4, 2],
    );
    assert.deepEqual(canonical(all[1]!), canonical(fixtureJson('zipkinjs-v2.bin')));
    // default limit: 10 (all five fit)
    assert.equal(((await ok('/api/v2/traces')) as unknown[]).length, 5);
    assert.deepEqual(traceIdsOf(await ok('/api/v2/traces?limit=2')), [SHARED_TRACE_ID, ZIPKINJS]);
    // a four-day lookback reaches the old trace
    assert.deepEqual(traceIdsOf(await ok(`/api/v2/traces?serviceName=frontend&lookback=${4 * 86_400_000}`)), [SHARED_TRACE_ID, ZIPKINJS, OLD_TRACE_ID]);
    assert.deepEqual(canonical(((await ok(`/api/v2/traces?serviceName=frontend&lookback=${4 * 86_400_000}`)) as ZipkinV2Span[][])[2]!), oldTraceJson);
    // a window around the fixtures only (recorded within 16 s of each other)
    const fixturesEnd = 1_795_234_605_283;
    assert.deepEqual(traceIdsOf(await ok(`/api/v2/traces?endTs=${fixturesEnd}&lookback=20000`)), [ZIPKINJS, PYZIPKIN, OTEL]);
    // endTs is inclusive, to the millisecond
    assert.deepEqual(traceIdsOf(await ok(`/api/v2/traces?endTs=1795234590058&lookback=1`)), [OTEL]);
    assert.deepEqual(traceIdsOf(await ok(`/api/v2/traces?endTs=1795234590057&lookback=1000`)), []);
  });

  test('GET /api/v2/traces: serviceName, remoteServiceName, spanName ("all" means any)', async () => {
    assert.deepEqual(traceIdsOf(await ok('/api/v2/traces?serviceName=frontend')), [SHARED_TRACE_ID, ZIPKINJS]);
    assert.deepEqual(traceIdsOf(await ok('/api/v2/traces?serviceName=webapp')), [PYZIPKIN]);
    assert.deepEqual(traceIdsOf(await ok('/api/v2/traces?remoteServiceName=payments')), [ZIPKINJS]);
    assert.deepEqual(traceIdsOf(await ok('/api/v2/traces?serviceName=backend&remoteServiceName=mysql')), [SHARED_TRACE_ID]);
    assert.deepEqual(traceIdsOf(await ok('/api/v2/traces?serviceName=frontend&remoteServiceName=mysql')), []);
    assert.deepEqual(traceIdsOf(await ok(`/api/v2/traces?spanName=${encodeURIComponent('get /api')}`)), [SHARED_TRACE_ID]);
    assert.deepEqual(traceIdsOf(await ok('/api/v2/traces?serviceName=webapp&spanName=all')), [PYZIPKIN]);
    assert.deepEqual(traceIdsOf(await ok(`/api/v2/traces?serviceName=api-01&spanName=${encodeURIComponent('GET /')}`)), [OTEL]);
  });

  test('GET /api/v2/traces: annotationQuery — error means status ERROR, however it was reported', async () => {
    const q = (aq: string, extra = '') => ok(`/api/v2/traces?annotationQuery=${encodeURIComponent(aq)}${extra}`).then(traceIdsOf);
    // Zipkin error tags (zipkinjs, the shared trace), the OpenTelemetry exporter's tags (otel) and an
    // OTLP status without any tag (billing) all count.
    assert.deepEqual(await q('error'), [SHARED_TRACE_ID, ZIPKINJS, OTEL, OTLP_TRACE_ID]);
    assert.deepEqual(await q('error', '&serviceName=frontend'), [ZIPKINJS]);
    assert.deepEqual(await q('error', '&serviceName=billing'), [OTLP_TRACE_ID]);
    // key=value constrains a tag
    assert.deepEqual(await q('http.path=/checkout'), [ZIPKINJS]);
    assert.deepEqual(await q('http.path=/api and error', '&serviceName=backend'), [SHARED_TRACE_ID]);
    assert.deepEqual(await q('http.path=/ and user.id=42'), [PYZIPKIN]);
    assert.deepEqual(await q('http.path=/ and user.id=43'), []);
    // a bare word is an annotation value…
    assert.deepEqual(await q('retrying'), [ZIPKINJS, OTLP_TRACE_ID]);
    assert.deepEqual(await q('cache.miss'), [SHARED_TRACE_ID]);
    // …or a tag key
    assert.deepEqual(await q('http.path'), [SHARED_TRACE_ID, ZIPKINJS, PYZIPKIN]);
    assert.deepEqual(await q('retry'), [OTLP_TRACE_ID]);
    // every term must hold (on one span, as Skein's stores match)
    assert.deepEqual(await q('http.path and cache.miss'), [SHARED_TRACE_ID]);
    assert.deepEqual(await q('retrying and error', '&serviceName=frontend'), [ZIPKINJS]);
    assert.deepEqual(await q('nothing-like-this'), []);
  });

  test('GET /api/v2/traces: minDuration/maxDuration in microseconds', async () => {
    assert.deepEqual(traceIdsOf(await ok('/api/v2/traces?minDuration=1600000')), [OTEL]);
    assert.deepEqual(traceIdsOf(await ok('/api/v2/traces?minDuration=2002000&maxDuration=2002000')), [OTEL]);
    assert.deepEqual(traceIdsOf(await ok('/api/v2/traces?minDuration=2002001')), [OTEL]); // the root: 2.025 s
    assert.deepEqual(traceIdsOf(await ok('/api/v2/traces?minDuration=2025001')), []);
    assert.deepEqual(traceIdsOf(await ok('/api/v2/traces?minDuration=1400000&maxDuration=1600000')), [OTLP_TRACE_ID]);
  });

  test('GET /api/v2/traces: bad parameters are 400 with Zipkin\'s messages', async () => {
    await bad('/api/v2/traces?limit=0', 400, /limit <= 0/);
    await bad('/api/v2/traces?endTs=0', 400, /endTs <= 0/);
    await bad('/api/v2/traces?lookback=-5', 400, /lookback <= 0/);
    await bad('/api/v2/traces?minDuration=0', 400, /minDuration <= 0/);
    await bad('/api/v2/traces?maxDuration=5', 400, /maxDuration is only valid with minDuration/);
    await bad('/api/v2/traces?minDuration=10&maxDuration=5', 400, /maxDuration < minDuration/);
    await bad('/api/v2/traces?endTs=yesterday', 400, /endTs: expected an integer, got "yesterday"/);
    await bad('/api/v2/traces?minDuration=1.5', 400, /minDuration: expected an integer/);
    await bad('/api/v2/traces?limit=99999999999999999999', 400, /limit/);
  });

  test('GET /api/v2/dependencies: links between services with call and error counts', async () => {
    const end = Number(NOW_MS);
    assert.deepEqual(await ok(`/api/v2/dependencies?endTs=${end}`), [
      { parent: 'backend', child: 'mysql', callCount: 1 },
      { parent: 'frontend', child: 'backend', callCount: 1, errorCount: 1 },
    ]);
    // a window before the shared trace
    assert.deepEqual(await ok(`/api/v2/dependencies?endTs=${end - 3_600_001}&lookback=86400000`), []);
    await bad('/api/v2/dependencies', 400, /Mandatory parameter is missing: endTs/);
    await bad('/api/v2/dependencies?endTs=abc', 400, /endTs: expected an integer/);
    await bad(`/api/v2/dependencies?endTs=${end}&lookback=0`, 400, /lookback <= 0/);
  });

  test('GET /api/v2/autocompleteKeys and autocompleteValues: stored keys and values', async () => {
    const expectedKeys = [...new Set(allTestSpans().flatMap((s) => [...s.attributes, ...s.resource.attributes].map((a) => a.key)))].sort();
    assert.deepEqual(await ok('/api/v2/autocompleteKeys'), expectedKeys);
    assert.ok(expectedKeys.includes('http.path') && expectedKeys.includes('service.name'));
    assert.deepEqual(await ok('/api/v2/autocompleteValues?key=http.path'), ['/', '/api', '/checkout']);
    assert.deepEqual(await ok('/api/v2/autocompleteValues?key=http.response.status_code'), ['200', '402', '503']);
    assert.deepEqual(await ok('/api/v2/autocompleteValues?key=unknown'), []);
    await bad('/api/v2/autocompleteValues', 400, /Mandatory parameter is missing: key/);
  });
});

test('autocomplete keys configured as in Zipkin: only those keys, only their values', async () => {
  const server = await startZipkinTestServer({ autocompleteKeys: ['user.id', 'http.path'] });
  try {
    assert.deepEqual((await server.get('/api/v2/autocompleteKeys')).json, ['http.path', 'user.id']);
    assert.deepEqual((await server.get('/api/v2/autocompleteValues?key=user.id')).json, ['42']);
    assert.deepEqual((await server.get('/api/v2/autocompleteValues?key=url.full')).json, []);
  } finally {
    await server.close();
  }
});

test('a store failure is a 500 with the message as plain text, never a hang', async () => {
  class FailingStore extends MemoryTraceStore {
    override async getServices(): Promise<string[]> {
      throw new Error('disk on fire');
    }
  }
  const server = await startZipkinTestServer({ store: new FailingStore() });
  try {
    const res = await server.get('/api/v2/services');
    assert.equal(res.status, 500);
    assert.equal(res.headers.get('x-skein-error-code'), 'SKEIN_ERR_INTERNAL');
    assert.match(res.text, /disk on fire/);
    assert.deepEqual((await server.get('/api/v2/traces')).json, [], 'an empty store answers []');
  } finally {
    await server.close();
  }
});

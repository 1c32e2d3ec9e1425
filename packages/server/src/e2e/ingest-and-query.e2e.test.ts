import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { manifestEntry, readWireFixture } from '@skein/testkit';
import { getJson, runSkeinCli, startTestSkein } from './harness.js';

/**
 * The foundation end to end: real client payloads in over real HTTP, into the real DuckDB store,
 * back out through the Zipkin, Jaeger and Skein APIs and the CLI.
 */
describe('fixtures in, every API out (DuckDB store)', () => {
  let skein: Awaited<ReturnType<typeof startTestSkein>>;

  const post = async (base: string, file: string, opts: { gzip?: boolean } = {}) => {
    const m = manifestEntry(file);
    const headers: Record<string, string> = { ...(m.transport.headers ?? {}) };
    delete headers['accept-encoding'];
    let body: Buffer = readWireFixture(file);
    if (opts.gzip) {
      body = gzipSync(body);
      headers['content-encoding'] = 'gzip';
    }
    return fetch(`${base}${m.transport.path}`, { method: 'POST', headers, body });
  };

  before(async () => {
    skein = await startTestSkein();
    const proto = await post(skein.urls.otlpHttp, 'otel-otlp-proto.bin');
    assert.equal(proto.status, 200);
    assert.equal(proto.headers.get('content-type'), 'application/x-protobuf');
    assert.equal((await proto.arrayBuffer()).byteLength, 0, 'an empty ExportTraceServiceResponse: nothing rejected');
    const json = await post(skein.urls.otlpHttp, 'otel-otlp-json.bin', { gzip: true });
    assert.equal(json.status, 200);
    assert.deepEqual(await json.json(), {});
    for (const f of ['zipkinjs-v2.bin', 'pyzipkin-V2_JSON.bin', 'otel-zipkin.bin']) {
      const res = await post(skein.urls.zipkin, f, { gzip: f === 'pyzipkin-V2_JSON.bin' });
      assert.equal(res.status, 202, `${f}: ${await res.text()}`);
    }
  });
  after(() => skein.stop());

  test('Zipkin API: services, span names, remote services', async () => {
    const services = await getJson<string[]>(`${skein.urls.zipkin}/api/v2/services`);
    assert.deepEqual(services.body, ['api-01', 'frontend', 'webapp']);
    const names = await getJson<string[]>(`${skein.urls.zipkin}/api/v2/spans?serviceName=webapp`);
    assert.deepEqual(names.body, ['call_service1', 'do_stuff', 'index']);
    const remote = await getJson<string[]>(`${skein.urls.zipkin}/api/v2/remoteServices?serviceName=frontend`);
    assert.deepEqual(remote.body, ['payments']);
  });

  test('Zipkin API: a 64-bit trace comes back with the id the client sent, parentage intact', async () => {
    const { status, body } = await getJson<Array<Record<string, unknown>>>(`${skein.urls.zipkin}/api/v2/trace/67ca1b83cb67301a`);
    assert.equal(status, 200);
    assert.equal(body.length, 3);
    for (const s of body) assert.equal(s.traceId, '67ca1b83cb67301a');
    const byName = new Map(body.map((s) => [s.name, s]));
    assert.equal(byName.get('index')!.parentId, undefined);
    assert.equal(byName.get('do_stuff')!.parentId, byName.get('index')!.id);
    assert.equal(byName.get('call_service1')!.parentId, byName.get('do_stuff')!.id);
    assert.deepEqual(byName.get('index')!.tags, { 'http.path': '/', 'user.id': '42' });
  });

  test('Zipkin API: search by service and annotationQuery error', async () => {
    const end = Date.now() + 3600_000;
    const { body } = await getJson<Array<Array<{ traceId: string }>>>(`${skein.urls.zipkin}/api/v2/traces?serviceName=frontend&annotationQuery=error&endTs=${end}&lookback=${30 * 86400_000}`);
    assert.deepEqual(body.map((t) => t[0]!.traceId), ['2d88d2c7bb1c9ffe099f4ac0a62c2d2d']);
    assert.equal(body[0]!.length, 2, 'the whole trace is returned');
  });

  test('Jaeger API: the OTLP trace with processes, references and typed tags', async () => {
    const traceId = manifestEntry('otel-otlp-proto.bin').traceId;
    const { status, body } = await getJson<{ data: Array<{ traceID: string; spans: Array<Record<string, any>>; processes: Record<string, { serviceName: string; tags: Array<{ key: string; value: unknown }> }> }> }>(`${skein.urls.query}/api/traces/${traceId}`);
    assert.equal(status, 200);
    const trace = body.data[0]!;
    assert.equal(trace.traceID, traceId);
    assert.equal(trace.spans.length, 4);
    const proc = Object.values(trace.processes)[0]!;
    assert.equal(proc.serviceName, 'api-01');
    assert.ok(proc.tags.some((t) => t.key === 'service.version' && t.value === '1.4.2'));
    const root = trace.spans.find((s) => s.operationName === 'GET /')!;
    const call = trace.spans.find((s) => s.operationName === 'call_api_02')!;
    assert.deepEqual(call.references.filter((r: { refType: string }) => r.refType === 'CHILD_OF').map((r: { spanID: string }) => r.spanID), [root.spanID]);
    assert.deepEqual(call.tags.find((t: { key: string }) => t.key === 'http.response.status_code'), { key: 'http.response.status_code', type: 'int64', value: 503 });
    assert.deepEqual(call.tags.find((t: { key: string }) => t.key === 'ratio'), { key: 'ratio', type: 'float64', value: 0.75 });
    assert.ok(call.tags.some((t: { key: string; value: unknown }) => t.key === 'error' && t.value === true));
    assert.deepEqual(call.logs.map((l: { fields: Array<{ key: string; value: unknown }> }) => l.fields.find((f) => f.key === 'event')?.value), ['cache miss', 'exception']);
  });

  test('Jaeger API: search by service, operation and tag returns whole traces', async () => {
    const { body } = await getJson<{ data: Array<{ traceID: string; spans: unknown[] }> }>(`${skein.urls.query}/api/traces?service=api-01&operation=call_api_02&tags=${encodeURIComponent('{"http.response.status_code":"503"}')}&lookback=custom&start=0&limit=10`);
    const ids = body.data.map((t) => t.traceID).sort();
    // The Zipkin-exported copy carries the code as a string tag; '503' matches both.
    assert.deepEqual(ids, [manifestEntry('otel-otlp-json.bin').traceId, manifestEntry('otel-otlp-proto.bin').traceId, manifestEntry('otel-zipkin.bin').traceId].sort());
    for (const t of body.data) assert.equal(t.spans.length, 4);
  });

  test('Skein API: newest first by default, longest first with sort=duration', async () => {
    const newest = await getJson<{ traces: Array<{ traceId: string; startTimeUnixNano: string; durationNanos: string; rootName: string }> }>(`${skein.urls.query}/api/skein/traces?limit=50`);
    assert.equal(newest.body.traces.length, 5);
    const starts = newest.body.traces.map((t) => BigInt(t.startTimeUnixNano));
    assert.deepEqual(starts, [...starts].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    const longest = await getJson<{ traces: Array<{ durationNanos: string }> }>(`${skein.urls.query}/api/skein/traces?sort=duration&limit=2`);
    assert.equal(longest.body.traces.length, 2);
    assert.ok(BigInt(longest.body.traces[0]!.durationNanos) >= 2_000_000_000n, 'the 2 s OTLP traces come first');
  });

  test('CLI: skein traces prints a table, skein trace a waterfall with errors marked, --json for machines', async () => {
    const server = skein.urls.query;
    const table = await runSkeinCli(['traces', '--service', 'api-01', '--min-duration', '1s', '--limit', '20', '--server', server]);
    assert.equal(table.code, 0, table.stderr);
    const lines = table.stdout.trim().split('\n');
    assert.match(lines[0]!, /^TRACE ID +START \(UTC\) +DURATION +SPANS +ERRORS +ROOT +SERVICES$/);
    assert.equal(lines.length, 4, table.stdout); // both OTLP traces and the OpenTelemetry Zipkin one
    assert.match(table.stdout, /api-01: GET \//);

    const traceId = manifestEntry('otel-otlp-proto.bin').traceId;
    const tree = await runSkeinCli(['trace', traceId, '--server', server]);
    assert.equal(tree.code, 0, tree.stderr);
    assert.match(tree.stdout, new RegExp(`^Trace ${traceId}`));
    assert.match(tree.stdout, /\n *GET \/ · api-01 server/);
    assert.match(tree.stdout, /├─ call_api_02 · api-01 client ✗ upstream unavailable/);
    assert.match(tree.stdout, /└─ /);

    const json = await runSkeinCli(['trace', '67ca1b83cb67301a', '--json', '--server', server]);
    const parsed = JSON.parse(json.stdout) as { traceId: string; spans: Array<{ name: string }> };
    assert.equal(parsed.traceId, '67ca1b83cb67301a');
    assert.deepEqual(parsed.spans.map((s) => s.name).sort(), ['call_service1', 'do_stuff', 'index']);

    const missing = await runSkeinCli(['trace', 'ffffffffffffffffffffffffffffffff', '--server', server]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /SKEIN_ERR_TRACE_NOT_FOUND/);
  });

  test('/metrics counts what each receiver accepted; /livez and /readyz answer', async () => {
    const text = await (await fetch(`${skein.urls.query}/metrics`)).text();
    assert.match(text, /skein_spans_accepted_total\{receiver="otlp-http"\} 8/);
    assert.match(text, /skein_spans_accepted_total\{receiver="zipkin-v2-json"\} 9/);
    assert.match(text, /skein_commit_duration_seconds_count \d+/);
    assert.match(text, /skein_store_bytes \d+/);
    assert.equal((await fetch(`${skein.urls.query}/livez`)).status, 200);
    assert.deepEqual((await getJson(`${skein.urls.query}/readyz`)).body, { status: 'ready' });
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startTestSkein } from './harness.js';
import { childOfIds, jaegerTrace, serviceOf, tagOf, waitForJaegerTrace } from './read-back.js';

// CommonJS; loaded with require so every export is there as the SDK's users see it.
const AWSXRay = createRequire(import.meta.url)('aws-xray-sdk-core') as typeof import('aws-xray-sdk-core');

/** X-Ray trace id `1-{8 hex}-{24 hex}` → Skein's 32-hex trace id. */
const hexTraceId = (xrayId: string) => xrayId.replace(/^1-([0-9a-f]{8})-([0-9a-f]{24})$/, '$1$2');

describe('aws-xray-sdk-core sends segments to Skein over the X-Ray daemon protocol (UDP)', () => {
  let skein: Awaited<ReturnType<typeof startTestSkein>>;
  before(async () => {
    skein = await startTestSkein();
    const daemon = new URL(skein.urls.xray.replace(/^udp:/, 'http:'));
    AWSXRay.enableManualMode();
    AWSXRay.setDaemonAddress(`${daemon.hostname}:${daemon.port}`);
    AWSXRay.setLogger({ error: (m: string) => console.error(`xray: ${m}`), warn: () => {}, info: () => {}, debug: () => {} });
  });
  after(() => skein?.stop());

  test('a whole segment with nested subsegments, annotations, http, a fault with its exception, a remote call', async () => {
    const seg = new AWSXRay.Segment('Cruddur');
    seg.addAnnotation('user_id', 'u-42');
    seg.addAnnotation('premium', true);
    seg.addAnnotation('score', 9.5);
    seg.addMetadata('request', { path: '/api/activities/home' });
    (seg as unknown as { http: unknown }).http = { request: { method: 'GET', url: 'http://localhost/api/activities/home' }, response: { status: 200 } };
    const data = seg.addNewSubsegment('home-activities-data');
    data.addAnnotation('outer', true);
    const result = data.addNewSubsegment('home-result-activities');
    result.close(new Error('db timeout'));
    data.close();
    const remote = seg.addNewSubsegment('api-03');
    remote.namespace = 'remote';
    remote.close();
    seg.close();

    const t = await waitForJaegerTrace(skein.urls.query, hexTraceId(seg.trace_id), 4);
    const byName = new Map(t.spans.map((s) => [s.operationName, s]));
    const root = byName.get('Cruddur')!;
    const dataSpan = byName.get('home-activities-data')!;
    const resultSpan = byName.get('home-result-activities')!;
    const remoteSpan = byName.get('api-03')!;
    assert.deepEqual(root.references, []);
    assert.deepEqual(childOfIds(dataSpan), [root.spanID]);
    assert.deepEqual(childOfIds(resultSpan), [dataSpan.spanID]);
    assert.deepEqual(childOfIds(remoteSpan), [root.spanID]);
    assert.equal(root.spanID, seg.id);
    assert.equal(serviceOf(t, root), 'Cruddur');
    assert.equal(tagOf(root, 'span.kind')?.value, 'server');
    assert.equal(tagOf(remoteSpan, 'span.kind')?.value, 'client', 'namespace remote is a client call');
    assert.deepEqual(tagOf(root, 'user_id'), { key: 'user_id', type: 'string', value: 'u-42' });
    assert.deepEqual(tagOf(root, 'premium'), { key: 'premium', type: 'bool', value: true });
    assert.deepEqual(tagOf(root, 'score'), { key: 'score', type: 'float64', value: 9.5 });
    assert.equal(tagOf(dataSpan, 'outer')?.value, true);
    assert.equal(tagOf(resultSpan, 'error')?.value, true, 'the fault is an error');
    const exception = resultSpan.logs.find((l) => l.fields.some((f) => f.key === 'event' && f.value === 'exception'));
    assert.ok(exception, 'the cause became an exception event');
    assert.equal(exception.fields.find((f) => f.key === 'exception.message')?.value, 'db timeout');
    assert.ok(root.tags.some((x) => String(x.value) === 'GET'), 'the http request method is kept');
    // The id the SDK logged finds the trace as it is.
    assert.equal((await jaegerTrace(skein.urls.query, seg.trace_id)).traceID, hexTraceId(seg.trace_id));
  });

  test('subsegments streamed on their own (type "subsegment", parent_id) join their segment', async () => {
    AWSXRay.setStreamingThreshold(0);
    try {
      const seg = new AWSXRay.Segment('streaming-service');
      const early = seg.addNewSubsegment('early-call');
      const late = seg.addNewSubsegment('late-call');
      early.close(); // streamed at once: another subsegment is still open
      late.close();
      seg.close();
      const t = await waitForJaegerTrace(skein.urls.query, hexTraceId(seg.trace_id), 3);
      const root = t.spans.find((s) => s.operationName === 'streaming-service')!;
      for (const name of ['early-call', 'late-call']) assert.deepEqual(childOfIds(t.spans.find((s) => s.operationName === name)!), [root.spanID], name);
      assert.equal(serviceOf(t, t.spans.find((s) => s.operationName === 'early-call')!), 'streaming-service');
    } finally {
      AWSXRay.setStreamingThreshold(100);
    }
  });

  test('an in-progress segment, later completed, is one span with the final end time', async () => {
    const seg = new AWSXRay.Segment('long-request');
    seg.flush(); // sent with in_progress: true, as the SDK does for long requests
    await new Promise((r) => setTimeout(r, 100));
    seg.close();
    const t = await waitForJaegerTrace(skein.urls.query, hexTraceId(seg.trace_id), 1);
    await new Promise((r) => setTimeout(r, 200)); // nothing more arrives
    const again = await jaegerTrace(skein.urls.query, hexTraceId(seg.trace_id));
    assert.equal(again.spans.length, 1);
    assert.ok(t.spans[0]!.duration >= 90_000, `the completed span's duration (${t.spans[0]!.duration} µs) is kept`);
    assert.equal(tagOf(again.spans[0]!, 'aws.xray.in_progress'), undefined);
  });
});

import type { EventEmitter } from 'node:events';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { context, trace, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { OTLPTraceExporter as OtlpHttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpHttpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import zipkin from 'zipkin';
import { HttpLogger } from 'zipkin-transport-http';
import { getJson, startTestSkein } from './harness.js';

type JaegerTag = { key: string; type: string; value: unknown };
type JaegerSpan = { traceID: string; spanID: string; operationName: string; references: Array<{ refType: string; spanID: string }>; tags: JaegerTag[]; logs: Array<{ fields: JaegerTag[] }>; processID: string };
type JaegerTrace = { traceID: string; spans: JaegerSpan[]; processes: Record<string, { serviceName: string }> };

/** Emits the classic scenario with the real OpenTelemetry JS SDK and the given exporter. */
async function emitWithOpenTelemetry(exporter: SpanExporter, service: string): Promise<string> {
  const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ 'service.name': service, 'service.version': '9.9.9' }), spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer('real-client-test', '1.0.0');
  const root = tracer.startSpan('GET /checkout', { kind: SpanKind.SERVER, attributes: { 'http.request.method': 'GET', 'http.response.status_code': 200 } });
  const ctx = trace.setSpan(context.active(), root);
  const call = tracer.startSpan('call payments', { kind: SpanKind.CLIENT, attributes: { 'peer.service': 'payments', 'retry.count': 2, ratio: 0.5, 'cache.hit': false, tags: ['a', 'b'] } }, ctx);
  call.addEvent('request sent', { size: 128 });
  call.setStatus({ code: SpanStatusCode.ERROR, message: 'card declined' });
  call.end();
  const db = tracer.startSpan('SELECT orders', { kind: SpanKind.INTERNAL, attributes: { 'db.system': 'postgresql' } }, ctx);
  db.end();
  root.end();
  await provider.forceFlush();
  await provider.shutdown();
  return root.spanContext().traceId;
}

describe('real clients send to Skein and read back through the Jaeger and Zipkin APIs', () => {
  let skein: Awaited<ReturnType<typeof startTestSkein>>;
  before(async () => {
    skein = await startTestSkein();
  });
  after(() => skein.stop());

  const jaegerTrace = async (traceId: string): Promise<JaegerTrace> => {
    const { status, body } = await getJson<{ data: JaegerTrace[] }>(`${skein.urls.query}/api/traces/${traceId}`);
    assert.equal(status, 200, `trace ${traceId} not found`);
    return body.data[0]!;
  };

  const checkScenario = (t: JaegerTrace, service: string, typed: boolean) => {
    assert.equal(t.spans.length, 3);
    assert.deepEqual(Object.values(t.processes).map((p) => p.serviceName), [service]);
    const root = t.spans.find((s) => s.operationName === 'GET /checkout')!;
    const call = t.spans.find((s) => s.operationName === 'call payments')!;
    const db = t.spans.find((s) => s.operationName === 'SELECT orders')!;
    for (const child of [call, db]) assert.deepEqual(child.references.filter((r) => r.refType === 'CHILD_OF').map((r) => r.spanID), [root.spanID]);
    assert.equal(root.references.length, 0);
    const tag = (s: JaegerSpan, k: string) => s.tags.find((x) => x.key === k);
    assert.ok(tag(call, 'error'), 'the error is visible as an error tag');
    assert.equal(tag(call, 'peer.service')?.value, 'payments');
    if (typed) {
      assert.deepEqual(tag(call, 'retry.count'), { key: 'retry.count', type: 'int64', value: 2 });
      assert.deepEqual(tag(call, 'cache.hit'), { key: 'cache.hit', type: 'bool', value: false });
      assert.equal(tag(call, 'otel.status_description')?.value, 'card declined');
      assert.deepEqual(call.logs.map((l) => l.fields.find((f) => f.key === 'event')?.value), ['request sent']);
    }
  };

  test('@opentelemetry/exporter-trace-otlp-http (OTLP/HTTP JSON)', async () => {
    const traceId = await emitWithOpenTelemetry(new OtlpHttpJsonExporter({ url: `${skein.urls.otlpHttp}/v1/traces` }), 'otel-json-client');
    checkScenario(await jaegerTrace(traceId), 'otel-json-client', true);
  });

  test('@opentelemetry/exporter-trace-otlp-proto (OTLP/HTTP protobuf, gzip)', async () => {
    const traceId = await emitWithOpenTelemetry(new OtlpHttpProtoExporter({ url: `${skein.urls.otlpHttp}/v1/traces`, compression: 'gzip' as never }), 'otel-proto-client');
    checkScenario(await jaegerTrace(traceId), 'otel-proto-client', true);
  });

  test('@opentelemetry/exporter-zipkin (Zipkin v2 JSON)', async () => {
    const traceId = await emitWithOpenTelemetry(new ZipkinExporter({ url: `${skein.urls.zipkin}/api/v2/spans` }), 'otel-zipkin-client');
    checkScenario(await jaegerTrace(traceId), 'otel-zipkin-client', false);
    const { body } = await getJson<Array<{ name: string; kind?: string; localEndpoint: { serviceName: string } }>>(`${skein.urls.zipkin}/api/v2/trace/${traceId}`);
    assert.deepEqual(body.map((s) => s.name).sort(), ['call payments', 'get /checkout', 'select orders'].map((n) => (n === 'get /checkout' ? 'GET /checkout' : n === 'select orders' ? 'SELECT orders' : n)).sort());
    assert.equal(body.find((s) => s.name === 'call payments')!.kind, 'CLIENT');
  });

  test('zipkin-js with zipkin-transport-http (JSON_V2): a client/server pair sharing one span id', async () => {
    // Two services, each with its own tracer, recorder and HTTP logger, as two processes would have.
    const tracerFor = (service: string) => {
      const logger = new HttpLogger({ endpoint: `${skein.urls.zipkin}/api/v2/spans`, jsonEncoder: zipkin.jsonEncoder.JSON_V2, httpInterval: 50 });
      // HttpLogger is an EventEmitter; its typings leave that out.
      const events = logger as unknown as EventEmitter;
      const delivered = new Promise<void>((resolve, reject) => {
        events.on('success', () => resolve());
        events.on('error', reject);
      });
      const tracer = new zipkin.Tracer({ ctxImpl: new zipkin.ExplicitContext(), recorder: new zipkin.BatchRecorder({ logger }), localServiceName: service, traceId128Bit: true, supportsJoin: true });
      return { tracer, delivered };
    };
    const { tracer: frontend, delivered: frontendSent } = tracerFor('js-frontend');
    const { tracer: backend, delivered: backendSent } = tracerFor('js-backend');
    const rootId = frontend.createRootId();
    frontend.letId(rootId, () => {
      frontend.recordServiceName('js-frontend');
      frontend.recordRpc('get /checkout');
      frontend.recordAnnotation(new zipkin.Annotation.ServerRecv());
    });
    const callId = frontend.letId(rootId, () => frontend.createChildId());
    frontend.letId(callId, () => {
      frontend.recordServiceName('js-frontend');
      frontend.recordRpc('post /charge');
      frontend.recordAnnotation(new zipkin.Annotation.ClientSend());
    });
    // The backend receives the B3 ids in headers and joins the span (Zipkin's shared span).
    const incoming = new zipkin.TraceId({ traceId: callId.traceId, parentId: new zipkin.option.Some(callId.parentSpanId.getOrElse(callId.spanId)), spanId: callId.spanId, sampled: new zipkin.option.Some(true) });
    // Tracer.join exists in zipkin-js (it is what its server instrumentations call); its typings omit it.
    const joined = (backend as unknown as { join(id: zipkin.TraceId): zipkin.TraceId }).join(incoming);
    backend.letId(joined, () => {
      backend.recordServiceName('js-backend');
      backend.recordRpc('post /charge');
      backend.recordAnnotation(new zipkin.Annotation.ServerRecv());
      backend.recordBinary('http.status_code', '500');
      backend.recordBinary('error', 'boom');
      backend.recordAnnotation(new zipkin.Annotation.ServerSend());
    });
    frontend.letId(callId, () => frontend.recordAnnotation(new zipkin.Annotation.ClientRecv()));
    frontend.letId(rootId, () => frontend.recordAnnotation(new zipkin.Annotation.ServerSend()));
    await Promise.all([frontendSent, backendSent]);
    await new Promise((r) => setTimeout(r, 200)); // later batches of the same loggers
    const traceId = rootId.traceId;

    const { body: zipkinTrace } = await getJson<Array<{ id: string; name: string; kind: string; shared?: boolean; parentId?: string; localEndpoint: { serviceName: string } }>>(`${skein.urls.zipkin}/api/v2/trace/${traceId}`);
    assert.equal(zipkinTrace.length, 3);
    const halves = zipkinTrace.filter((s) => s.id === callId.spanId);
    assert.deepEqual(halves.map((s) => s.kind).sort(), ['CLIENT', 'SERVER']);
    assert.equal(halves.find((s) => s.kind === 'SERVER')!.shared, true);
    assert.equal(halves.find((s) => s.kind === 'SERVER')!.localEndpoint.serviceName, 'js-backend');

    // Jaeger shows the shared server half as a child of the client half, with its own id.
    const jt = await jaegerTrace(traceId);
    const client = jt.spans.find((s) => s.operationName === 'post /charge' && jt.processes[s.processID]!.serviceName === 'js-frontend')!;
    const server = jt.spans.find((s) => s.operationName === 'post /charge' && jt.processes[s.processID]!.serviceName === 'js-backend')!;
    assert.notEqual(server.spanID, client.spanID);
    assert.deepEqual(server.references.map((r) => r.spanID), [client.spanID]);

    const deps = await getJson<Array<{ parent: string; child: string; callCount: number; errorCount?: number }>>(`${skein.urls.zipkin}/api/v2/dependencies?endTs=${Date.now() + 60_000}&lookback=3600000`);
    assert.deepEqual(deps.body.find((d) => d.parent === 'js-frontend' && d.child === 'js-backend'), { parent: 'js-frontend', child: 'js-backend', callCount: 1, errorCount: 1 });
  });
});

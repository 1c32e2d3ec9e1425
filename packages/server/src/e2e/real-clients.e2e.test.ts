import type { EventEmitter } from 'node:events';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { context, trace, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { OTLPTraceExporter as OtlpHttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpHttpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { OTLPTraceExporter as OtlpGrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import zipkin from 'zipkin';
import { HttpLogger } from 'zipkin-transport-http';
import { getJson, startTestSkein } from './harness.js';
import { jaegerTrace as readJaegerTrace, type JaegerSpan, type JaegerTrace } from './read-back.js';

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

  const jaegerTrace = (traceId: string): Promise<JaegerTrace> => readJaegerTrace(skein.urls.query, traceId);

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

  test('@opentelemetry/exporter-trace-otlp-grpc (OTLP/gRPC, gzip)', async () => {
    const exporter = new OtlpGrpcExporter({ url: skein.urls.otlpGrpc.replace(/^grpc:/, 'http:'), compression: 'gzip' as never });
    const traceId = await emitWithOpenTelemetry(exporter, 'otel-grpc-client');
    checkScenario(await jaegerTrace(traceId), 'otel-grpc-client', true);
  });

  test('@opentelemetry/exporter-zipkin (Zipkin v2 JSON)', async () => {
    const traceId = await emitWithOpenTelemetry(new ZipkinExporter({ url: `${skein.urls.zipkin}/api/v2/spans` }), 'otel-zipkin-client');
    checkScenario(await jaegerTrace(traceId), 'otel-zipkin-client', false);
    const { body } = await getJson<Array<{ name: string; kind?: string; localEndpoint: { serviceName: string } }>>(`${skein.urls.zipkin}/api/v2/trace/${traceId}`);
    assert.deepEqual(body.map((s) => s.name).sort(), ['call payments', 'get /checkout', 'select orders'].map((n) => (n === 'get /checkout' ? 'GET /checkout' : n === 'select orders' ? 'SELECT orders' : n)).sort());
    assert.equal(body.find((s) => s.name === 'call payments')!.kind, 'CLIENT');
  });

  for (const version of ['v2', 'v1'] as const) {
    test(`zipkin-js with zipkin-transport-http (JSON_${version.toUpperCase()}): a client/server pair sharing one span id`, async () => {
      const suffix = `-${version}`;
      // Two services, each with its own tracer, recorder and HTTP logger, as two processes would have.
      const tracerFor = (service: string) => {
        const jsonEncoder = version === 'v2' ? zipkin.jsonEncoder.JSON_V2 : zipkin.jsonEncoder.JSON_V1;
        const logger = new HttpLogger({ endpoint: `${skein.urls.zipkin}/api/${version}/spans`, jsonEncoder, httpInterval: 50 });
        // HttpLogger is an EventEmitter; its typings leave that out.
        const events = logger as unknown as EventEmitter;
        const delivered = new Promise<void>((resolve, reject) => {
          events.on('success', () => resolve());
          events.on('error', reject);
        });
        const tracer = new zipkin.Tracer({ ctxImpl: new zipkin.ExplicitContext(), recorder: new zipkin.BatchRecorder({ logger }), localServiceName: service, traceId128Bit: true, supportsJoin: true });
        return { tracer, delivered };
      };
      const { tracer: frontend, delivered: frontendSent } = tracerFor(`js-frontend${suffix}`);
      const { tracer: backend, delivered: backendSent } = tracerFor(`js-backend${suffix}`);
      const rootId = frontend.createRootId();
      frontend.letId(rootId, () => {
        frontend.recordServiceName(`js-frontend${suffix}`);
        frontend.recordRpc('get /checkout');
        frontend.recordAnnotation(new zipkin.Annotation.ServerRecv());
      });
      const callId = frontend.letId(rootId, () => frontend.createChildId());
      frontend.letId(callId, () => {
        frontend.recordServiceName(`js-frontend${suffix}`);
        frontend.recordRpc('post /charge');
        frontend.recordAnnotation(new zipkin.Annotation.ClientSend());
      });
      // The backend receives the B3 ids in headers and joins the span (Zipkin's shared span).
      const incoming = new zipkin.TraceId({ traceId: callId.traceId, parentId: new zipkin.option.Some(callId.parentSpanId.getOrElse(callId.spanId)), spanId: callId.spanId, sampled: new zipkin.option.Some(true) });
      // Tracer.join exists in zipkin-js (it is what its server instrumentations call); its typings omit it.
      const joined = (backend as unknown as { join(id: zipkin.TraceId): zipkin.TraceId }).join(incoming);
      backend.letId(joined, () => {
        backend.recordServiceName(`js-backend${suffix}`);
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
      // v2 marks the server half `shared`; Zipkin's v1 → v2 conversion of a lone sr/ss span does not.
      if (version === 'v2') assert.equal(halves.find((s) => s.kind === 'SERVER')!.shared, true);
      assert.equal(halves.find((s) => s.kind === 'SERVER')!.localEndpoint.serviceName, `js-backend${suffix}`);

      // Jaeger shows the shared server half as a child of the client half, with its own id.
      const jt = await jaegerTrace(traceId);
      const client = jt.spans.find((s) => s.operationName === 'post /charge' && jt.processes[s.processID]!.serviceName === `js-frontend${suffix}`)!;
      const server = jt.spans.find((s) => s.operationName === 'post /charge' && jt.processes[s.processID]!.serviceName === `js-backend${suffix}`)!;
      assert.notEqual(server.spanID, client.spanID);
      assert.deepEqual(server.references.map((r) => r.spanID), [client.spanID]);

      const deps = await getJson<Array<{ parent: string; child: string; callCount: number; errorCount?: number }>>(`${skein.urls.zipkin}/api/v2/dependencies?endTs=${Date.now() + 60_000}&lookback=3600000`);
      assert.deepEqual(deps.body.find((d) => d.parent === `js-frontend${suffix}` && d.child === `js-backend${suffix}`), { parent: `js-frontend${suffix}`, child: `js-backend${suffix}`, callCount: 1, errorCount: 1 });
    });
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { SkeinTracerProvider } from '../trace/tracer-provider.js';
import { AlwaysOnSampler } from '../sampling/always-on-sampler.js';
import { BatchSpanProcessor } from './batch-span-processor.js';
import { OtlpHttpSpanExporter } from './otlp/otlp-http-exporter.js';
import { startCaptureServer } from './test-support/capture-server.js';
import { decodeTraceRequest } from './test-support/otlp-proto-decoder.js';

// The tracer's real spans through the batch processor and OTLP exporter to an HTTP server.
test('spans from SkeinTracerProvider arrive as decodable OTLP', async () => {
  const server = await startCaptureServer();
  const exporter = new OtlpHttpSpanExporter({ url: `${server.origin}/v1/traces`, compression: 'gzip' });
  const provider = new SkeinTracerProvider({
    resource: { attributes: { 'service.name': 'e2e' } },
    sampler: new AlwaysOnSampler(),
    processors: [new BatchSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('e2e-scope', '1.0.0');
  const parent = tracer.startSpan('parent', { kind: SpanKind.SERVER, attributes: { 'http.route': '/x', n: 3 } });
  parent.addEvent('checkpoint', { step: 1 });
  parent.setStatus({ code: SpanStatusCode.ERROR, message: 'bad' });
  parent.end();
  await provider.shutdown();

  const request = decodeTraceRequest(server.requests[0]!.body) as any;
  const rs = request.resourceSpans[0];
  assert.deepEqual(rs.resource.attributes.find((a: any) => a.key === 'service.name').value, { stringValue: 'e2e' });
  assert.equal(rs.scopeSpans[0].scope.name, 'e2e-scope');
  const span = rs.scopeSpans[0].spans[0];
  assert.equal(span.name, 'parent');
  assert.equal(span.kind, 2);
  assert.equal(span.traceId, parent.spanContext().traceId);
  assert.equal(span.spanId, parent.spanContext().spanId);
  assert.deepEqual(span.attributes, [
    { key: 'http.route', value: { stringValue: '/x' } },
    { key: 'n', value: { intValue: '3' } },
  ]);
  assert.equal(span.events[0].name, 'checkpoint');
  assert.deepEqual(span.status, { message: 'bad', code: 2 });
  assert.ok(BigInt(span.endTimeUnixNano) >= BigInt(span.startTimeUnixNano));
  assert.ok(BigInt(span.startTimeUnixNano) > 1_600_000_000_000_000_000n);
  await server.close();
});

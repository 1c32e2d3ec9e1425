import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { context, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import type { TracerProvider } from '@opentelemetry/api';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { startSkeinNode } from './start-skein-node.js';
import type { SkeinNodeOptions } from './skein-node-options.js';
import { InMemorySpanExporter } from '../export/in-memory-span-exporter.js';
import { AlwaysOffSampler } from '../sampling/always-off-sampler.js';
import type { Sampler } from '../sampling/sampler.js';
import { captureDiag } from '../config/diag-capture.js';

const diagLog = captureDiag();

/** In-process starts: no HTTP instrumentation, no exit hooks, our diag capture kept. */
const quiet = (options: SkeinNodeOptions): SkeinNodeOptions => ({
  env: {},
  instrumentHttp: false,
  shutdownOnExit: false,
  installDiagLogger: false,
  ...options,
});

afterEach(() => {
  trace.disable();
  context.disable();
  propagation.disable();
  diagLog.clear();
});

test('spans made through the global API are exported with the configured resource', async () => {
  const exporter = new InMemorySpanExporter();
  const node = startSkeinNode(quiet({ exporters: [exporter], serviceName: 'checkout', resourceAttributes: { team: 'payments' } }));
  const tracer = trace.getTracer('test');
  tracer.startActiveSpan('parent', (parent) => {
    tracer.startSpan('child').end();
    parent.end();
  });
  await node.forceFlush();
  const spans = exporter.getFinishedSpans();
  assert.deepEqual(spans.map((s) => s.name).sort(), ['child', 'parent']);
  const child = spans.find((s) => s.name === 'child')!;
  const parent = spans.find((s) => s.name === 'parent')!;
  assert.equal(child.parentSpanId, parent.spanContext().spanId, 'the context manager carried the active span');
  assert.equal(child.resource.attributes['service.name'], 'checkout');
  assert.equal(child.resource.attributes.team, 'payments');
  assert.equal(child.resource.attributes['telemetry.sdk.name'], '@skein/node');
  await node.shutdown();
});

test('options win over the environment; the environment fills in the rest', async () => {
  const exporter = new InMemorySpanExporter();
  const env = { OTEL_SERVICE_NAME: 'from-env', OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=test', OTEL_TRACES_SAMPLER: 'always_off', OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT: '1' };
  const node = startSkeinNode(quiet({ env, exporters: [exporter], serviceName: 'from-code' }));
  trace.getTracer('t').startSpan('dropped').end();
  await node.forceFlush();
  assert.equal(exporter.getFinishedSpans().length, 0, 'OTEL_TRACES_SAMPLER=always_off applies');
  await node.shutdown();
});

test('span limits from the environment reach the provider', async () => {
  const exporter = new InMemorySpanExporter();
  const node = startSkeinNode(quiet({ env: { OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT: '1' }, exporters: [exporter] }));
  trace.getTracer('t').startSpan('limited', { attributes: { a: 1, b: 2 } }).end();
  await node.forceFlush();
  const [span] = exporter.getFinishedSpans();
  assert.equal(Object.keys(span!.attributes).length, 1);
  assert.equal(span!.droppedAttributesCount, 1);
  await node.shutdown();
});

test('a sampler given in code replaces OTEL_TRACES_SAMPLER', async () => {
  const exporter = new InMemorySpanExporter();
  const node = startSkeinNode(quiet({ env: { OTEL_TRACES_SAMPLER: 'always_on' }, sampler: new AlwaysOffSampler(), exporters: [exporter] }));
  trace.getTracer('t').startSpan('x').end();
  await node.forceFlush();
  assert.equal(exporter.getFinishedSpans().length, 0);
  await node.shutdown();
});

test('propagators: OTEL_PROPAGATORS by default, names or an instance from code', () => {
  startSkeinNode(quiet({ env: { OTEL_PROPAGATORS: 'b3multi' } }));
  assert.ok(propagation.fields().includes('x-b3-traceid'), propagation.fields().join());
  propagation.disable();
  trace.disable();
  context.disable();
  startSkeinNode(quiet({ env: { OTEL_PROPAGATORS: 'b3multi' }, propagators: ['tracecontext'] }));
  assert.deepEqual(propagation.fields().filter((f) => f.startsWith('x-b3')), []);
  assert.ok(propagation.fields().includes('traceparent'));
});

test('OTEL_SDK_DISABLED=true registers nothing and returns a no-op handle', async () => {
  const node = startSkeinNode(quiet({ env: { OTEL_SDK_DISABLED: 'true' }, exporters: [new InMemorySpanExporter()] }));
  assert.equal(trace.getTracer('t').startSpan('x').isRecording(), false);
  assert.equal(node.tracerProvider.getTracer('t').startSpan('x').isRecording(), false);
  await node.forceFlush();
  await node.shutdown();
  // `disabled: false` in code overrides the environment.
  const enabled = startSkeinNode(quiet({ env: { OTEL_SDK_DISABLED: 'true' }, disabled: false, exporters: [] }));
  assert.equal(trace.getTracer('t').startSpan('x').isRecording(), true);
  await enabled.shutdown();
});

test('another SDK registered first: a clear warning, nothing of ours registered, our provider still usable', async () => {
  const other: TracerProvider = { getTracer: () => trace.wrapSpanContext({ traceId: '1'.repeat(32), spanId: '1'.repeat(16), traceFlags: 0 }) as never };
  const otherTracer = { startSpan: () => trace.wrapSpanContext({ traceId: '2'.repeat(32), spanId: '2'.repeat(16), traceFlags: 0 }) };
  other.getTracer = () => otherTracer as never;
  trace.setGlobalTracerProvider(other);
  diagLog.clear();
  const exporter = new InMemorySpanExporter();
  const node = startSkeinNode(quiet({ exporters: [exporter] }));
  assert.ok(diagLog.warnings.some((w) => w.includes('another OpenTelemetry SDK')), diagLog.warnings.join('\n'));
  assert.equal((trace.getTracer('t') as unknown), otherTracer, 'the other SDK keeps the global');
  node.tracerProvider.getTracer('direct').startSpan('direct-span').end();
  await node.forceFlush();
  assert.deepEqual(exporter.getFinishedSpans().map((s) => s.name), ['direct-span']);
  assert.equal(propagation.fields().length, 0, 'our propagator was not registered either');
  await node.shutdown();
});

test('a failure while starting is reported once on stderr and leaves the application untraced', () => {
  const writes: string[] = [];
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => (writes.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    const broken = {} as Sampler; // the provider refuses a sampler without shouldSample
    const node = startSkeinNode(quiet({ sampler: broken, exporters: [] }));
    const again = startSkeinNode(quiet({ sampler: broken, exporters: [] }));
    assert.equal(node.tracerProvider.getTracer('t').startSpan('x').isRecording(), false);
    assert.equal(again.tracerProvider.getTracer('t').startSpan('x').isRecording(), false);
  } finally {
    process.stderr.write = original;
  }
  assert.equal(writes.length, 1, writes.join(''));
  assert.match(writes[0]!, /^@skein\/node: could not start tracing \(.*\); the application continues untraced\n$/);
  assert.equal(trace.getTracer('t').startSpan('x').isRecording(), false, 'nothing left registered');
  assert.equal(context.active(), ROOT_CONTEXT);
});

test('shutdown stops the polling of a remote sampler it built', async () => {
  let polls = 0;
  const server = createServer((_req, res) => {
    polls++;
    server.emit('polled');
    res.end('{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":1}}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}/sampling`;
  const node = startSkeinNode(quiet({ env: { OTEL_TRACES_SAMPLER: 'parentbased_jaeger_remote', OTEL_TRACES_SAMPLER_ARG: `endpoint=${endpoint},pollingIntervalMs=5` }, exporters: [] }));
  while (polls < 2) await once(server, 'polled');
  await node.shutdown();
  await node.shutdown(); // idempotent
  await new Promise((resolve) => setTimeout(resolve, 20));
  const seen = polls;
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(polls, seen);
  server.close();
});

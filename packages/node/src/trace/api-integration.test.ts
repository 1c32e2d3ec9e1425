import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { context, propagation, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { AsyncLocalStorageContextManager } from '../context/async-local-storage-context-manager.js';
import { SkeinSpan } from './skein-span.js';
import { SkeinTracerProvider } from './tracer-provider.js';
import { alwaysOnSampler } from './test-support/fixed-sampler.js';
import { RecordingProcessor } from './test-support/recording-processor.js';

// Registered the way startSkeinNode will do it: code written against @opentelemetry/api only.
const processor = new RecordingProcessor();
const provider = new SkeinTracerProvider({ resource: { attributes: { 'service.name': 'api-test' } }, sampler: alwaysOnSampler, processors: [processor] });
assert.ok(context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable()));
assert.ok(trace.setGlobalTracerProvider(provider));
assert.ok(propagation.setGlobalPropagator(new W3CTraceContextPropagator()));
after(() => {
  trace.disable();
  context.disable();
  propagation.disable();
});

test('nested startActiveSpan through the global API links children to parents', async () => {
  const tracer = trace.getTracer('api-user', '0.0.1');
  await tracer.startActiveSpan('request', async (request) => {
    await tracer.startActiveSpan('db', async (db) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      tracer.startSpan('query').end();
      db.end();
    });
    tracer.startActiveSpan('render', (render) => render.end());
    request.end();
  });
  const byName = new Map(processor.ended.map((s) => [s.name, s]));
  const request = byName.get('request')!;
  const traceId = request.spanContext().traceId;
  assert.equal(request.parentSpanId, undefined);
  assert.equal(byName.get('db')!.parentSpanId, request.spanContext().spanId);
  assert.equal(byName.get('query')!.parentSpanId, byName.get('db')!.spanContext().spanId);
  assert.equal(byName.get('render')!.parentSpanId, request.spanContext().spanId);
  for (const span of processor.ended) assert.equal(span.spanContext().traceId, traceId);
  assert.equal(request.scope.name, 'api-user');
  assert.equal(request.resource, provider.resource);
});

test('trace.getTracer returns our tracer through the API proxy, and trace.getActiveSpan sees our spans', () => {
  const tracer = trace.getTracer('proxy');
  const span = tracer.startSpan('x');
  assert.ok(span instanceof SkeinSpan);
  context.with(trace.setSpan(context.active(), span), () => assert.equal(trace.getActiveSpan(), span));
  span.end();
});

test('a traceparent extracted by a propagator becomes the remote parent; inject carries our span', () => {
  const carrier = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', tracestate: 'congo=t61rcWkgMzE' };
  const extracted = propagation.extract(ROOT_CONTEXT, carrier);
  const span = trace.getTracer('server').startSpan('GET /', {}, extracted) as SkeinSpan;
  assert.equal(span.spanContext().traceId, '0af7651916cd43dd8448eb211c80319c');
  assert.equal(span.parentSpanId, 'b7ad6b7169203331');
  assert.equal(span.spanContext().traceState?.get('congo'), 't61rcWkgMzE');
  const outgoing: Record<string, string> = {};
  propagation.inject(trace.setSpan(ROOT_CONTEXT, span), outgoing);
  assert.equal(outgoing.traceparent, `00-0af7651916cd43dd8448eb211c80319c-${span.spanContext().spanId}-0${TraceFlags.SAMPLED}`);
  span.end();
});

test('context.bind through the API uses our manager for functions and emitters', async () => {
  const tracer = trace.getTracer('bind');
  const span = tracer.startSpan('owner');
  const spanContext = trace.setSpan(ROOT_CONTEXT, span);
  const bound = context.bind(spanContext, () => trace.getActiveSpan());
  assert.equal(bound(), span);
  const emitter = context.bind(spanContext, new EventEmitter());
  const seen = await new Promise((resolve) => {
    emitter.on('go', () => resolve(trace.getActiveSpan()));
    setTimeout(() => emitter.emit('go'), 1);
  });
  assert.equal(seen, span);
  span.end();
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import type { SpanProcessor } from './span-processor.js';
import { NonRecordingSpan } from './non-recording-span.js';
import { SkeinSpan } from './skein-span.js';
import { SkeinTracer } from './skein-tracer.js';
import { SkeinTracerProvider } from './tracer-provider.js';
import { PooledRandomIdGenerator } from './id-generator.js';
import { alwaysOnSampler } from './test-support/fixed-sampler.js';
import { RecordingProcessor } from './test-support/recording-processor.js';
import { makeTestProvider } from './test-support/test-provider.js';
import { captureDiag } from './test-support/diag-capture.js';

test('getTracer caches one tracer per name, version and schema URL', () => {
  const { provider } = makeTestProvider();
  const a = provider.getTracer('lib', '1.0.0');
  assert.ok(a instanceof SkeinTracer);
  assert.equal(provider.getTracer('lib', '1.0.0'), a);
  assert.notEqual(provider.getTracer('lib', '2.0.0'), a);
  assert.notEqual(provider.getTracer('lib'), a);
  assert.notEqual(provider.getTracer('lib', '1.0.0', { schemaUrl: 'https://opentelemetry.io/schemas/1.26.0' }), a);
  assert.notEqual(provider.getTracer('lib@1.0.0'), provider.getTracer('lib', '1.0.0'), 'an "@" in a name cannot collide');
  const scoped = provider.getTracer('lib', '1.0.0', { schemaUrl: 'https://s' }) as SkeinTracer;
  assert.deepEqual({ ...scoped.scope }, { name: 'lib', version: '1.0.0', schemaUrl: 'https://s' });
});

test('every span of a provider shares its resource object and its tracer scope object', () => {
  const { provider, resource } = makeTestProvider();
  const tracer = provider.getTracer('one');
  const a = tracer.startSpan('a') as SkeinSpan;
  const b = tracer.startSpan('b') as SkeinSpan;
  assert.equal(provider.resource, resource);
  assert.equal(a.resource, resource);
  assert.equal(a.scope, b.scope);
});

test('an invalid tracer name still gives a working tracer', async () => {
  const { provider } = makeTestProvider();
  await captureDiag(() => {
    const tracer = provider.getTracer('');
    assert.ok(tracer.startSpan('x').isRecording());
    assert.ok(provider.getTracer(undefined as never).startSpan('y').isRecording());
  });
});

test('span limits from the config apply to spans', () => {
  const { startRecording } = makeTestProvider({ spanLimits: { attributeCountLimit: 1 } });
  const span = startRecording();
  span.setAttributes({ a: 1, b: 2 });
  assert.equal(span.droppedAttributesCount, 1);
});

test('a custom id generator is used', () => {
  let n = 0;
  const provider = new SkeinTracerProvider({
    resource: { attributes: {} },
    sampler: alwaysOnSampler,
    idGenerator: { generateTraceId: () => '5759e988bd862e3fe1be46a994272793', generateSpanId: () => `000000000000000${++n}` },
  });
  const span = provider.getTracer('t').startSpan('s', {}, ROOT_CONTEXT);
  assert.deepEqual([span.spanContext().traceId, span.spanContext().spanId], ['5759e988bd862e3fe1be46a994272793', '0000000000000001']);
  assert.ok(new PooledRandomIdGenerator().generateSpanId());
});

test('addSpanProcessor: new spans reach it; a running span keeps the processors it started with', () => {
  const { provider, tracer, processor } = makeTestProvider();
  const running = tracer.startSpan('running');
  const added = new RecordingProcessor();
  provider.addSpanProcessor(added);
  running.end();
  assert.equal(added.ended.length, 0, 'no onEnd without onStart');
  tracer.startSpan('new').end();
  assert.equal(added.started.length, 1);
  assert.equal(added.ended.length, 1);
  assert.equal(processor.ended.length, 2);
});

test('forceFlush flushes every processor and never rejects', async () => {
  const { provider, processor } = makeTestProvider();
  const failing: SpanProcessor = {
    onStart() {},
    onEnd() {},
    forceFlush: () => Promise.reject(new Error('flush failed')),
    shutdown: async () => {},
  };
  const throwing: SpanProcessor = {
    onStart() {},
    onEnd() {},
    forceFlush: () => {
      throw new Error('sync throw');
    },
    shutdown: async () => {},
  };
  provider.addSpanProcessor(failing);
  provider.addSpanProcessor(throwing);
  const messages = await captureDiag(() => provider.forceFlush());
  assert.equal(processor.forceFlushCalls, 1);
  assert.equal(messages.filter((m) => m.level === 'error').length, 2);
});

test('shutdown: once, shuts processors down, then tracers make non-recording spans', async () => {
  const { provider, tracer, processor } = makeTestProvider();
  const parent = tracer.startSpan('before');
  const first = provider.shutdown();
  assert.equal(provider.shutdown(), first, 'the same promise');
  await first;
  await provider.shutdown();
  assert.equal(processor.shutdownCalls, 1);

  const fromOld = tracer.startSpan('after', {}, trace.setSpan(ROOT_CONTEXT, parent));
  const fromNew = provider.getTracer('new-after-shutdown').startSpan('after');
  for (const span of [fromOld, fromNew]) {
    assert.ok(span instanceof NonRecordingSpan);
    assert.ok(!span.isRecording());
  }
  assert.equal(fromOld.spanContext().spanId, parent.spanContext().spanId, 'the parent context still propagates');
  await captureDiag(() => provider.addSpanProcessor(new RecordingProcessor()));
  // A span started before shutdown can still end (the processor decides what to do with it).
  parent.end();
  assert.equal(processor.ended.length, 1);
});

test('shutdown never rejects even when a processor fails', async () => {
  const provider = new SkeinTracerProvider({
    resource: { attributes: {} },
    sampler: alwaysOnSampler,
    processors: [{ onStart() {}, onEnd() {}, forceFlush: async () => {}, shutdown: () => Promise.reject(new Error('no')) }],
  });
  const messages = await captureDiag(() => provider.shutdown());
  assert.equal(messages.filter((m) => m.level === 'error').length, 1);
});

test('the constructor refuses a config without a sampler or resource', () => {
  assert.throws(() => new SkeinTracerProvider({ resource: { attributes: {} } } as never), /sampler/);
  assert.throws(() => new SkeinTracerProvider({ sampler: alwaysOnSampler } as never), /resource/);
  assert.ok(new SkeinTracerProvider({ resource: { attributes: {} }, sampler: alwaysOnSampler }).getTracer('x').startSpan('y') instanceof SkeinSpan);
});

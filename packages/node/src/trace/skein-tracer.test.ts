import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  context,
  createTraceState,
  INVALID_SPAN_CONTEXT,
  ROOT_CONTEXT,
  SpanKind,
  trace,
  TraceFlags,
  type Span,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '../context/async-local-storage-context-manager.js';
import { SamplingDecision } from '../sampling/sampler.js';
import { NonRecordingSpan } from './non-recording-span.js';
import { SkeinSpan } from './skein-span.js';
import { makeTestProvider } from './test-support/test-provider.js';
import { captureDiag } from './test-support/diag-capture.js';

// startActiveSpan activates spans through the global context manager.
context.setGlobalContextManager(new AsyncLocalStorageContextManager());

const REMOTE = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: TraceFlags.SAMPLED,
  isRemote: true,
  traceState: createTraceState('vendor=value'),
};

test('a root span gets a new trace id and no parent', () => {
  const { tracer } = makeTestProvider();
  const a = tracer.startSpan('a') as SkeinSpan;
  const b = tracer.startSpan('b') as SkeinSpan;
  assert.ok(a instanceof SkeinSpan);
  assert.match(a.spanContext().traceId, /^[0-9a-f]{32}$/);
  assert.match(a.spanContext().spanId, /^[0-9a-f]{16}$/);
  assert.notEqual(a.spanContext().traceId, b.spanContext().traceId);
  assert.equal(a.parentSpanId, undefined);
  assert.equal(a.spanContext().isRemote, false);
});

test('a child of a local parent shares its trace id and names it as parent', () => {
  const { tracer } = makeTestProvider();
  const parent = tracer.startSpan('parent');
  const child = tracer.startSpan('child', {}, trace.setSpan(ROOT_CONTEXT, parent)) as SkeinSpan;
  assert.equal(child.spanContext().traceId, parent.spanContext().traceId);
  assert.equal(child.parentSpanId, parent.spanContext().spanId);
  assert.equal(child.parentSpanIsRemote, false);
  assert.equal((parent as SkeinSpan).parentSpanIsRemote, undefined, 'a root has no parent to be remote');
  assert.notEqual(child.spanContext().spanId, parent.spanContext().spanId);
});

test('a remote parent (as a propagator extracts it) gives the trace id, parent id and trace state', () => {
  const { tracer } = makeTestProvider();
  const child = tracer.startSpan('server', { kind: SpanKind.SERVER }, trace.setSpanContext(ROOT_CONTEXT, REMOTE)) as SkeinSpan;
  assert.equal(child.spanContext().traceId, REMOTE.traceId);
  assert.equal(child.parentSpanId, REMOTE.spanId);
  assert.equal(child.parentSpanIsRemote, true);
  assert.equal(child.spanContext().traceState, REMOTE.traceState);
  assert.equal(child.spanContext().isRemote, false);
  assert.equal(child.kind, SpanKind.SERVER);
});

test('an invalid parent context is no parent', () => {
  const { tracer } = makeTestProvider();
  const invalidParents = [INVALID_SPAN_CONTEXT, { traceId: 'xyz', spanId: 'b7ad6b7169203331', traceFlags: 1 }, { ...REMOTE, spanId: '0000000000000000' }];
  for (const parent of invalidParents) {
    const span = tracer.startSpan('x', {}, trace.setSpanContext(ROOT_CONTEXT, parent)) as SkeinSpan;
    assert.equal(span.parentSpanId, undefined);
    assert.notEqual(span.spanContext().traceId, parent.traceId);
    assert.match(span.spanContext().traceId, /^[0-9a-f]{32}$/);
  }
});

test('root: true ignores the parent, also for the sampler', () => {
  const { tracer, sampler } = makeTestProvider();
  const parentContext = trace.setSpanContext(ROOT_CONTEXT, REMOTE);
  const span = tracer.startSpan('root', { root: true }, parentContext) as SkeinSpan;
  assert.notEqual(span.spanContext().traceId, REMOTE.traceId);
  assert.equal(span.parentSpanId, undefined);
  assert.equal(trace.getSpan(sampler.calls[0]!.parentContext), undefined);
});

test('the active context is the parent when none is given', () => {
  const { tracer } = makeTestProvider();
  const parent = tracer.startSpan('parent');
  const child = context.with(trace.setSpan(context.active(), parent), () => tracer.startSpan('child')) as SkeinSpan;
  assert.equal(child.parentSpanId, parent.spanContext().spanId);
  assert.equal((tracer.startSpan('outside') as SkeinSpan).parentSpanId, undefined);
});

test('the sampler is asked with the parent context, trace id, name, kind, attributes and links', () => {
  const { tracer, sampler } = makeTestProvider();
  const parentContext = trace.setSpanContext(ROOT_CONTEXT, REMOTE);
  const links = [{ context: REMOTE }];
  tracer.startSpan('asked', { kind: SpanKind.CLIENT, attributes: { a: 1 }, links }, parentContext);
  const call = sampler.calls[0]!;
  assert.equal(call.parentContext, parentContext);
  assert.equal(call.traceId, REMOTE.traceId);
  assert.equal(call.spanName, 'asked');
  assert.equal(call.spanKind, SpanKind.CLIENT);
  assert.deepEqual(call.attributes, { a: 1 });
  assert.equal(call.links, links);
  tracer.startSpan('defaults', undefined, ROOT_CONTEXT);
  assert.equal(sampler.calls[1]!.spanKind, SpanKind.INTERNAL);
  assert.deepEqual(sampler.calls[1]!.attributes, {});
  assert.deepEqual(sampler.calls[1]!.links, []);
});

test('RecordAndSample: recording, SAMPLED flag; sampler attributes merged (sampler wins)', () => {
  const { tracer, processor } = makeTestProvider({ samplerAttributes: { 'sampler.rate': 0.5, shared: 'sampler' } });
  const span = tracer.startSpan('s', { attributes: { shared: 'option', own: 1 } }) as SkeinSpan;
  assert.ok(span.isRecording());
  assert.equal(span.spanContext().traceFlags, TraceFlags.SAMPLED);
  assert.deepEqual(span.attributes, { shared: 'sampler', own: 1, 'sampler.rate': 0.5 });
  assert.equal(processor.started.length, 1);
});

test('RecordOnly: recording and seen by processors, but not SAMPLED', () => {
  const { tracer, processor } = makeTestProvider({ decision: SamplingDecision.RecordOnly });
  const span = tracer.startSpan('s', { attributes: { a: 1 } }) as SkeinSpan;
  assert.ok(span instanceof SkeinSpan);
  assert.ok(span.isRecording());
  assert.equal(span.spanContext().traceFlags & TraceFlags.SAMPLED, 0);
  assert.deepEqual(span.attributes, { a: 1 });
  span.end();
  assert.equal(processor.ended.length, 1);
});

test('Drop: a non-recording span with a fresh span id, the parent trace id, flags 0 and the trace state', () => {
  const { tracer, processor } = makeTestProvider({ decision: SamplingDecision.Drop });
  const span = tracer.startSpan('dropped', {}, trace.setSpanContext(ROOT_CONTEXT, REMOTE));
  assert.ok(span instanceof NonRecordingSpan);
  assert.ok(!span.isRecording());
  const sc = span.spanContext();
  assert.equal(sc.traceId, REMOTE.traceId);
  assert.notEqual(sc.spanId, REMOTE.spanId);
  assert.match(sc.spanId, /^[0-9a-f]{16}$/);
  assert.equal(sc.traceFlags, TraceFlags.NONE);
  assert.equal(sc.traceState, REMOTE.traceState);
  span.end();
  assert.equal(processor.started.length + processor.ended.length, 0);
  const root = tracer.startSpan('dropped root');
  assert.match(root.spanContext().traceId, /^[0-9a-f]{32}$/);
});

test("a child of a dropped span keeps the trace going (same trace id, the dropped span's id as parent)", () => {
  const dropping = makeTestProvider({ decision: SamplingDecision.Drop });
  const dropped = dropping.tracer.startSpan('dropped');
  const { tracer } = makeTestProvider();
  const child = tracer.startSpan('child', {}, trace.setSpan(ROOT_CONTEXT, dropped)) as SkeinSpan;
  assert.equal(child.spanContext().traceId, dropped.spanContext().traceId);
  assert.equal(child.parentSpanId, dropped.spanContext().spanId);
});

test("a sampler's trace state replaces the parent's", () => {
  const traceState = createTraceState('sampler=1');
  for (const decision of [SamplingDecision.Drop, SamplingDecision.RecordAndSample]) {
    const { tracer } = makeTestProvider({ decision, samplerTraceState: traceState });
    const span = tracer.startSpan('s', {}, trace.setSpanContext(ROOT_CONTEXT, REMOTE));
    assert.equal(span.spanContext().traceState, traceState);
  }
});

test('startTime, kind, links and attributes options are honoured', () => {
  const { tracer } = makeTestProvider();
  const span = tracer.startSpan('opts', {
    startTime: new Date(1_700_000_000_000),
    kind: SpanKind.PRODUCER,
    links: [{ context: REMOTE, attributes: { l: 1 } }],
    attributes: { a: 'b' },
  }) as SkeinSpan;
  assert.equal(span.startTimeUnixMs, 1_700_000_000_000);
  assert.equal(span.kind, SpanKind.PRODUCER);
  assert.deepEqual(span.links, [{ context: REMOTE, attributes: { l: 1 }, droppedAttributesCount: 0 }]);
  assert.deepEqual(span.attributes, { a: 'b' });
});

test('bad input to startSpan never throws', async () => {
  const { tracer } = makeTestProvider();
  let spans: Span[] = [];
  const messages = await captureDiag(() => {
    spans = [
      tracer.startSpan(42 as never),
      tracer.startSpan('bad kind', { kind: 99 as never }),
      tracer.startSpan('bad context', {}, 'not a context' as never),
      tracer.startSpan('bad options', 'nope' as never),
    ];
  });
  assert.equal((spans[0] as SkeinSpan).name, '42');
  assert.equal((spans[1] as SkeinSpan).kind, SpanKind.INTERNAL);
  assert.ok(!spans[2]!.isRecording(), 'an unusable context gives a non-recording span');
  assert.ok(messages.some((m) => m.level === 'error'));
  assert.ok(messages.some((m) => m.message.includes('invalid span kind')));

  const throwing = makeTestProvider();
  throwing.sampler.shouldSample = () => {
    throw new Error('sampler bug');
  };
  await captureDiag(() => {
    const span = throwing.tracer.startSpan('x');
    assert.ok(!span.isRecording());
  });
});

test('startActiveSpan(name, fn): the span is active inside and the context is restored after', () => {
  const { tracer } = makeTestProvider();
  const before = context.active();
  const result = tracer.startActiveSpan('active', (span) => {
    assert.equal(trace.getActiveSpan(), span);
    const child = tracer.startSpan('child') as SkeinSpan;
    assert.equal(child.parentSpanId, span.spanContext().spanId);
    span.end();
    return 'result';
  });
  assert.equal(result, 'result');
  assert.equal(context.active(), before);
  assert.equal(trace.getActiveSpan(), undefined);
});

test('startActiveSpan(name, options, fn) and (name, options, context, fn)', () => {
  const { tracer } = makeTestProvider();
  const withOptions = tracer.startActiveSpan('o', { kind: SpanKind.CONSUMER }, (span) => {
    assert.equal((span as SkeinSpan).kind, SpanKind.CONSUMER);
    assert.equal(trace.getActiveSpan(), span);
    return span;
  });
  assert.ok(withOptions instanceof SkeinSpan);
  const remoteContext = trace.setSpanContext(ROOT_CONTEXT, REMOTE);
  tracer.startActiveSpan('c', {}, remoteContext, (span) => {
    assert.equal(span.spanContext().traceId, REMOTE.traceId);
    assert.equal((span as SkeinSpan).parentSpanId, REMOTE.spanId);
    assert.equal(trace.getActiveSpan(), span);
  });
  assert.equal(trace.getActiveSpan(), undefined);
});

test('startActiveSpan keeps the span active across await and returns the promise', async () => {
  const { tracer } = makeTestProvider();
  const spanId = await tracer.startActiveSpan('async', async (span) => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    assert.equal(trace.getActiveSpan(), span);
    span.end();
    return span.spanContext().spanId;
  });
  assert.match(spanId, /^[0-9a-f]{16}$/);
  assert.equal(trace.getActiveSpan(), undefined);
});

test('startActiveSpan restores the context when the callback throws, and rethrows', () => {
  const { tracer } = makeTestProvider();
  assert.throws(
    () =>
      tracer.startActiveSpan('throws', () => {
        throw new Error('from callback');
      }),
    /from callback/,
  );
  assert.equal(trace.getActiveSpan(), undefined);
});

test('startActiveSpan without a callback returns undefined with a diagnostic', async () => {
  const { tracer } = makeTestProvider();
  const messages = await captureDiag(() => {
    assert.equal((tracer.startActiveSpan as (...args: unknown[]) => unknown)('nothing'), undefined);
    assert.equal((tracer.startActiveSpan as (...args: unknown[]) => unknown)('nothing', {}), undefined);
  });
  assert.equal(messages.length, 2);
});

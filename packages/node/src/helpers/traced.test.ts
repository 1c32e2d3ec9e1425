import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, trace, type Span } from '@opentelemetry/api';
import { installInMemoryOtel, type InMemoryOtel } from './test-support/in-memory-otel.js';
import { traced } from './traced.js';
import { withSpan } from './with-span.js';
import { HELPER_TRACER_NAME } from './helper-tracer.js';

describe('traced(name, fn, options?)', () => {
  let otel: InMemoryOtel;
  beforeEach(() => { otel = installInMemoryOtel(); });
  afterEach(async () => { await otel.uninstall(); });

  it('returns the value of a sync fn, runs it with the span active, and ends the span', () => {
    let seen: Span | undefined;
    const value: number = traced('compute', (span) => {
      seen = span;
      assert.equal(trace.getActiveSpan(), span);
      return 42;
    });
    assert.equal(value, 42);
    const span = otel.span('compute');
    assert.equal(span.spanContext().spanId, seen!.spanContext().spanId);
    assert.equal(span.instrumentationScope.name, HELPER_TRACER_NAME);
    assert.equal(span.status.code, SpanStatusCode.UNSET);
    assert.equal(trace.getActiveSpan(), undefined, 'the previous context is restored');
  });

  it('ends an async span only when its promise settles, and resolves to the same value', async () => {
    let release!: (value: string) => void;
    const gate = new Promise<string>((resolve) => { release = resolve; });
    const result: Promise<string> = traced('wait', async () => {
      const value = await gate;
      assert.equal(trace.getActiveSpan()?.spanContext().spanId !== undefined, true, 'still active after await');
      return value.toUpperCase();
    });
    await Promise.resolve();
    assert.equal(otel.spans().length, 0, 'not ended while pending');
    release('done');
    assert.equal(await result, 'DONE');
    assert.equal(otel.spans().length, 1);
    assert.equal(otel.span('wait').status.code, SpanStatusCode.UNSET);
  });

  it('records a sync throw as ERROR + exception event, ends the span and rethrows the same error', () => {
    const boom = new TypeError('bad input');
    assert.throws(() => traced('fails', () => { throw boom; }), (error) => error === boom);
    const span = otel.span('fails');
    assert.equal(span.status.code, SpanStatusCode.ERROR);
    assert.equal(span.status.message, 'bad input');
    const exception = span.events.find((event) => event.name === 'exception');
    assert.equal(exception?.attributes?.['exception.type'], 'TypeError');
    assert.equal(exception?.attributes?.['exception.message'], 'bad input');
  });

  it('records a rejection and rejects with the same reason', async () => {
    const boom = new Error('async failure');
    await assert.rejects(traced('rejects', async () => { await null; throw boom; }), (error) => error === boom);
    const span = otel.span('rejects');
    assert.equal(span.status.code, SpanStatusCode.ERROR);
    assert.equal(span.status.message, 'async failure');
    assert.equal(span.events.filter((event) => event.name === 'exception').length, 1);
  });

  it('copes with thrown values that are not errors', async () => {
    for (const thrown of ['text', 42, null, undefined, { message: 'plain object' }]) {
      assert.throws(() => traced('odd', () => { throw thrown; }), (error) => error === thrown);
      await assert.rejects(traced('odd', () => Promise.reject(thrown)), (error) => error === thrown);
    }
    const spans = otel.spans();
    assert.equal(spans.length, 10);
    for (const span of spans) assert.equal(span.status.code, SpanStatusCode.ERROR);
    assert.equal(spans[0]!.status.message, 'text');
    assert.equal(spans[8]!.status.message, 'plain object');
  });

  it('ends the span when a hand-written thenable is returned', async () => {
    const thenable = { then(resolve: (value: number) => void) { resolve(7); } };
    assert.equal(await traced('thenable', () => thenable), 7);
    const throwing = { then() { throw new Error('then exploded'); } };
    await assert.rejects(Promise.resolve(traced('throwing thenable', () => throwing)), /then exploded/);
    assert.equal(otel.span('thenable').status.code, SpanStatusCode.UNSET);
    assert.equal(otel.span('throwing thenable').status.code, SpanStatusCode.ERROR);
  });

  it('nests spans: inner spans (sync and across awaits) are children of the outer one', async () => {
    await traced('outer', async () => {
      traced('inner sync', () => undefined);
      await new Promise((resolve) => setImmediate(resolve));
      await traced('inner async', async () => undefined);
    });
    const outer = otel.span('outer');
    for (const name of ['inner sync', 'inner async']) {
      const inner = otel.span(name);
      assert.equal(inner.parentSpanContext?.spanId, outer.spanContext().spanId);
      assert.equal(inner.spanContext().traceId, outer.spanContext().traceId);
    }
    assert.equal(outer.parentSpanContext, undefined);
  });

  it('passes span options through and honours an explicit parent context', () => {
    traced('parent', () => {
      traced('detached', () => undefined, { parentContext: ROOT_CONTEXT, kind: SpanKind.CLIENT, attributes: { 'peer.service': 'db' } });
    });
    const detached = otel.span('detached');
    assert.equal(detached.parentSpanContext, undefined);
    assert.equal(detached.kind, SpanKind.CLIENT);
    assert.equal(detached.attributes['peer.service'], 'db');
    assert.notEqual(detached.spanContext().traceId, otel.span('parent').spanContext().traceId);
  });

  it('runs in the caller\'s active context by default', () => {
    const parent = trace.getTracer('test').startSpan('manual parent');
    context.with(trace.setSpan(context.active(), parent), () => traced('child', () => undefined));
    parent.end();
    assert.equal(otel.span('child').parentSpanContext?.spanId, parent.spanContext().spanId);
  });
});

describe('withSpan(name, options, fn)', () => {
  let otel: InMemoryOtel;
  beforeEach(() => { otel = installInMemoryOtel(); });
  afterEach(async () => { await otel.uninstall(); });

  it('gives fn the active span to annotate, returns its value and ends the span', async () => {
    const value = await withSpan('charge', { attributes: { currency: 'EUR' } }, async (span) => {
      assert.equal(trace.getActiveSpan(), span);
      span.setAttribute('amount', 12.5);
      span.addEvent('authorized');
      return 'ok';
    });
    assert.equal(value, 'ok');
    const span = otel.span('charge');
    assert.deepEqual(span.attributes, { currency: 'EUR', amount: 12.5 });
    assert.deepEqual(span.events.map((event) => event.name), ['authorized']);
  });

  it('records and rethrows errors like traced', () => {
    assert.throws(() => withSpan('broken', undefined, () => { throw new RangeError('out of range'); }), RangeError);
    assert.equal(otel.span('broken').status.code, SpanStatusCode.ERROR);
  });
});

describe('without a registered SDK', () => {
  it('still runs the work and returns its value (no-op spans)', async () => {
    assert.equal(traced('nothing registered', () => 1), 1);
    assert.equal(await withSpan('nothing registered', undefined, async (span) => span.isRecording()), false);
  });

  it('follows an SDK registered (or replaced) after earlier calls', async () => {
    traced('before', () => undefined);
    const first = installInMemoryOtel();
    traced('first', () => undefined);
    assert.deepEqual(first.spans().map((span) => span.name), ['first']);
    await first.uninstall();
    const second = installInMemoryOtel();
    traced('second', () => undefined);
    assert.deepEqual(second.spans().map((span) => span.name), ['second']);
    await second.uninstall();
  });
});

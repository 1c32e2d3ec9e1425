import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, TraceFlags, type Link } from '@opentelemetry/api';
import { SkeinSpan } from './skein-span.js';
import { nowUnixMs } from './time.js';
import { makeTestProvider } from './test-support/test-provider.js';
import { captureDiag } from './test-support/diag-capture.js';

const OTHER_CONTEXT = { traceId: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', spanId: 'bbbbbbbbbbbbbbbb', traceFlags: TraceFlags.SAMPLED };

test('a new span records: readable fields, times, scope and resource', () => {
  const { startRecording, resource, processor } = makeTestProvider();
  const before = nowUnixMs();
  const span = startRecording('op');
  assert.ok(span.isRecording());
  assert.equal(span.name, 'op');
  assert.equal(span.kind, SpanKind.INTERNAL);
  assert.equal(span.parentSpanId, undefined);
  assert.ok(span.startTimeUnixMs >= before && span.startTimeUnixMs <= nowUnixMs());
  assert.equal(span.endTimeUnixMs, 0);
  assert.equal(span.resource, resource);
  assert.deepEqual({ ...span.scope }, { name: 'test-scope', version: '1.2.3', schemaUrl: undefined });
  assert.deepEqual(span.status, { code: SpanStatusCode.UNSET });
  assert.deepEqual(span.events, []);
  assert.deepEqual(span.links, []);
  assert.deepEqual(span.attributes, {});
  assert.equal(processor.started[0], span, 'onStart saw the span');
  assert.equal(processor.ended.length, 0);
});

test('setAttribute stores valid values; updates do not count twice', () => {
  const { startRecording } = makeTestProvider();
  const span = startRecording();
  assert.equal(span.setAttribute('s', 'v'), span, 'chainable');
  span.setAttribute('n', 1.5).setAttribute('b', false).setAttribute('arr', ['x', 'y']).setAttribute('s', 'v2');
  assert.deepEqual(span.attributes, { s: 'v2', n: 1.5, b: false, arr: ['x', 'y'] });
  assert.equal(span.droppedAttributesCount, 0);
});

test('invalid attribute keys and values are ignored with a diagnostic; null/undefined silently', async () => {
  const { startRecording } = makeTestProvider();
  const span = startRecording();
  const messages = await captureDiag(() => {
    span.setAttribute('', 'empty key');
    span.setAttribute('obj', { a: 1 } as never);
    span.setAttribute('mixed', ['a', 1] as never);
    span.setAttribute('nested', [['a']] as never);
    span.setAttribute('fn', (() => 1) as never);
    span.setAttribute(42 as never, 'numeric key');
    span.setAttribute('nothing', undefined);
    span.setAttribute('nothing2', null as never);
    span.setAttributes({ ok: 1, bad: { x: 1 } as never, nil: undefined, '': 'x' });
    span.setAttributes(null as never);
    span.setAttributes('str' as never);
  });
  assert.deepEqual(span.attributes, { ok: 1 });
  assert.equal(span.droppedAttributesCount, 0, 'invalid values are not "dropped by a limit"');
  assert.equal(messages.filter((m) => m.level === 'warn').length, 8);
});

test('arrays are copied, may hold null holes, and an inherited name like "toString" is a new key', () => {
  const { startRecording } = makeTestProvider();
  const span = startRecording();
  const values = [1, null, 3];
  span.setAttribute('values', values);
  values.push(4);
  span.setAttribute('toString', 'x');
  span.setAttribute('__proto__', 'y');
  assert.deepEqual(span.attributes.values, [1, null, 3]);
  assert.equal(span.attributes.toString, 'x');
  assert.equal(Object.getPrototypeOf(span.attributes), Object.prototype);
  assert.deepEqual(Object.keys(span.attributes), ['values', 'toString', '__proto__']);
});

test('attribute count limit: new keys beyond it are dropped and counted, existing keys still update', () => {
  const { startRecording } = makeTestProvider({ spanLimits: { attributeCountLimit: 2 } });
  const span = startRecording();
  span.setAttributes({ a: 1, b: 2, c: 3 });
  span.setAttribute('d', 4);
  span.setAttribute('a', 10);
  assert.deepEqual(span.attributes, { a: 10, b: 2 });
  assert.equal(span.droppedAttributesCount, 2);
});

test('value length limit truncates strings and strings inside arrays only', () => {
  const { startRecording } = makeTestProvider({ spanLimits: { attributeValueLengthLimit: 3 } });
  const span = startRecording();
  span.setAttributes({ s: 'abcdef', short: 'ab', arr: ['abcdef', 'x', null], n: 123456, b: true });
  span.addEvent('e', { s: 'abcdef' });
  span.addLink({ context: OTHER_CONTEXT, attributes: { s: 'abcdef' } });
  assert.deepEqual(span.attributes, { s: 'abc', short: 'ab', arr: ['abc', 'x', null], n: 123456, b: true });
  assert.deepEqual(span.events[0]?.attributes, { s: 'abc' });
  assert.deepEqual(span.links[0]?.attributes, { s: 'abc' });
});

test('a zero value length limit makes strings empty', () => {
  const { startRecording } = makeTestProvider({ spanLimits: { attributeValueLengthLimit: 0 } });
  const span = startRecording();
  span.setAttribute('s', 'abc');
  assert.equal(span.attributes.s, '');
});

test('start attributes, sampler attributes and start links go through the same rules', () => {
  const { tracer } = makeTestProvider({ spanLimits: { attributeCountLimit: 3, attributeValueLengthLimit: 4 } });
  const span = tracer.startSpan('op', {
    attributes: { a: 'abcdefgh', bad: {} as never, b: 2, c: 3, d: 4 },
    links: [{ context: OTHER_CONTEXT }],
  }) as SkeinSpan;
  assert.deepEqual(span.attributes, { a: 'abcd', b: 2, c: 3 });
  assert.equal(span.droppedAttributesCount, 1);
  assert.equal(span.links.length, 1);
});

test('addEvent: name, attributes, time forms and default time', () => {
  const { startRecording } = makeTestProvider();
  const span = startRecording();
  const before = nowUnixMs();
  span.addEvent('plain');
  span.addEvent('with attributes', { k: 'v', bad: {} as never });
  span.addEvent('epoch ms', 1_700_000_000_000);
  span.addEvent('date', new Date(1_700_000_000_500));
  span.addEvent('hrtime', [1_700_000_001, 500_000_000]);
  span.addEvent('attributes and time', { k: 1 }, 1_700_000_002_000);
  span.addEvent('time in second place wins', 1_700_000_003_000, 1_700_000_004_000);
  span.addEvent('relative', performance.now());
  span.addEvent(7 as never);
  span.addEvent({ toString: () => { throw new Error('hostile'); } } as never);
  const events = span.events;
  assert.equal(events.length, 10);
  assert.equal(events[8]!.name, '7');
  assert.equal(events[9]!.name, '');
  assert.ok(events[0]!.timeUnixMs >= before && events[0]!.timeUnixMs <= nowUnixMs());
  assert.deepEqual(events[0]!.attributes, {});
  assert.deepEqual(events[1]!.attributes, { k: 'v' });
  assert.equal(events[2]!.timeUnixMs, 1_700_000_000_000);
  assert.equal(events[3]!.timeUnixMs, 1_700_000_000_500);
  assert.equal(events[4]!.timeUnixMs, 1_700_000_001_500);
  assert.deepEqual(events[5], { name: 'attributes and time', timeUnixMs: 1_700_000_002_000, attributes: { k: 1 }, droppedAttributesCount: 0 });
  assert.equal(events[6]!.timeUnixMs, 1_700_000_004_000);
  assert.deepEqual(events[6]!.attributes, {});
  assert.ok(events[7]!.timeUnixMs > performance.timeOrigin);
});

test('event limits: the oldest event makes room; per-event attribute limit counts drops', () => {
  const { startRecording } = makeTestProvider({ spanLimits: { eventCountLimit: 2, attributePerEventCountLimit: 1 } });
  const span = startRecording();
  span.addEvent('e1').addEvent('e2').addEvent('e3', { a: 1, b: 2, c: 3 });
  assert.deepEqual(span.events.map((e) => e.name), ['e2', 'e3']);
  assert.equal(span.droppedEventsCount, 1);
  assert.deepEqual(span.events[1]!.attributes, { a: 1 });
  assert.equal(span.events[1]!.droppedAttributesCount, 2);
});

test('an event count limit of zero drops every event', () => {
  const { startRecording } = makeTestProvider({ spanLimits: { eventCountLimit: 0 } });
  const span = startRecording();
  span.addEvent('a').addEvent('b');
  span.recordException(new Error('x'));
  assert.equal(span.events.length, 0);
  assert.equal(span.droppedEventsCount, 3);
});

test('addLink/addLinks with limits; invalid links are ignored', async () => {
  const { startRecording } = makeTestProvider({ spanLimits: { linkCountLimit: 2, attributePerLinkCountLimit: 1 } });
  const span = startRecording();
  const messages = await captureDiag(() => {
    span.addLink({ context: OTHER_CONTEXT, attributes: { a: 1, b: 2 } });
    span.addLinks([{ context: { ...OTHER_CONTEXT, spanId: 'cccccccccccccccc' } }, { context: { ...OTHER_CONTEXT, spanId: 'dddddddddddddddd' } }]);
    span.addLink(null as never);
    span.addLink({} as never);
    span.addLinks('nope' as never);
  });
  assert.deepEqual(span.links.map((l) => l.context.spanId), ['cccccccccccccccc', 'dddddddddddddddd']);
  assert.equal(span.droppedLinksCount, 1);
  assert.equal(messages.filter((m) => m.level === 'warn').length, 2);

  const first = makeTestProvider({ spanLimits: { attributePerLinkCountLimit: 1 } }).startRecording();
  first.addLink({ context: OTHER_CONTEXT, attributes: { a: 1, b: 2 } });
  assert.deepEqual(first.links[0], { context: OTHER_CONTEXT, attributes: { a: 1 }, droppedAttributesCount: 1 } satisfies Link);
});

test('setStatus: UNSET ignored, ERROR keeps a string message, OK is final', async () => {
  const { startRecording } = makeTestProvider();
  const span = startRecording();
  span.setStatus({ code: SpanStatusCode.UNSET });
  assert.deepEqual(span.status, { code: SpanStatusCode.UNSET });
  span.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
  assert.deepEqual(span.status, { code: SpanStatusCode.ERROR, message: 'boom' });
  span.setStatus({ code: SpanStatusCode.UNSET });
  assert.deepEqual(span.status, { code: SpanStatusCode.ERROR, message: 'boom' }, 'UNSET does not clear an error');
  span.setStatus({ code: SpanStatusCode.OK, message: 'ignored for OK' });
  assert.deepEqual(span.status, { code: SpanStatusCode.OK });
  span.setStatus({ code: SpanStatusCode.ERROR, message: 'too late' });
  assert.deepEqual(span.status, { code: SpanStatusCode.OK }, 'OK is final');

  const other = startRecording();
  const messages = await captureDiag(() => {
    other.setStatus({ code: SpanStatusCode.ERROR, message: { not: 'a string' } as never });
    other.setStatus({ code: 7 as never });
    other.setStatus(null as never);
  });
  assert.deepEqual(other.status, { code: SpanStatusCode.ERROR });
  assert.equal(messages.length, 2);
});

test('updateName renames; a non-string name is ignored', async () => {
  const { startRecording } = makeTestProvider();
  const span = startRecording('first');
  span.updateName('second');
  await captureDiag(() => span.updateName(42 as never));
  assert.equal(span.name, 'second');
});

test('recordException: Error, coded error, string, object; nothing usable adds nothing', async () => {
  const { startRecording } = makeTestProvider();
  const span = startRecording();
  const error = new RangeError('out of range');
  span.recordException(error, 1_700_000_000_000);
  span.recordException(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
  span.recordException('just text');
  span.recordException({ name: 'Custom', message: 'custom message' });
  const messages = await captureDiag(() => {
    span.recordException({} as never);
    span.recordException(undefined as never);
  });
  assert.equal(messages.length, 2);
  assert.equal(span.events.length, 4);
  assert.ok(span.events.every((e) => e.name === 'exception'));
  assert.deepEqual(span.events[0], {
    name: 'exception',
    timeUnixMs: 1_700_000_000_000,
    attributes: { 'exception.type': 'RangeError', 'exception.message': 'out of range', 'exception.stacktrace': error.stack },
    droppedAttributesCount: 0,
  });
  assert.equal(span.events[1]!.attributes['exception.type'], 'ECONNREFUSED');
  assert.deepEqual(span.events[2]!.attributes, { 'exception.message': 'just text' });
  assert.deepEqual(span.events[3]!.attributes, { 'exception.type': 'Custom', 'exception.message': 'custom message' });
  assert.deepEqual(span.status, { code: SpanStatusCode.UNSET }, 'recording an exception does not set the status');
});

test('end: sets the end time, stops recording, calls onEnd once', () => {
  const { startRecording, processor } = makeTestProvider();
  const span = startRecording();
  const before = nowUnixMs();
  span.end();
  assert.ok(span.endTimeUnixMs >= before && span.endTimeUnixMs >= span.startTimeUnixMs);
  assert.ok(!span.isRecording());
  assert.deepEqual(processor.ended, [span]);
});

test('end with an explicit time, in every form', () => {
  const { tracer } = makeTestProvider();
  const start = 1_700_000_000_000;
  const forms = [1_700_000_000_250, new Date(1_700_000_000_250), [1_700_000_000, 250_000_000] as [number, number]];
  for (const endTime of forms) {
    const span = tracer.startSpan('t', { startTime: start }) as SkeinSpan;
    span.end(endTime);
    assert.equal(span.startTimeUnixMs, start);
    assert.equal(span.endTimeUnixMs, 1_700_000_000_250);
  }
});

test('an end time before the start is clamped to the start', async () => {
  const { tracer } = makeTestProvider();
  const span = tracer.startSpan('t', { startTime: 1_700_000_000_000 }) as SkeinSpan;
  const messages = await captureDiag(() => span.end(1_600_000_000_000));
  assert.equal(span.endTimeUnixMs, 1_700_000_000_000);
  assert.equal(messages.length, 1);
});

test('a second end is ignored with a warning; mutators after end are ignored (one warning per span)', async () => {
  const { startRecording, processor } = makeTestProvider();
  const span = startRecording('done');
  span.setAttribute('before', 1);
  span.end(nowUnixMs());
  const endTime = span.endTimeUnixMs;
  const messages = await captureDiag(() => {
    span.end();
    span.setAttribute('after', 1);
    span.setAttributes({ after2: 2 });
    span.addEvent('late');
    span.addLink({ context: OTHER_CONTEXT });
    span.addLinks([{ context: OTHER_CONTEXT }]);
    span.setStatus({ code: SpanStatusCode.ERROR });
    span.updateName('renamed');
    span.recordException(new Error('late'));
  });
  assert.equal(span.endTimeUnixMs, endTime);
  assert.equal(processor.ended.length, 1);
  assert.deepEqual(span.attributes, { before: 1 });
  assert.equal(span.events.length, 0);
  assert.equal(span.links.length, 0);
  assert.equal(span.name, 'done');
  assert.deepEqual(span.status, { code: SpanStatusCode.UNSET });
  assert.equal(messages.filter((m) => m.message.includes('ended twice')).length, 1);
  assert.equal(messages.filter((m) => m.message.includes('on ended span')).length, 1);
  assert.equal(messages.length, 2);
});

test('a throwing processor never breaks the application and does not stop the others', async () => {
  const { provider, processor, tracer } = makeTestProvider();
  provider.addSpanProcessor({
    onStart() {
      throw new Error('onStart boom');
    },
    onEnd() {
      throw new Error('onEnd boom');
    },
    forceFlush: async () => {},
    shutdown: async () => {},
  });
  const later = { ended: 0, onStart() {}, onEnd() { this.ended++; }, forceFlush: async () => {}, shutdown: async () => {} };
  provider.addSpanProcessor(later);
  const messages = await captureDiag(() => tracer.startSpan('x').end());
  assert.equal(processor.ended.length, 1);
  assert.equal(later.ended, 1);
  assert.equal(messages.filter((m) => m.level === 'error').length, 2);
});

test('spanContext returns the same object every time', () => {
  const { startRecording } = makeTestProvider();
  const span = startRecording();
  assert.equal(span.spanContext(), span.spanContext());
  assert.equal(span.spanContext().isRemote, false);
  assert.equal(span.spanContext().traceFlags, TraceFlags.SAMPLED);
});

test('a span can be constructed directly with a parent context for processors', () => {
  const { processor, resource } = makeTestProvider();
  const span = new SkeinSpan(
    { name: 'direct', version: undefined, schemaUrl: undefined },
    resource,
    { attributeCountLimit: 1, attributeValueLengthLimit: Infinity, eventCountLimit: 1, linkCountLimit: 1, attributePerEventCountLimit: 1, attributePerLinkCountLimit: 1 },
    [processor],
    { traceId: OTHER_CONTEXT.traceId, spanId: '1111111111111111', traceFlags: 1 },
    'bbbbbbbbbbbbbbbb',
    true,
    'direct',
    SpanKind.CLIENT,
    1_700_000_000_000,
    { a: 1, b: 2 },
    { fromSampler: true },
    undefined,
    ROOT_CONTEXT,
  );
  assert.deepEqual(span.attributes, { a: 1 });
  assert.equal(span.droppedAttributesCount, 2);
  assert.equal(processor.startContexts.at(-1), ROOT_CONTEXT);
  assert.equal(span.parentSpanId, 'bbbbbbbbbbbbbbbb');
  assert.equal(span.parentSpanIsRemote, true);
});

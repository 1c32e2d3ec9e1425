import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createContextKey, propagation, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import type { BaggageEntry, Context } from '@opentelemetry/api';
import { JaegerPropagator, parseUberTraceId } from './jaeger.js';
import { DEBUG_FLAG_KEY, isDebugRequested } from './sampling-hints.js';
import { suppressTracing } from '../export/suppress-tracing.js';
import { contextWith, extract, inject } from './test-support/carriers.js';

const propagator = new JaegerPropagator();
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

function baggageOf(context: Context): Record<string, string> | undefined {
  const baggage = propagation.getBaggage(context);
  return baggage === undefined ? undefined : Object.fromEntries(baggage.getAllEntries().map(([k, e]) => [k, e.value]));
}

const VALID_CASES: readonly { name: string; header: string; traceId: string; spanId: string; sampled: boolean; debug: boolean }[] = [
  { name: 'sampled', header: `${TRACE}:${SPAN}:0:1`, traceId: TRACE, spanId: SPAN, sampled: true, debug: false },
  { name: 'not sampled', header: `${TRACE}:${SPAN}:0:0`, traceId: TRACE, spanId: SPAN, sampled: false, debug: false },
  { name: 'two-digit flags', header: `${TRACE}:${SPAN}:0:01`, traceId: TRACE, spanId: SPAN, sampled: true, debug: false },
  { name: 'sampled + debug', header: `${TRACE}:${SPAN}:0:3`, traceId: TRACE, spanId: SPAN, sampled: true, debug: true },
  { name: 'debug alone implies sampled', header: `${TRACE}:${SPAN}:0:2`, traceId: TRACE, spanId: SPAN, sampled: true, debug: true },
  { name: 'other bits ignored', header: `${TRACE}:${SPAN}:0:08`, traceId: TRACE, spanId: SPAN, sampled: false, debug: false },
  { name: 'non-zero parent', header: `${TRACE}:${SPAN}:53995c3f42cd8ad8:1`, traceId: TRACE, spanId: SPAN, sampled: true, debug: false },
  { name: '64-bit trace id left-padded', header: `a3ce929d0e0e4736:${SPAN}:0:1`, traceId: '0000000000000000a3ce929d0e0e4736', spanId: SPAN, sampled: true, debug: false },
  { name: 'short ids left-padded', header: '1:2:0:1', traceId: '0'.repeat(31) + '1', spanId: '0'.repeat(15) + '2', sampled: true, debug: false },
  { name: 'URL-encoded separators', header: `${TRACE}%3A${SPAN}%3A0%3A1`, traceId: TRACE, spanId: SPAN, sampled: true, debug: false },
  { name: 'lowercase URL-encoded separators', header: `${TRACE}%3a${SPAN}%3a0%3a1`, traceId: TRACE, spanId: SPAN, sampled: true, debug: false },
  { name: 'uppercase hex lowercased', header: `${TRACE.toUpperCase()}:${SPAN.toUpperCase()}:0:1`, traceId: TRACE, spanId: SPAN, sampled: true, debug: false },
  { name: 'surrounding whitespace', header: ` ${TRACE}:${SPAN}:0:1 `, traceId: TRACE, spanId: SPAN, sampled: true, debug: false },
];

for (const { name, header, traceId, spanId, sampled, debug } of VALID_CASES) {
  test(`uber-trace-id valid: ${name}`, () => {
    const context = extract(propagator, { 'uber-trace-id': header });
    const spanContext = trace.getSpanContext(context);
    assert.deepEqual(
      { traceId: spanContext?.traceId, spanId: spanContext?.spanId, traceFlags: spanContext?.traceFlags, isRemote: spanContext?.isRemote },
      { traceId, spanId, traceFlags: sampled ? TraceFlags.SAMPLED : TraceFlags.NONE, isRemote: true },
    );
    assert.equal(isDebugRequested(context), debug);
  });
}

const INVALID_CASES: readonly [string, string][] = [
  ['all-zero trace id', `${'0'.repeat(32)}:${SPAN}:0:1`],
  ['all-zero span id', `${TRACE}:0000000000000000:0:1`],
  ['trace id of 33 chars', `a${TRACE}:${SPAN}:0:1`],
  ['span id of 17 chars', `${TRACE}:a${SPAN}:0:1`],
  ['empty trace id', `:${SPAN}:0:1`],
  ['empty span id', `${TRACE}::0:1`],
  ['empty parent', `${TRACE}:${SPAN}::1`],
  ['empty flags', `${TRACE}:${SPAN}:0:`],
  ['three fields', `${TRACE}:${SPAN}:1`],
  ['five fields', `${TRACE}:${SPAN}:0:1:0`],
  ['flags of three digits', `${TRACE}:${SPAN}:0:001`],
  ['non-hex flags', `${TRACE}:${SPAN}:0:x`],
  ['non-hex trace id', `${TRACE.slice(1)}g:${SPAN}:0:1`],
  ['non-hex parent', `${TRACE}:${SPAN}:zz:1`],
  ['other escape', `${TRACE}%20:${SPAN}:0:1`],
  ['malformed escape', `${TRACE}%3:${SPAN}:0:1`],
  ['empty', ''],
  ['oversize', `${TRACE}:${SPAN}:0:1`.repeat(1000)],
];

for (const [name, header] of INVALID_CASES) {
  test(`uber-trace-id invalid: ${name}`, () => {
    const context = ROOT_CONTEXT.setValue(createContextKey('x'), 1);
    assert.equal(extract(propagator, { 'uber-trace-id': header }, context), context);
    assert.equal(parseUberTraceId(header), undefined);
  });
}

test('baggage: uberctx-* headers, percent-decoded', () => {
  const context = extract(propagator, {
    'uber-trace-id': `${TRACE}:${SPAN}:0:1`,
    'uberctx-user': 'alice',
    'uberctx-greeting': 'hello%20world%E2%9C%93',
    'uberctx-': 'no key',
    'other-header': 'x',
  });
  assert.deepEqual(baggageOf(context), { user: 'alice', greeting: 'hello world\u2713' });
  assert.equal(trace.getSpanContext(context)?.traceId, TRACE);
});

test('baggage: a malformed percent-escape keeps the raw value', () => {
  const context = extract(propagator, {
    'uberctx-a': '100%',
    'uberctx-b': '%zz',
    'uberctx-c': '%E2%82',
    'uberctx-d': '%ok%41',
  });
  assert.deepEqual(baggageOf(context), { a: '100%', b: '%zz', c: '%E2%82', d: '%ok%41' });
});

test('baggage: header names matched case-insensitively, without a trace header too', () => {
  assert.deepEqual(baggageOf(extract(propagator, { 'Uberctx-Tenant': 'acme' })), { Tenant: 'acme' });
});

test('baggage is merged into the existing baggage', () => {
  const before = propagation.setBaggage(ROOT_CONTEXT, propagation.createBaggage({ kept: { value: '1' }, replaced: { value: 'old' } }));
  assert.deepEqual(baggageOf(extract(propagator, { 'uberctx-replaced': 'new', 'uberctx-added': '2' }, before)), {
    kept: '1',
    replaced: 'new',
    added: '2',
  });
});

test('baggage limits: at most 180 entries; oversize values skipped', () => {
  const headers: Record<string, string> = { 'uberctx-big': 'x'.repeat(5000) };
  for (let i = 0; i < 200; i++) headers[`uberctx-k${i}`] = String(i);
  const baggage = baggageOf(extract(propagator, headers))!;
  assert.equal(Object.keys(baggage).length, 180);
  assert.equal(baggage['big'], undefined);
});

test('baggage: "__proto__" is an ordinary key', () => {
  const baggage = propagation.getBaggage(extract(propagator, { 'uberctx-__proto__': 'x' }))!;
  assert.equal(baggage.getEntry('__proto__')?.value, 'x');
});

test('inject writes uber-trace-id with a 0 parent and two-digit flags', () => {
  assert.deepEqual(inject(propagator, contextWith({ traceId: TRACE, spanId: SPAN })), { 'uber-trace-id': `${TRACE}:${SPAN}:0:01` });
  assert.deepEqual(inject(propagator, contextWith({ traceId: TRACE, spanId: SPAN, traceFlags: 0 })), { 'uber-trace-id': `${TRACE}:${SPAN}:0:00` });
  assert.deepEqual(inject(propagator, contextWith({ traceId: TRACE, spanId: SPAN, traceFlags: 0 }).setValue(DEBUG_FLAG_KEY, 'd')), {
    'uber-trace-id': `${TRACE}:${SPAN}:0:03`,
  });
});

test('inject writes baggage as uberctx-* with URI-component encoding; keys that are no header name are skipped', () => {
  const entries: Record<string, BaggageEntry> = {
    user: { value: 'alice' },
    greeting: { value: "hello world\u2713 (a+b)/c!~*'" },
    'bad key': { value: 'x' },
    'bad\nkey': { value: 'x' },
  };
  const context = propagation.setBaggage(contextWith({ traceId: TRACE, spanId: SPAN }), propagation.createBaggage(entries));
  assert.deepEqual(inject(propagator, context), {
    'uber-trace-id': `${TRACE}:${SPAN}:0:01`,
    'uberctx-user': 'alice',
    'uberctx-greeting': encodeURIComponent("hello world\u2713 (a+b)/c!~*'"),
  });
});

test('inject writes nothing when tracing is suppressed', () => {
  const context = propagation.setBaggage(contextWith({ traceId: TRACE, spanId: SPAN }), propagation.createBaggage({ a: { value: '1' } }));
  assert.deepEqual(inject(propagator, suppressTracing(context)), {});
});

test('fields', () => {
  assert.deepEqual(propagator.fields(), ['uber-trace-id']);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createContextKey, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { W3CTraceContextPropagator, parseTraceParent } from './w3c-trace-context.js';
import { W3CTraceState } from './trace-state.js';
import { suppressTracing } from '../export/suppress-tracing.js';
import { contextWith, extract, headersFromPairs, inject, SAMPLE_SPAN_ID, SAMPLE_TRACE_ID } from './test-support/carriers.js';

const propagator = new W3CTraceContextPropagator();
const TRACE_ID = '12345678901234567890123456789012';
const VALID = '00-12345678901234567890123456789012-1234567890123456-01';
const UNSAMPLED = '00-12345678901234567890123456789012-1234567890123456-00';

type Pairs = readonly (readonly [string, string])[];

function extractPairs(pairs: Pairs) {
  return trace.getSpanContext(extract(propagator, headersFromPairs(pairs)));
}

/*
 * The cases of the W3C trace-context test suite (w3c/trace-context test/test.py), as data.
 * Each sends headers; "keeps" means the incoming trace id is continued, "restarts" that the
 * traceparent is ignored (our extract returns the context unchanged).
 */
const TRACEPARENT_CASES: readonly { name: string; pairs: Pairs; keeps: boolean }[] = [
  { name: 'traceparent included, tracestate missing', pairs: [['traceparent', VALID]], keeps: true },
  { name: 'traceparent duplicated', pairs: [['traceparent', '00-12345678901234567890123456789011-1234567890123456-01'], ['traceparent', VALID]], keeps: false },
  { name: 'header name trace-parent', pairs: [['trace-parent', VALID]], keeps: false },
  { name: 'header name trace.parent', pairs: [['trace.parent', VALID]], keeps: false },
  { name: 'header name TraceParent', pairs: [['TraceParent', VALID]], keeps: true },
  { name: 'header name TrAcEpArEnT', pairs: [['TrAcEpArEnT', VALID]], keeps: true },
  { name: 'header name TRACEPARENT', pairs: [['TRACEPARENT', VALID]], keeps: true },
  { name: 'version 00 with trailing .', pairs: [['traceparent', VALID + '.']], keeps: false },
  { name: 'version 00 with trailing fields', pairs: [['traceparent', VALID + '-what-the-future-will-be-like']], keeps: false },
  { name: 'version cc', pairs: [['traceparent', 'cc-12345678901234567890123456789012-1234567890123456-01']], keeps: true },
  { name: 'version cc with trailing fields', pairs: [['traceparent', 'cc-12345678901234567890123456789012-1234567890123456-01-what-the-future-will-be-like']], keeps: true },
  { name: 'version cc with trailing . fields', pairs: [['traceparent', 'cc-12345678901234567890123456789012-1234567890123456-01.what-the-future-will-be-like']], keeps: false },
  { name: 'version ff', pairs: [['traceparent', 'ff-12345678901234567890123456789012-1234567890123456-01']], keeps: false },
  { name: 'version illegal .0', pairs: [['traceparent', '.0-12345678901234567890123456789012-1234567890123456-01']], keeps: false },
  { name: 'version illegal 0.', pairs: [['traceparent', '0.-12345678901234567890123456789012-1234567890123456-01']], keeps: false },
  { name: 'version too long 000', pairs: [['traceparent', '000-12345678901234567890123456789012-1234567890123456-01']], keeps: false },
  { name: 'version too long 0000', pairs: [['traceparent', '0000-12345678901234567890123456789012-1234567890123456-01']], keeps: false },
  { name: 'version too short', pairs: [['traceparent', '0-12345678901234567890123456789012-1234567890123456-01']], keeps: false },
  { name: 'trace id all zero', pairs: [['traceparent', '00-00000000000000000000000000000000-1234567890123456-01']], keeps: false },
  { name: 'trace id illegal first char', pairs: [['traceparent', '00-.2345678901234567890123456789012-1234567890123456-01']], keeps: false },
  { name: 'trace id illegal last char', pairs: [['traceparent', '00-1234567890123456789012345678901.-1234567890123456-01']], keeps: false },
  { name: 'trace id too long', pairs: [['traceparent', '00-123456789012345678901234567890123-1234567890123456-01']], keeps: false },
  { name: 'trace id too short', pairs: [['traceparent', '00-1234567890123456789012345678901-1234567890123456-01']], keeps: false },
  { name: 'parent id all zero', pairs: [['traceparent', '00-12345678901234567890123456789012-0000000000000000-01']], keeps: false },
  { name: 'parent id illegal first char', pairs: [['traceparent', '00-12345678901234567890123456789012-.234567890123456-01']], keeps: false },
  { name: 'parent id illegal last char', pairs: [['traceparent', '00-12345678901234567890123456789012-123456789012345.-01']], keeps: false },
  { name: 'parent id too long', pairs: [['traceparent', '00-12345678901234567890123456789012-12345678901234567-01']], keeps: false },
  { name: 'parent id too short', pairs: [['traceparent', '00-12345678901234567890123456789012-123456789012345-01']], keeps: false },
  { name: 'flags illegal .0', pairs: [['traceparent', '00-12345678901234567890123456789012-1234567890123456-.0']], keeps: false },
  { name: 'flags illegal 0.', pairs: [['traceparent', '00-12345678901234567890123456789012-1234567890123456-0.']], keeps: false },
  { name: 'flags too long', pairs: [['traceparent', '00-12345678901234567890123456789012-1234567890123456-001']], keeps: false },
  { name: 'flags too short', pairs: [['traceparent', '00-12345678901234567890123456789012-1234567890123456-1']], keeps: false },
  { name: 'OWS: leading space', pairs: [['traceparent', ' ' + VALID]], keeps: true },
  { name: 'OWS: leading tab', pairs: [['traceparent', '\t' + VALID]], keeps: true },
  { name: 'OWS: trailing space', pairs: [['traceparent', VALID + ' ']], keeps: true },
  { name: 'OWS: trailing tab', pairs: [['traceparent', VALID + '\t']], keeps: true },
  { name: 'OWS: both sides', pairs: [['traceparent', '\t ' + VALID + ' \t']], keeps: true },
];

for (const { name, pairs, keeps } of TRACEPARENT_CASES) {
  test(`W3C suite traceparent: ${name}`, () => {
    const spanContext = extractPairs(pairs);
    if (keeps) {
      assert.equal(spanContext?.traceId, TRACE_ID);
      assert.equal(spanContext?.spanId, '1234567890123456');
      assert.equal(spanContext?.isRemote, true);
    } else {
      assert.equal(spanContext, undefined);
    }
  });
}

/** tracestate cases of the same suite; each is sent with a valid traceparent (flags 00). */
const z256 = 'z'.repeat(256);
const keyWithoutVendor = 'abcdefghijklmnopqrstuvwxyz0123456789_-*/';
const keyWithVendor = keyWithoutVendor + '@a-z0-9_-*/';
const allValueChars = [[0x20, 0x2b], [0x2d, 0x3c], [0x3e, 0x7e]]
  .map(([from, to]) => Array.from({ length: to! - from! + 1 }, (_, i) => String.fromCharCode(from! + i)).join(''))
  .join('');
const bars = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `bar${String(from + i).padStart(2, '0')}=${String(from + i).padStart(2, '0')}`).join(',');

const TRACESTATE_CASES: readonly { name: string; values: readonly string[]; pairsName?: string; expect: Record<string, string> | 'discarded' }[] = [
  { name: 'included with traceparent', values: ['foo=1,bar=2'], expect: { foo: '1', bar: '2' } },
  { name: 'header name trace-state', pairsName: 'trace-state', values: ['foo=1'], expect: 'discarded' },
  { name: 'header name trace.state', pairsName: 'trace.state', values: ['foo=1'], expect: 'discarded' },
  { name: 'header name TraceState', pairsName: 'TraceState', values: ['foo=1'], expect: { foo: '1' } },
  { name: 'header name TrAcEsTaTe', pairsName: 'TrAcEsTaTe', values: ['foo=1'], expect: { foo: '1' } },
  { name: 'header name TRACESTATE', pairsName: 'TRACESTATE', values: ['foo=1'], expect: { foo: '1' } },
  { name: 'empty header', values: [''], expect: 'discarded' },
  { name: 'value then empty header', values: ['foo=1', ''], expect: { foo: '1' } },
  { name: 'empty header then value', values: ['', 'foo=1'], expect: { foo: '1' } },
  { name: 'multiple headers, different keys', values: ['foo=1,bar=2', 'rojo=1,congo=2', 'baz=3'], expect: { foo: '1', bar: '2', rojo: '1', congo: '2', baz: '3' } },
  { name: 'duplicated keys in one header, same value', values: ['foo=1,foo=1'], expect: 'discarded' },
  { name: 'duplicated keys in one header, different values', values: ['foo=1,foo=2'], expect: 'discarded' },
  { name: 'duplicated keys across headers, same value', values: ['foo=1', 'foo=1'], expect: 'discarded' },
  { name: 'duplicated keys across headers, different values', values: ['foo=1', 'foo=2'], expect: 'discarded' },
  { name: 'all allowed characters, simple key', values: [keyWithoutVendor + '=' + allValueChars], expect: { [keyWithoutVendor]: allValueChars } },
  { name: 'all allowed characters, vendor key', values: [keyWithVendor + '=' + allValueChars], expect: { [keyWithVendor]: allValueChars } },
  { name: 'OWS around members', values: ['foo=1 \t , \t bar=2, \t baz=3'], expect: { foo: '1', bar: '2', baz: '3' } },
  { name: 'OWS tabs around members', values: ['foo=1\t \t,\t \tbar=2,\t \tbaz=3'], expect: { foo: '1', bar: '2', baz: '3' } },
  { name: 'OWS leading space', values: [' foo=1'], expect: { foo: '1' } },
  { name: 'OWS leading tab', values: ['\tfoo=1'], expect: { foo: '1' } },
  { name: 'OWS trailing space', values: ['foo=1 '], expect: { foo: '1' } },
  { name: 'OWS trailing tab', values: ['foo=1\t'], expect: { foo: '1' } },
  { name: 'OWS both sides', values: ['\t foo=1 \t'], expect: { foo: '1' } },
  { name: 'key with space', values: ['foo =1'], expect: 'discarded' },
  { name: 'uppercase key', values: ['FOO=1'], expect: 'discarded' },
  { name: 'key with .', values: ['foo.bar=1'], expect: 'discarded' },
  { name: 'vendor format foo@', values: ['foo@=1,bar=2'], expect: 'discarded' },
  { name: 'vendor format @foo', values: ['@foo=1,bar=2'], expect: 'discarded' },
  { name: 'vendor format foo@@bar', values: ['foo@@bar=1,bar=2'], expect: 'discarded' },
  { name: 'vendor format foo@bar@baz', values: ['foo@bar@baz=1,bar=2'], expect: 'discarded' },
  { name: '32 members', values: [bars(1, 10), bars(11, 20), bars(21, 30), bars(31, 32)], expect: Object.fromEntries(Array.from({ length: 32 }, (_, i) => [`bar${String(i + 1).padStart(2, '0')}`, String(i + 1).padStart(2, '0')])) },
  { name: '33 members', values: [bars(1, 10), bars(11, 20), bars(21, 30), bars(31, 33)], expect: 'discarded' },
  { name: 'key of 256 characters', values: ['foo=1', z256 + '=1'], expect: { foo: '1', [z256]: '1' } },
  { name: 'key of 257 characters', values: ['foo=1', z256 + 'z=1'], expect: 'discarded' },
  { name: 'tenant of 241 and system of 14 characters', values: ['foo=1', 't'.repeat(241) + '@' + 'v'.repeat(14) + '=1'], expect: { foo: '1', ['t'.repeat(241) + '@' + 'v'.repeat(14)]: '1' } },
  { name: 'tenant of 242 characters', values: ['foo=1', 't'.repeat(242) + '@v=1'], expect: 'discarded' },
  { name: 'system of 15 characters', values: ['foo=1', 't@' + 'v'.repeat(15) + '=1'], expect: 'discarded' },
  { name: 'value with =', values: ['foo=bar=baz'], expect: 'discarded' },
  { name: 'empty value', values: ['foo=,bar=3'], expect: 'discarded' },
];

for (const { name, values, pairsName, expect } of TRACESTATE_CASES) {
  test(`W3C suite tracestate: ${name}`, () => {
    const pairs: [string, string][] = [['traceparent', UNSAMPLED]];
    for (const value of values) pairs.push([pairsName ?? 'tracestate', value]);
    const spanContext = extractPairs(pairs);
    assert.equal(spanContext?.traceId, TRACE_ID, 'a bad tracestate must not affect the traceparent');
    if (expect === 'discarded') {
      assert.equal(spanContext?.traceState, undefined);
      return;
    }
    const traceState = spanContext?.traceState;
    assert.ok(traceState);
    for (const [key, value] of Object.entries(expect)) assert.equal(traceState.get(key), value, key);
    assert.equal((traceState as W3CTraceState).size, Object.keys(expect).length);
  });
}

test('W3C suite: multiple tracestate headers keep their order', () => {
  const spanContext = extractPairs([
    ['traceparent', UNSAMPLED],
    ['tracestate', 'foo=1,bar=2'],
    ['tracestate', 'rojo=1,congo=2'],
    ['tracestate', 'baz=3'],
  ]);
  assert.equal(spanContext?.traceState?.serialize(), 'foo=1,bar=2,rojo=1,congo=2,baz=3');
});

test('W3C suite: tracestate without traceparent is ignored', () => {
  assert.equal(extractPairs([['tracestate', 'foo=1']]), undefined);
  assert.equal(extractPairs([['tracestate', 'foo=1,bar=2']]), undefined);
});

test('extract reads the flags and marks the context remote', () => {
  const sampled = extractPairs([['traceparent', VALID]]);
  assert.deepEqual(
    { traceId: sampled?.traceId, spanId: sampled?.spanId, traceFlags: sampled?.traceFlags, isRemote: sampled?.isRemote },
    { traceId: TRACE_ID, spanId: '1234567890123456', traceFlags: TraceFlags.SAMPLED, isRemote: true },
  );
  assert.equal(extractPairs([['traceparent', UNSAMPLED]])?.traceFlags, TraceFlags.NONE);
  // Level 2's random flag (0x02) is kept as sent for version 00.
  assert.equal(extractPairs([['traceparent', '00-12345678901234567890123456789012-1234567890123456-03']])?.traceFlags, 3);
});

test('extract keeps only the sampled bit of a future version', () => {
  assert.equal(parseTraceParent('01-12345678901234567890123456789012-1234567890123456-ff')?.traceFlags, 1);
  assert.equal(parseTraceParent('01-12345678901234567890123456789012-1234567890123456-02-x')?.traceFlags, 0);
});

test('uppercase hex is invalid', () => {
  assert.equal(parseTraceParent('00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01'), undefined);
  assert.equal(parseTraceParent('00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01'), undefined);
  assert.equal(parseTraceParent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0A'), undefined);
  assert.equal(parseTraceParent('AA-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'), undefined);
});

test('oversize and non-string traceparent values are invalid without being scanned', () => {
  assert.equal(parseTraceParent('cc-12345678901234567890123456789012-1234567890123456-01-' + 'x'.repeat(1_000_000)), undefined);
  assert.equal(parseTraceParent(' '.repeat(1_000_000) + VALID), undefined);
  assert.equal(parseTraceParent(42 as unknown as string), undefined);
  assert.equal(extractPairs([['traceparent', '']]), undefined);
});

test('an invalid traceparent returns the very same context', () => {
  const context = ROOT_CONTEXT.setValue(createContextKey('x'), 1);
  assert.equal(extract(propagator, { traceparent: 'garbage' }, context), context);
  assert.equal(extract(propagator, {}, context), context);
});

test('inject writes traceparent and the tracestate', () => {
  const traceState = W3CTraceState.parse('congo=t61rcWkgMzE')!.set('rojo', '00f067aa0ba902b7');
  const headers = inject(propagator, contextWith({ traceId: SAMPLE_TRACE_ID, spanId: SAMPLE_SPAN_ID, traceState }));
  assert.deepEqual(headers, {
    traceparent: `00-${SAMPLE_TRACE_ID}-${SAMPLE_SPAN_ID}-01`,
    tracestate: 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE',
  });
});

test('inject writes only the known flags, lowercases ids, and omits an empty tracestate', () => {
  const headers = inject(
    propagator,
    contextWith({ traceId: SAMPLE_TRACE_ID.toUpperCase(), spanId: SAMPLE_SPAN_ID.toUpperCase(), traceFlags: 0xff, traceState: W3CTraceState.EMPTY }),
  );
  assert.deepEqual(headers, { traceparent: `00-${SAMPLE_TRACE_ID}-${SAMPLE_SPAN_ID}-03` });
  assert.equal(inject(propagator, contextWith({ traceId: SAMPLE_TRACE_ID, spanId: SAMPLE_SPAN_ID, traceFlags: 0 })).traceparent, `00-${SAMPLE_TRACE_ID}-${SAMPLE_SPAN_ID}-00`);
});

test('inject writes nothing for an invalid span context, no span, or suppressed tracing', () => {
  assert.deepEqual(inject(propagator, ROOT_CONTEXT), {});
  assert.deepEqual(inject(propagator, contextWith({ traceId: '0'.repeat(32), spanId: SAMPLE_SPAN_ID })), {});
  assert.deepEqual(inject(propagator, contextWith({ traceId: SAMPLE_TRACE_ID, spanId: 'xyz' })), {});
  assert.deepEqual(inject(propagator, suppressTracing(contextWith({ traceId: SAMPLE_TRACE_ID, spanId: SAMPLE_SPAN_ID }))), {});
});

test('inject survives a throwing setter and tracestate', () => {
  const throwingSetter = { set: () => { throw new Error('headers already sent'); } };
  const context = contextWith({ traceId: SAMPLE_TRACE_ID, spanId: SAMPLE_SPAN_ID });
  assert.doesNotThrow(() => propagator.inject(context, {}, throwingSetter));
  const badTraceState = { serialize: () => { throw new Error('boom'); }, get: () => undefined, set() { return this; }, unset() { return this; } };
  const headers: Record<string, string> = {};
  propagator.inject(contextWith({ traceId: SAMPLE_TRACE_ID, spanId: SAMPLE_SPAN_ID, traceState: badTraceState }), headers, { set: (c, k, v) => { c[k] = v; } });
  assert.equal(headers['traceparent'], `00-${SAMPLE_TRACE_ID}-${SAMPLE_SPAN_ID}-01`);
});

test('fields', () => {
  assert.deepEqual(propagator.fields(), ['traceparent', 'tracestate']);
});

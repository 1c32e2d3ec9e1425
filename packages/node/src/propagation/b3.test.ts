import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createContextKey, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import { B3Propagator } from './b3.js';
import { parseB3Single } from './b3-single-header.js';
import { DEBUG_FLAG_KEY, isDebugRequested, isSamplingDeferred, samplingDecisionOnly } from './sampling-hints.js';
import { suppressTracing } from '../export/suppress-tracing.js';
import { contextWith, extract, inject } from './test-support/carriers.js';
import type { Headers } from './test-support/carriers.js';

const single = new B3Propagator();
const multi = new B3Propagator({ injectEncoding: 'multi' });

const TRACE_128 = '80f198ee56343ba864fe8b2a57d3eff7';
const TRACE_64 = '64fe8b2a57d3eff7';
const SPAN = 'e457b5a2e4d86bd1';
const PARENT = '05e3ac9a4f6e3b90';

/** What an extract produced, as plain data. */
function summary(context: Context) {
  const spanContext = trace.getSpanContext(context);
  return {
    traceId: spanContext?.traceId,
    spanId: spanContext?.spanId,
    sampled: spanContext === undefined ? undefined : spanContext.traceFlags === TraceFlags.SAMPLED,
    remote: spanContext?.isRemote,
    debug: isDebugRequested(context),
    deferred: isSamplingDeferred(context),
    decisionOnly: samplingDecisionOnly(context),
  };
}

const none = { traceId: undefined, spanId: undefined, sampled: undefined, remote: undefined, debug: false, deferred: false, decisionOnly: undefined };
const ctx = (traceId: string, sampled: boolean, extra: Partial<typeof none> = {}) => ({
  ...none, traceId, spanId: SPAN, sampled, remote: true, ...extra,
});

// Cases after openzipkin/b3-propagation's README.
const SINGLE_CASES: readonly { name: string; b3: string; expect: ReturnType<typeof summary> }[] = [
  { name: 'README example with parent', b3: `${TRACE_128}-${SPAN}-1-${PARENT}`, expect: ctx(TRACE_128, true) },
  { name: 'accept', b3: `${TRACE_128}-${SPAN}-1`, expect: ctx(TRACE_128, true) },
  { name: 'deny', b3: `${TRACE_128}-${SPAN}-0`, expect: ctx(TRACE_128, false) },
  { name: 'debug implies accept', b3: `${TRACE_128}-${SPAN}-d`, expect: ctx(TRACE_128, true, { debug: true }) },
  { name: 'defer (no sampling field)', b3: `${TRACE_128}-${SPAN}`, expect: ctx(TRACE_128, false, { deferred: true }) },
  { name: '64-bit trace id is left-padded', b3: `${TRACE_64}-${SPAN}-1`, expect: ctx('0000000000000000' + TRACE_64, true) },
  { name: 'deny only', b3: '0', expect: { ...none, decisionOnly: false } },
  { name: 'accept only', b3: '1', expect: { ...none, decisionOnly: true } },
  { name: 'debug only', b3: 'd', expect: { ...none, decisionOnly: true, debug: true } },
  { name: 'surrounding whitespace', b3: ` ${TRACE_128}-${SPAN}-1 `, expect: ctx(TRACE_128, true) },
  { name: 'uppercase trace id', b3: `${TRACE_128.toUpperCase()}-${SPAN}-1`, expect: none },
  { name: 'uppercase span id', b3: `${TRACE_128}-${SPAN.toUpperCase()}-1`, expect: none },
  { name: 'all-zero trace id', b3: `${'0'.repeat(32)}-${SPAN}-1`, expect: none },
  { name: 'all-zero 64-bit trace id', b3: `${'0'.repeat(16)}-${SPAN}-1`, expect: none },
  { name: 'all-zero span id', b3: `${TRACE_128}-${'0'.repeat(16)}-1`, expect: none },
  { name: 'trace id of 20 chars', b3: `${'a'.repeat(20)}-${SPAN}-1`, expect: none },
  { name: 'span id too short', b3: `${TRACE_128}-${SPAN.slice(1)}-1`, expect: none },
  { name: 'span id too long', b3: `${TRACE_128}-${SPAN}a-1`, expect: none },
  { name: 'sampling state 2', b3: `${TRACE_128}-${SPAN}-2`, expect: none },
  { name: 'sampling state true', b3: `${TRACE_128}-${SPAN}-true`, expect: none },
  { name: 'empty sampling state', b3: `${TRACE_128}-${SPAN}-`, expect: none },
  { name: 'parent without sampling state', b3: `${TRACE_128}-${SPAN}-${PARENT}`, expect: none },
  { name: 'parent too short', b3: `${TRACE_128}-${SPAN}-1-${PARENT.slice(1)}`, expect: none },
  { name: 'trailing field', b3: `${TRACE_128}-${SPAN}-1-${PARENT}-x`, expect: none },
  { name: 'trace id only', b3: TRACE_128, expect: none },
  { name: 'single invalid character', b3: 'x', expect: none },
  { name: 'empty', b3: '', expect: none },
  { name: 'oversize', b3: `${TRACE_128}-${SPAN}-1-${PARENT}`.repeat(10_000), expect: none },
];

for (const { name, b3, expect } of SINGLE_CASES) {
  test(`b3 single: ${name}`, () => {
    assert.deepEqual(summary(extract(single, { b3 })), expect);
  });
}

const MULTI_CASES: readonly { name: string; headers: Headers; expect: ReturnType<typeof summary> }[] = [
  { name: 'README example', headers: { 'x-b3-traceid': TRACE_128, 'x-b3-parentspanid': PARENT, 'x-b3-spanid': SPAN, 'x-b3-sampled': '1' }, expect: ctx(TRACE_128, true) },
  { name: 'deny', headers: { 'x-b3-traceid': TRACE_128, 'x-b3-spanid': SPAN, 'x-b3-sampled': '0' }, expect: ctx(TRACE_128, false) },
  { name: 'legacy true', headers: { 'x-b3-traceid': TRACE_128, 'x-b3-spanid': SPAN, 'x-b3-sampled': 'true' }, expect: ctx(TRACE_128, true) },
  { name: 'legacy false', headers: { 'x-b3-traceid': TRACE_128, 'x-b3-spanid': SPAN, 'x-b3-sampled': 'false' }, expect: ctx(TRACE_128, false) },
  { name: 'legacy True', headers: { 'x-b3-traceid': TRACE_128, 'x-b3-spanid': SPAN, 'x-b3-sampled': 'True' }, expect: ctx(TRACE_128, true) },
  { name: 'defer (absent sampled)', headers: { 'x-b3-traceid': TRACE_128, 'x-b3-spanid': SPAN }, expect: ctx(TRACE_128, false, { deferred: true }) },
  { name: 'debug flag', headers: { 'x-b3-traceid': TRACE_128, 'x-b3-spanid': SPAN, 'x-b3-flags': '1' }, expect: ctx(TRACE_128, true, { debug: true }) },
  { name: 'debug flag overrides deny', headers: { 'x-b3-traceid': TRACE_128, 'x-b3-spanid': SPAN, 'x-b3-flags': '1', 'x-b3-sampled': '0' }, expect: ctx(TRACE_128, true, { debug: true }) },
  { name: 'flags other than 1 ignored', headers: { 'x-b3-traceid': TRACE_128, 'x-b3-spanid': SPAN, 'x-b3-flags': '0', 'x-b3-sampled': '1' }, expect: ctx(TRACE_128, true) },
  { name: '64-bit trace id', headers: { 'x-b3-traceid': TRACE_64, 'x-b3-spanid': SPAN, 'x-b3-sampled': '1' }, expect: ctx('0000000000000000' + TRACE_64, true) },
  { name: 'first value wins', headers: { 'x-b3-traceid': [TRACE_128, TRACE_64], 'x-b3-spanid': [SPAN, PARENT], 'x-b3-sampled': ['1', '0'] }, expect: ctx(TRACE_128, true) },
  { name: 'sampled only', headers: { 'x-b3-sampled': '0' }, expect: { ...none, decisionOnly: false } },
  { name: 'debug only', headers: { 'x-b3-flags': '1' }, expect: { ...none, decisionOnly: true, debug: true } },
  { name: 'invalid sampled value', headers: { 'x-b3-traceid': TRACE_128, 'x-b3-spanid': SPAN, 'x-b3-sampled': 'yes' }, expect: none },
  { name: 'trace id without span id', headers: { 'x-b3-traceid': TRACE_128, 'x-b3-sampled': '1' }, expect: none },
  { name: 'span id without trace id', headers: { 'x-b3-spanid': SPAN, 'x-b3-sampled': '1' }, expect: { ...none, decisionOnly: true } },
  { name: 'uppercase ids', headers: { 'x-b3-traceid': TRACE_128.toUpperCase(), 'x-b3-spanid': SPAN, 'x-b3-sampled': '1' }, expect: none },
  { name: 'trace id of 20 chars', headers: { 'x-b3-traceid': 'a'.repeat(20), 'x-b3-spanid': SPAN }, expect: none },
  { name: 'all-zero span id', headers: { 'x-b3-traceid': TRACE_128, 'x-b3-spanid': '0'.repeat(16) }, expect: none },
  { name: 'nothing', headers: {}, expect: none },
];

for (const { name, headers, expect } of MULTI_CASES) {
  test(`b3 multi: ${name}`, () => {
    assert.deepEqual(summary(extract(single, headers)), expect);
  });
}

test('the single header takes precedence; an invalid one falls back to the multi headers', () => {
  const multiHeaders = { 'x-b3-traceid': TRACE_64, 'x-b3-spanid': PARENT, 'x-b3-sampled': '0' };
  assert.deepEqual(summary(extract(single, { b3: `${TRACE_128}-${SPAN}-1`, ...multiHeaders })), ctx(TRACE_128, true));
  assert.equal(trace.getSpanContext(extract(single, { b3: 'garbage', ...multiHeaders }))?.spanId, PARENT);
});

test('invalid headers return the very same context', () => {
  const context = ROOT_CONTEXT.setValue(createContextKey('x'), 1);
  assert.equal(extract(single, { b3: 'garbage' }, context), context);
  assert.equal(extract(single, { 'x-b3-traceid': 'zz', 'x-b3-spanid': SPAN }, context), context);
  assert.equal(extract(single, {}, context), context);
});

test('a new B3 context replaces hints an earlier extract left', () => {
  const debugged = extract(single, { b3: `${TRACE_128}-${SPAN}-d` });
  assert.deepEqual(summary(extract(single, { b3: `${TRACE_128}-${SPAN}` }, debugged)), ctx(TRACE_128, false, { deferred: true }));
});

test('inject single: sampling is always written, debug as d', () => {
  const sampled = contextWith({ traceId: TRACE_128, spanId: SPAN });
  assert.deepEqual(inject(single, sampled), { b3: `${TRACE_128}-${SPAN}-1` });
  assert.deepEqual(inject(single, contextWith({ traceId: TRACE_128, spanId: SPAN, traceFlags: 0 })), { b3: `${TRACE_128}-${SPAN}-0` });
  assert.deepEqual(inject(single, sampled.setValue(DEBUG_FLAG_KEY, '1')), { b3: `${TRACE_128}-${SPAN}-d` });
});

test('inject multi: X-B3-Sampled, or X-B3-Flags alone for debug', () => {
  const sampled = contextWith({ traceId: TRACE_128, spanId: SPAN });
  assert.deepEqual(inject(multi, sampled), { 'x-b3-traceid': TRACE_128, 'x-b3-spanid': SPAN, 'x-b3-sampled': '1' });
  assert.deepEqual(inject(multi, contextWith({ traceId: TRACE_128, spanId: SPAN, traceFlags: 0 }))['x-b3-sampled'], '0');
  assert.deepEqual(inject(multi, sampled.setValue(DEBUG_FLAG_KEY, 'd')), { 'x-b3-traceid': TRACE_128, 'x-b3-spanid': SPAN, 'x-b3-flags': '1' });
});

test('inject writes nothing without a valid span context or with tracing suppressed', () => {
  assert.deepEqual(inject(single, ROOT_CONTEXT), {});
  assert.deepEqual(inject(multi, contextWith({ traceId: 'nothex', spanId: SPAN })), {});
  assert.deepEqual(inject(multi, suppressTracing(contextWith({ traceId: TRACE_128, spanId: SPAN }))), {});
});

test('fields follow the inject encoding', () => {
  assert.deepEqual(single.fields(), ['b3']);
  assert.deepEqual(multi.fields(), ['x-b3-traceid', 'x-b3-spanid', 'x-b3-flags', 'x-b3-sampled', 'x-b3-parentspanid']);
});

test('parseB3Single returns what the header says', () => {
  assert.deepEqual(parseB3Single(`${TRACE_64}-${SPAN}-d-${PARENT}`), { kind: 'context', traceId: '0000000000000000' + TRACE_64, spanId: SPAN, sampling: 'debug' });
  assert.deepEqual(parseB3Single('0'), { kind: 'decision', sampling: 'deny' });
});

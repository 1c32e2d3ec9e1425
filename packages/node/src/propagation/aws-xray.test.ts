import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createContextKey, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { AwsXRayPropagator, parseXRayHeader } from './aws-xray.js';
import { isSamplingDeferred } from './sampling-hints.js';
import { W3CTraceState } from './trace-state.js';
import { suppressTracing } from '../export/suppress-tracing.js';
import { contextWith, extract, inject } from './test-support/carriers.js';

const propagator = new AwsXRayPropagator();
const ROOT = '1-5759e988-bd862e3fe1be46a994272793';
const TRACE = '5759e988bd862e3fe1be46a994272793';
const PARENT = '53995c3f42cd8ad8';

const VALID_CASES: readonly { name: string; header: string; sampled: boolean; deferred: boolean }[] = [
  { name: 'sampled', header: `Root=${ROOT};Parent=${PARENT};Sampled=1`, sampled: true, deferred: false },
  { name: 'not sampled', header: `Root=${ROOT};Parent=${PARENT};Sampled=0`, sampled: false, deferred: false },
  { name: 'Sampled=? is a deferred decision: not sampled', header: `Root=${ROOT};Parent=${PARENT};Sampled=?`, sampled: false, deferred: true },
  { name: 'Sampled missing: deferred', header: `Root=${ROOT};Parent=${PARENT}`, sampled: false, deferred: true },
  { name: 'fields in another order', header: `Sampled=1;Parent=${PARENT};Root=${ROOT}`, sampled: true, deferred: false },
  { name: 'Self and unknown fields ignored', header: `Self=1-67891234-12456789abcdef012345678;Root=${ROOT};Parent=${PARENT};Sampled=1;Lineage=a87bd80c:1|68fd508a:5;Foo=bar`, sampled: true, deferred: false },
  { name: 'whitespace around fields', header: ` Root=${ROOT} ; Parent=${PARENT} ;\tSampled=1 `, sampled: true, deferred: false },
  { name: 'trailing separator', header: `Root=${ROOT};Parent=${PARENT};Sampled=1;`, sampled: true, deferred: false },
  { name: 'uppercase hex lowercased', header: `Root=${ROOT.toUpperCase()};Parent=${PARENT.toUpperCase()};Sampled=1`, sampled: true, deferred: false },
  { name: 'first occurrence wins', header: `Root=${ROOT};Parent=${PARENT};Sampled=1;Root=1-00000000-000000000000000000000001;Sampled=0`, sampled: true, deferred: false },
];

for (const { name, header, sampled, deferred } of VALID_CASES) {
  test(`X-Amzn-Trace-Id valid: ${name}`, () => {
    const context = extract(propagator, { 'x-amzn-trace-id': header });
    const spanContext = trace.getSpanContext(context);
    assert.deepEqual(
      { traceId: spanContext?.traceId, spanId: spanContext?.spanId, traceFlags: spanContext?.traceFlags, isRemote: spanContext?.isRemote },
      { traceId: TRACE, spanId: PARENT, traceFlags: sampled ? TraceFlags.SAMPLED : TraceFlags.NONE, isRemote: true },
    );
    assert.equal(isSamplingDeferred(context), deferred);
  });
}

const INVALID_CASES: readonly [string, string][] = [
  ['version 2', `Root=2-5759e988-bd862e3fe1be46a994272793;Parent=${PARENT};Sampled=1`],
  ['root too short', `Root=1-5759e988-bd862e3fe1be46a99427279;Parent=${PARENT};Sampled=1`],
  ['root too long', `Root=1-5759e988-bd862e3fe1be46a9942727930;Parent=${PARENT};Sampled=1`],
  ['root delimiters moved', `Root=1-5759e98-8bd862e3fe1be46a994272793;Parent=${PARENT};Sampled=1`],
  ['root not hex', `Root=1-5759e98g-bd862e3fe1be46a994272793;Parent=${PARENT};Sampled=1`],
  ['root all zero', `Root=1-00000000-000000000000000000000000;Parent=${PARENT};Sampled=1`],
  ['parent missing (load balancer)', `Root=${ROOT}`],
  ['root missing', `Parent=${PARENT};Sampled=1`],
  ['parent too short', `Root=${ROOT};Parent=53995c3f42cd8ad;Sampled=1`],
  ['parent not hex', `Root=${ROOT};Parent=53995c3f42cd8adz;Sampled=1`],
  ['parent all zero', `Root=${ROOT};Parent=0000000000000000;Sampled=1`],
  ['Sampled=2', `Root=${ROOT};Parent=${PARENT};Sampled=2`],
  ['Sampled=true', `Root=${ROOT};Parent=${PARENT};Sampled=true`],
  ['lowercase field names', `root=${ROOT};parent=${PARENT};sampled=1`],
  ['empty', ''],
  ['oversize', `Root=${ROOT};Parent=${PARENT};Sampled=1;` + 'x'.repeat(10_000)],
];

for (const [name, header] of INVALID_CASES) {
  test(`X-Amzn-Trace-Id invalid: ${name}`, () => {
    const context = ROOT_CONTEXT.setValue(createContextKey('x'), 1);
    assert.equal(extract(propagator, { 'x-amzn-trace-id': header }, context), context);
    assert.equal(parseXRayHeader(header), undefined);
  });
}

test('the canonical header spelling is read when a carrier keeps case (Lambda events)', () => {
  const spanContext = trace.getSpanContext(extract(propagator, { 'X-Amzn-Trace-Id': `Root=${ROOT};Parent=${PARENT};Sampled=1` }));
  assert.equal(spanContext?.traceId, TRACE);
});

test('a tracestate extracted earlier for the same trace is kept, not for another trace', () => {
  const traceState = W3CTraceState.parse('vendor=1')!;
  const same = contextWith({ traceId: TRACE, spanId: 'aaaaaaaaaaaaaaaa', traceState });
  const header = { 'x-amzn-trace-id': `Root=${ROOT};Parent=${PARENT};Sampled=1` };
  assert.equal(trace.getSpanContext(extract(propagator, header, same))?.traceState, traceState);
  const other = contextWith({ traceId: 'a'.repeat(32), spanId: 'aaaaaaaaaaaaaaaa', traceState });
  assert.equal(trace.getSpanContext(extract(propagator, header, other))?.traceState, undefined);
});

test('inject maps the trace id to the X-Ray Root', () => {
  assert.deepEqual(inject(propagator, contextWith({ traceId: TRACE, spanId: PARENT })), {
    'x-amzn-trace-id': `Root=${ROOT};Parent=${PARENT};Sampled=1`,
  });
  assert.deepEqual(inject(propagator, contextWith({ traceId: TRACE, spanId: PARENT, traceFlags: 0 })), {
    'x-amzn-trace-id': `Root=${ROOT};Parent=${PARENT};Sampled=0`,
  });
});

test('inject writes nothing without a valid span context or with tracing suppressed', () => {
  assert.deepEqual(inject(propagator, ROOT_CONTEXT), {});
  assert.deepEqual(inject(propagator, suppressTracing(contextWith({ traceId: TRACE, spanId: PARENT }))), {});
});

test('fields', () => {
  assert.deepEqual(propagator.fields(), ['x-amzn-trace-id']);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { captureDiag } from '../export/test-support/capture-diag.js';
import { AwsXRayPropagator } from './aws-xray.js';
import { B3Propagator } from './b3.js';
import { CompositePropagator } from './composite.js';
import { JaegerPropagator } from './jaeger.js';
import { propagatorFromNames } from './propagator-from-names.js';
import { W3CTraceContextPropagator } from './w3c-trace-context.js';
import { contextWith, extract, inject } from './test-support/carriers.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

test('the default pair: tracecontext and baggage', () => {
  const propagator = propagatorFromNames(['tracecontext', 'baggage']);
  assert.ok(propagator instanceof CompositePropagator);
  assert.deepEqual(propagator.fields(), ['traceparent', 'tracestate', 'baggage']);
  const context = extract(propagator, { traceparent: `00-${TRACE}-${SPAN}-01`, baggage: 'k=v' });
  assert.equal(trace.getSpanContext(context)?.traceId, TRACE);
  assert.equal(propagation.getBaggage(context)?.getEntry('k')?.value, 'v');
});

test('each name gives its propagator; one name gives it directly', () => {
  assert.ok(propagatorFromNames(['tracecontext']) instanceof W3CTraceContextPropagator);
  assert.ok(propagatorFromNames(['jaeger']) instanceof JaegerPropagator);
  assert.ok(propagatorFromNames(['xray']) instanceof AwsXRayPropagator);
  const b3 = propagatorFromNames(['b3']);
  const b3multi = propagatorFromNames(['b3multi']);
  assert.ok(b3 instanceof B3Propagator && b3multi instanceof B3Propagator);
  const context = contextWith({ traceId: TRACE, spanId: SPAN });
  assert.deepEqual(inject(b3, context), { b3: `${TRACE}-${SPAN}-1` });
  assert.deepEqual(inject(b3multi, context), { 'x-b3-traceid': TRACE, 'x-b3-spanid': SPAN, 'x-b3-sampled': '1' });
});

test('order is kept: every named format is injected', () => {
  const propagator = propagatorFromNames(['xray', 'b3multi', 'jaeger', 'tracecontext']);
  assert.deepEqual(Object.keys(inject(propagator, contextWith({ traceId: TRACE, spanId: SPAN }))), [
    'x-amzn-trace-id',
    'x-b3-traceid',
    'x-b3-spanid',
    'x-b3-sampled',
    'uber-trace-id',
    'traceparent',
  ]);
});

test('duplicates count once; names are trimmed and case-insensitive', () => {
  const warnings = captureDiag(() => {
    const propagator = propagatorFromNames(['b3', ' B3 ', 'b3']);
    assert.ok(propagator instanceof B3Propagator);
  });
  assert.deepEqual(warnings, []);
});

test('unknown names are reported and skipped', () => {
  let fields: string[] = [];
  const warnings = captureDiag(() => {
    fields = propagatorFromNames(['tracecontext', 'ottrace', 'baggage']).fields();
  });
  assert.deepEqual(fields, ['traceparent', 'tracestate', 'baggage']);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /Unknown propagator "ottrace"/);
});

test('none turns propagation off, even next to other names (reported)', () => {
  const alone = propagatorFromNames(['none']);
  assert.deepEqual(alone.fields(), []);
  assert.deepEqual(inject(alone, contextWith({ traceId: TRACE, spanId: SPAN })), {});
  const warnings = captureDiag(() => {
    const mixed = propagatorFromNames(['tracecontext', 'none']);
    assert.equal(extract(mixed, { traceparent: `00-${TRACE}-${SPAN}-01` }), ROOT_CONTEXT);
  });
  assert.match(warnings[0]!, /"none" with other names/);
});

test('no names, empty names and non-strings give a propagator that does nothing', () => {
  const propagator = propagatorFromNames(['', '  ', 42 as unknown as string]);
  assert.deepEqual(propagator.fields(), []);
  assert.deepEqual(propagatorFromNames([]).fields(), []);
});

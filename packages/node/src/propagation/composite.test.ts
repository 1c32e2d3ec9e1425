import { test } from 'node:test';
import assert from 'node:assert/strict';
import { propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import type { Context, TextMapPropagator } from '@opentelemetry/api';
import { captureDiag } from '../export/test-support/capture-diag.js';
import { B3Propagator } from './b3.js';
import { CompositePropagator } from './composite.js';
import { W3CBaggagePropagator } from './w3c-baggage.js';
import { W3CTraceContextPropagator } from './w3c-trace-context.js';
import { contextWith, extract, inject } from './test-support/carriers.js';

const W3C_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const B3_TRACE = '80f198ee56343ba864fe8b2a57d3eff7';
const SPAN = '00f067aa0ba902b7';

class ThrowingPropagator implements TextMapPropagator {
  inject(): void {
    throw new Error('inject boom');
  }
  extract(): Context {
    throw new Error('extract boom');
  }
  fields(): string[] {
    throw new Error('fields boom');
  }
}

/** Writes and reads one fixed header, to see the order propagators run in. */
class FixedHeaderPropagator implements TextMapPropagator {
  constructor(private readonly value: string) {}
  inject(_context: Context, carrier: Record<string, string>): void {
    carrier['shared'] = this.value;
  }
  extract(context: Context): Context {
    return context;
  }
  fields(): string[] {
    return ['shared'];
  }
}

test('inject runs every propagator; a later one wins on the same key', () => {
  const composite = new CompositePropagator([
    new W3CTraceContextPropagator(),
    new FixedHeaderPropagator('first'),
    new B3Propagator(),
    new FixedHeaderPropagator('second'),
  ]);
  const headers = inject(composite, contextWith({ traceId: W3C_TRACE, spanId: SPAN }));
  assert.deepEqual(headers, { traceparent: `00-${W3C_TRACE}-${SPAN}-01`, b3: `${W3C_TRACE}-${SPAN}-1`, shared: 'second' });
});

test('extract runs in order; a later propagator overrides the span context', () => {
  const headers = { traceparent: `00-${W3C_TRACE}-${SPAN}-01`, b3: `${B3_TRACE}-${SPAN}-1`, baggage: 'k=v' };
  const w3cThenB3 = new CompositePropagator([new W3CTraceContextPropagator(), new B3Propagator(), new W3CBaggagePropagator()]);
  const b3ThenW3c = new CompositePropagator([new B3Propagator(), new W3CTraceContextPropagator()]);
  const context = extract(w3cThenB3, headers);
  assert.equal(trace.getSpanContext(context)?.traceId, B3_TRACE);
  assert.equal(propagation.getBaggage(context)?.getEntry('k')?.value, 'v');
  assert.equal(trace.getSpanContext(extract(b3ThenW3c, headers))?.traceId, W3C_TRACE);
  // An invalid header in a later propagator keeps what an earlier one found.
  assert.equal(trace.getSpanContext(extract(w3cThenB3, { ...headers, b3: 'garbage' }))?.traceId, W3C_TRACE);
});

test('a throwing propagator is reported and skipped; the others still run', () => {
  let composite!: CompositePropagator;
  const constructionWarnings = captureDiag(() => {
    composite = new CompositePropagator([new ThrowingPropagator(), new W3CTraceContextPropagator()]);
  });
  assert.equal(constructionWarnings.length, 1);
  assert.match(constructionWarnings[0]!, /fields\(\) of ThrowingPropagator failed/);
  assert.deepEqual(composite.fields(), ['traceparent', 'tracestate']);

  let headers = {};
  const injectWarnings = captureDiag(() => {
    headers = inject(composite, contextWith({ traceId: W3C_TRACE, spanId: SPAN }));
  });
  assert.deepEqual(headers, { traceparent: `00-${W3C_TRACE}-${SPAN}-01` });
  assert.match(injectWarnings[0]!, /inject with ThrowingPropagator failed.*inject boom/);

  let context = ROOT_CONTEXT;
  const extractWarnings = captureDiag(() => {
    context = extract(composite, { traceparent: `00-${W3C_TRACE}-${SPAN}-01` });
  });
  assert.equal(trace.getSpanContext(context)?.traceId, W3C_TRACE);
  assert.match(extractWarnings[0]!, /extract with ThrowingPropagator failed.*extract boom/);
});

test('fields is the union, first occurrence order, and a copy', () => {
  const composite = new CompositePropagator([
    new W3CTraceContextPropagator(),
    new W3CBaggagePropagator(),
    new W3CTraceContextPropagator(),
    new B3Propagator({ injectEncoding: 'multi' }),
  ]);
  const fields = composite.fields();
  assert.deepEqual(fields, ['traceparent', 'tracestate', 'baggage', 'x-b3-traceid', 'x-b3-spanid', 'x-b3-flags', 'x-b3-sampled', 'x-b3-parentspanid']);
  fields.push('mutated');
  assert.equal(composite.fields().includes('mutated'), false);
});

test('an empty composite does nothing', () => {
  const composite = new CompositePropagator();
  assert.deepEqual(inject(composite, contextWith({ traceId: W3C_TRACE, spanId: SPAN })), {});
  assert.equal(extract(composite, { traceparent: `00-${W3C_TRACE}-${SPAN}-01` }), ROOT_CONTEXT);
  assert.deepEqual(composite.fields(), []);
});

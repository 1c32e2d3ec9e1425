import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { baggageEntryMetadataFromString, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import type { Context, TextMapPropagator } from '@opentelemetry/api';
import { AwsXRayPropagator } from './aws-xray.js';
import { B3Propagator } from './b3.js';
import { JaegerPropagator } from './jaeger.js';
import { DEBUG_FLAG_KEY, isDebugRequested } from './sampling-hints.js';
import { W3CTraceState } from './trace-state.js';
import { W3CBaggagePropagator } from './w3c-baggage.js';
import { W3CTraceContextPropagator } from './w3c-trace-context.js';
import { contextWith, extract, inject } from './test-support/carriers.js';
import {
  baggageEntriesArb,
  headerTokenArb,
  paddedTraceId64Arb,
  spanIdArb,
  textArb,
  toBaggageRecord,
  traceIdArb,
  traceStateKeyArb,
  traceStateValueArb,
} from './test-support/arbitraries.js';

/** inject into fresh headers, then extract from them. */
function roundTrip(propagator: TextMapPropagator, context: Context): Context {
  return extract(propagator, inject(propagator, context));
}

function baggageOf(context: Context): [string, string, string | undefined][] {
  return (propagation.getBaggage(context)?.getAllEntries() ?? []).map(([k, e]) => [k, e.value, e.metadata?.toString()]);
}

test('W3C trace context: ids, known flags and tracestate survive a round trip', () => {
  const propagator = new W3CTraceContextPropagator();
  fc.assert(
    fc.property(
      traceIdArb,
      spanIdArb,
      fc.integer({ min: 0, max: 255 }),
      fc.uniqueArray(fc.tuple(traceStateKeyArb, traceStateValueArb), { maxLength: 10, selector: ([k]) => k }),
      (traceId, spanId, traceFlags, members) => {
        let traceState = W3CTraceState.EMPTY;
        for (const [key, value] of members) traceState = traceState.set(key, value);
        const spanContext = trace.getSpanContext(roundTrip(propagator, contextWith({ traceId, spanId, traceFlags, traceState })));
        assert.equal(spanContext?.traceId, traceId);
        assert.equal(spanContext?.spanId, spanId);
        assert.equal(spanContext?.traceFlags, traceFlags & 0x03);
        assert.equal(spanContext?.isRemote, true);
        assert.equal(spanContext?.traceState?.serialize() ?? '', traceState.serialize());
      },
    ),
  );
});

test('W3C baggage: any keys, values and metadata survive a round trip', () => {
  const propagator = new W3CBaggagePropagator();
  fc.assert(
    fc.property(baggageEntriesArb(textArb(10).filter((k) => k.length > 0), textArb(10), true), (entries) => {
      const record = toBaggageRecord(entries, baggageEntryMetadataFromString);
      const context = propagation.setBaggage(ROOT_CONTEXT, propagation.createBaggage(record));
      // Compared with the input baggage's own order: the API's createBaggage puts integer-like keys first.
      assert.deepEqual(
        baggageOf(roundTrip(propagator, context)),
        baggageOf(context),
      );
      assert.deepEqual(
        baggageOf(context).sort(),
        entries.map(([key, { value, metadata }]) => [key, value, metadata]).sort(),
      );
    }),
  );
});

test('B3 single and multi: ids, sampled and debug survive a round trip', () => {
  for (const propagator of [new B3Propagator(), new B3Propagator({ injectEncoding: 'multi' })]) {
    fc.assert(
      fc.property(fc.oneof(traceIdArb, paddedTraceId64Arb), spanIdArb, fc.boolean(), fc.boolean(), (traceId, spanId, sampled, debug) => {
        let context = contextWith({ traceId, spanId, traceFlags: sampled ? 1 : 0 });
        if (debug) context = context.setValue(DEBUG_FLAG_KEY, '1');
        const result = roundTrip(propagator, context);
        const spanContext = trace.getSpanContext(result);
        assert.equal(spanContext?.traceId, traceId);
        assert.equal(spanContext?.spanId, spanId);
        assert.equal(spanContext?.traceFlags, sampled || debug ? 1 : 0);
        assert.equal(isDebugRequested(result), debug);
      }),
    );
  }
});

test('Jaeger: ids, flags and baggage survive a round trip', () => {
  const propagator = new JaegerPropagator();
  fc.assert(
    fc.property(
      fc.oneof(traceIdArb, paddedTraceId64Arb),
      spanIdArb,
      fc.boolean(),
      fc.boolean(),
      fc.option(baggageEntriesArb(headerTokenArb, textArb(10), false), { nil: undefined }),
      (traceId, spanId, sampled, debug, entries) => {
        let context = contextWith({ traceId, spanId, traceFlags: sampled ? 1 : 0 });
        if (debug) context = context.setValue(DEBUG_FLAG_KEY, '1');
        if (entries !== undefined) {
          context = propagation.setBaggage(context, propagation.createBaggage(toBaggageRecord(entries, baggageEntryMetadataFromString)));
        }
        const result = roundTrip(propagator, context);
        const spanContext = trace.getSpanContext(result);
        assert.equal(spanContext?.traceId, traceId);
        assert.equal(spanContext?.spanId, spanId);
        assert.equal(spanContext?.traceFlags, sampled || debug ? 1 : 0);
        assert.equal(isDebugRequested(result), debug);
        const expected = (entries ?? []).map(([key, { value }]) => [key, value, undefined]);
        assert.deepEqual(baggageOf(result).sort(), expected.sort());
      },
    ),
  );
});

test('X-Ray: ids and sampled survive a round trip', () => {
  const propagator = new AwsXRayPropagator();
  fc.assert(
    fc.property(traceIdArb, spanIdArb, fc.boolean(), (traceId, spanId, sampled) => {
      const spanContext = trace.getSpanContext(roundTrip(propagator, contextWith({ traceId, spanId, traceFlags: sampled ? 1 : 0 })));
      assert.equal(spanContext?.traceId, traceId);
      assert.equal(spanContext?.spanId, spanId);
      assert.equal(spanContext?.traceFlags, sampled ? 1 : 0);
    }),
  );
});

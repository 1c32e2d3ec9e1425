import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { baggageEntryMetadataFromString, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import type { Context, TextMapPropagator } from '@opentelemetry/api';
import {
  TraceState as OtelTraceState,
  W3CBaggagePropagator as OtelW3CBaggagePropagator,
  W3CTraceContextPropagator as OtelW3CTraceContextPropagator,
} from '@opentelemetry/core';
import { B3InjectEncoding, B3Propagator as OtelB3Propagator } from '@opentelemetry/propagator-b3';
import { JaegerPropagator as OtelJaegerPropagator } from '@opentelemetry/propagator-jaeger';
import { AWSXRayPropagator as OtelAWSXRayPropagator } from '@opentelemetry/propagator-aws-xray';
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

/*
 * Interoperability with OpenTelemetry JS: inject with one implementation, extract with the
 * other, both ways, over random ids, flags, tracestate and baggage.
 */

/** Headers written by `from`, read by `to`. */
function across(from: TextMapPropagator, to: TextMapPropagator, context: Context): Context {
  return extract(to, inject(from, context));
}

function idsOf(context: Context) {
  const spanContext = trace.getSpanContext(context);
  return spanContext && { traceId: spanContext.traceId, spanId: spanContext.spanId, sampled: (spanContext.traceFlags & 1) === 1, remote: spanContext.isRemote };
}

function baggageOf(context: Context): [string, string, string | undefined][] {
  return (propagation.getBaggage(context)?.getAllEntries() ?? []).map(([k, e]) => [k, e.value, e.metadata?.toString()]);
}

const membersArb = fc.uniqueArray(fc.tuple(traceStateKeyArb, traceStateValueArb), { maxLength: 8, selector: ([k]) => k });

test('tracecontext: ours → OpenTelemetry and OpenTelemetry → ours, with tracestate', () => {
  const ours = new W3CTraceContextPropagator();
  const theirs = new OtelW3CTraceContextPropagator();
  fc.assert(
    fc.property(traceIdArb, spanIdArb, fc.boolean(), membersArb, (traceId, spanId, sampled, members) => {
      const header = members.map(([k, v]) => `${k}=${v}`).join(',');
      const expected = { traceId, spanId, sampled, remote: true };

      const ourState = W3CTraceState.parse(header);
      const fromOurs = across(ours, theirs, contextWith({ traceId, spanId, traceFlags: sampled ? 1 : 0, traceState: ourState }));
      assert.deepEqual(idsOf(fromOurs), expected);
      assert.equal(trace.getSpanContext(fromOurs)?.traceState?.serialize() ?? '', header);

      const theirState = members.length > 0 ? new OtelTraceState(header) : undefined;
      const fromTheirs = across(theirs, ours, contextWith({ traceId, spanId, traceFlags: sampled ? 1 : 0, traceState: theirState }));
      assert.deepEqual(idsOf(fromTheirs), expected);
      assert.equal(trace.getSpanContext(fromTheirs)?.traceState?.serialize() ?? '', header);
    }),
  );
});

test('baggage: ours → OpenTelemetry and OpenTelemetry → ours, with metadata', () => {
  const ours = new W3CBaggagePropagator();
  const theirs = new OtelW3CBaggagePropagator();
  // OpenTelemetry drops empty values and trims keys and values, and loses a "__proto__" key
  // (it parses into a plain object), so those are left out here.
  const keyArb = textArb(10).filter((k) => k.trim() === k && k.length > 0 && k !== '__proto__');
  const valueArb = textArb(10).filter((v) => v.trim() === v && v.length > 0);
  fc.assert(
    fc.property(baggageEntriesArb(keyArb, valueArb, true), (entries) => {
      const context = propagation.setBaggage(ROOT_CONTEXT, propagation.createBaggage(toBaggageRecord(entries, baggageEntryMetadataFromString)));
      // The input baggage's own order: the API's createBaggage puts integer-like keys first.
      const expected = baggageOf(context);
      assert.equal(expected.length, entries.length);
      assert.deepEqual(baggageOf(across(ours, theirs, context)), expected);
      assert.deepEqual(baggageOf(across(theirs, ours, context)), expected);
    }),
  );
});

test('b3 single and multi: both ways, including debug', () => {
  // OpenTelemetry keeps debug under the same context key as we do, as 'd' (single) or '1' (multi),
  // and only injects it when it finds the value its own encoding stores.
  const cases: [TextMapPropagator, TextMapPropagator, 'd' | '1'][] = [
    [new B3Propagator(), new OtelB3Propagator(), 'd'],
    [new B3Propagator({ injectEncoding: 'multi' }), new OtelB3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }), '1'],
  ];
  for (const [ours, theirs, theirDebugValue] of cases) {
    fc.assert(
      fc.property(fc.oneof(traceIdArb, paddedTraceId64Arb), spanIdArb, fc.boolean(), fc.boolean(), (traceId, spanId, sampled, debug) => {
        const base = contextWith({ traceId, spanId, traceFlags: sampled ? 1 : 0 });
        const expected = { traceId, spanId, sampled: sampled || debug, remote: true };

        const fromOurs = across(ours, theirs, debug ? base.setValue(DEBUG_FLAG_KEY, '1') : base);
        assert.deepEqual(idsOf(fromOurs), expected);
        assert.equal(isDebugRequested(fromOurs), debug);

        const fromTheirs = across(theirs, ours, debug ? base.setValue(DEBUG_FLAG_KEY, theirDebugValue) : base);
        assert.deepEqual(idsOf(fromTheirs), expected);
        assert.equal(isDebugRequested(fromTheirs), debug);
      }),
    );
  }
});

test('b3: a 64-bit trace id from OpenTelemetry is padded the same way', () => {
  const headers = { 'x-b3-traceid': 'a3ce929d0e0e4736', 'x-b3-spanid': '00f067aa0ba902b7', 'x-b3-sampled': '1' };
  assert.deepEqual(idsOf(extract(new B3Propagator(), headers)), idsOf(extract(new OtelB3Propagator(), headers)));
});

test('jaeger: trace context and baggage both ways', () => {
  const ours = new JaegerPropagator();
  const theirs = new OtelJaegerPropagator();
  fc.assert(
    fc.property(
      fc.oneof(traceIdArb, paddedTraceId64Arb),
      spanIdArb,
      fc.boolean(),
      fc.option(baggageEntriesArb(headerTokenArb, textArb(10), false), { nil: undefined }),
      (traceId, spanId, sampled, entries) => {
        let context = contextWith({ traceId, spanId, traceFlags: sampled ? 1 : 0 });
        if (entries !== undefined) {
          context = propagation.setBaggage(context, propagation.createBaggage(toBaggageRecord(entries, baggageEntryMetadataFromString)));
        }
        const expectedBaggage = (entries ?? []).map(([key, { value }]) => [key, value, undefined]).sort();
        for (const [from, to] of [[ours, theirs], [theirs, ours]] as const) {
          const result = across(from, to, context);
          assert.deepEqual(idsOf(result), { traceId, spanId, sampled, remote: true });
          assert.deepEqual(baggageOf(result).sort(), expectedBaggage);
        }
      },
    ),
  );
});

test('jaeger: OpenTelemetry reads our debug flag as sampled', () => {
  const context = contextWith({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 0 }).setValue(DEBUG_FLAG_KEY, '1');
  assert.equal(idsOf(across(new JaegerPropagator(), new OtelJaegerPropagator(), context))?.sampled, true);
});

test('xray: both ways', () => {
  const ours = new AwsXRayPropagator();
  const theirs = new OtelAWSXRayPropagator();
  fc.assert(
    fc.property(traceIdArb, spanIdArb, fc.boolean(), (traceId, spanId, sampled) => {
      const context = contextWith({ traceId, spanId, traceFlags: sampled ? 1 : 0 });
      const expected = { traceId, spanId, sampled, remote: true };
      assert.deepEqual(idsOf(across(ours, theirs, context)), expected);
      assert.deepEqual(idsOf(across(theirs, ours, context)), expected);
    }),
  );
});

test('xray: Sampled=? — we continue the trace unsampled, OpenTelemetry JS 2.x ignores the header', () => {
  const headers = { 'x-amzn-trace-id': 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=?' };
  assert.deepEqual(idsOf(extract(new AwsXRayPropagator(), headers)), {
    traceId: '5759e988bd862e3fe1be46a994272793',
    spanId: '53995c3f42cd8ad8',
    sampled: false,
    remote: true,
  });
  assert.equal(idsOf(extract(new OtelAWSXRayPropagator(), headers)), undefined);
});

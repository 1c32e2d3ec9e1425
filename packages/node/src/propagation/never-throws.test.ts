import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { baggageEntryMetadataFromString, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import type { Baggage, Context, SpanContext, TextMapGetter, TextMapPropagator } from '@opentelemetry/api';
import { AwsXRayPropagator } from './aws-xray.js';
import { B3Propagator } from './b3.js';
import { JaegerPropagator } from './jaeger.js';
import { propagatorFromNames } from './propagator-from-names.js';
import { W3CTraceState } from './trace-state.js';
import { W3CBaggagePropagator } from './w3c-baggage.js';
import { W3CTraceContextPropagator } from './w3c-trace-context.js';
import { headerSetter } from './test-support/carriers.js';

/*
 * "API methods must not throw": whatever a carrier holds, whatever a getter does, extract
 * returns a context; whatever span context or baggage is active, inject writes only
 * well-formed header values. Headers are fuzzed around the real header names and around
 * valid values with random damage.
 */

const PROPAGATORS: readonly [string, TextMapPropagator][] = [
  ['tracecontext', new W3CTraceContextPropagator()],
  ['baggage', new W3CBaggagePropagator()],
  ['b3', new B3Propagator()],
  ['b3multi', new B3Propagator({ injectEncoding: 'multi' })],
  ['jaeger', new JaegerPropagator()],
  ['xray', new AwsXRayPropagator()],
  ['all', propagatorFromNames(['tracecontext', 'baggage', 'b3', 'jaeger', 'xray'])],
];

const HEADER_NAMES = [
  'traceparent', 'tracestate', 'baggage', 'b3', 'x-b3-traceid', 'x-b3-spanid', 'x-b3-sampled', 'x-b3-flags',
  'x-b3-parentspanid', 'uber-trace-id', 'uberctx-user', 'uberctx-__proto__', 'x-amzn-trace-id', 'X-Amzn-Trace-Id',
];

const VALID_VALUES = [
  '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE',
  'k=v;p=1,k2=%E2%9C%93',
  '80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90',
  '4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1',
  'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
];

/** A valid value with a random slice replaced by random text. */
const damagedValueArb = fc
  .tuple(fc.constantFrom(...VALID_VALUES), fc.nat(), fc.nat(), fc.string({ unit: 'binary', maxLength: 5 }))
  .map(([value, a, b, insert]) => {
    const from = a % (value.length + 1);
    const to = from + (b % 4);
    return value.slice(0, from) + insert + value.slice(to);
  });

const stringValueArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF-:;=,%@ \t13d?'), maxLength: 80 }),
  damagedValueArb,
  fc.constantFrom(...VALID_VALUES),
);

const headerValueArb: fc.Arbitrary<unknown> = fc.oneof(
  stringValueArb,
  fc.array(stringValueArb, { maxLength: 3 }),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.constantFrom(undefined, null, 42, true, {}, Symbol('s')),
);

const carrierArb = fc.dictionary(fc.oneof(fc.constantFrom(...HEADER_NAMES), fc.string({ maxLength: 10 })), headerValueArb, {
  maxKeys: 8,
});

/** Getters that behave: plain, throwing on some keys, returning garbage for keys(). */
const getterArb: fc.Arbitrary<TextMapGetter> = fc.constantFrom<TextMapGetter>(
  { keys: (c) => Object.keys(c as object), get: (c, k) => (c as Record<string, string>)[k] },
  { keys: () => { throw new Error('keys'); }, get: () => { throw new Error('get'); } },
  { keys: () => 'not an array' as unknown as string[], get: (c, k) => (k.length % 2 === 0 ? (c as Record<string, string>)[k] : (() => { throw new Error('odd'); })()) },
  { keys: () => [undefined, 7, 'uberctx-x'] as unknown as string[], get: () => ['a', 'b'] },
  undefined as unknown as TextMapGetter,
);

test('extract never throws and always returns a context', () => {
  fc.assert(
    fc.property(carrierArb, getterArb, (carrier, getter) => {
      for (const [, propagator] of PROPAGATORS) {
        const context = propagator.extract(ROOT_CONTEXT, carrier, getter);
        assert.equal(typeof context?.getValue, 'function');
        const spanContext = trace.getSpanContext(context);
        if (spanContext !== undefined) {
          assert.match(spanContext.traceId, /^[0-9a-f]{32}$/);
          assert.match(spanContext.spanId, /^[0-9a-f]{16}$/);
          assert.equal(spanContext.isRemote, true);
        }
      }
    }),
    { numRuns: 300 },
  );
});

test('extract with an undefined or throwing carrier never throws', () => {
  const getter: TextMapGetter = { keys: (c) => Object.keys(c as object), get: (c, k) => (c as Record<string, string>)[k] };
  const hostile = new Proxy({}, { get: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); } });
  for (const [name, propagator] of PROPAGATORS) {
    for (const carrier of [undefined, null, hostile, 'string carrier']) {
      assert.doesNotThrow(() => propagator.extract(ROOT_CONTEXT, carrier, getter), name);
    }
  }
});

const spanContextArb: fc.Arbitrary<SpanContext> = fc.record({
  traceId: fc.oneof(fc.string({ maxLength: 40 }), fc.stringMatching(/^[0-9a-fA-F]{32}$/)),
  spanId: fc.oneof(fc.string({ maxLength: 20 }), fc.stringMatching(/^[0-9a-fA-F]{16}$/)),
  traceFlags: fc.oneof(fc.integer(), fc.double(), fc.constant(undefined as unknown as number)),
  isRemote: fc.boolean(),
  traceState: fc.constantFrom(undefined, W3CTraceState.parse('a=1,b=2')),
});

const baggageArb: fc.Arbitrary<Baggage | undefined> = fc.option(
  fc
    .dictionary(fc.string({ unit: 'binary', maxLength: 10 }), fc.record({ value: fc.string({ unit: 'binary', maxLength: 20 }), meta: fc.string({ maxLength: 10 }) }), { maxKeys: 5 })
    .map((d) => {
      const record = Object.create(null) as Record<string, { value: string; metadata: ReturnType<typeof baggageEntryMetadataFromString> }>;
      for (const [k, { value, meta }] of Object.entries(d)) record[k] = { value, metadata: baggageEntryMetadataFromString(meta) };
      return propagation.createBaggage(record);
    }),
  { nil: undefined },
);

test('inject never throws and writes only header-safe values', () => {
  fc.assert(
    fc.property(spanContextArb, baggageArb, fc.anything(), (spanContext, baggage, debugValue) => {
      let context: Context = trace.setSpanContext(ROOT_CONTEXT, spanContext);
      if (baggage !== undefined) context = propagation.setBaggage(context, baggage);
      context = context.setValue(Symbol.for('OpenTelemetry Context Key B3 Debug Flag'), debugValue);
      for (const [name, propagator] of PROPAGATORS) {
        const headers: Record<string, string | string[]> = {};
        propagator.inject(context, headers, headerSetter);
        for (const [key, value] of Object.entries(headers)) {
          assert.match(key, /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/, `${name}: header name ${JSON.stringify(key)}`);
          assert.match(String(value), /^[\x20-\x7e]*$/, `${name}: value of ${key}: ${JSON.stringify(value)}`);
        }
      }
    }),
    { numRuns: 300 },
  );
});

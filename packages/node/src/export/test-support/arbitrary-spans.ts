import fc from 'fast-check';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { AttributeValue, Attributes, Link } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import type { FinishedSpan, FinishedSpanEvent, InstrumentationScope, SpanResource } from '../../trace/finished-span.js';
import { makeFinishedSpan } from './make-finished-span.js';

const hex = (bytes: number): fc.Arbitrary<string> =>
  fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => Buffer.from(b).toString('hex'));

const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ minLength: 60, maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
);

const integer = fc.oneof(
  fc.integer(),
  fc.integer({ min: 0, max: 200 }),
  fc.maxSafeInteger(),
  fc.constantFrom(2 ** 53, 2 ** 60, -(2 ** 63), 2 ** 63, -1, 0, 2 ** 31, 2 ** 32),
);

const scalar: fc.Arbitrary<AttributeValue> = fc.oneof(text, fc.boolean(), integer, fc.double());

const homogeneousArray: fc.Arbitrary<AttributeValue> = fc.oneof(
  fc.array(fc.option(text, { nil: null }), { maxLength: 4 }),
  fc.array(fc.boolean(), { maxLength: 4 }),
  fc.array(integer, { maxLength: 4 }),
  fc.array(fc.double(), { maxLength: 4 }),
) as fc.Arbitrary<AttributeValue>;

/** Attributes with every AttributeValue shape (no null/undefined at the top level). */
export const arbitraryAttributes: fc.Arbitrary<Attributes> = fc.dictionary(text, fc.oneof(scalar, homogeneousArray), { maxKeys: 8 });

/** Epoch-ish times and a few odd ones, as float ms. */
export const arbitraryTimeMs = fc.oneof(
  fc.double({ min: 1.5e12, max: 2.5e12, noNaN: true }),
  fc.integer({ min: 0, max: 2 ** 40 }),
  fc.double({ min: 0, max: 1e6, noNaN: true }),
);

const traceState = fc.option(
  fc.constantFrom('vendor=value', 'a=1,b=2', 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE'),
  { nil: undefined },
).map((s) => (s === undefined ? undefined : new TraceState(s)));

const event: fc.Arbitrary<FinishedSpanEvent> = fc.record({
  name: text,
  timeUnixMs: arbitraryTimeMs,
  attributes: arbitraryAttributes,
  droppedAttributesCount: fc.nat({ max: 100 }),
});

const link: fc.Arbitrary<Link> = fc
  .record({
    traceId: hex(16),
    spanId: hex(8),
    traceFlags: fc.integer({ min: 0, max: 255 }),
    isRemote: fc.boolean(),
    traceState,
    attributes: arbitraryAttributes,
    droppedAttributesCount: fc.nat({ max: 100 }),
  })
  .map(({ traceId, spanId, traceFlags, isRemote, traceState: ts, attributes, droppedAttributesCount }) => ({
    context: { traceId, spanId, traceFlags, isRemote, ...(ts ? { traceState: ts } : {}) },
    attributes,
    droppedAttributesCount,
  }));

const resources: SpanResource[] = [
  { attributes: { 'service.name': 'checkout', 'service.version': '1.0.0', 'host.name': 'box-1' } },
  { attributes: { 'service.name': 'payments', 'process.pid': 1234, 'telemetry.sdk.language': 'nodejs' } },
];
const scopes: InstrumentationScope[] = [
  { name: '@skein/node/http', version: '0.1.0', schemaUrl: 'https://opentelemetry.io/schemas/1.26.0' },
  { name: 'app', version: undefined, schemaUrl: undefined },
  { name: 'ünïcode-scope', version: '2', schemaUrl: undefined },
];

/** Random spans over every field the encoders write, across 2 resources × 3 scopes. */
export const arbitrarySpan: fc.Arbitrary<FinishedSpan> = fc
  .record({
    name: text,
    kind: fc.constantFrom(SpanKind.INTERNAL, SpanKind.SERVER, SpanKind.CLIENT, SpanKind.PRODUCER, SpanKind.CONSUMER),
    traceId: hex(16),
    spanId: hex(8),
    traceFlags: fc.integer({ min: 0, max: 255 }),
    traceState,
    parent: fc.option(fc.record({ id: hex(8), remote: fc.boolean() }), { nil: undefined }),
    start: arbitraryTimeMs,
    duration: fc.double({ min: 0, max: 1e5, noNaN: true }),
    attributes: arbitraryAttributes,
    droppedAttributesCount: fc.nat({ max: 1000 }),
    events: fc.array(event, { maxLength: 3 }),
    droppedEventsCount: fc.nat({ max: 1000 }),
    links: fc.array(link, { maxLength: 2 }),
    droppedLinksCount: fc.nat({ max: 1000 }),
    status: fc.oneof(
      fc.constant({ code: SpanStatusCode.UNSET }),
      fc.constant({ code: SpanStatusCode.OK }),
      text.map((message) => ({ code: SpanStatusCode.ERROR, message })),
    ),
    resource: fc.constantFrom(...resources),
    scope: fc.constantFrom(...scopes),
  })
  .map((r) =>
    makeFinishedSpan({
      name: r.name,
      kind: r.kind,
      traceId: r.traceId,
      spanId: r.spanId,
      traceFlags: r.traceFlags,
      ...(r.traceState ? { traceState: r.traceState } : {}),
      ...(r.parent ? { parentSpanId: r.parent.id, parentSpanIsRemote: r.parent.remote } : {}),
      startTimeUnixMs: r.start,
      endTimeUnixMs: r.start + r.duration,
      attributes: r.attributes,
      droppedAttributesCount: r.droppedAttributesCount,
      events: r.events,
      droppedEventsCount: r.droppedEventsCount,
      links: r.links,
      droppedLinksCount: r.droppedLinksCount,
      status: r.status,
      resource: r.resource,
      scope: r.scope,
    }),
  );

import fc from 'fast-check';
import { EMPTY_SCOPE, SpanKind, StatusCode, str, type AnyValue, type Attribute, type InstrumentationScope, type Resource, type Span, type SpanEvent, type SpanLink } from '@skein/model';
import { JAEGER_TAGS } from './jaeger-special-tags.js';

/**
 * fast-check generators of model spans restricted to what Jaeger can express, for the
 * round-trip property tests: typed tags of Jaeger's five types, times in whole microseconds,
 * links carrying `opentracing.ref_type`, and no attribute named like a tag the mapping reads
 * into a span field. Test support only (not exported from the package).
 */
const SPECIAL_KEYS = new Set<string>([
  JAEGER_TAGS.spanKind,
  JAEGER_TAGS.error,
  JAEGER_TAGS.statusCode,
  JAEGER_TAGS.statusDescription,
  JAEGER_TAGS.traceState,
  JAEGER_TAGS.scopeName,
  JAEGER_TAGS.scopeVersion,
]);

const text = fc.string({ unit: 'grapheme', maxLength: 20 });
const nonEmptyText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 });
const hex = (chars: number) => fc.bigInt({ min: 0n, max: (1n << BigInt(4 * chars)) - 1n }).map((n) => n.toString(16).padStart(chars, '0'));
const nonZeroHex = (chars: number) => fc.bigInt({ min: 1n, max: (1n << BigInt(4 * chars)) - 1n }).map((n) => n.toString(16).padStart(chars, '0'));
const micros = fc.bigInt({ min: 0n, max: 1n << 52n });

const value: fc.Arbitrary<AnyValue> = fc.oneof(
  text.map((v): AnyValue => ({ type: 'string', value: v })),
  fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }).map((v): AnyValue => ({ type: 'int', value: v })),
  fc.double().map((v): AnyValue => ({ type: 'double', value: v })),
  fc.boolean().map((v): AnyValue => ({ type: 'bool', value: v })),
  fc.uint8Array({ maxLength: 12 }).map((v): AnyValue => ({ type: 'bytes', value: v })),
);

const attributes = (excluded: ReadonlySet<string>) =>
  fc.array(
    fc.tuple(text, value).filter(([key]) => !excluded.has(key)).map(([key, v]): Attribute => ({ key, value: v })),
    { maxLength: 6 },
  );

/** 64-bit trace ids (high half zero) and 128-bit ones (high half non-zero), as Jaeger tells them apart. */
export const jaegerTraceIdArb: fc.Arbitrary<{ id: string; high64Absent: boolean }> = fc.oneof(
  nonZeroHex(16).map((low) => ({ id: '0'.repeat(16) + low, high64Absent: true })),
  fc.tuple(nonZeroHex(16), hex(16)).map(([high, low]) => ({ id: high + low, high64Absent: false })),
);

export const jaegerResourceArb: fc.Arbitrary<Resource> = fc
  .tuple(nonEmptyText, attributes(new Set(['service.name'])))
  .map(([service, tags]) => Object.freeze({ attributes: Object.freeze([{ key: 'service.name', value: str(service) }, ...tags]), droppedAttributesCount: 0 }));

const scopeArb: fc.Arbitrary<InstrumentationScope> = fc.oneof(
  fc.constant(EMPTY_SCOPE),
  fc.tuple(nonEmptyText, text).map(([name, version]) => ({ name, version, attributes: [] })),
);

const statusArb = fc.oneof(
  fc.constant({ code: StatusCode.UNSET, message: '' }),
  fc.tuple(fc.constantFrom(StatusCode.OK, StatusCode.ERROR), text).map(([code, message]) => ({ code, message })),
);

const eventArb: fc.Arbitrary<SpanEvent> = fc
  .tuple(micros, text, attributes(new Set([JAEGER_TAGS.eventName])))
  .map(([us, name, attrs]) => ({ timeUnixNano: us * 1000n, name, attributes: attrs, droppedAttributesCount: 0 }));

/** One span in `resource`; links are to other traces, or (when it has a parent) to other spans of its own. */
export function jaegerSpanArb(resource: Resource): fc.Arbitrary<Span> {
  return fc
    .record({
      trace: jaegerTraceIdArb,
      spanId: nonZeroHex(16),
      parentSpanId: fc.oneof(fc.constant(''), nonZeroHex(16)),
      name: text,
      kind: fc.constantFrom(SpanKind.UNSPECIFIED, SpanKind.INTERNAL, SpanKind.SERVER, SpanKind.CLIENT, SpanKind.PRODUCER, SpanKind.CONSUMER),
      start: micros,
      duration: fc.bigInt({ min: 0n, max: 1n << 40n }),
      attributes: attributes(SPECIAL_KEYS),
      events: fc.array(eventArb, { maxLength: 3 }),
      links: fc.array(fc.record({ sameTrace: fc.boolean(), trace: jaegerTraceIdArb, spanId: nonZeroHex(16), childOf: fc.boolean() }), { maxLength: 3 }),
      status: statusArb,
      traceState: fc.oneof(fc.constant(''), nonEmptyText),
      flags: fc.integer({ min: 0, max: 255 }),
      scope: scopeArb,
    })
    .map((r): Span => {
      const links: SpanLink[] = r.links
        // a CHILD_OF reference to the parent is the parent; without a parent, a same-trace reference would become one
        .filter((l) => !l.sameTrace || (r.parentSpanId !== '' && !(l.childOf && l.spanId === r.parentSpanId)))
        .map((l) => ({
          traceId: l.sameTrace ? r.trace.id : l.trace.id,
          spanId: l.spanId,
          traceState: '',
          attributes: [{ key: JAEGER_TAGS.refType, value: str(l.childOf ? 'child_of' : 'follows_from') }],
          droppedAttributesCount: 0,
          flags: 0,
        }))
        .filter((l) => l.traceId !== r.trace.id || r.parentSpanId !== '');
      return {
        traceId: r.trace.id,
        spanId: r.spanId,
        parentSpanId: r.parentSpanId,
        traceState: r.traceState,
        flags: r.flags,
        name: r.name,
        kind: r.kind,
        startTimeUnixNano: r.start * 1000n,
        endTimeUnixNano: (r.start + r.duration) * 1000n,
        attributes: r.attributes,
        droppedAttributesCount: 0,
        events: r.events,
        droppedEventsCount: 0,
        links,
        droppedLinksCount: 0,
        status: r.status,
        resource,
        scope: r.scope,
        traceIdHigh64Absent: r.trace.high64Absent,
        shared: false,
      };
    });
}

/** A batch of spans of one process, as one Jaeger Batch carries. */
export const jaegerBatchArb: fc.Arbitrary<Span[]> = jaegerResourceArb.chain((resource) => fc.array(jaegerSpanArb(resource), { minLength: 1, maxLength: 5 }));

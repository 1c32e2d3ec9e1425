import { INVALID_SPAN_CONTEXT, TraceFlags, isSpanContextValid, propagation, type Baggage, type SpanContext as OtelSpanContext } from '@opentelemetry/api';
import { SpanContext } from 'opentracing';

/** One shared empty baggage: OpenTelemetry baggage is immutable, so it is safe to share. */
export const EMPTY_BAGGAGE: Baggage = propagation.createBaggage();

/**
 * The OpenTracing SpanContext of the bridge: an OpenTelemetry span context plus the OpenTracing
 * baggage travelling with it. Immutable, as the OpenTracing compatibility spec requires: a span
 * that changes its baggage gets a new instance.
 */
export class SkeinOpenTracingSpanContext extends SpanContext {
  /** @internal The OpenTelemetry identity (ids, flags, trace state). */
  readonly otelSpanContext: OtelSpanContext;
  /** @internal */
  readonly baggage: Baggage;

  constructor(otelSpanContext: OtelSpanContext, baggage: Baggage) {
    super();
    this.otelSpanContext = otelSpanContext;
    this.baggage = baggage;
  }

  override toTraceId(): string {
    return this.otelSpanContext.traceId;
  }

  override toSpanId(): string {
    return this.otelSpanContext.spanId;
  }

  /** A copy with `key` set in the baggage. */
  withBaggageItem(key: string, value: string): SkeinOpenTracingSpanContext {
    return new SkeinOpenTracingSpanContext(this.otelSpanContext, this.baggage.setEntry(key, { value }));
  }
}

const HEX_ID = /^[0-9a-f]+$/i;

/**
 * The bridge's view of any OpenTracing SpanContext (or Span) handed to it: its own contexts as
 * they are; a foreign context (say, from another OpenTracing tracer) through its
 * `toTraceId()`/`toSpanId()` when those give hex ids — 64-bit trace ids are left-padded — and
 * undefined otherwise.
 */
export function asBridgeSpanContext(value: unknown): SkeinOpenTracingSpanContext | undefined {
  if (value instanceof SkeinOpenTracingSpanContext) return value;
  if (typeof value !== 'object' || value === null) return undefined;
  try {
    const candidate = value as { context?: unknown; toTraceId?: unknown; toSpanId?: unknown };
    if (typeof candidate.toTraceId !== 'function' && typeof candidate.context === 'function') {
      return asBridgeSpanContext((candidate.context as () => unknown).call(value));
    }
    if (typeof candidate.toTraceId !== 'function' || typeof candidate.toSpanId !== 'function') return undefined;
    const traceId = (candidate.toTraceId as () => unknown).call(value);
    const spanId = (candidate.toSpanId as () => unknown).call(value);
    if (typeof traceId !== 'string' || typeof spanId !== 'string' || !HEX_ID.test(traceId) || !HEX_ID.test(spanId)) return undefined;
    if (traceId.length > 32 || spanId.length > 16) return undefined;
    const otelSpanContext: OtelSpanContext = {
      traceId: traceId.toLowerCase().padStart(32, '0'),
      spanId: spanId.toLowerCase().padStart(16, '0'),
      traceFlags: TraceFlags.SAMPLED,
      isRemote: true,
    };
    return isSpanContextValid(otelSpanContext) ? new SkeinOpenTracingSpanContext(otelSpanContext, EMPTY_BAGGAGE) : undefined;
  } catch {
    return undefined;
  }
}

export function hasBaggage(baggage: Baggage): boolean {
  return baggage.getAllEntries().length > 0;
}

export const INVALID_BRIDGE_SPAN_CONTEXT = new SkeinOpenTracingSpanContext(INVALID_SPAN_CONTEXT, EMPTY_BAGGAGE);

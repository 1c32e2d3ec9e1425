import type { Attributes, HrTime, Link, SpanContext, SpanKind, SpanStatus } from '@opentelemetry/api';

/**
 * What every processor and exporter reads from an ended span. The tracer's span object
 * implements this directly (no copy at end), so exporters must treat it as read-only.
 *
 * Times are milliseconds since the Unix epoch as a float (performance.timeOrigin +
 * performance.now()): that keeps the hot path free of HrTime arrays. A double holds
 * today's epoch in ms to about 0.25 µs, finer than Node's clocks report.
 */
export interface FinishedSpan {
  readonly name: string;
  readonly kind: SpanKind;
  readonly spanContext: () => SpanContext;
  /** Hex span id of the parent, or undefined for a root span. */
  readonly parentSpanId: string | undefined;
  /**
   * Whether the parent came from another process (extracted by a propagator). Optional: when
   * absent on a child span, OTLP exporters leave the span flags' has-is-remote bit unset.
   */
  readonly parentSpanIsRemote?: boolean;
  readonly startTimeUnixMs: number;
  readonly endTimeUnixMs: number;
  readonly attributes: Attributes;
  readonly droppedAttributesCount: number;
  readonly events: readonly FinishedSpanEvent[];
  readonly droppedEventsCount: number;
  readonly links: readonly Link[];
  readonly droppedLinksCount: number;
  readonly status: SpanStatus;
  readonly resource: SpanResource;
  readonly scope: InstrumentationScope;
}

export interface FinishedSpanEvent {
  readonly name: string;
  readonly timeUnixMs: number;
  readonly attributes: Attributes;
  readonly droppedAttributesCount: number;
}

/** Shared by every span of one TracerProvider; exporters may cache per resource object. */
export interface SpanResource {
  readonly attributes: Attributes;
}

/** One per tracer; exporters may cache per scope object. */
export interface InstrumentationScope {
  readonly name: string;
  readonly version: string | undefined;
  readonly schemaUrl: string | undefined;
}

/** Converts a user-supplied HrTime to the float-ms form the span keeps. */
export function hrTimeToUnixMs(time: HrTime): number {
  return time[0] * 1000 + time[1] / 1e6;
}

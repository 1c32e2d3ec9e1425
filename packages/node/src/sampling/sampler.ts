import type { Attributes, Context, Link, SpanKind, TraceState } from '@opentelemetry/api';

export enum SamplingDecision {
  /** Not recorded, not exported; the span is a cheap non-recording span. */
  Drop = 0,
  /** Recorded (attributes kept) but not sampled: processors see it, exporters skip it. */
  RecordOnly = 1,
  RecordAndSample = 2,
}

export interface SamplingResult {
  readonly decision: SamplingDecision;
  readonly attributes?: Attributes;
  /** Replaces the trace state carried by the new span when set. */
  readonly traceState?: TraceState;
}

/** Same contract as the OpenTelemetry SDK's Sampler, so its behaviour tables carry over. */
export interface Sampler {
  shouldSample(
    parentContext: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    links: readonly Link[],
  ): SamplingResult;
  toString(): string;
}

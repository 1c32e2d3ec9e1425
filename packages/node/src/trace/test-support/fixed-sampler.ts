import type { Attributes, Context, Link, SpanKind, TraceState } from '@opentelemetry/api';
import { SamplingDecision, type Sampler, type SamplingResult } from '../../sampling/sampler.js';

export interface SamplerCall {
  parentContext: Context;
  traceId: string;
  spanName: string;
  spanKind: SpanKind;
  attributes: Attributes;
  links: readonly Link[];
}

/**
 * Test helper (the real samplers live in sampling/): always answers the same decision,
 * optionally with attributes and a trace state, and records what it was asked.
 */
export class FixedSampler implements Sampler {
  readonly calls: SamplerCall[] = [];
  private readonly result: SamplingResult;

  constructor(decision: SamplingDecision = SamplingDecision.RecordAndSample, extra: { attributes?: Attributes; traceState?: TraceState } = {}) {
    this.result = { decision, ...extra };
  }

  shouldSample(parentContext: Context, traceId: string, spanName: string, spanKind: SpanKind, attributes: Attributes, links: readonly Link[]): SamplingResult {
    this.calls.push({ parentContext, traceId, spanName, spanKind, attributes, links });
    return this.result;
  }

  toString(): string {
    return `FixedSampler{${SamplingDecision[this.result.decision]}}`;
  }
}

const RECORD_AND_SAMPLE: SamplingResult = Object.freeze({ decision: SamplingDecision.RecordAndSample });

/** The cheapest always-on sampler: records nothing about its calls (for benches and API tests). */
export const alwaysOnSampler: Sampler = Object.freeze({
  shouldSample: (): SamplingResult => RECORD_AND_SAMPLE,
  toString: () => 'AlwaysOn',
});

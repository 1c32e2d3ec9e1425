import { trace } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import type { Sampler, SamplingResult } from './sampler.js';
import { RECORD_AND_SAMPLE } from './always-on-sampler.js';
import { DROP } from './always-off-sampler.js';
import { explicitRandomnessOffset, randomnessAtLeast, thresholdDigits, TRACE_ID_RANDOMNESS_OFFSET } from './trace-id-randomness.js';

/**
 * Samples a fixed fraction of traces, deciding from the trace id alone so every service that
 * uses the same ratio agrees, and a higher ratio samples a superset of a lower one.
 *
 * The algorithm is OpenTelemetry's consistent probability sampling (the spec's "TraceID
 * randomness" and the `th` threshold of tracestate-probability-sampling, OTEP 235): the
 * randomness R is the trace id's least-significant 56 bits, or the `rv` value of the `ot`
 * trace state entry when the parent carries one; the rejection threshold is
 * T = 2^56 - round(ratio * 2^56); the span is sampled when R >= T. (The OpenTelemetry JS SDK
 * 2.x still XORs the id's four 32-bit words instead, so its decisions differ from this one;
 * the consistent samplers of the Java and Go contrib agree.) `th` is not written into the
 * trace state.
 */
export class TraceIdRatioSampler implements Sampler {
  readonly ratio: number;
  /** Undefined when T = 2^56, which no 56-bit R reaches (ratio 0, or below 2^-57). */
  private readonly threshold: Uint8Array | undefined;

  constructor(ratio: number) {
    this.ratio = normalizeRatio(ratio);
    this.threshold = thresholdDigits(this.ratio);
  }

  shouldSample(parentContext: Context, traceId: string): SamplingResult {
    const threshold = this.threshold;
    if (threshold === undefined || traceId.length !== 32) return DROP;
    const ot = trace.getSpanContext(parentContext)?.traceState?.get('ot');
    if (ot !== undefined) {
      const at = explicitRandomnessOffset(ot);
      if (at >= 0) return randomnessAtLeast(ot, at, threshold) ? RECORD_AND_SAMPLE : DROP;
    }
    return randomnessAtLeast(traceId, TRACE_ID_RANDOMNESS_OFFSET, threshold) ? RECORD_AND_SAMPLE : DROP;
  }

  toString(): string {
    return `TraceIdRatioBased{${this.ratio}}`;
  }
}

/** Out-of-range or non-numeric ratios are clamped rather than thrown on (API must not throw). */
function normalizeRatio(ratio: number): number {
  if (typeof ratio !== 'number' || Number.isNaN(ratio)) return 0;
  return ratio >= 1 ? 1 : ratio <= 0 ? 0 : ratio;
}

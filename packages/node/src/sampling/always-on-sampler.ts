import type { Sampler, SamplingResult } from './sampler.js';
import { SamplingDecision } from './sampler.js';

/** Shared and frozen: samplers sit on the span-start hot path and must not allocate. */
export const RECORD_AND_SAMPLE: SamplingResult = Object.freeze({ decision: SamplingDecision.RecordAndSample });

/** Samples every span (the spec's AlwaysOn). */
export class AlwaysOnSampler implements Sampler {
  shouldSample(): SamplingResult {
    return RECORD_AND_SAMPLE;
  }

  toString(): string {
    return 'AlwaysOnSampler';
  }
}

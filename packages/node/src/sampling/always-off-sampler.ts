import type { Sampler, SamplingResult } from './sampler.js';
import { SamplingDecision } from './sampler.js';

/** Shared and frozen: samplers sit on the span-start hot path and must not allocate. */
export const DROP: SamplingResult = Object.freeze({ decision: SamplingDecision.Drop });

/** Drops every span (the spec's AlwaysOff). */
export class AlwaysOffSampler implements Sampler {
  shouldSample(): SamplingResult {
    return DROP;
  }

  toString(): string {
    return 'AlwaysOffSampler';
  }
}

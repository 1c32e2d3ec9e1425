import type { Attributes } from '@opentelemetry/api';
import type { Sampler, SamplingResult } from './sampler.js';
import { SamplingDecision } from './sampler.js';
import { DROP } from './always-off-sampler.js';
import { TokenBucket, defaultClock } from './token-bucket.js';
import type { MonotonicClock } from './token-bucket.js';

/**
 * Samples at most `maxTracesPerSecond` spans per second, as Jaeger's "ratelimiting" sampler:
 * a token bucket holding max(rate, 1) credits, starting full. Used as a root sampler (under
 * ParentBased) it limits traces per second. Sampled spans carry `sampler.type` and
 * `sampler.param`, as Jaeger clients and OpenTelemetry Java's rate-limiting sampler write them,
 * so backends can tell the decision was not probabilistic.
 */
export class RateLimitingSampler implements Sampler {
  readonly maxTracesPerSecond: number;
  private readonly bucket: TokenBucket;
  private readonly sampled: SamplingResult;

  constructor(maxTracesPerSecond: number, clock: MonotonicClock = defaultClock) {
    this.maxTracesPerSecond = Number.isFinite(maxTracesPerSecond) && maxTracesPerSecond > 0 ? maxTracesPerSecond : 0;
    this.bucket = new TokenBucket(this.maxTracesPerSecond, Math.max(this.maxTracesPerSecond, 1), clock);
    const attributes: Attributes = Object.freeze({ 'sampler.type': 'ratelimiting', 'sampler.param': this.maxTracesPerSecond });
    this.sampled = Object.freeze({ decision: SamplingDecision.RecordAndSample, attributes });
  }

  shouldSample(): SamplingResult {
    if (this.maxTracesPerSecond === 0) return DROP;
    return this.bucket.tryTake() ? this.sampled : DROP;
  }

  toString(): string {
    return `RateLimitingSampler{${this.maxTracesPerSecond}}`;
  }
}

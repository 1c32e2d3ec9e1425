import type { Context } from '@opentelemetry/api';
import type { Sampler, SamplingResult } from './sampler.js';
import { RECORD_AND_SAMPLE } from './always-on-sampler.js';
import { DROP } from './always-off-sampler.js';
import { TraceIdRatioSampler } from './trace-id-ratio-sampler.js';
import { TokenBucket, defaultClock } from './token-bucket.js';
import type { MonotonicClock } from './token-bucket.js';

/**
 * Jaeger's per-operation sampler for one operation: probabilistic, but with a lower bound of
 * `lowerBoundPerSecond` traces per second so rare endpoints still show up. As in Jaeger's
 * clients, a probabilistic "yes" also spends a lower-bound credit, so the bound only adds
 * traces when the probability alone falls short of it. A lower bound of 0 adds none (Jaeger's
 * bucket would let one through at start; "never sample /metrics" should mean never).
 */
export class GuaranteedThroughputSampler implements Sampler {
  private readonly probabilistic: TraceIdRatioSampler;
  private readonly lowerBound: TokenBucket | undefined;

  constructor(
    samplingRate: number,
    readonly lowerBoundPerSecond: number,
    clock: MonotonicClock = defaultClock,
  ) {
    this.probabilistic = new TraceIdRatioSampler(samplingRate);
    this.lowerBound = lowerBoundPerSecond > 0 ? new TokenBucket(lowerBoundPerSecond, Math.max(lowerBoundPerSecond, 1), clock) : undefined;
  }

  get samplingRate(): number {
    return this.probabilistic.ratio;
  }

  shouldSample(parentContext: Context, traceId: string): SamplingResult {
    const result = this.probabilistic.shouldSample(parentContext, traceId);
    if (this.lowerBound === undefined) return result;
    const credit = this.lowerBound.tryTake();
    return result === RECORD_AND_SAMPLE || credit ? RECORD_AND_SAMPLE : DROP;
  }

  toString(): string {
    return `GuaranteedThroughput{probability=${this.probabilistic.ratio}, lowerBound=${this.lowerBoundPerSecond}}`;
  }
}

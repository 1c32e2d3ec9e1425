import type { Sampler } from './sampler.js';
import type { JaegerStrategy } from './jaeger-strategy.js';
import { TraceIdRatioSampler } from './trace-id-ratio-sampler.js';
import { RateLimitingSampler } from './rate-limiting-sampler.js';
import { PerOperationSampler } from './per-operation-sampler.js';
import type { MonotonicClock } from './token-bucket.js';

/** The sampler that carries out a Jaeger strategy. */
export function samplerForStrategy(strategy: JaegerStrategy, clock?: MonotonicClock): Sampler {
  switch (strategy.type) {
    case 'probabilistic':
      return new TraceIdRatioSampler(strategy.samplingRate);
    case 'ratelimiting':
      return new RateLimitingSampler(strategy.maxTracesPerSecond, clock);
    case 'perOperation':
      return new PerOperationSampler({
        defaultSamplingProbability: strategy.defaultSamplingProbability,
        defaultLowerBoundTracesPerSecond: strategy.defaultLowerBoundTracesPerSecond,
        operations: strategy.operations,
        clock,
      });
  }
}

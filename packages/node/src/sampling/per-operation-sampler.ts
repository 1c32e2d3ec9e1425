import type { Attributes, Context, Link, SpanKind } from '@opentelemetry/api';
import type { Sampler, SamplingResult } from './sampler.js';
import { GuaranteedThroughputSampler } from './guaranteed-throughput-sampler.js';
import { TraceIdRatioSampler } from './trace-id-ratio-sampler.js';
import { defaultClock } from './token-bucket.js';
import type { MonotonicClock } from './token-bucket.js';

export interface OperationSamplingRate {
  readonly operation: string;
  readonly samplingRate: number;
}

export interface PerOperationSamplerOptions {
  readonly defaultSamplingProbability: number;
  readonly defaultLowerBoundTracesPerSecond: number;
  readonly operations: readonly OperationSamplingRate[];
  /** Jaeger clients' cap on operations they keep a sampler for (span names can be unbounded). */
  readonly maxOperations?: number;
  readonly clock?: MonotonicClock;
}

const DEFAULT_MAX_OPERATIONS = 2000;

/**
 * Jaeger's per-operation strategy: the span name picks the operation. Listed operations use
 * their own probability; others use the default probability. Every operation gets the default
 * lower bound of traces per second, each with its own bucket (that is what makes the bound
 * per endpoint), up to `maxOperations`; beyond that, unlisted names share one default sampler.
 */
export class PerOperationSampler implements Sampler {
  private readonly byOperation = new Map<string, Sampler>();
  private readonly fallback: Sampler;
  private readonly maxOperations: number;
  private readonly clock: MonotonicClock;

  constructor(private readonly options: PerOperationSamplerOptions) {
    this.maxOperations = options.maxOperations ?? DEFAULT_MAX_OPERATIONS;
    this.clock = options.clock ?? defaultClock;
    for (const op of options.operations) {
      if (this.byOperation.size >= this.maxOperations) break;
      this.byOperation.set(op.operation, new GuaranteedThroughputSampler(op.samplingRate, options.defaultLowerBoundTracesPerSecond, this.clock));
    }
    this.fallback = new TraceIdRatioSampler(options.defaultSamplingProbability);
  }

  shouldSample(
    parentContext: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    links: readonly Link[],
  ): SamplingResult {
    let sampler = this.byOperation.get(spanName);
    if (sampler === undefined) {
      sampler = this.fallback;
      // Without a lower bound every unlisted operation behaves the same: no need to remember it.
      if (this.options.defaultLowerBoundTracesPerSecond > 0 && this.byOperation.size < this.maxOperations) {
        sampler = new GuaranteedThroughputSampler(this.options.defaultSamplingProbability, this.options.defaultLowerBoundTracesPerSecond, this.clock);
        this.byOperation.set(spanName, sampler);
      }
    }
    return sampler.shouldSample(parentContext, traceId, spanName, spanKind, attributes, links);
  }

  toString(): string {
    return (
      `PerOperationSampler{defaultProbability=${this.options.defaultSamplingProbability}, ` +
      `lowerBound=${this.options.defaultLowerBoundTracesPerSecond}, operations=${this.options.operations.length}}`
    );
  }
}

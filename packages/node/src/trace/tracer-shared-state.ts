import type { IdGenerator } from './id-generator.js';
import type { SpanResource } from './finished-span.js';
import type { SpanLimits } from './span-limits.js';
import type { SpanProcessor } from './span-processor.js';
import type { Sampler } from '../sampling/sampler.js';

/**
 * What a provider shares with all of its tracers. One mutable object, so a processor added
 * later or a shutdown is seen by tracers handed out earlier without any lookup per span.
 */
export interface TracerSharedState {
  readonly resource: SpanResource;
  readonly sampler: Sampler;
  readonly limits: SpanLimits;
  readonly idGenerator: IdGenerator;
  /** Replaced (never mutated) when a processor is added, so a running span keeps its list. */
  processors: readonly SpanProcessor[];
  /** Once true, tracers hand out non-recording spans. */
  isShutdown: boolean;
}

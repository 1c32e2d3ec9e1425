import type { Sampler } from './sampler.js';

/**
 * Samplers that own a resource (the Jaeger remote sampler's poll timer) expose `shutdown()`;
 * the SDK calls this on every sampler it built, which is a no-op for the plain ones.
 */
export function stopSampler(sampler: Sampler): void {
  const stoppable = sampler as Sampler & { shutdown?: unknown };
  if (typeof stoppable.shutdown === 'function') {
    try {
      (stoppable.shutdown as () => unknown).call(sampler);
    } catch {
      // A user sampler's failing shutdown must not stop ours.
    }
  }
}

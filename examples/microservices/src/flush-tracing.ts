import { trace } from '@opentelemetry/api';

type Flushable = { forceFlush?: () => Promise<void> };

/**
 * Exports the spans still waiting in the tracer's batch queue. The API hands out a proxy
 * provider; the real one (@skein/node's, or any SDK's) sits behind it. A service calls this on
 * shutdown so the spans of its last requests are not lost when the process exits; without a
 * registered SDK there is nothing to flush and it resolves at once.
 */
export async function flushTracing(): Promise<void> {
  const proxy = trace.getTracerProvider() as { getDelegate?: () => unknown };
  const provider = (typeof proxy.getDelegate === 'function' ? proxy.getDelegate() : proxy) as Flushable;
  if (typeof provider.forceFlush === 'function') await provider.forceFlush();
}

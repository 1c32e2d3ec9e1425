import { trace } from '@opentelemetry/api';
import type { Tracer, TracerProvider } from '@opentelemetry/api';

export const HTTP_INSTRUMENTATION_NAME = '@skein/node/http';
/** Kept in step with packages/node/package.json. */
export const HTTP_INSTRUMENTATION_VERSION = '0.1.0';

let cachedProvider: TracerProvider | undefined;
let cachedTracer: Tracer | undefined;

/**
 * The tracer from whatever provider is registered with @opentelemetry/api right now. Looked
 * up per span but cached per provider object, so registering (or replacing, after
 * `trace.disable()`) a provider later is picked up without a per-span getTracer call.
 */
export function httpTracer(): Tracer {
  const provider = trace.getTracerProvider();
  if (provider !== cachedProvider || cachedTracer === undefined) {
    cachedProvider = provider;
    cachedTracer = provider.getTracer(HTTP_INSTRUMENTATION_NAME, HTTP_INSTRUMENTATION_VERSION);
  }
  return cachedTracer;
}

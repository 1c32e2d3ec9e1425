import { trace, type Tracer, type TracerProvider } from '@opentelemetry/api';

/** The instrumentation scope every helper span is reported under. */
export const HELPER_TRACER_NAME = '@skein/node';

/**
 * Returns a getter for the named tracer of the globally registered provider. Calling
 * `trace.getTracer()` per span would build a cache-key string each time; the global provider
 * object only changes when the API is reset (`trace.disable()`), so one tracer per provider
 * object is enough — and the proxy provider's tracer follows a provider registered later.
 */
export function globalTracerGetter(name: string): () => Tracer {
  let cachedProvider: TracerProvider | undefined;
  let cachedTracer: Tracer | undefined;
  return () => {
    const provider = trace.getTracerProvider();
    if (provider !== cachedProvider || cachedTracer === undefined) {
      cachedTracer = provider.getTracer(name);
      cachedProvider = provider;
    }
    return cachedTracer;
  };
}

/** The `@skein/node` tracer of the globally registered provider. */
export const helperTracer: () => Tracer = globalTracerGetter(HELPER_TRACER_NAME);

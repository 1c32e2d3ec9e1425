import { context, diag, propagation, trace } from '@opentelemetry/api';
import type { ContextManager, TextMapPropagator, TracerProvider } from '@opentelemetry/api';

export interface GlobalRegistration {
  /** False when another SDK already owned the global tracer provider. */
  readonly tracerProvider: boolean;
  /** Undoes what this registration did (and only that). */
  unregister(): void;
}

/**
 * Registers the provider, context manager and propagator with @opentelemetry/api. The tracer
 * provider decides: if another SDK registered one first, the API keeps it and refuses ours;
 * then nothing else of ours is registered either (mixing one SDK's context manager with
 * another's provider helps nobody), and the caller is told so it can warn and skip
 * instrumentation. A context manager or propagator someone set alone is kept, with a note.
 */
export function registerGlobals(provider: TracerProvider, contextManager: ContextManager, propagator: TextMapPropagator): GlobalRegistration {
  if (!trace.setGlobalTracerProvider(provider)) return { tracerProvider: false, unregister: () => {} };
  const contextOk = context.setGlobalContextManager(contextManager);
  if (!contextOk) diag.warn('@skein/node: a context manager was already registered; keeping it');
  const propagatorOk = propagation.setGlobalPropagator(propagator);
  if (!propagatorOk) diag.warn('@skein/node: a propagator was already registered; keeping it (OTEL_PROPAGATORS is not applied)');
  return {
    tracerProvider: true,
    unregister() {
      trace.disable();
      if (contextOk) context.disable();
      if (propagatorOk) propagation.disable();
    },
  };
}

import { createContextKey } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';

/**
 * Set on the context an exporter sends from, so that our own instrumentation does not trace
 * the exporter's requests (which would feed back into the next export, forever).
 */
export const SUPPRESS_TRACING_KEY = createContextKey('skein.suppress_tracing');

/**
 * OpenTelemetry's own key (`suppressTracing()` in @opentelemetry/core). `createContextKey`
 * is `Symbol.for(description)`, so this is the very symbol contrib instrumentations check,
 * without a runtime dependency on @opentelemetry/core.
 */
export const OTEL_SUPPRESS_TRACING_KEY = createContextKey('OpenTelemetry SDK Context Key SUPPRESS_TRACING');

/** A context in which both our instrumentation and OpenTelemetry's stay quiet. */
export function suppressTracing(ctx: Context): Context {
  return ctx.setValue(SUPPRESS_TRACING_KEY, true).setValue(OTEL_SUPPRESS_TRACING_KEY, true);
}

/** True when either key is set: our instrumentation must not create spans in this context. */
export function isTracingSuppressed(ctx: Context): boolean {
  return ctx.getValue(SUPPRESS_TRACING_KEY) === true || ctx.getValue(OTEL_SUPPRESS_TRACING_KEY) === true;
}

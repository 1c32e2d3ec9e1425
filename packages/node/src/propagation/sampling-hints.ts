import { createContextKey } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';

/*
 * Sampling information some formats carry beyond the span context's sampled bit. Propagators
 * put it in the context next to the remote span context; samplers and other propagators may
 * read it. Nothing here changes what a span context says.
 */

/**
 * Debug ("force trace") requested by the caller: B3 `d` / `X-B3-Flags: 1`, Jaeger flag 0x02.
 * `createContextKey` is `Symbol.for(description)`, so this is the very key OpenTelemetry's
 * B3 propagators use: a debug flag extracted by either implementation is injected by the other.
 * Values: 'd' (from a B3 single header) or '1' (B3 multi headers, Jaeger), as OpenTelemetry stores.
 */
export const DEBUG_FLAG_KEY = createContextKey('OpenTelemetry Context Key B3 Debug Flag');

/**
 * The caller deferred the sampling decision (B3 without a sampled field, X-Ray `Sampled=?` or no
 * `Sampled`). The remote span context then says "not sampled", as OpenTelemetry does; a sampler
 * that wants to decide on its own in that case can check this.
 */
export const SAMPLING_DEFERRED_KEY = createContextKey('skein.propagation.sampling_deferred');

/**
 * A sampling decision that arrived without trace ids (B3 `b3: 0` / `b3: 1` / `b3: d`, or
 * `X-B3-Sampled` alone): true to sample, false not to. There is no remote span context then,
 * so this is the only trace of the decision; a sampler may honour it for the new root span.
 */
export const SAMPLING_DECISION_ONLY_KEY = createContextKey('skein.propagation.sampling_decision_only');

/** True when the context carries a debug request (from any propagator, ours or OpenTelemetry's). */
export function isDebugRequested(context: Context): boolean {
  const value = context.getValue(DEBUG_FLAG_KEY);
  return value === 'd' || value === '1' || value === true;
}

/** True when the remote caller deferred the sampling decision. */
export function isSamplingDeferred(context: Context): boolean {
  return context.getValue(SAMPLING_DEFERRED_KEY) === true;
}

/** The id-less sampling decision the caller sent, if any. */
export function samplingDecisionOnly(context: Context): boolean | undefined {
  const value = context.getValue(SAMPLING_DECISION_ONLY_KEY);
  return typeof value === 'boolean' ? value : undefined;
}

/**
 * The context without hints left by an earlier propagator: when a later propagator replaces
 * the remote span context, the old span context's debug/defer hints no longer apply.
 * Reads first so the common case (no hints) allocates nothing.
 */
export function withoutSamplingHints(context: Context): Context {
  if (context.getValue(DEBUG_FLAG_KEY) !== undefined) context = context.deleteValue(DEBUG_FLAG_KEY);
  if (context.getValue(SAMPLING_DEFERRED_KEY) !== undefined) context = context.deleteValue(SAMPLING_DEFERRED_KEY);
  if (context.getValue(SAMPLING_DECISION_ONLY_KEY) !== undefined) context = context.deleteValue(SAMPLING_DECISION_ONLY_KEY);
  return context;
}

import { TraceFlags, trace } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import {
  DEBUG_FLAG_KEY,
  SAMPLING_DECISION_ONLY_KEY,
  SAMPLING_DEFERRED_KEY,
  withoutSamplingHints,
} from './sampling-hints.js';

/** B3's sampling states (openzipkin/b3-propagation): Defer is the absence of a decision. */
export type B3SamplingState = 'accept' | 'deny' | 'debug' | 'defer';

/** What a B3 header (single or multi) says: a trace context, or only a sampling decision. */
export type ParsedB3 =
  | { readonly kind: 'context'; readonly traceId: string; readonly spanId: string; readonly sampling: B3SamplingState }
  | { readonly kind: 'decision'; readonly sampling: 'accept' | 'deny' | 'debug' };

/**
 * The context with what a B3 header said. Debug implies accept (sampled) and is remembered
 * under the debug key with the value OpenTelemetry uses for that encoding ('d' single, '1'
 * multi). Defer becomes "not sampled", as in OpenTelemetry, plus the deferred hint.
 */
export function contextWithB3(context: Context, parsed: ParsedB3, debugValue: 'd' | '1'): Context {
  if (parsed.kind === 'decision') {
    let next = context.setValue(SAMPLING_DECISION_ONLY_KEY, parsed.sampling !== 'deny');
    if (parsed.sampling === 'debug') next = next.setValue(DEBUG_FLAG_KEY, debugValue);
    return next;
  }
  let next = withoutSamplingHints(context);
  if (parsed.sampling === 'debug') next = next.setValue(DEBUG_FLAG_KEY, debugValue);
  else if (parsed.sampling === 'defer') next = next.setValue(SAMPLING_DEFERRED_KEY, true);
  const sampled = parsed.sampling === 'accept' || parsed.sampling === 'debug';
  return trace.setSpanContext(next, {
    traceId: parsed.traceId,
    spanId: parsed.spanId,
    traceFlags: sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
    isRemote: true,
  });
}

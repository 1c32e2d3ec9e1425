import { ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import type { Context, SpanContext, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';

/** Headers as Node keeps them: lowercase names; a repeated header as an array (`headersDistinct`). */
export type Headers = Record<string, string | string[]>;

export const headerGetter: TextMapGetter<Headers> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key],
};

export const headerSetter: TextMapSetter<Headers> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};

/** Builds Node-style headers from wire pairs: names lowercased, repeats collected in order. */
export function headersFromPairs(pairs: readonly (readonly [string, string])[]): Headers {
  const headers: Headers = {};
  for (const [name, value] of pairs) {
    const key = name.toLowerCase();
    const existing = headers[key];
    if (existing === undefined) headers[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else headers[key] = [existing, value];
  }
  return headers;
}

export function extract(propagator: TextMapPropagator, headers: Headers, context: Context = ROOT_CONTEXT): Context {
  return propagator.extract(context, headers, headerGetter);
}

export function inject(propagator: TextMapPropagator, context: Context): Headers {
  const headers: Headers = {};
  propagator.inject(context, headers, headerSetter);
  return headers;
}

/** A context whose active span is a non-recording span with these ids. */
export function contextWith(spanContext: Partial<SpanContext> & { traceId: string; spanId: string }, context: Context = ROOT_CONTEXT): Context {
  return trace.setSpanContext(context, { traceFlags: TraceFlags.SAMPLED, isRemote: false, ...spanContext });
}

export const SAMPLE_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
export const SAMPLE_SPAN_ID = '00f067aa0ba902b7';

import { diag, TraceFlags } from '@opentelemetry/api';
import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';
import { firstHeaderValue, readHeader } from './carrier.js';
import { contextWithB3 } from './b3-sampling.js';
import { readB3Multi, writeB3Multi, X_B3_FLAGS, X_B3_PARENT_SPAN_ID, X_B3_SAMPLED, X_B3_SPAN_ID, X_B3_TRACE_ID } from './b3-multi-header.js';
import { B3_SINGLE_HEADER, formatB3Single, parseB3Single } from './b3-single-header.js';
import { isDebugRequested } from './sampling-hints.js';
import { spanContextForInjection } from './span-context-for-injection.js';

/** Which B3 encoding `inject` writes: the `b3` single header or the `X-B3-*` multi headers. */
export type B3InjectEncoding = 'single' | 'multi';

export interface B3PropagatorOptions {
  /** Default 'single' (OTEL_PROPAGATORS `b3`); 'multi' is `b3multi`. */
  injectEncoding?: B3InjectEncoding;
}

const SINGLE_FIELDS: readonly string[] = [B3_SINGLE_HEADER];
const MULTI_FIELDS: readonly string[] = [X_B3_TRACE_ID, X_B3_SPAN_ID, X_B3_FLAGS, X_B3_SAMPLED, X_B3_PARENT_SPAN_ID];

/**
 * Zipkin B3 (openzipkin/b3-propagation). Extract accepts both encodings; the single header
 * takes precedence, and when it is absent or invalid the multi headers are read. Inject writes
 * the configured encoding, like OpenTelemetry's B3Propagator with `injectEncoding`.
 */
export class B3Propagator implements TextMapPropagator {
  private readonly multi: boolean;

  constructor(options: B3PropagatorOptions = {}) {
    this.multi = options?.injectEncoding === 'multi';
  }

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    try {
      const spanContext = spanContextForInjection(context);
      if (spanContext === undefined) return;
      const sampled = (spanContext.traceFlags & TraceFlags.SAMPLED) !== 0;
      const debug = isDebugRequested(context);
      if (this.multi) {
        writeB3Multi(carrier, setter, spanContext.traceId, spanContext.spanId, sampled, debug);
      } else {
        setter.set(carrier, B3_SINGLE_HEADER, formatB3Single(spanContext.traceId, spanContext.spanId, sampled, debug));
      }
    } catch (error) {
      diag.warn('B3Propagator: inject failed', error);
    }
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    try {
      const single = firstHeaderValue(readHeader(getter, carrier, B3_SINGLE_HEADER));
      if (single !== undefined) {
        const parsed = parseB3Single(single);
        if (parsed !== undefined) return contextWithB3(context, parsed, 'd');
      }
      const parsed = readB3Multi(getter, carrier);
      return parsed === undefined ? context : contextWithB3(context, parsed, '1');
    } catch (error) {
      diag.warn('B3Propagator: extract failed', error);
      return context;
    }
  }

  fields(): string[] {
    return (this.multi ? MULTI_FIELDS : SINGLE_FIELDS).slice();
  }
}

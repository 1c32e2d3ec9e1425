import {
  INVALID_SPAN_CONTEXT, ROOT_CONTEXT, SpanKind, context, createContextKey, diag, isSpanContextValid, propagation, trace,
  type Context, type SpanStatus, type SpanOptions as OtelSpanOptions, type TextMapPropagator, type Tracer as OtelTracer,
  type TracerProvider,
} from '@opentelemetry/api';
import { FORMAT_BINARY, FORMAT_HTTP_HEADERS, FORMAT_TEXT_MAP, Tracer, type Span, type SpanContext, type SpanOptions } from 'opentracing';
import { globalTracerGetter } from '../helpers/helper-tracer.js';
import { carrierGetter, carrierSetter, isCarrier } from './carrier-getter.js';
import { resolveReferences } from './references.js';
import { ERROR_TAG, SPAN_KIND_TAG, spanKindFromTag, statusFromErrorTag } from './special-tags.js';
import { SkeinOpenTracingSpan } from './span.js';
import { EMPTY_BAGGAGE, INVALID_BRIDGE_SPAN_CONTEXT, SkeinOpenTracingSpanContext, asBridgeSpanContext, hasBaggage } from './span-context.js';
import { addConvertedFields, setConverted, toTimeInput } from './tag-values.js';

/** The instrumentation scope name the OpenTracing compatibility spec gives bridged spans. */
export const OPENTRACING_TRACER_NAME = 'opentracing-shim';

export interface SkeinOpenTracingTracerOptions {
  /** Where spans come from; default: the globally registered provider (looked up per span). */
  readonly tracerProvider?: TracerProvider;
  /**
   * Propagator for FORMAT_TEXT_MAP and FORMAT_HTTP_HEADERS; default: the globally registered one,
   * so the headers follow OTEL_PROPAGATORS (B3, Jaeger, ...) like the rest of the app.
   */
  readonly propagator?: Pick<TextMapPropagator, 'inject' | 'extract'>;
}

/** Where `activate` keeps the OpenTracing span, so `activeSpan()` returns that same object. */
const ACTIVE_OPENTRACING_SPAN = createContextKey('@skein/node opentracing span');

const SKIP_SPECIAL_TAGS = new Set([SPAN_KIND_TAG, ERROR_TAG]);

/**
 * An OpenTracing 0.14 Tracer on top of the OpenTelemetry API, so OpenTracing-era code (written
 * for jaeger-client and friends) reports into whatever OpenTelemetry SDK is registered.
 *
 * Unlike plain OpenTracing, and like the OpenTelemetry JS shim, a span started without
 * `childOf`/`references` is a child of the active OpenTelemetry span, so bridged spans and
 * automatically instrumented HTTP spans form one tree. `activate(span, fn)` makes a bridged span
 * the active one for OpenTelemetry code (and automatic HTTP client spans) inside `fn`.
 */
export class SkeinOpenTracingTracer extends Tracer {
  readonly #otelTracer: () => OtelTracer;
  readonly #propagator: Pick<TextMapPropagator, 'inject' | 'extract'>;
  #warnedBinary = false;

  constructor(options: SkeinOpenTracingTracerOptions = {}) {
    super();
    const provider = options.tracerProvider;
    if (provider === undefined) {
      this.#otelTracer = globalTracerGetter(OPENTRACING_TRACER_NAME);
    } else {
      const tracer = provider.getTracer(OPENTRACING_TRACER_NAME);
      this.#otelTracer = () => tracer;
    }
    this.#propagator = options.propagator ?? propagation;
  }

  override startSpan(name: string, options?: SpanOptions): SkeinOpenTracingSpan {
    try {
      return this.#startSpan(String(name), options ?? {});
    } catch (error) {
      diag.error('@skein/node opentracing: startSpan failed; returning a no-op span', error);
      return new SkeinOpenTracingSpan(this, trace.wrapSpanContext(INVALID_SPAN_CONTEXT), INVALID_BRIDGE_SPAN_CONTEXT);
    }
  }

  /**
   * Writes the span context and its baggage into `carrier` for FORMAT_HTTP_HEADERS and
   * FORMAT_TEXT_MAP, through the OpenTelemetry propagator. FORMAT_BINARY is not supported
   * (no propagator defines a binary form): nothing is written.
   */
  override inject(spanContext: SpanContext | Span, format: string, carrier: unknown): void {
    try {
      if (!this.#isTextFormat(format)) return;
      const bridgeContext = asBridgeSpanContext(spanContext);
      if (bridgeContext === undefined || !isCarrier(carrier)) {
        diag.debug('@skein/node opentracing: inject needs a span context and an object carrier');
        return;
      }
      let propagated = ROOT_CONTEXT;
      if (isSpanContextValid(bridgeContext.otelSpanContext)) propagated = trace.setSpanContext(propagated, bridgeContext.otelSpanContext);
      if (hasBaggage(bridgeContext.baggage)) propagated = propagation.setBaggage(propagated, bridgeContext.baggage);
      this.#propagator.inject(propagated, carrier, carrierSetter);
    } catch (error) {
      diag.error('@skein/node opentracing: inject failed', error);
    }
  }

  /**
   * Reads a span context (and baggage) from `carrier`; null when the carrier holds neither,
   * and for FORMAT_BINARY. Never throws on malformed headers.
   */
  override extract(format: string, carrier: unknown): SkeinOpenTracingSpanContext | null {
    try {
      if (!this.#isTextFormat(format) || !isCarrier(carrier)) return null;
      const extracted = this.#propagator.extract(ROOT_CONTEXT, carrier, carrierGetter);
      const otelSpanContext = trace.getSpanContext(extracted);
      const baggage = propagation.getBaggage(extracted);
      const valid = otelSpanContext !== undefined && isSpanContextValid(otelSpanContext);
      const withBaggage = baggage !== undefined && hasBaggage(baggage);
      if (!valid && !withBaggage) return null;
      return new SkeinOpenTracingSpanContext(valid ? otelSpanContext : INVALID_SPAN_CONTEXT, withBaggage ? baggage : EMPTY_BAGGAGE);
    } catch (error) {
      diag.error('@skein/node opentracing: extract failed', error);
      return null;
    }
  }

  /**
   * Runs `fn` with `span` active: OpenTelemetry code inside (including automatic HTTP client
   * spans) nests under it, its baggage is in the active context, and `activeSpan()` returns it.
   * `null` runs `fn` with no active span.
   */
  activate<T>(span: Span | null | undefined, fn: () => T): T {
    return context.with(this.#contextFor(span), fn);
  }

  /**
   * The active span as an OpenTracing span: the very object given to `activate`, or a wrapper
   * of the active OpenTelemetry span (say, the automatic HTTP server span); null when neither a
   * span nor baggage is active.
   */
  activeSpan(): SkeinOpenTracingSpan | null {
    const active = context.active();
    const otelSpan = trace.getSpan(active);
    const activated = active.getValue(ACTIVE_OPENTRACING_SPAN);
    if (activated instanceof SkeinOpenTracingSpan && activated.otelSpan === otelSpan) return activated;
    const baggage = propagation.getBaggage(active) ?? EMPTY_BAGGAGE;
    if (otelSpan === undefined || !isSpanContextValid(otelSpan.spanContext())) {
      if (!hasBaggage(baggage)) return null;
      return new SkeinOpenTracingSpan(this, trace.wrapSpanContext(INVALID_SPAN_CONTEXT), new SkeinOpenTracingSpanContext(INVALID_SPAN_CONTEXT, baggage));
    }
    return new SkeinOpenTracingSpan(this, otelSpan, new SkeinOpenTracingSpanContext(otelSpan.spanContext(), baggage));
  }

  #startSpan(name: string, options: SpanOptions): SkeinOpenTracingSpan {
    const { parent, links, baggage } = resolveReferences(options.childOf, options.references);
    const active = context.active();
    let parentContext: Context;
    const otelOptions: OtelSpanOptions = { kind: SpanKind.INTERNAL };
    if (parent === undefined) {
      parentContext = active;
    } else if (!isSpanContextValid(parent.otelSpanContext)) {
      // An explicit parent that carries only baggage: a new trace, not a child of the active span.
      parentContext = trace.deleteSpan(active);
      otelOptions.root = true;
    } else {
      parentContext = trace.setSpanContext(active, parent.otelSpanContext);
    }
    if (links !== undefined) otelOptions.links = links;
    const startTime = toTimeInput(options.startTime);
    if (startTime !== undefined) otelOptions.startTime = startTime;
    const tags = options.tags;
    let errorStatus: SpanStatus | undefined;
    if (typeof tags === 'object' && tags !== null) {
      // Set at creation, not after, so samplers see them (OpenTracing compatibility spec).
      const attributes = addConvertedFields({}, tags, SKIP_SPECIAL_TAGS);
      const kindTag: unknown = tags[SPAN_KIND_TAG];
      const kind = spanKindFromTag(kindTag);
      if (kind !== undefined) otelOptions.kind = kind;
      else setConverted(attributes, SPAN_KIND_TAG, kindTag);
      const errorTag: unknown = tags[ERROR_TAG];
      errorStatus = statusFromErrorTag(errorTag);
      if (errorStatus === undefined) setConverted(attributes, ERROR_TAG, errorTag);
      otelOptions.attributes = attributes;
    }
    const otelSpan = this.#otelTracer().startSpan(name, otelOptions, parentContext);
    if (errorStatus !== undefined) otelSpan.setStatus(errorStatus);
    const spanBaggage = parent === undefined ? propagation.getBaggage(active) ?? EMPTY_BAGGAGE : baggage ?? EMPTY_BAGGAGE;
    return new SkeinOpenTracingSpan(this, otelSpan, new SkeinOpenTracingSpanContext(otelSpan.spanContext(), spanBaggage));
  }

  #contextFor(span: Span | null | undefined): Context {
    const active = context.active();
    if (span instanceof SkeinOpenTracingSpan) {
      const withSpan = trace.setSpan(active, span.otelSpan).setValue(ACTIVE_OPENTRACING_SPAN, span);
      const baggage = span.context().baggage;
      return hasBaggage(baggage) ? propagation.setBaggage(withSpan, baggage) : propagation.deleteBaggage(withSpan);
    }
    const foreign = span === null || span === undefined ? undefined : asBridgeSpanContext(span);
    const otelSpanContext = foreign?.otelSpanContext ?? INVALID_SPAN_CONTEXT;
    return propagation.deleteBaggage(trace.setSpan(active, trace.wrapSpanContext(otelSpanContext)).deleteValue(ACTIVE_OPENTRACING_SPAN));
  }

  #isTextFormat(format: string): boolean {
    if (format === FORMAT_HTTP_HEADERS || format === FORMAT_TEXT_MAP) return true;
    if (format === FORMAT_BINARY) {
      if (!this.#warnedBinary) {
        this.#warnedBinary = true;
        diag.warn('@skein/node opentracing: FORMAT_BINARY is not supported (no OpenTelemetry propagator has a binary form); inject writes nothing and extract returns null');
      }
      return false;
    }
    diag.warn(`@skein/node opentracing: unknown carrier format ${String(format)}; ignored`);
    return false;
  }
}

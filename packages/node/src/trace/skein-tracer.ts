import {
  context as contextApi,
  diag,
  INVALID_SPAN_CONTEXT,
  isSpanContextValid,
  SpanKind,
  trace as traceApi,
  TraceFlags,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type SpanContext,
  type SpanOptions,
  type Tracer,
} from '@opentelemetry/api';
import { SamplingDecision } from '../sampling/sampler.js';
import type { InstrumentationScope } from './finished-span.js';
import { NonRecordingSpan } from './non-recording-span.js';
import { SkeinSpan } from './skein-span.js';
import { nowUnixMs, timeInputToUnixMs } from './time.js';
import type { TracerSharedState } from './tracer-shared-state.js';

const NO_ATTRIBUTES: Attributes = Object.freeze({}) as Attributes;
const NO_LINKS: readonly Link[] = Object.freeze([]);

/**
 * Starts spans for one instrumentation scope. Parent resolution, sampling and id creation
 * happen here; the span itself (SkeinSpan) only records.
 */
export class SkeinTracer implements Tracer {
  constructor(
    readonly scope: InstrumentationScope,
    private readonly state: TracerSharedState,
  ) {}

  startSpan(name: string, options?: SpanOptions, context?: Context): Span {
    try {
      return this.start(name, options, context ?? contextApi.active());
    } catch (err) {
      // A throwing sampler or a malformed context must not break the application.
      diag.error('Skein: startSpan failed; returning a non-recording span', err);
      return new NonRecordingSpan(INVALID_SPAN_CONTEXT);
    }
  }

  private start(name: string, options: SpanOptions | undefined, context: Context): Span {
    const state = this.state;
    if (options?.root === true) {
      // The sampler must not see the ignored parent either (ParentBased would follow it).
      context = traceApi.deleteSpan(context);
    }
    const parent = parentSpanContext(context);
    if (state.isShutdown) {
      // Like the API's no-op tracer: keep propagating whatever the parent was.
      return new NonRecordingSpan(parent ?? INVALID_SPAN_CONTEXT);
    }
    const traceId = parent === undefined ? state.idGenerator.generateTraceId() : parent.traceId;
    if (typeof name !== 'string') name = String(name);
    const kind = validKind(options?.kind);
    const attributes = options?.attributes ?? NO_ATTRIBUTES;
    const links = options?.links ?? NO_LINKS;
    const result = state.sampler.shouldSample(context, traceId, name, kind, attributes, links);
    const decision = result.decision;
    const traceState = result.traceState ?? parent?.traceState;
    const spanContext: SpanContext = {
      traceId,
      spanId: state.idGenerator.generateSpanId(),
      traceFlags: decision === SamplingDecision.RecordAndSample ? TraceFlags.SAMPLED : TraceFlags.NONE,
      traceState,
      isRemote: false,
    };
    if (decision !== SamplingDecision.RecordAndSample && decision !== SamplingDecision.RecordOnly) {
      return new NonRecordingSpan(spanContext);
    }
    const startTime = options?.startTime;
    return new SkeinSpan(
      this.scope,
      state.resource,
      state.limits,
      state.processors,
      spanContext,
      parent?.spanId,
      parent === undefined ? undefined : parent.isRemote === true,
      name,
      kind,
      startTime === undefined ? nowUnixMs() : timeInputToUnixMs(startTime),
      options?.attributes,
      result.attributes,
      options?.links,
      context,
    );
  }

  startActiveSpan<F extends (span: Span) => unknown>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: SpanOptions, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    options: SpanOptions,
    context: Context,
    fn: F,
  ): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    optionsOrFn: SpanOptions | F,
    contextOrFn?: Context | F,
    maybeFn?: F,
  ): ReturnType<F> | undefined {
    let options: SpanOptions | undefined;
    let parentContext: Context | undefined;
    let fn: F;
    // The callback is always the last argument; which overload was meant follows from that.
    if (typeof maybeFn === 'function') {
      options = optionsOrFn as SpanOptions | undefined;
      parentContext = contextOrFn as Context | undefined;
      fn = maybeFn;
    } else if (typeof contextOrFn === 'function') {
      options = optionsOrFn as SpanOptions | undefined;
      fn = contextOrFn;
    } else if (typeof optionsOrFn === 'function') {
      fn = optionsOrFn;
    } else {
      diag.error('Skein: startActiveSpan needs a callback as its last argument');
      return undefined;
    }
    const parent = parentContext ?? contextApi.active();
    const span = this.startSpan(name, options, parent);
    return contextApi.with(traceApi.setSpan(parent, span), fn as (span: Span) => ReturnType<F>, undefined, span);
  }
}

/**
 * The parent's SpanContext, or undefined when there is no valid one. Our own spans are
 * trusted without re-validating their ids (that would be two regex tests per child span).
 */
function parentSpanContext(context: Context): SpanContext | undefined {
  const span = traceApi.getSpan(context);
  if (span === undefined) return undefined;
  const spanContext = span.spanContext();
  if (span instanceof SkeinSpan) return spanContext;
  return isSpanContextValid(spanContext) ? spanContext : undefined;
}

function validKind(kind: SpanKind | undefined): SpanKind {
  if (kind === undefined) return SpanKind.INTERNAL;
  if (kind >= SpanKind.INTERNAL && kind <= SpanKind.CONSUMER && Number.isInteger(kind)) return kind;
  diag.warn(`Skein: invalid span kind (${typeof kind === 'number' ? kind : typeof kind}); using INTERNAL`);
  return SpanKind.INTERNAL;
}

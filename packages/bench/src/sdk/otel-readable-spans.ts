import { ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type IdGenerator, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { FinishedSpan, InstrumentationScope, SpanResource } from '@skein/node/trace/finished-span';

/**
 * The same spans as genuine OpenTelemetry JS ReadableSpans: each one started and ended through
 * the OpenTelemetry SDK itself (one provider per resource, one tracer per scope) into an
 * InMemorySpanExporter, with the same ids (an id generator that hands out the source span's),
 * parent, kind, times, attributes, events and status. What OpenTelemetry's serializer then
 * encodes is what its exporter would get from its own SDK.
 */
export async function toOtelReadableSpans(spans: readonly FinishedSpan[]): Promise<ReadableSpan[]> {
  const next = { traceId: '', spanId: '' };
  const ids: IdGenerator = { generateTraceId: () => next.traceId, generateSpanId: () => next.spanId };
  const exporter = new InMemorySpanExporter();
  const providers = new Map<SpanResource, BasicTracerProvider>();
  const tracers = new Map<InstrumentationScope, ReturnType<BasicTracerProvider['getTracer']>>();
  for (const source of spans) {
    let provider = providers.get(source.resource);
    if (!provider) {
      provider = new BasicTracerProvider({ resource: resourceFromAttributes(source.resource.attributes), idGenerator: ids, spanProcessors: [new SimpleSpanProcessor(exporter)] });
      providers.set(source.resource, provider);
    }
    let tracer = tracers.get(source.scope);
    if (!tracer) {
      tracer = provider.getTracer(source.scope.name, source.scope.version, source.scope.schemaUrl ? { schemaUrl: source.scope.schemaUrl } : {});
      tracers.set(source.scope, tracer);
    }
    const context = source.spanContext();
    next.traceId = context.traceId;
    next.spanId = context.spanId;
    const parent =
      source.parentSpanId === undefined
        ? ROOT_CONTEXT
        : trace.setSpanContext(ROOT_CONTEXT, { traceId: context.traceId, spanId: source.parentSpanId, traceFlags: TraceFlags.SAMPLED, isRemote: source.parentSpanIsRemote === true });
    const span = tracer.startSpan(source.name, { kind: source.kind, attributes: source.attributes, startTime: source.startTimeUnixMs, links: [...source.links] }, parent);
    for (const event of source.events) span.addEvent(event.name, event.attributes, event.timeUnixMs);
    span.setStatus(source.status);
    span.end(source.endTimeUnixMs);
  }
  await Promise.all([...providers.values()].map((p) => p.forceFlush()));
  const finished = exporter.getFinishedSpans();
  if (finished.length !== spans.length) throw new Error(`OpenTelemetry JS finished ${finished.length} of ${spans.length} spans`);
  return finished;
}

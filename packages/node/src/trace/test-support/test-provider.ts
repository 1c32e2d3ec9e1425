import type { Attributes, TraceState } from '@opentelemetry/api';
import { SamplingDecision } from '../../sampling/sampler.js';
import type { SpanLimits } from '../span-limits.js';
import { SkeinTracerProvider } from '../tracer-provider.js';
import { SkeinSpan } from '../skein-span.js';
import { FixedSampler } from './fixed-sampler.js';
import { RecordingProcessor } from './recording-processor.js';

/** Test helper: a provider with a FixedSampler and a RecordingProcessor, and its first tracer. */
export function makeTestProvider(
  options: {
    decision?: SamplingDecision;
    samplerAttributes?: Attributes;
    samplerTraceState?: TraceState;
    spanLimits?: Partial<SpanLimits>;
  } = {},
) {
  const sampler = new FixedSampler(options.decision ?? SamplingDecision.RecordAndSample, {
    ...(options.samplerAttributes ? { attributes: options.samplerAttributes } : {}),
    ...(options.samplerTraceState ? { traceState: options.samplerTraceState } : {}),
  });
  const processor = new RecordingProcessor();
  const resource = { attributes: { 'service.name': 'test-service' } };
  const provider = new SkeinTracerProvider({
    resource,
    sampler,
    processors: [processor],
    ...(options.spanLimits ? { spanLimits: options.spanLimits } : {}),
  });
  const tracer = provider.getTracer('test-scope', '1.2.3');
  /** Starts a recording root span (asserting it is one) for tests of span methods. */
  const startRecording = (name = 'span'): SkeinSpan => {
    const span = tracer.startSpan(name, {}, undefined);
    if (!(span instanceof SkeinSpan)) throw new Error('expected a recording SkeinSpan');
    return span;
  };
  return { provider, tracer, processor, sampler, resource, startRecording };
}

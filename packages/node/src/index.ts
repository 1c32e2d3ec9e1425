// @skein/node public API. Each area adds its exports here as it lands.
export type { FinishedSpan, FinishedSpanEvent, SpanResource, InstrumentationScope } from './trace/finished-span.js';
export type { SpanProcessor } from './trace/span-processor.js';
export type { SpanExporter, ExportResult } from './export/span-exporter.js';
export { SamplingDecision } from './sampling/sampler.js';
export type { Sampler, SamplingResult } from './sampling/sampler.js';

// helpers
export { traced, withSpan, HELPER_TRACER_NAME } from './helpers/index.js';
export type { TracedOptions, TracedMethodDecorator, TracedMethod } from './helpers/index.js';
// trace + context
export { SkeinTracerProvider } from './trace/tracer-provider.js';
export type { TracerProviderConfig } from './trace/tracer-provider.js';
export { SkeinTracer } from './trace/skein-tracer.js';
export { SkeinSpan } from './trace/skein-span.js';
export { NonRecordingSpan } from './trace/non-recording-span.js';
export { DEFAULT_SPAN_LIMITS, resolveSpanLimits } from './trace/span-limits.js';
export type { SpanLimits } from './trace/span-limits.js';
export { PooledRandomIdGenerator, randomIdGenerator, generateTraceId, generateSpanId } from './trace/id-generator.js';
export type { IdGenerator } from './trace/id-generator.js';
export { nowUnixMs, timeInputToUnixMs } from './trace/time.js';
export { hrTimeToUnixMs } from './trace/finished-span.js';
export { AsyncLocalStorageContextManager } from './context/async-local-storage-context-manager.js';
// propagation
export { W3CTraceContextPropagator, parseTraceParent, TRACEPARENT_HEADER, TRACESTATE_HEADER } from './propagation/w3c-trace-context.js';
export type { ParsedTraceParent } from './propagation/w3c-trace-context.js';
export { W3CTraceState, isValidTraceStateKey, isValidTraceStateValue } from './propagation/trace-state.js';
export { W3CBaggagePropagator, BAGGAGE_HEADER, parseBaggageHeader, serializeBaggage } from './propagation/w3c-baggage.js';
export { MapBaggage } from './propagation/map-baggage.js';
export { B3Propagator } from './propagation/b3.js';
export type { B3InjectEncoding, B3PropagatorOptions } from './propagation/b3.js';
export { JaegerPropagator, parseUberTraceId, UBER_TRACE_ID_HEADER, UBER_BAGGAGE_HEADER_PREFIX } from './propagation/jaeger.js';
export type { ParsedUberTraceId } from './propagation/jaeger.js';
export { AwsXRayPropagator, parseXRayHeader, AWS_XRAY_TRACE_HEADER } from './propagation/aws-xray.js';
export type { ParsedXRayHeader, XRaySampling } from './propagation/aws-xray.js';
export { CompositePropagator } from './propagation/composite.js';
export { propagatorFromNames, KNOWN_PROPAGATOR_NAMES } from './propagation/propagator-from-names.js';
export {
  DEBUG_FLAG_KEY,
  SAMPLING_DEFERRED_KEY,
  SAMPLING_DECISION_ONLY_KEY,
  isDebugRequested,
  isSamplingDeferred,
  samplingDecisionOnly,
} from './propagation/sampling-hints.js';
// sampling + resource + config + sdk
export { startSkeinNode } from './sdk/start-skein-node.js';
export type { SkeinNode, SkeinNodeOptions } from './sdk/skein-node-options.js';
export { AlwaysOnSampler } from './sampling/always-on-sampler.js';
export { AlwaysOffSampler } from './sampling/always-off-sampler.js';
export { TraceIdRatioSampler } from './sampling/trace-id-ratio-sampler.js';
export { ParentBasedSampler } from './sampling/parent-based-sampler.js';
export type { ParentBasedSamplerOptions } from './sampling/parent-based-sampler.js';
export { RateLimitingSampler } from './sampling/rate-limiting-sampler.js';
export { PerOperationSampler } from './sampling/per-operation-sampler.js';
export type { PerOperationSamplerOptions, OperationSamplingRate } from './sampling/per-operation-sampler.js';
export { JaegerRemoteSampler } from './sampling/jaeger-remote-sampler.js';
export type { JaegerRemoteSamplerOptions } from './sampling/jaeger-remote-sampler.js';
export { parseJaegerStrategy } from './sampling/jaeger-strategy.js';
export type { JaegerStrategy, ParsedStrategy } from './sampling/jaeger-strategy.js';
export { samplerFromEnv, SAMPLER_NAMES } from './sampling/sampler-from-env.js';
export type { MonotonicClock } from './sampling/token-bucket.js';
export { detectResource, defaultServiceName } from './resource/detect-resource.js';
export type { ResourceOverrides } from './resource/detect-resource.js';
export { parseResourceAttributes } from './resource/parse-resource-attributes.js';
export { spanLimitsFromEnv } from './config/span-limits-from-env.js';
export { propagatorNamesFromEnv, DEFAULT_PROPAGATORS } from './config/propagator-names-from-env.js';
export { logLevelFromEnv } from './config/log-level-from-env.js';
export { sdkDisabledFromEnv } from './config/sdk-disabled-from-env.js';
export type { Env } from './config/env.js';
// export
export { BatchSpanProcessor, DEFAULT_BATCH_OPTIONS } from './export/batch-span-processor.js';
export type { BatchSpanProcessorOptions } from './export/batch-span-processor.js';
export { batchOptionsFromEnv } from './export/batch-options-from-env.js';
export { SimpleSpanProcessor } from './export/simple-span-processor.js';
export { InMemorySpanExporter } from './export/in-memory-span-exporter.js';
export { SUPPRESS_TRACING_KEY, OTEL_SUPPRESS_TRACING_KEY, suppressTracing, isTracingSuppressed } from './export/suppress-tracing.js';
export { OtlpProtobufEncoder, encodeOtlpProtobuf } from './export/otlp/encode-otlp-protobuf.js';
export { encodeOtlpJson } from './export/otlp/encode-otlp-json.js';
export { OtlpHttpSpanExporter } from './export/otlp/otlp-http-exporter.js';
export type { OtlpHttpSpanExporterOptions } from './export/otlp/otlp-http-exporter.js';
export { otlpConfigFromEnv, DEFAULT_OTLP_TRACES_URL } from './export/otlp/otlp-config-from-env.js';
export type { OtlpHttpConfig, OtlpHttpProtocol, OtlpCompression } from './export/otlp/otlp-config-from-env.js';
export type { RetryPolicy } from './export/http/post-with-retry.js';
export { ZipkinSpanExporter, zipkinOptionsFromEnv, DEFAULT_ZIPKIN_URL } from './export/zipkin/zipkin-exporter.js';
export type { ZipkinSpanExporterOptions } from './export/zipkin/zipkin-exporter.js';
export { toZipkinSpan } from './export/zipkin/to-zipkin-span.js';
export type { ZipkinSpan, ZipkinEndpoint } from './export/zipkin/to-zipkin-span.js';
export { ConsoleSpanExporter } from './export/console/console-exporter.js';
export type { TextSink } from './export/console/console-exporter.js';
export { spanExportersFromEnv } from './export/exporters-from-env.js';
// instrumentation
export { startHttpInstrumentation, httpInstrumentationOptionsFromEnv } from './instrumentation/start-http-instrumentation.js';
export type { HttpInstrumentation, HttpInstrumentationOptions, CapturedHeaderOptions } from './instrumentation/start-http-instrumentation.js';
export { setHttpRoute } from './instrumentation/http-route.js';
export { PropagatingHttpAgent, PropagatingHttpsAgent } from './instrumentation/propagating-agent.js';
export { setActiveContextForCurrentExecution } from './instrumentation/active-context-hook.js';
export type { AttachableContextManager } from './instrumentation/active-context-hook.js';
export { HTTP_INSTRUMENTATION_NAME, HTTP_INSTRUMENTATION_VERSION } from './instrumentation/instrumentation-tracer.js';

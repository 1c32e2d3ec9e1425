// @skein/node/opentracing: the OpenTracing bridge. A separate entry point so that `opentracing`
// is only loaded by applications that use it.
export { SkeinOpenTracingTracer, OPENTRACING_TRACER_NAME, type SkeinOpenTracingTracerOptions } from './tracer.js';
export { SkeinOpenTracingSpan } from './span.js';
export { SkeinOpenTracingSpanContext } from './span-context.js';

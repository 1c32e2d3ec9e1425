export { registerJaegerQueryApi, type JaegerQueryApiOptions } from './register-jaeger-query-api.js';
export { toJaegerTrace, type JaegerTraceOptions } from './trace-to-jaeger.js';
export { uniquifySharedSpanIds } from './span-id-uniquifier.js';
export type * from './jaeger-json.js';

export type { SpanForwarder, ForwardObserver, ForwarderLogger } from './span-forwarder.js';
export { createOtlpHttpForwarder, type OtlpHttpForwarderOptions } from './otlp-http/otlp-http-forwarder.js';
export { DEFAULT_RETRY_OPTIONS, type RetryOptions, isRetryableStatus, parseRetryAfterMs } from './otlp-http/retry-policy.js';
export { USER_AGENT } from './version.js';

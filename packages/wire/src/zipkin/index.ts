export { decodeZipkinV2Json } from './decode-zipkin-v2-json.js';
export { toZipkinV2Span } from './span-to-zipkin-v2.js';
export type { ZipkinV2Span, ZipkinV2Endpoint, ZipkinV2Annotation, ZipkinV2Kind } from './zipkin-v2-span.js';
export { DEBUG_ATTRIBUTE as ZIPKIN_DEBUG_ATTRIBUTE, ENDPOINT_ATTRIBUTES as ZIPKIN_ENDPOINT_ATTRIBUTES } from './zipkin-keys.js';

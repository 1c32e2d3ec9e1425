export * from './http/read-body.js';
export * from './http/media-type.js';
export * from './http/raw-body-plugin.js';
export * from './http/error-body.js';
export * from './http/receiver-observer.js';
export * from './otlp/otlp-http-receiver.js';
export * from './zipkin/zipkin-http-receiver.js';

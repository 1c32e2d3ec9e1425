export * from './skein/index.js';
export * from './jaeger/index.js';
export * from './zipkin/index.js';

export * from './zipkin/index.js';
export * from './otlp/index.js';

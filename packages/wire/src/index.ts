export * from './zipkin/index.js';
export * from './otlp/index.js';
export * from './thrift/index.js';
export * from './jaeger/index.js';
export * from './xray/index.js';

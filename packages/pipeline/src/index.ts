export * from './limits.js';
export * from './bound-attributes.js';
export * from './validate-spans.js';
export * from './group-commit.js';
export * from './ingest-pipeline.js';
export * from './span-forwarder-like.js';

export * from './trace-store.js';
export { MemoryTraceStore } from './memory/memory-trace-store.js';
export { DuckDbTraceStore, type DuckDbTraceStoreOptions } from './duckdb/duckdb-trace-store.js';
// The contract suite imports node:test, so it is reached by its own path rather than from here:
// import { runTraceStoreContract } from '@skein/store/contract/trace-store-contract';

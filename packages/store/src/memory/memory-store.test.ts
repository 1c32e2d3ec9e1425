import { MemoryTraceStore } from './memory-trace-store.js';
import { runTraceStoreContract } from '../contract/trace-store-contract.js';

runTraceStoreContract('MemoryTraceStore', async () => ({ store: new MemoryTraceStore(), cleanup: async () => {} }));

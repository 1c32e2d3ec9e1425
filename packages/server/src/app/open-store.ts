import { DuckDbTraceStore, MemoryTraceStore, type TraceStore } from '@skein/store';
import type { SkeinConfig } from '../config/options.js';

export async function openStore(config: Pick<SkeinConfig, 'storage' | 'dataDir'>): Promise<TraceStore> {
  if (config.storage === 'memory') return new MemoryTraceStore();
  return DuckDbTraceStore.open({ path: config.dataDir });
}

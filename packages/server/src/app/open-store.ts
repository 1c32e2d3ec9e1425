import { MemoryTraceStore, type TraceStore } from '@skein/store';
import type { SkeinConfig } from '../config/options.js';

export async function openStore(config: Pick<SkeinConfig, 'storage' | 'dataDir'>): Promise<TraceStore> {
  void config;
  return new MemoryTraceStore();
}

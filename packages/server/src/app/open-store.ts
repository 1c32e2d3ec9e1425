import { DuckDbTraceStore, MemoryTraceStore, type TraceStore } from '@skein/store';
import type { SkeinConfig } from '../config/options.js';

/** The configured store; none with `--storage none`, where Skein only forwards. */
export async function openStore(config: Pick<SkeinConfig, 'storage' | 'dataDir'>): Promise<TraceStore | undefined> {
  if (config.storage === 'none') return undefined;
  if (config.storage === 'memory') return new MemoryTraceStore();
  return DuckDbTraceStore.open({ path: config.dataDir });
}

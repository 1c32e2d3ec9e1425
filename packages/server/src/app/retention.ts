import type { Logger } from 'pino';
import type { TraceStore } from '@skein/store';
import type { SkeinConfig } from '../config/options.js';

/**
 * Runs the store's retention at start and then every `retentionInterval`: by age (whole days
 * dropped) and by size. Failures are logged, never fatal: ingest must go on.
 */
export function startRetention(store: TraceStore, config: Pick<SkeinConfig, 'retention' | 'retentionSize' | 'retentionInterval'>, logger: Logger): { stop(): void; idle(): Promise<void> } {
  if (config.retention === 0n && config.retentionSize === 0) return { stop() {}, idle: async () => {} };
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = running.then(async () => {
      try {
        const result = await store.applyRetention({
          ...(config.retention > 0n ? { maxAgeNanos: config.retention } : {}),
          ...(config.retentionSize > 0 ? { maxBytes: config.retentionSize } : {}),
        });
        if (result.droppedPartitions.length > 0) logger.info({ dropped: result.droppedPartitions, spans: result.droppedSpans }, 'retention dropped old data');
      } catch (err) {
        logger.error({ err }, 'retention failed');
      }
    });
  };
  run();
  const intervalMs = Number(config.retentionInterval / 1_000_000n);
  const timer = intervalMs > 0 ? setInterval(run, intervalMs) : undefined;
  timer?.unref();
  return { stop: () => timer && clearInterval(timer), idle: () => running };
}

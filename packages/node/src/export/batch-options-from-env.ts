import { diag } from '@opentelemetry/api';
import type { BatchSpanProcessorOptions } from './batch-span-processor.js';
import { DEFAULT_BATCH_OPTIONS } from './batch-span-processor.js';
import { integerFromEnv } from './env-integer.js';
import type { EnvRecord } from './env-integer.js';

/**
 * The BatchSpanProcessor settings from OTEL_BSP_* (OpenTelemetry SDK environment variables).
 * Only variables that are set and valid appear in the result; a bad value is left out (so the
 * default applies) with a diag warning. A batch size above the queue size is clamped to it.
 */
export function batchOptionsFromEnv(env: EnvRecord): Partial<BatchSpanProcessorOptions> {
  const options: Partial<BatchSpanProcessorOptions> = {};
  const delay = integerFromEnv(env, 'OTEL_BSP_SCHEDULE_DELAY', 0);
  if (delay !== undefined) options.scheduledDelayMillis = delay;
  const timeout = integerFromEnv(env, 'OTEL_BSP_EXPORT_TIMEOUT', 1);
  if (timeout !== undefined) options.exportTimeoutMillis = timeout;
  const queue = integerFromEnv(env, 'OTEL_BSP_MAX_QUEUE_SIZE', 1);
  if (queue !== undefined) options.maxQueueSize = queue;
  const batch = integerFromEnv(env, 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE', 1);
  if (batch !== undefined) options.maxExportBatchSize = batch;

  const effectiveQueue = options.maxQueueSize ?? DEFAULT_BATCH_OPTIONS.maxQueueSize;
  const effectiveBatch = options.maxExportBatchSize ?? DEFAULT_BATCH_OPTIONS.maxExportBatchSize;
  if (effectiveBatch > effectiveQueue) {
    diag.warn(
      `OTEL_BSP_MAX_EXPORT_BATCH_SIZE (${effectiveBatch}) exceeds OTEL_BSP_MAX_QUEUE_SIZE (${effectiveQueue}); using ${effectiveQueue}`,
    );
    options.maxExportBatchSize = effectiveQueue;
  }
  return options;
}

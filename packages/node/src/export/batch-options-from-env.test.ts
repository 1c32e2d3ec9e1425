import { test } from 'node:test';
import assert from 'node:assert/strict';
import { batchOptionsFromEnv } from './batch-options-from-env.js';
import { captureDiag } from './test-support/capture-diag.js';

test('no variables → no overrides', () => {
  assert.deepEqual(batchOptionsFromEnv({}), {});
});

test('reads all four OTEL_BSP_* variables', () => {
  assert.deepEqual(
    batchOptionsFromEnv({
      OTEL_BSP_SCHEDULE_DELAY: '1000',
      OTEL_BSP_EXPORT_TIMEOUT: '2000',
      OTEL_BSP_MAX_QUEUE_SIZE: '300',
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '100',
    }),
    { scheduledDelayMillis: 1000, exportTimeoutMillis: 2000, maxQueueSize: 300, maxExportBatchSize: 100 },
  );
});

test('a zero schedule delay is allowed; zero sizes are not', () => {
  let options = {};
  const warnings = captureDiag(() => {
    options = batchOptionsFromEnv({ OTEL_BSP_SCHEDULE_DELAY: '0', OTEL_BSP_MAX_QUEUE_SIZE: '0' });
  });
  assert.deepEqual(options, { scheduledDelayMillis: 0 });
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /OTEL_BSP_MAX_QUEUE_SIZE/);
});

test('bad values are skipped with a warning each', () => {
  let options = {};
  const warnings = captureDiag(() => {
    options = batchOptionsFromEnv({ OTEL_BSP_SCHEDULE_DELAY: 'soon', OTEL_BSP_EXPORT_TIMEOUT: '-5', OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '1.5' });
  });
  assert.deepEqual(options, {});
  assert.equal(warnings.length, 3);
});

test('a batch size above the queue size is clamped, also against the default queue size', () => {
  let a = {};
  let b = {};
  const warnings = captureDiag(() => {
    a = batchOptionsFromEnv({ OTEL_BSP_MAX_QUEUE_SIZE: '100', OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '500' });
    b = batchOptionsFromEnv({ OTEL_BSP_MAX_QUEUE_SIZE: '100' });
  });
  assert.deepEqual(a, { maxQueueSize: 100, maxExportBatchSize: 100 });
  assert.deepEqual(b, { maxQueueSize: 100, maxExportBatchSize: 100 }, 'default batch 512 > queue 100');
  assert.equal(warnings.length, 2);
});

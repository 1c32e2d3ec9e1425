import { after, test } from 'node:test';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import assert from 'node:assert/strict';
import { context, ROOT_CONTEXT, TraceFlags } from '@opentelemetry/api';
import { BatchSpanProcessor } from './batch-span-processor.js';
import { makeFinishedSpan, makeFinishedSpans } from './test-support/make-finished-span.js';
import { RecordingExporter, settle, whileAlive } from './test-support/recording-exporter.js';
import { captureDiag } from './test-support/capture-diag.js';

const LONG = 60_000;

function endAll(processor: BatchSpanProcessor, count: number): ReturnType<typeof makeFinishedSpans> {
  const spans = makeFinishedSpans(count);
  for (const span of spans) processor.onEnd(span);
  return spans;
}

test('a full batch is exported soon after, never inside onEnd', async () => {
  const exporter = new RecordingExporter();
  const processor = new BatchSpanProcessor(exporter, { maxExportBatchSize: 3, scheduledDelayMillis: LONG });
  const spans = endAll(processor, 7);
  assert.equal(exporter.batches.length, 0, 'onEnd must not export synchronously');
  await settle();
  assert.deepEqual(exporter.batches.map((b) => b.length), [3, 3]);
  assert.deepEqual(exporter.batches.flat(), spans.slice(0, 6), 'FIFO order');
  assert.equal(processor.queuedSpans, 1, 'a partial batch waits for the scheduled delay');
  assert.equal(processor.exportedSpans, 6);
  await processor.shutdown();
});

test('a partial batch is exported when the scheduled delay passes', async () => {
  const exporter = new RecordingExporter();
  const processor = new BatchSpanProcessor(exporter, { maxExportBatchSize: 100, scheduledDelayMillis: 10 });
  const spans = endAll(processor, 2);
  await whileAlive(exporter.waitForExports(1));
  assert.deepEqual(exporter.batches[0], spans);
  // The timer re-arms for later spans.
  const more = endAll(processor, 1);
  await whileAlive(exporter.waitForExports(2));
  assert.deepEqual(exporter.batches[1], more);
  await processor.shutdown();
});

test('a full queue drops spans, counts them and warns once per interval', () => {
  const exporter = new RecordingExporter();
  const processor = new BatchSpanProcessor(exporter, { maxQueueSize: 4, maxExportBatchSize: 4, scheduledDelayMillis: LONG });
  const warnings = captureDiag(() => {
    endAll(processor, 10);
  });
  assert.equal(processor.droppedSpans, 6);
  assert.equal(processor.queuedSpans, 4);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /queue full/);
  return processor.shutdown().then(() => {
    assert.deepEqual(exporter.batches.map((b) => b.length), [4]);
  });
});

test('only one export is in flight at a time', async () => {
  const exporter = new RecordingExporter();
  exporter.hold = true;
  const processor = new BatchSpanProcessor(exporter, { maxExportBatchSize: 2, scheduledDelayMillis: LONG });
  endAll(processor, 2);
  await settle();
  assert.equal(exporter.batches.length, 1);
  endAll(processor, 4);
  await settle();
  assert.equal(exporter.batches.length, 1, 'second batch waits for the first');
  exporter.release();
  await exporter.waitForExports(2);
  exporter.release();
  await exporter.waitForExports(3);
  exporter.release();
  await settle();
  assert.deepEqual(exporter.batches.map((b) => b.length), [2, 2, 2]);
  assert.equal(exporter.maxInFlight, 1);
  await processor.shutdown();
});

test('forceFlush exports everything queued and resolves once the export is done', async () => {
  const exporter = new RecordingExporter();
  exporter.hold = true;
  const processor = new BatchSpanProcessor(exporter, { maxExportBatchSize: 2, scheduledDelayMillis: LONG });
  const spans = endAll(processor, 5);
  let flushed = false;
  const flush = processor.forceFlush().then(() => { flushed = true; });
  await exporter.waitForExports(1);
  assert.equal(flushed, false);
  exporter.release();
  await exporter.waitForExports(2);
  exporter.release();
  await exporter.waitForExports(3);
  assert.equal(flushed, false, 'still waiting for the last export');
  exporter.release();
  await flush;
  assert.deepEqual(exporter.batches.flat(), spans);
  assert.equal(exporter.forceFlushCalls, 1);
  assert.equal(processor.queuedSpans, 0);
  await processor.shutdown();
});

test('forceFlush on an empty queue resolves', async () => {
  const processor = new BatchSpanProcessor(new RecordingExporter());
  await processor.forceFlush();
  await processor.shutdown();
});

test('forceFlush waits for an export already in flight', async () => {
  const exporter = new RecordingExporter();
  exporter.hold = true;
  const processor = new BatchSpanProcessor(exporter, { maxExportBatchSize: 2, scheduledDelayMillis: LONG });
  endAll(processor, 2);
  await exporter.waitForExports(1);
  let flushed = false;
  const flush = processor.forceFlush().then(() => { flushed = true; });
  await settle();
  assert.equal(flushed, false);
  exporter.release();
  await flush;
  assert.equal(exporter.batches.length, 1);
  await processor.shutdown();
});

test('shutdown flushes, shuts the exporter down once, and later spans are ignored', async () => {
  const exporter = new RecordingExporter();
  const processor = new BatchSpanProcessor(exporter, { scheduledDelayMillis: LONG });
  const spans = endAll(processor, 3);
  const first = processor.shutdown();
  const second = processor.shutdown();
  assert.equal(first, second);
  await first;
  assert.deepEqual(exporter.batches.flat(), spans);
  assert.equal(exporter.shutdownCalls, 1);
  endAll(processor, 3);
  await processor.forceFlush();
  await settle();
  assert.equal(exporter.batches.length, 1);
  assert.equal(processor.droppedSpans, 0, 'spans after shutdown are ignored, not counted as queue drops');
});

test('unsampled (record-only) spans are not exported', async () => {
  const exporter = new RecordingExporter();
  const processor = new BatchSpanProcessor(exporter);
  const sampled = makeFinishedSpan();
  processor.onEnd(makeFinishedSpan({ traceFlags: TraceFlags.NONE }));
  processor.onEnd(sampled);
  processor.onStart(sampled, ROOT_CONTEXT);
  await processor.shutdown();
  assert.deepEqual(exporter.batches, [[sampled]]);
});

for (const behaviour of ['fail', 'throw', 'reject'] as const) {
  test(`an exporter that ${behaviour}s is counted and never throws out of onEnd`, async () => {
    const exporter = new RecordingExporter();
    exporter.behaviour = behaviour;
    const processor = new BatchSpanProcessor(exporter, { maxExportBatchSize: 2, scheduledDelayMillis: LONG });
    const warnings = await captureDiag(async () => {
      assert.doesNotThrow(() => endAll(processor, 4));
      await processor.forceFlush();
    });
    assert.equal(processor.failedExports, 2);
    assert.equal(processor.failedSpans, 4);
    assert.equal(processor.exportedSpans, 0);
    assert.ok(warnings.some((w) => /1 export\(s\) failed, the last of 2 spans/.test(w)));
    await processor.shutdown();
  });
}

test('an export that never settles times out and counts as failed', async () => {
  const exporter = new RecordingExporter();
  exporter.behaviour = 'hang';
  const processor = new BatchSpanProcessor(exporter, { exportTimeoutMillis: 5, scheduledDelayMillis: LONG });
  endAll(processor, 1);
  await whileAlive(captureDiag(() => processor.forceFlush()));
  assert.equal(processor.failedExports, 1);
  await processor.shutdown();
});

test('exports run with tracing suppressed', async () => {
  const manager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(manager);
  after(() => { context.disable(); });
  const exporter = new RecordingExporter();
  const processor = new BatchSpanProcessor(exporter);
  endAll(processor, 1);
  await processor.forceFlush();
  assert.deepEqual(exporter.suppressedCalls, [true]);
  await processor.shutdown();
});

test('bad options fall back to defaults; a batch larger than the queue is clamped', async () => {
  const exporter = new RecordingExporter();
  let processor!: BatchSpanProcessor;
  const warnings = captureDiag(() => {
    processor = new BatchSpanProcessor(exporter, { maxQueueSize: 3, maxExportBatchSize: 10, scheduledDelayMillis: -1 });
  });
  assert.equal(warnings.length, 2);
  endAll(processor, 3);
  await settle();
  assert.deepEqual(exporter.batches.map((b) => b.length), [3], 'batch of maxQueueSize sent as soon as full');
  await processor.shutdown();
});

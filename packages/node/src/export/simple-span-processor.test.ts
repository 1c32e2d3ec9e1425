import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TraceFlags } from '@opentelemetry/api';
import { SimpleSpanProcessor } from './simple-span-processor.js';
import { InMemorySpanExporter } from './in-memory-span-exporter.js';
import { makeFinishedSpan, makeFinishedSpans } from './test-support/make-finished-span.js';
import { RecordingExporter } from './test-support/recording-exporter.js';
import { captureDiag } from './test-support/capture-diag.js';

test('each span is handed to the exporter as it ends', () => {
  const exporter = new RecordingExporter();
  const processor = new SimpleSpanProcessor(exporter);
  const span = makeFinishedSpan();
  processor.onEnd(span);
  assert.deepEqual(exporter.batches, [[span]], 'synchronously, at span end');
  return processor.shutdown();
});

test('spans ending during an export wait for it, so one export is in flight at a time', async () => {
  const exporter = new RecordingExporter();
  exporter.hold = true;
  const processor = new SimpleSpanProcessor(exporter);
  const [a, b, c] = makeFinishedSpans(3);
  processor.onEnd(a!);
  processor.onEnd(b!);
  processor.onEnd(c!);
  assert.equal(exporter.batches.length, 1);
  exporter.release();
  await exporter.waitForExports(2);
  exporter.release();
  await processor.forceFlush();
  assert.deepEqual(exporter.batches, [[a], [b, c]]);
  assert.equal(exporter.maxInFlight, 1);
  await processor.shutdown();
});

test('unsampled spans are skipped; a failing exporter never throws out of onEnd', async () => {
  const exporter = new RecordingExporter();
  exporter.behaviour = 'throw';
  const processor = new SimpleSpanProcessor(exporter);
  const warnings = await captureDiag(async () => {
    processor.onEnd(makeFinishedSpan({ traceFlags: TraceFlags.NONE }));
    assert.equal(exporter.batches.length, 0);
    assert.doesNotThrow(() => processor.onEnd(makeFinishedSpan()));
    await processor.forceFlush();
  });
  assert.equal(exporter.batches.length, 1);
  assert.match(warnings.join('\n'), /export failed: exporter threw/);
  await processor.shutdown();
});

test('shutdown is idempotent and shuts the exporter down once', async () => {
  const exporter = new RecordingExporter();
  const processor = new SimpleSpanProcessor(exporter);
  await Promise.all([processor.shutdown(), processor.shutdown()]);
  processor.onEnd(makeFinishedSpan());
  assert.equal(exporter.shutdownCalls, 1);
  assert.equal(exporter.batches.length, 0);
});

test('InMemorySpanExporter keeps spans until reset and refuses after shutdown', async () => {
  const exporter = new InMemorySpanExporter();
  const processor = new SimpleSpanProcessor(exporter);
  const spans = makeFinishedSpans(2);
  for (const s of spans) processor.onEnd(s);
  await processor.forceFlush();
  assert.deepEqual(exporter.getFinishedSpans(), spans);
  exporter.reset();
  assert.deepEqual(exporter.getFinishedSpans(), []);
  await exporter.shutdown();
  const result = await exporter.export(spans);
  assert.equal(result.ok, false);
  assert.deepEqual(exporter.getFinishedSpans(), []);
});

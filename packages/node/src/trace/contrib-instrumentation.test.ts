import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { context, trace } from '@opentelemetry/api';
import { FsInstrumentation } from '@opentelemetry/instrumentation-fs';
import { AsyncLocalStorageContextManager } from '../context/async-local-storage-context-manager.js';
import { SkeinTracerProvider } from './tracer-provider.js';
import { alwaysOnSampler } from './test-support/fixed-sampler.js';
import { RecordingProcessor } from './test-support/recording-processor.js';

// An OpenTelemetry contrib instrumentation (monkey-patching fs, built on InstrumentationBase)
// must work unchanged on top of our provider and context manager.
const processor = new RecordingProcessor();
const provider = new SkeinTracerProvider({ resource: { attributes: {} }, sampler: alwaysOnSampler, processors: [processor] });
context.setGlobalContextManager(new AsyncLocalStorageContextManager());
trace.setGlobalTracerProvider(provider);
const instrumentation = new FsInstrumentation({ requireParentSpan: true });
instrumentation.setTracerProvider(provider);
instrumentation.enable();
// Required after enable() so the patched CommonJS module is the one we call.
const fs = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');
after(() => {
  instrumentation.disable();
  trace.disable();
  context.disable();
});

test('@opentelemetry/instrumentation-fs spans become children of our active span', async () => {
  const thisFile = fileURLToPath(import.meta.url);
  const tracer = trace.getTracer('app');
  await tracer.startActiveSpan('parent', async (parent) => {
    fs.readFileSync(thisFile);
    await fs.promises.readFile(thisFile);
    parent.end();
  });
  const parent = processor.ended.find((s) => s.name === 'parent')!;
  const fsSpans = processor.ended.filter((s) => s.scope.name === '@opentelemetry/instrumentation-fs');
  assert.deepEqual(fsSpans.map((s) => s.name).sort(), ['fs readFile', 'fs readFileSync']);
  for (const span of fsSpans) {
    assert.equal(span.parentSpanId, parent.spanContext().spanId);
    assert.equal(span.spanContext().traceId, parent.spanContext().traceId);
    assert.ok(span.endTimeUnixMs >= span.startTimeUnixMs);
  }
});

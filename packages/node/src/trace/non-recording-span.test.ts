import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SpanStatusCode, TraceFlags } from '@opentelemetry/api';
import { NonRecordingSpan } from './non-recording-span.js';

test('a non-recording span carries its context and ignores everything, without throwing', () => {
  const spanContext = { traceId: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', spanId: 'bbbbbbbbbbbbbbbb', traceFlags: TraceFlags.NONE };
  const span = new NonRecordingSpan(spanContext);
  assert.equal(span.spanContext(), spanContext);
  assert.equal(span.isRecording(), false);
  assert.equal(
    span
      .setAttribute('a', 1)
      .setAttributes({ b: 2 })
      .addEvent('e', { c: 3 })
      .addLink({ context: spanContext })
      .addLinks([{ context: spanContext }])
      .setStatus({ code: SpanStatusCode.ERROR })
      .updateName('x'),
    span,
  );
  span.recordException(new Error('x'));
  span.end();
  span.end();
  assert.equal(span.isRecording(), false);
  // Nothing was stored: the only own property is the context.
  assert.deepEqual(Object.keys(span), ['_spanContext']);
});

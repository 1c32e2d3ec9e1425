import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SpanStatusCode } from '@opentelemetry/api';
import { makeRealisticSpans } from '@skein/node/export/bench-support';
import { toOtelReadableSpans } from './otel-readable-spans.js';

describe('toOtelReadableSpans', () => {
  it('makes OpenTelemetry spans with the same ids, parent, times, attributes, events and status', async () => {
    const source = makeRealisticSpans(12);
    const otel = await toOtelReadableSpans(source);
    assert.equal(otel.length, source.length);
    for (let i = 0; i < source.length; i++) {
      const s = source[i]!;
      const o = otel[i]!;
      assert.deepEqual({ traceId: o.spanContext().traceId, spanId: o.spanContext().spanId }, { traceId: s.spanContext().traceId, spanId: s.spanContext().spanId });
      assert.equal(o.parentSpanContext?.spanId, s.parentSpanId);
      assert.equal(o.name, s.name);
      assert.equal(o.kind, s.kind);
      assert.deepEqual(o.attributes, s.attributes);
      assert.equal(o.events.length, s.events.length);
      assert.equal(o.status.code, s.status.code);
      assert.equal(o.resource.attributes['service.name'], s.resource.attributes['service.name']);
      assert.equal(o.instrumentationScope.name, s.scope.name);
      // HrTime [s, ns] against float ms: equal to well under a microsecond.
      assert.ok(Math.abs(o.startTime[0] * 1000 + o.startTime[1] / 1e6 - s.startTimeUnixMs) < 0.001);
      assert.ok(Math.abs(o.endTime[0] * 1000 + o.endTime[1] / 1e6 - s.endTimeUnixMs) < 0.001);
    }
    assert.ok(otel.some((o) => o.status.code === SpanStatusCode.ERROR), 'the factory has error spans');
  });
});

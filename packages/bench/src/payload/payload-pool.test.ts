import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Span } from '@skein/model';
import { decodeOtlpJson, decodeOtlpProtobuf } from '@skein/wire';
import { PayloadPool, type PayloadFormat } from './payload-pool.js';

const decode = (format: PayloadFormat, body: Uint8Array): Span[] => (format === 'protobuf' ? decodeOtlpProtobuf(body) : decodeOtlpJson(body));
const END = 1_900_000_000_000_000_000n; // 2030

/** Three templates of at most 64 spans; 2,000 spans makes well over 9 sends. */
function pool(format: PayloadFormat): PayloadPool {
  return new PayloadPool({ format, seed: 7, templateCount: 3, maxSpansPerRequest: 64, spans: 2000, timelineEndNanos: END, saltOffset: 0 });
}

for (const format of ['protobuf', 'json'] as const) {
  describe(`PayloadPool (${format})`, () => {
    it('makes every send decode to the template spans with salted ids and shifted times', () => {
      const p = pool(format);
      const templates = p.templateBodies().map((b) => decode(format, b));
      for (let send = 0; send < 7; send++) {
        const template = templates[send % 3]!;
        const spans = decode(format, p.bodyFor(send));
        const shift = p.timeShiftOfSend(send);
        assert.equal(spans.length, template.length);
        assert.equal(spans.length, p.spansInSend(send));
        const expectedTraceIds = new Set(p.tracesOfSend(send).map((t) => t.traceId));
        spans.forEach((s, i) => {
          const t = template[i]!;
          assert.ok(expectedTraceIds.has(s.traceId), `trace id ${s.traceId} announced by tracesOfSend`);
          assert.equal(s.spanId, p.spanIdInSend(t.spanId, send));
          assert.equal(s.parentSpanId, t.parentSpanId === '' ? '' : p.spanIdInSend(t.parentSpanId, send));
          assert.equal(s.startTimeUnixNano, t.startTimeUnixNano + shift);
          assert.equal(s.endTimeUnixNano, t.endTimeUnixNano + shift);
          assert.deepEqual(s.events.map((e) => e.timeUnixNano), t.events.map((e) => e.timeUnixNano + shift));
          assert.deepEqual(s.attributes, t.attributes);
          assert.equal(s.name, t.name);
        });
      }
    });

    it('gives every span of every send its own ids, traces their own ids, and keeps parents inside the trace', () => {
      const p = pool(format);
      const spanKeys = new Set<string>();
      const traceIds = new Set<string>();
      let spans = 0;
      for (let send = 0; send < 9; send++) {
        const decoded = decode(format, p.bodyFor(send));
        const byTrace = new Map<string, Set<string>>();
        for (const s of decoded) {
          spanKeys.add(`${s.traceId}/${s.spanId}`);
          byTrace.set(s.traceId, (byTrace.get(s.traceId) ?? new Set()).add(s.spanId));
        }
        for (const s of decoded) if (s.parentSpanId !== '') assert.ok(byTrace.get(s.traceId)!.has(s.parentSpanId), 'parent is in the same trace');
        for (const id of byTrace.keys()) {
          assert.ok(!traceIds.has(id), `trace id ${id} repeats across sends`);
          traceIds.add(id);
        }
        spans += decoded.length;
      }
      assert.equal(spanKeys.size, spans);
    });

    it('works out how many sends carry the spans asked for', () => {
      const p = pool(format);
      assert.ok(p.totalSpans >= 2000);
      assert.ok(p.totalSpans - p.spansInSend(p.sends - 1) < 2000, 'one send fewer would not be enough');
    });

    it('lays the sends on one timeline that ends before the requested end, cycles not overlapping', () => {
      const p = pool(format);
      let previousCycleEnd = 0n;
      for (let cycle = 0; cycle < 3; cycle++) {
        let start = END;
        let end = 0n;
        for (let t = 0; t < 3; t++) {
          for (const s of decode(format, p.bodyFor(cycle * 3 + t))) {
            if (s.startTimeUnixNano < start) start = s.startTimeUnixNano;
            if (s.endTimeUnixNano > end) end = s.endTimeUnixNano;
          }
        }
        assert.ok(start > previousCycleEnd, `cycle ${cycle} starts after the previous one ended`);
        assert.ok(end < END);
        previousCycleEnd = end;
      }
    });
  });
}

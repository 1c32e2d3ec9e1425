import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hugeTrace, MAX_DEPTH } from './huge-trace.js';

describe('hugeTrace', () => {
  const spans = hugeTrace({ spanCount: 20_000, seed: 3, startNanos: 1_700_000_000_000_000_000n });

  it('is one trace of exactly the asked size, with unique valid ids and one root', () => {
    assert.equal(spans.length, 20_000);
    assert.equal(new Set(spans.map((s) => s.traceId)).size, 1);
    assert.match(spans[0]!.traceId, /^[0-9a-f]{32}$/);
    assert.equal(new Set(spans.map((s) => s.spanId)).size, spans.length);
    for (const s of spans) assert.match(s.spanId, /^[0-9a-f]{16}$/);
    assert.deepEqual(spans.filter((s) => s.parentSpanId === '').map((s) => s.spanId), [spans[0]!.spanId]);
  });

  it('is deep and wide: long call chains bounded by MAX_DEPTH, and parents with hundreds of children', () => {
    const index = new Map(spans.map((s, i) => [s.spanId, i]));
    const depth: number[] = [];
    const children = new Map<string, number>();
    spans.forEach((s, i) => {
      const parent = s.parentSpanId ? index.get(s.parentSpanId) : undefined;
      if (s.parentSpanId) assert.ok(parent !== undefined && parent < i, 'every parent is in the trace, before its child');
      depth.push(parent === undefined ? 0 : depth[parent]! + 1);
      if (s.parentSpanId) children.set(s.parentSpanId, (children.get(s.parentSpanId) ?? 0) + 1);
    });
    assert.equal(Math.max(...depth), MAX_DEPTH);
    assert.ok(Math.max(...children.values()) >= 200, `widest fan-out ${Math.max(...children.values())}`);
  });

  it('nests every span inside its parent, with realistic attributes, deterministically', () => {
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    for (const s of spans) {
      assert.ok(s.endTimeUnixNano > s.startTimeUnixNano);
      const parent = byId.get(s.parentSpanId);
      if (parent) assert.ok(s.startTimeUnixNano >= parent.startTimeUnixNano && s.endTimeUnixNano <= parent.endTimeUnixNano);
      assert.ok(s.attributes.length >= 10);
    }
    assert.deepEqual(hugeTrace({ spanCount: 50, seed: 3, startNanos: 1n }).map((s) => s.parentSpanId), hugeTrace({ spanCount: 50, seed: 3, startNanos: 1n }).map((s) => s.parentSpanId));
    assert.notEqual(hugeTrace({ spanCount: 50, seed: 4, startNanos: 1n })[0]!.traceId, spans[0]!.traceId);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { makeSpan, type Span } from '@skein/model';
import { SpanBatchQueue } from './span-batch-queue.js';

let next = 0;
const spans = (n: number): Span[] =>
  Array.from({ length: n }, () => makeSpan({ traceId: 'a'.repeat(32), spanId: (++next).toString(16).padStart(16, '0'), name: String(next), startTimeUnixNano: 1n, endTimeUnixNano: 2n }));

test('a request that fits is handed over as the same array', () => {
  const q = new SpanBatchQueue();
  const a = spans(3);
  q.push(a);
  assert.equal(q.take(10), a);
  assert.equal(q.size, 0);
  assert.deepEqual(q.take(10), []);
});

test('batches never exceed max, keep order, split requests, and lose nothing', () => {
  fc.assert(
    fc.property(fc.array(fc.nat(20), { maxLength: 20 }), fc.integer({ min: 1, max: 25 }), (sizes, max) => {
      const q = new SpanBatchQueue();
      const all: Span[] = [];
      for (const n of sizes) {
        const s = spans(n);
        all.push(...s);
        q.push(s);
      }
      assert.equal(q.size, all.length);
      const out: Span[] = [];
      while (q.size > 0) {
        const before = q.size;
        const batch = q.take(max);
        assert.ok(batch.length >= 1 && batch.length <= max);
        assert.equal(q.size, before - batch.length);
        out.push(...batch);
      }
      assert.deepEqual(out.map((s) => s.spanId), all.map((s) => s.spanId));
    }),
    { numRuns: 300 },
  );
});

test('clear empties the queue and says how much it held', () => {
  const q = new SpanBatchQueue();
  q.push(spans(4));
  q.push(spans(2));
  q.take(3);
  assert.equal(q.clear(), 3);
  assert.equal(q.size, 0);
});

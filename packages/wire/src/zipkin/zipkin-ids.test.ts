import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isIdProblem, normalizeSpanId, normalizeTraceId } from '@skein/model';
import { parentIdOf, spanIdOf, traceIdOf } from './zipkin-ids.js';

/** The rules the fast paths must keep: the model's normalizers, a bad id passing through lowercased. */
function expectedTraceId(raw: string): { id: string; high64Absent: boolean } {
  const n = normalizeTraceId(raw);
  return isIdProblem(n) ? { id: raw.toLowerCase(), high64Absent: false } : n;
}
function expectedSpanId(raw: string): string {
  const n = normalizeSpanId(raw);
  return isIdProblem(n) ? raw.toLowerCase() : n;
}
function expectedParentId(raw: string, spanId: string): string {
  const n = normalizeSpanId(raw);
  if (n === 'empty' || n === 'all-zero') return '';
  if (isIdProblem(n)) return raw.toLowerCase();
  return n === spanId ? '' : n;
}

test('common ids: 64-bit trace ids are padded, all-zero ids pass through, a parent equal to the span is none', () => {
  assert.deepEqual(traceIdOf('48485a3953bb6124', false), { id: '000000000000000048485a3953bb6124', high64Absent: true });
  assert.deepEqual(traceIdOf('0000000000000000', true), { id: '0000000000000000', high64Absent: false });
  assert.deepEqual(traceIdOf('463AC35C9F6413AD48485A3953BB6124', false), { id: '463ac35c9f6413ad48485a3953bb6124', high64Absent: false });
  assert.equal(spanIdOf('0000000000000000', true), '0000000000000000');
  assert.equal(parentIdOf('0000000000000000', 'a1a1a1a1a1a1a1a1', true), '');
  assert.equal(parentIdOf('a1a1a1a1a1a1a1a1', 'a1a1a1a1a1a1a1a1', false), '');
  assert.equal(parentIdOf(undefined, 'a1a1a1a1a1a1a1a1', false), '');
});

test('property: the fast paths give what the model normalizers give, for text ids and for ids made from bytes', () => {
  const hexChars = fc.constantFrom(...'0123456789abcdefABCDEFg'.split(''));
  const text = fc.oneof(fc.string({ unit: hexChars, maxLength: 34 }), fc.string({ maxLength: 34 }), fc.constantFrom('0'.repeat(16), '0'.repeat(32)));
  const bytes = fc.uint8Array({ maxLength: 17 }).map((b) => Buffer.from(b).toString('hex'));
  fc.assert(
    fc.property(text, text, (raw, span) => {
      assert.deepEqual(traceIdOf(raw, false), expectedTraceId(raw));
      assert.equal(spanIdOf(raw, false), expectedSpanId(raw));
      assert.equal(parentIdOf(raw, expectedSpanId(span), false), expectedParentId(raw, expectedSpanId(span)));
    }),
    { numRuns: 500 },
  );
  fc.assert(
    fc.property(bytes, bytes, (raw, span) => {
      assert.deepEqual(traceIdOf(raw, true), expectedTraceId(raw));
      assert.equal(spanIdOf(raw, true), expectedSpanId(raw));
      assert.equal(parentIdOf(raw, expectedSpanId(span), true), expectedParentId(raw, expectedSpanId(span)));
      assert.equal(parentIdOf(span, expectedSpanId(span), true), expectedParentId(span, expectedSpanId(span)));
    }),
    { numRuns: 300 },
  );
});

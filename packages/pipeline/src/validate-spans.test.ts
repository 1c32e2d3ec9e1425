import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attr, makeSpan, str, type Span } from '@skein/model';
import { DEFAULT_SPAN_LIMITS } from './limits.js';
import { validateSpans } from './validate-spans.js';

const NOW = 1_795_000_000_000_000_000n;
const span = (over: Partial<Span> = {}): Span =>
  makeSpan({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), name: 'op', startTimeUnixNano: NOW - 10_000n, endTimeUnixNano: NOW, ...over });

test('valid spans pass through untouched (same object, no copy)', () => {
  const s = span();
  const r = validateSpans([s], DEFAULT_SPAN_LIMITS, NOW);
  assert.equal(r.accepted[0], s);
  assert.deepEqual(r.rejected, []);
  assert.deepEqual(r.warnings, []);
});

test('bad ids and timestamps reject only that span, with a stable code and its position', () => {
  const cases: Array<[Partial<Span>, string]> = [
    [{ traceId: '0'.repeat(32) }, 'SKEIN_ERR_INVALID_TRACE_ID'],
    [{ traceId: 'abc' }, 'SKEIN_ERR_INVALID_TRACE_ID'],
    [{ traceId: 'z'.repeat(32) }, 'SKEIN_ERR_INVALID_TRACE_ID'],
    [{ traceId: '' }, 'SKEIN_ERR_INVALID_TRACE_ID'],
    [{ spanId: '0'.repeat(16) }, 'SKEIN_ERR_INVALID_SPAN_ID'],
    [{ spanId: 'b'.repeat(18) }, 'SKEIN_ERR_INVALID_SPAN_ID'],
    [{ parentSpanId: 'xyz' }, 'SKEIN_ERR_INVALID_PARENT_ID'],
    [{ startTimeUnixNano: 0n, endTimeUnixNano: 5n }, 'SKEIN_ERR_INVALID_TIMESTAMP'],
    [{ startTimeUnixNano: NOW + 10n ** 18n, endTimeUnixNano: NOW + 10n ** 18n }, 'SKEIN_ERR_INVALID_TIMESTAMP'],
    [{ endTimeUnixNano: NOW - 20_000n }, 'SKEIN_ERR_INVALID_TIMESTAMP'],
    [{ startTimeUnixNano: NOW - 10n ** 17n }, 'SKEIN_ERR_INVALID_TIMESTAMP'],
  ];
  for (const [over, code] of cases) {
    const good = span({ spanId: 'c'.repeat(16) });
    const r = validateSpans([good, span(over)], DEFAULT_SPAN_LIMITS, NOW);
    assert.deepEqual(r.accepted, [good], JSON.stringify(over, (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
    assert.equal(r.rejected.length, 1);
    assert.equal(r.rejected[0]!.code, code);
    assert.equal(r.rejected[0]!.index, 1);
    assert.match(r.rejected[0]!.message, /^span 1 "op": /);
  }
});

test('an all-zero parent id means root', () => {
  const r = validateSpans([span({ parentSpanId: '0'.repeat(16) })], DEFAULT_SPAN_LIMITS, NOW);
  assert.equal(r.accepted[0]!.parentSpanId, '');
});

test('huge values are truncated and too many attributes/events dropped, with warnings and counts', () => {
  const limits = { ...DEFAULT_SPAN_LIMITS, maxStringLength: 10, maxAttributesPerSpan: 2, maxEventsPerSpan: 1 };
  const s = span({
    attributes: [attr('a', str('x'.repeat(100))), attr('b', str('ok')), attr('c', str('dropped'))],
    events: [
      { name: 'e1', timeUnixNano: NOW, attributes: [], droppedAttributesCount: 0 },
      { name: 'e2', timeUnixNano: NOW, attributes: [], droppedAttributesCount: 0 },
    ],
  });
  const r = validateSpans([s], limits, NOW);
  const out = r.accepted[0]!;
  assert.deepEqual(out.attributes, [attr('a', str('x'.repeat(10))), attr('b', str('ok'))]);
  assert.equal(out.droppedAttributesCount, 1);
  assert.equal(out.events.length, 1);
  assert.equal(out.droppedEventsCount, 1);
  assert.equal(r.warnings.length, 3);
  assert.match(r.warnings.join('\n'), /1 value\(s\) longer than 10 characters were truncated/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RealisticSpanGenerator } from '../payload/realistic-spans.js';
import { wireFormats } from './wire-formats.js';

test('every bench wire format carries all the spans, so its decode figure is for real work', () => {
  const spans = new RealisticSpanGenerator({ seed: 3, startNanos: 1_700_000_000_000_000_000n }).nextSpans(300);
  for (const format of wireFormats(64)) {
    const bodies = format.encode(spans);
    assert.ok(bodies.every((b) => b.byteLength < 65_000 || !format.name.includes('UDP')), `${format.name}: datagrams fit UDP`);
    const decoded = bodies.flatMap((b) => format.decode(b));
    assert.deepEqual(new Set(decoded.map((s) => s.spanId)), new Set(spans.map((s) => s.spanId)), format.name);
    assert.deepEqual(new Set(decoded.map((s) => s.name)), new Set(spans.map((s) => s.name)), format.name);
  }
});

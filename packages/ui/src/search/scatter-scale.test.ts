import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TraceSummary } from '../shared/api-client.js';
import { layoutScatter, rangeFromDrag, timeAtX } from './scatter-scale.js';

const frame = { width: 1100, height: 240, left: 50, right: 50, top: 20, bottom: 20 };
const T0 = Date.UTC(2026, 10, 21, 10, 0, 0);
const t = (traceId: string, startMs: number, durationNanos: number, errorCount = 0): TraceSummary => ({
  traceId,
  rootServiceName: 's',
  rootName: 'op',
  startTimeUnixNano: (BigInt(startMs) * 1_000_000n + 123n).toString(),
  durationNanos: String(durationNanos),
  spanCount: 4,
  errorCount,
  services: [],
});

test('earliest trace at the left edge, latest at the right, longest at the top, zero at the bottom', () => {
  const layout = layoutScatter([t('a', T0, 0), t('b', T0 + 10_000, 5_000_000, 1), t('c', T0 + 5_000, 2_500_000)], frame);
  const [a, b, c] = layout.points;
  assert.deepEqual([a!.x, a!.y], [50, 220]);
  assert.deepEqual([b!.x, b!.y, b!.error], [1050, 20, true]);
  assert.deepEqual([c!.x, c!.y, c!.error], [550, 120, false]);
});

test('a single trace sits in the middle of a two-second window', () => {
  const layout = layoutScatter([t('a', T0, 1000)], frame);
  assert.equal(layout.points[0]!.x, 550);
  assert.equal(layout.t1Ms - layout.t0Ms, 2000);
  assert.doesNotThrow(() => layoutScatter([], frame));
});

test('a drag selects the time range under it (either direction), widened to whole ms, clamped to the plot', () => {
  const layout = layoutScatter([t('a', T0, 0), t('b', T0 + 10_000, 1)], frame);
  assert.equal(timeAtX(layout, 550), T0 + 5_000);
  assert.equal(timeAtX(layout, -10), T0);
  assert.equal(timeAtX(layout, 5000), T0 + 10_000);
  const want = { start: new Date(T0 + 2_000).toISOString(), end: new Date(T0 + 8_000).toISOString() };
  assert.deepEqual(rangeFromDrag(layout, 250, 850), want);
  assert.deepEqual(rangeFromDrag(layout, 850, 250), want);
  const r = rangeFromDrag(layout, 250.05, 849.95);
  assert.ok(Date.parse(r.start) <= T0 + 2_000 && Date.parse(r.end) >= T0 + 8_000 - 1);
});

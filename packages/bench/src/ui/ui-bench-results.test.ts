import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseBenchOptions } from '../bench-options.js';
import { uiTable, type UiTraceMeasurement } from './ui-bench-results.js';

const trace = (spans: number, firstRowPaintMs: number, p95FrameMs = 16.7): UiTraceMeasurement => ({
  spans,
  traceId: 'ab'.repeat(16),
  outlineMs: 40,
  outlineBytes: 2 * 1024 ** 2,
  apiMs: 120,
  apiBytes: 15 * 1024 ** 2,
  firstRowPaintMs,
  heapUsedBytes: 20 * 1024 ** 2,
  scroll: { frames: 90, stepPx: 600, medianFrameMs: 16.7, p95FrameMs, maxFrameMs: 50 },
  rowsInDom: 54,
});

describe('uiTable', () => {
  it('has one row per trace, and marks the 100k first paint against the 2 s target', () => {
    const table = uiTable({ status: 'measured', browser: 'Chromium 140', traces: [trace(1_000, 300), trace(100_000, 2_500, 40)], seconds: 30 });
    const lines = table.split('\n');
    assert.equal(lines.length, 4);
    assert.match(lines[2]!, /^\| 1,000 spans \| 40 ms, 2\.0 MiB \| 120 ms, 15 MiB \| 300 ms \| 20 MiB \| 17 ms \/ 17 ms \/ 50 ms \| 54 \|$/);
    assert.match(lines[3]!, /^\| 100,000 spans \| .* \| 2\.50 s ✗ \| .* \| 17 ms \/ 40 ms \/ 50 ms \(janky\) \|/);
    assert.match(uiTable({ status: 'measured', browser: 'c', traces: [trace(100_000, 1_900)], seconds: 1 }), /1\.90 s ✓/);
  });

  it('says loudly that the phase was skipped, and why', () => {
    assert.equal(uiTable({ status: 'skipped', reason: 'no Chromium at /usr/bin/chromium' }), 'UI benchmark SKIPPED: no Chromium at /usr/bin/chromium');
  });

  it('--skip-ui is a bench option (off by default)', () => {
    assert.equal((parseBenchOptions(['--skip-ui'], {}) as { skipUi: boolean }).skipUi, true);
    assert.equal((parseBenchOptions([], {}) as { skipUi: boolean }).skipUi, false);
  });
});

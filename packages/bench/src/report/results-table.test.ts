import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from '../measure/stats.js';
import type { BenchResults, IngestMeasurement } from './bench-results.js';
import { markdownTable, resultRows } from './results-table.js';

const ingest = (format: 'protobuf' | 'json', spansPerSecond: number): IngestMeasurement => ({
  format,
  spansPerSecond,
  megabytesPerSecond: 10,
  acceptedSpans: 1_000_000,
  rejectedSpans: 0,
  requestsSent: 1972,
  acknowledgedRequests: 1972,
  retries: 0,
  failures: {},
  seconds: 10,
  requestLatency: summarize([1, 2, 3]),
  serverCpuSeconds: 15,
  benchCpuSeconds: 2,
  otherProcessesCpuSeconds: 0,
});

function results(over: { diskBytes?: number; wrongAnswers?: number; tracesFound?: number } = {}): BenchResults {
  const lookups = { latency: summarize([5, 6, 7]), wrongAnswers: over.wrongAnswers ?? 0 };
  return {
    generatedAt: '2026-01-01T00:00:00.000Z',
    machine: { cpuModel: 'cpu', cores: 2, ramGiB: 8, os: 'Linux', node: 'v20', loadAverageAtStart: 0.1 },
    settings: { protobufSpans: 1e6, jsonSpans: 1e5, concurrency: 8, maxSpansPerRequest: 512, meanSpansPerRequest: 507, templatesPerFormat: 128, protobufBytesPerSpan: 400, jsonBytesPerSpan: 870, dataDir: '/tmp/x' },
    decode: { protobuf: { spansPerSecond: 400_000, megabytesPerSecond: 160, seconds: 3 }, json: { spansPerSecond: 100_000, megabytesPerSecond: 90, seconds: 3 } },
    wireDecode: [],
    ingest: { protobuf: ingest('protobuf', 100_000), json: ingest('json', 20_000) },
    storage: { acceptedSpans: 1_100_000, storedSpans: 1_100_000, diskBytes: over.diskBytes ?? 44_000_000, allocatedDiskBytes: 44_000_000, bytesPerSpan: (over.diskBytes ?? 44_000_000) / 1_100_000, shutdownMs: 100 },
    memory: { serverPeakRssBytes: 500 * 1024 ** 2, benchPeakRssBytes: 300 * 1024 ** 2 },
    queries: {
      storedSpans: 1_100_000,
      firstLookupAfterRestartMs: 30,
      traceByIdSkein: { api: 'skein', ...lookups },
      traceByIdJaeger: { api: 'jaeger', ...lookups },
      search: { path: '/api/skein/traces?x', firstRunMs: 80, latency: summarize([40, 50, 60]), tracesFound: over.tracesFound ?? 20 },
    },
    totalSeconds: 100,
  };
}

const row = (r: BenchResults, metric: string) => resultRows(r).find((x) => x.metric.startsWith(metric))!;

describe('resultRows', () => {
  it('compares with the targets and shows ingest as a share of decode-only', () => {
    const r = results();
    assert.equal(row(r, 'Ingest OTLP/protobuf').meetsTarget, true);
    assert.match(row(r, 'Ingest OTLP/protobuf').note, /^25 % of decode-only/);
    assert.equal(row(r, 'Bytes on disk').value, '40.0 B');
    assert.equal(row(r, 'Bytes on disk').meetsTarget, true);
    assert.equal(row(r, 'Trace by id, Skein').meetsTarget, true);
    assert.match(row(r, 'Trace by id, Skein').note, /the target is at 10M/);
    assert.equal(row(r, 'Search').meetsTarget, true);
  });

  it('flags ingest runs that shared the CPU with other processes', () => {
    const r = results();
    const disturbed = { ...r, ingest: { ...r.ingest, protobuf: { ...r.ingest.protobuf, otherProcessesCpuSeconds: 5 } } };
    assert.doesNotMatch(row(r, 'Ingest OTLP/protobuf').note, /DISTURBED/);
    assert.match(row(disturbed, 'Ingest OTLP/protobuf').note, /DISTURBED: other processes used 50 % of a core/);
  });

  it('never credits a target to numbers that measured nothing', () => {
    assert.equal(row(results({ diskBytes: 0 }), 'Bytes on disk').meetsTarget, false);
    assert.equal(row(results({ diskBytes: 0 }), 'Bytes on disk').value, 'n/a');
    assert.equal(row(results({ wrongAnswers: 3 }), 'Trace by id, Skein').meetsTarget, false);
    assert.match(row(results({ wrongAnswers: 3 }), 'Trace by id, Skein').note, /3 WRONG/);
    assert.equal(row(results({ tracesFound: 0 }), 'Search').meetsTarget, false);
  });

  it('adds the UI target row from the largest trace the UI phase opened, or says it was skipped', () => {
    const t = { traceId: 'x', outlineMs: 100, outlineBytes: 1, apiMs: 900, apiBytes: 1, heapUsedBytes: 100 * 1024 ** 2, rowsInDom: 50 };
    const scroll = (p95FrameMs: number) => ({ frames: 90, stepPx: 600, medianFrameMs: 16.7, p95FrameMs, maxFrameMs: 40 });
    const ui = (paintMs: number, p95: number) => ({ ...results(), ui: { status: 'measured' as const, browser: 'c', seconds: 1, traces: [{ ...t, spans: 1_000, firstRowPaintMs: 100, scroll: scroll(16.7) }, { ...t, spans: 100_000, firstRowPaintMs: paintMs, scroll: scroll(p95) }] } });
    assert.equal(row(ui(1_500, 16.7), 'UI: open a 100k-span trace').value, '1.50 s');
    assert.equal(row(ui(1_500, 16.7), 'UI: open').meetsTarget, true);
    assert.equal(row(ui(2_500, 16.7), 'UI: open').meetsTarget, false);
    assert.equal(row(ui(1_500, 60), 'UI: open').meetsTarget, false, 'janky scrolling misses "smooth scroll"');
    assert.match(row(ui(1_500, 60), 'UI: open').note, /not smooth/);
    assert.match(row({ ...results(), ui: { status: 'skipped', reason: 'no Chromium' } }, 'UI: open').note, /SKIPPED: no Chromium/);
    assert.equal(resultRows(results()).some((x) => x.metric.startsWith('UI')), false, 'no row when the phase did not run');
  });

  it("adds the SDK phase's rows after the others, or one saying it was skipped", () => {
    assert.equal(resultRows(results()).some((x) => x.metric.startsWith('SDK')), false, 'no row when the phase did not run');
    const skipped = resultRows({ ...results(), sdk: { status: 'skipped', reason: '--skip-sdk was given' } });
    assert.match(skipped.at(-1)!.metric, /^SDK/);
    assert.match(skipped.at(-1)!.note, /SKIPPED: --skip-sdk was given/);
  });

  it('renders one Markdown row per metric', () => {
    const table = markdownTable(resultRows(results()));
    assert.equal(table.split('\n').length, 2 + resultRows(results()).length);
    assert.match(table, /\| Bytes on disk per span \| 40\.0 B \| ≤ 45 B ✓ \|/);
    // Query targets are at 10M: a tick earned at 1.1M says so.
    assert.match(table, /\| ≤ 20 ms at 10M ✓ \(at 1\.1M\) \|/);
  });
});

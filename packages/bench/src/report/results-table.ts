import { FIRST_PAINT_TARGET_MS, SMOOTH_P95_FRAME_MS, type UiBenchResults } from '../ui/ui-bench-results.js';
import { sdkResultRows } from '../sdk/sdk-result-rows.js';
import type { BenchResults, IngestMeasurement } from './bench-results.js';

export interface ResultRow {
  readonly metric: string;
  readonly value: string;
  /** The DESIGN.md target, or "—" where there is none. */
  readonly target: string;
  /** Whether the measured value meets the target (undefined where there is no target). */
  readonly meetsTarget: boolean | undefined;
  /** Set when the target names a volume this run did not reach: the ✓/✗ then holds only at this volume. */
  readonly belowTargetVolume?: string;
  readonly note: string;
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number): string => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;
const mib = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
const pct = (ratio: number): string => `${(ratio * 100).toFixed(0)} %`;
/** 1,100,801 → "1.1M": volumes in the table are read at a glance. */
const spansLabel = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toFixed(1).replace(/\.0$/, '')}M` : int(n));

/** A note when other processes took more than a tenth of a core during an ingest run. */
function sharedMachineNote(m: IngestMeasurement): string {
  const share = m.otherProcessesCpuSeconds / m.seconds;
  return share > 0.1 ? `; DISTURBED: other processes used ${(share * 100).toFixed(0)} % of a core meanwhile` : '';
}

/** The UI target's row: the largest trace the UI phase opened (100k spans in a full run). */
function uiRow(ui: UiBenchResults | undefined): ResultRow[] {
  if (ui === undefined) return [];
  const metric = 'UI: open a 100k-span trace, first waterfall paint';
  if (ui.status === 'skipped') return [{ metric, value: 'n/a', target: '≤ 2 s, smooth scroll', meetsTarget: undefined, note: `SKIPPED: ${ui.reason}` }];
  const t = ui.traces.reduce((a, b) => (b.spans > a.spans ? b : a));
  const smooth = t.scroll.p95FrameMs <= SMOOTH_P95_FRAME_MS;
  return [
    {
      metric,
      value: `${(t.firstRowPaintMs / 1000).toFixed(2)} s`,
      target: '≤ 2 s, smooth scroll',
      meetsTarget: t.spans >= 100_000 && t.firstRowPaintMs <= FIRST_PAINT_TARGET_MS && smooth,
      note: `${int(t.spans)} spans in headless Chromium; outline answer ${(t.outlineMs / 1000).toFixed(2)} s of it; heap ${mib(t.heapUsedBytes)}; scroll frames p95 ${t.scroll.p95FrameMs.toFixed(1)} ms${smooth ? '' : ' (not smooth)'}`,
    },
  ];
}

/** The rows the README shows: what was measured, against DESIGN.md's targets. */
export function resultRows(r: BenchResults): ResultRow[] {
  const { ingest, decode, storage, memory, queries } = r;
  const at = `at ${spansLabel(queries.storedSpans)} spans stored`;
  const atTarget = queries.storedSpans >= 10_000_000 ? '' : '; the target is at 10M';
  const belowTargetVolume = queries.storedSpans >= 10_000_000 ? {} : { belowTargetVolume: spansLabel(queries.storedSpans) };
  return [
    {
      metric: 'Ingest OTLP/protobuf, durable (spans/s)',
      value: int(ingest.protobuf.spansPerSecond),
      target: '≥ 100,000',
      meetsTarget: ingest.protobuf.spansPerSecond >= 100_000,
      note: `${pct(ingest.protobuf.spansPerSecond / decode.protobuf.spansPerSecond)} of decode-only; ${int(ingest.protobuf.acceptedSpans)} spans acknowledged, ${r.settings.concurrency} requests in flight${sharedMachineNote(ingest.protobuf)}`,
    },
    { metric: 'Decode-only OTLP/protobuf (spans/s, 1 core)', value: int(decode.protobuf.spansPerSecond), target: '—', meetsTarget: undefined, note: `${decode.protobuf.megabytesPerSecond.toFixed(0)} MB/s; the same request bodies` },
    {
      metric: 'Ingest OTLP/JSON, durable (spans/s)',
      value: int(ingest.json.spansPerSecond),
      target: '—',
      meetsTarget: undefined,
      note: `${pct(ingest.json.spansPerSecond / decode.json.spansPerSecond)} of decode-only; ${int(ingest.json.acceptedSpans)} spans acknowledged${sharedMachineNote(ingest.json)}`,
    },
    { metric: 'Decode-only OTLP/JSON (spans/s, 1 core)', value: int(decode.json.spansPerSecond), target: '—', meetsTarget: undefined, note: `${decode.json.megabytesPerSecond.toFixed(0)} MB/s` },
    storage.diskBytes === 0
      ? { metric: 'Bytes on disk per span', value: 'n/a', target: '≤ 45 B', meetsTarget: false, note: 'NOTHING reached the data directory: the server did not store durably' }
      : {
          metric: 'Bytes on disk per span',
          value: `${storage.bytesPerSpan.toFixed(1)} B`,
          target: '≤ 45 B',
          meetsTarget: storage.bytesPerSpan <= 45,
          note: `${mib(storage.diskBytes)} for ${int(storage.storedSpans ?? storage.acceptedSpans)} spans, after checkpoint on SIGTERM`,
        },
    { metric: 'Peak RSS, server', value: mib(memory.serverPeakRssBytes), target: '—', meetsTarget: undefined, note: 'VmHWM of the skein process during ingest' },
    { metric: 'Peak RSS, bench (load generator)', value: mib(memory.benchPeakRssBytes), target: '—', meetsTarget: undefined, note: '' },
    {
      metric: 'Trace by id, Skein API (median / p95)',
      value: `${ms(queries.traceByIdSkein.latency.medianMs)} / ${ms(queries.traceByIdSkein.latency.p95Ms)}`,
      target: '≤ 20 ms at 10M',
      meetsTarget: queries.traceByIdSkein.latency.medianMs <= 20 && queries.traceByIdSkein.wrongAnswers === 0,
      ...belowTargetVolume,
      note: `${queries.traceByIdSkein.latency.count} distinct ids ${at}${atTarget}${queries.traceByIdSkein.wrongAnswers ? `; ${queries.traceByIdSkein.wrongAnswers} WRONG answers` : ''}`,
    },
    {
      metric: 'Trace by id, Jaeger API (median / p95)',
      value: `${ms(queries.traceByIdJaeger.latency.medianMs)} / ${ms(queries.traceByIdJaeger.latency.p95Ms)}`,
      target: '—',
      meetsTarget: undefined,
      note: `other ${queries.traceByIdJaeger.latency.count} ids${queries.traceByIdJaeger.wrongAnswers ? `; ${queries.traceByIdJaeger.wrongAnswers} WRONG answers` : ''}`,
    },
    {
      metric: 'Search service + attribute + duration (median / p95)',
      value: `${ms(queries.search.latency.medianMs)} / ${ms(queries.search.latency.p95Ms)}`,
      target: '≤ 100 ms at 10M',
      // A search that finds nothing measures nothing: the benchmark data always has matches.
      meetsTarget: queries.search.latency.medianMs <= 100 && queries.search.tracesFound > 0,
      ...belowTargetVolume,
      note: `${queries.search.latency.count} runs after a first of ${ms(queries.search.firstRunMs)}, ${queries.search.tracesFound} traces found ${at}${atTarget}`,
    },
    ...uiRow(r.ui),
    ...sdkResultRows(r.sdk),
  ];
}

/** A Markdown table for the README. */
export function markdownTable(rows: readonly ResultRow[]): string {
  const mark = (row: ResultRow): string => {
    if (row.meetsTarget === undefined) return '';
    return `${row.meetsTarget ? ' ✓' : ' ✗'}${row.belowTargetVolume ? ` (at ${row.belowTargetVolume})` : ''}`;
  };
  const lines = ['| metric | measured | target | notes |', '|---|---:|---|---|'];
  for (const row of rows) lines.push(`| ${row.metric} | ${row.value} | ${row.target}${mark(row)} | ${row.note} |`);
  return lines.join('\n');
}

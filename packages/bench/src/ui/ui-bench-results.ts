/** What the UI phase measured for one trace size. */
export interface UiTraceMeasurement {
  readonly spans: number;
  readonly traceId: string;
  /** `GET /api/skein/traces/{id}/outline` from the bench (not the browser): what the page paints from. */
  readonly outlineMs: number;
  readonly outlineBytes: number;
  /** `GET /api/skein/traces/{id}` (every payload) from the bench: server time and body size. */
  readonly apiMs: number;
  readonly apiBytes: number;
  /** Navigation start → the animation frame that paints the first span row (fetch, parse, tree, render). */
  readonly firstRowPaintMs: number;
  /** JS heap in use with the trace open, after a forced garbage collection (CDP JSHeapUsedSize). */
  readonly heapUsedBytes: number;
  readonly scroll: {
    readonly frames: number;
    readonly stepPx: number;
    readonly medianFrameMs: number;
    readonly p95FrameMs: number;
    readonly maxFrameMs: number;
  };
  /** Span rows in the DOM after scrolling: stays bounded when the waterfall is virtualized. */
  readonly rowsInDom: number;
}

export type UiBenchResults =
  | { readonly status: 'measured'; readonly browser: string; readonly traces: readonly UiTraceMeasurement[]; readonly seconds: number }
  | { readonly status: 'skipped'; readonly reason: string };

/** DESIGN.md: "UI: open a 100k-span trace: first paint ≤ 2 s, smooth scroll". */
export const FIRST_PAINT_TARGET_MS = 2_000;
/** A frame at 60 Hz; "smooth" here means the 95th-percentile frame fits in two of them. */
export const SMOOTH_P95_FRAME_MS = 2 * (1000 / 60);

const ms = (n: number): string => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(n < 10 ? 1 : 0)} ms`);
const mib = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(bytes < 10 * 1024 ** 2 ? 1 : 0)} MiB`;

/** The UI phase's table, one row per trace size. */
export function uiTable(results: UiBenchResults): string {
  if (results.status === 'skipped') return `UI benchmark SKIPPED: ${results.reason}`;
  const lines = [
    '| trace | outline answer (bench) | whole trace answer (bench) | first waterfall paint | JS heap (after GC) | scroll frames median / p95 / max | rows in DOM |',
    '|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const t of results.traces) {
    const paintMark = t.spans >= 100_000 ? (t.firstRowPaintMs <= FIRST_PAINT_TARGET_MS ? ' ✓' : ' ✗') : '';
    const scrollMark = t.scroll.p95FrameMs <= SMOOTH_P95_FRAME_MS ? '' : ' (janky)';
    lines.push(
      `| ${t.spans.toLocaleString('en-US')} spans | ${ms(t.outlineMs)}, ${mib(t.outlineBytes)} | ${ms(t.apiMs)}, ${mib(t.apiBytes)} | ${ms(t.firstRowPaintMs)}${paintMark} | ${mib(t.heapUsedBytes)} | ${ms(t.scroll.medianFrameMs)} / ${ms(t.scroll.p95FrameMs)} / ${ms(t.scroll.maxFrameMs)}${scrollMark} | ${t.rowsInDom} |`,
    );
  }
  return lines.join('\n');
}

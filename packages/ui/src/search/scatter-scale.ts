import type { TraceSummary } from '../shared/api-client.js';

/**
 * Geometry of the duration-over-time scatter plot: trace start on x, duration on y (0 at the
 * bottom). Times are handled in milliseconds as floats (sub-ms precision is invisible at plot
 * scale); the range a drag selects is widened to whole milliseconds so edge traces stay in.
 */
export interface ScatterFrame {
  readonly width: number;
  readonly height: number;
  /** Inner margins where axes labels go. */
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export interface ScatterPoint {
  readonly traceId: string;
  readonly x: number;
  readonly y: number;
  readonly r: number;
  readonly error: boolean;
}

export interface ScatterLayout {
  readonly frame: ScatterFrame;
  readonly t0Ms: number;
  readonly t1Ms: number;
  readonly maxDurationNanos: number;
  readonly points: readonly ScatterPoint[];
}

const startMs = (t: TraceSummary): number => Number(BigInt(t.startTimeUnixNano) / 1000n) / 1000;

export function layoutScatter(traces: readonly TraceSummary[], frame: ScatterFrame): ScatterLayout {
  const times = traces.map(startMs);
  let t0 = Math.min(...times);
  let t1 = Math.max(...times);
  if (traces.length === 0) t0 = t1 = 0;
  // One instant (or one trace) still needs a visible span of time: pad it by a second each side.
  if (t1 - t0 < 1) {
    t0 -= 1000;
    t1 += 1000;
  }
  const maxD = Math.max(1, ...traces.map((t) => Number(t.durationNanos)));
  const innerW = Math.max(1, frame.width - frame.left - frame.right);
  const innerH = Math.max(1, frame.height - frame.top - frame.bottom);
  const points = traces.map((t, i) => ({
    traceId: t.traceId,
    x: frame.left + ((times[i]! - t0) / (t1 - t0)) * innerW,
    y: frame.top + innerH - (Number(t.durationNanos) / maxD) * innerH,
    // Bigger traces are bigger dots (area grows with span count), within readable bounds.
    r: Math.min(9, 3 + Math.sqrt(t.spanCount) / 2),
    error: t.errorCount > 0,
  }));
  return { frame, t0Ms: t0, t1Ms: t1, maxDurationNanos: maxD, points };
}

/** The time (ms since the epoch) under plot x coordinate `x`, clamped to the plotted range. */
export function timeAtX(layout: ScatterLayout, x: number): number {
  const { frame } = layout;
  const innerW = Math.max(1, frame.width - frame.left - frame.right);
  const f = Math.min(1, Math.max(0, (x - frame.left) / innerW));
  return layout.t0Ms + f * (layout.t1Ms - layout.t0Ms);
}

/** A drag from x1 to x2 (either direction) → the ISO start/end it selects, whole milliseconds outward. */
export function rangeFromDrag(layout: ScatterLayout, x1: number, x2: number): { start: string; end: string } {
  const a = timeAtX(layout, Math.min(x1, x2));
  const b = timeAtX(layout, Math.max(x1, x2));
  return { start: new Date(Math.floor(a)).toISOString(), end: new Date(Math.ceil(b)).toISOString() };
}

/** Evenly spaced tick values from 0 to max (inclusive), `count` intervals. */
export const ticks = (max: number, count: number): number[] => Array.from({ length: count + 1 }, (_, i) => (max * i) / count);

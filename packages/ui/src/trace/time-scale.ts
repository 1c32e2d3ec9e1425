/** The visible window of the timeline, in ns since the trace start (the minimap's zoom). */
export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

/** A span's bar in the window, in percent of the timeline's width (may fall outside 0..100). */
export function barPosition(window: TimeWindow, start: number, end: number): { left: number; width: number } {
  const span = Math.max(window.end - window.start, 1);
  return { left: ((start - window.start) / span) * 100, width: ((end - start) / span) * 100 };
}

/** Evenly spaced tick times for the time axis (5 ticks: 0, 25, 50, 75, 100 %). */
export function ticks(window: TimeWindow, count = 5): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(window.start + ((window.end - window.start) * i) / (count - 1));
  return out;
}

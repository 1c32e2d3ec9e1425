/**
 * How an edge looks: thicker with more calls per second, redder with a larger share of errors.
 * Pure, tested under node.
 */

export const MIN_EDGE_WIDTH = 1.5;
export const MAX_EDGE_WIDTH = 9;
/** The edge colour without errors: a mid grey that reads on both themes. */
export const EDGE_NEUTRAL = '#8a94a3';
/** The colour of an edge that only fails. */
export const EDGE_ERROR = '#e03131';
/** From this error rate on, an edge is fully red (a quarter of calls failing is already an outage). */
export const FULL_RED_AT = 0.25;

/**
 * Stroke width for an edge's rate relative to the busiest edge's. Square root, so a 100× busier
 * edge is 10× (capped) wider rather than drowning the rest; any edge stays visible.
 */
export function edgeWidth(rate: number, maxRate: number): number {
  if (!(rate > 0) || !(maxRate > 0)) return MIN_EDGE_WIDTH;
  const share = Math.min(1, Math.sqrt(rate / maxRate));
  return MIN_EDGE_WIDTH + (MAX_EDGE_WIDTH - MIN_EDGE_WIDTH) * share;
}

/**
 * How far toward red, 0..1. Any error at all shows (a fifth of the way), so a rare failure is
 * still visible; then linearly up to FULL_RED_AT.
 */
export function errorTint(errorRate: number): number {
  if (!(errorRate > 0)) return 0;
  return Math.min(1, 0.2 + 0.8 * (errorRate / FULL_RED_AT));
}

const channels = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

/** `from` mixed toward `to` by t (0..1), as #rrggbb. */
export function mixColor(from: string, to: string, t: number): string {
  const a = channels(from);
  const b = channels(to);
  const k = Math.min(1, Math.max(0, t));
  return `#${a.map((c, i) => Math.round(c + (b[i]! - c) * k).toString(16).padStart(2, '0')).join('')}`;
}

export const edgeColor = (errorRate: number): string => mixColor(EDGE_NEUTRAL, EDGE_ERROR, errorTint(errorRate));

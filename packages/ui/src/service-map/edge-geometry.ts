import type { Point } from './map-layout.js';

/**
 * The SVG shapes of one edge: a smooth path through the layout's points, stopped short of the
 * callee's border so a thick stroke does not poke through the arrowhead, and the arrowhead as a
 * polygon (drawn in the edge's own colour: SVG markers cannot take a per-edge colour everywhere).
 */
export interface EdgeShape {
  /** `d` of the path. */
  readonly path: string;
  /** `points` of the arrowhead polygon, its tip on the callee's border. */
  readonly arrow: string;
}

const r = (n: number): string => String(Math.round(n * 10) / 10);

/** Arrowhead length and half-width for a stroke width: big enough to read on the thickest edges. */
export const arrowSize = (strokeWidth: number): { length: number; halfWidth: number } => ({ length: 7 + strokeWidth * 1.2, halfWidth: 3.5 + strokeWidth * 0.8 });

export function edgeShape(points: readonly Point[], strokeWidth: number): EdgeShape {
  if (points.length < 2) return { path: '', arrow: '' };
  const tip = points[points.length - 1]!;
  const before = points[points.length - 2]!;
  const dx = tip.x - before.x;
  const dy = tip.y - before.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const { length, halfWidth } = arrowSize(strokeWidth);
  // The line ends inside the arrowhead's base, never past the segment's start.
  const back = Math.min(length * 0.8, len);
  const end = { x: tip.x - ux * back, y: tip.y - uy * back };
  const base = { x: tip.x - ux * length, y: tip.y - uy * length };
  const arrow = [tip, { x: base.x - uy * halfWidth, y: base.y + ux * halfWidth }, { x: base.x + uy * halfWidth, y: base.y - ux * halfWidth }]
    .map((p) => `${r(p.x)},${r(p.y)}`)
    .join(' ');

  const pts = [...points.slice(0, -1), end];
  // Quadratic curves through the midpoints between bend points: smooth, and still passing near each bend.
  let path = `M${r(pts[0]!.x)},${r(pts[0]!.y)}`;
  for (let i = 1; i < pts.length - 1; i++) {
    const p = pts[i]!;
    const next = pts[i + 1]!;
    path += ` Q${r(p.x)},${r(p.y)} ${r((p.x + next.x) / 2)},${r((p.y + next.y) / 2)}`;
  }
  const last = pts[pts.length - 1]!;
  path += ` L${r(last.x)},${r(last.y)}`;
  return { path, arrow };
}

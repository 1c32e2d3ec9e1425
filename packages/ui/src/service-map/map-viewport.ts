/**
 * Zoom and pan of the map as one transform: a map point p is drawn at p·k + (x, y) in the
 * view. Pure, tested under node; the canvas only feeds it pointer and wheel input.
 */
export interface ViewTransform {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface Box extends Size {
  readonly x: number;
  readonly y: number;
}

export const MIN_SCALE = 0.1;
export const MAX_SCALE = 3;
export const IDENTITY: ViewTransform = { x: 0, y: 0, k: 1 };

const clampScale = (k: number): number => Math.min(MAX_SCALE, Math.max(MIN_SCALE, k));

/**
 * The whole map centred in the view, as large as fits, but never enlarged past 1:1 (a map of
 * three services drawn huge reads worse than at its natural size).
 */
export function fitTransform(content: Size, view: Size, padding = 16): ViewTransform {
  const availW = Math.max(1, view.width - 2 * padding);
  const availH = Math.max(1, view.height - 2 * padding);
  const k = clampScale(Math.min(1, availW / Math.max(1, content.width), availH / Math.max(1, content.height)));
  return { k, x: (view.width - content.width * k) / 2, y: (view.height - content.height * k) / 2 };
}

/** Zoom by `factor` keeping the map point under `at` (view coordinates) where it is. */
export function zoomAt(t: ViewTransform, factor: number, at: { x: number; y: number }): ViewTransform {
  const k = clampScale(t.k * factor);
  const ratio = k / t.k;
  return { k, x: at.x - (at.x - t.x) * ratio, y: at.y - (at.y - t.y) * ratio };
}

export const panBy = (t: ViewTransform, dx: number, dy: number): ViewTransform => ({ k: t.k, x: t.x + dx, y: t.y + dy });

/** Zoom factor of one wheel event: smooth for trackpads (pixels), a fixed step per mouse notch (lines). */
export function wheelFactor(deltaY: number, deltaMode: number): number {
  const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.exp(-Math.max(-300, Math.min(300, pixels)) * 0.0015);
}

/** The transform moved just enough that `box` (map units) is fully in view; unchanged when it already is. */
export function revealBox(t: ViewTransform, box: Box, view: Size, margin = 24): ViewTransform {
  const left = box.x * t.k + t.x;
  const top = box.y * t.k + t.y;
  const right = left + box.width * t.k;
  const bottom = top + box.height * t.k;
  const dx = left < margin ? margin - left : right > view.width - margin ? view.width - margin - right : 0;
  const dy = top < margin ? margin - top : bottom > view.height - margin ? view.height - margin - bottom : 0;
  return dx === 0 && dy === 0 ? t : panBy(t, dx, dy);
}

/** `transform` attribute of the drawn group. */
export const transformAttribute = (t: ViewTransform): string => `translate(${t.x.toFixed(1)},${t.y.toFixed(1)}) scale(${t.k.toFixed(4)})`;

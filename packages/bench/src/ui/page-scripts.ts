/**
 * Scripts run inside the page, as source text: the bench compiles without DOM types, and these
 * must run exactly as written in the browser.
 */

/**
 * Installed before the app loads: notes when the first span row enters the DOM, then the time of
 * the next animation frame (the frame that paints it). `performance.now()` counts from the
 * navigation start, so the value is "navigation → first waterfall paint".
 */
export const FIRST_ROW_PAINT_SCRIPT = `(() => {
  const observer = new MutationObserver(() => {
    if (!document.querySelector('[data-testid="span-row"]')) return;
    observer.disconnect();
    window.__skeinRowsInDomAt = performance.now();
    requestAnimationFrame(() => { window.__skeinFirstRowPaintAt = performance.now(); });
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

export const FIRST_ROW_PAINTED = 'window.__skeinFirstRowPaintAt !== undefined';
export const READ_FIRST_ROW_PAINT = '({ rowsInDomMs: window.__skeinRowsInDomAt, firstPaintMs: window.__skeinFirstRowPaintAt, rows: document.querySelectorAll(\'[data-testid="span-row"]\').length })';

export interface ScrollRun {
  /** Time between consecutive animation frames while scrolling, ms. */
  readonly frameIntervals: number[];
  readonly scrollHeight: number;
  /** Rows the virtualized waterfall had in the DOM at the end (bounded whatever the trace size). */
  readonly rowsInDom: number;
}

/**
 * Scrolls the waterfall by `stepPx` once per animation frame for `steps` frames (turning back at
 * either end) and records the interval between frames: each step makes the virtualized list
 * render the rows that came into view, so a slow render shows as a long frame.
 */
export function scrollScript(steps: number, stepPx: number): string {
  return `(async () => {
    const el = document.querySelector('[data-testid="waterfall"]');
    if (!el) throw new Error('no [data-testid=waterfall] on the page');
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const frameIntervals = [];
    let direction = 1;
    let last = await frame();
    for (let i = 0; i < ${steps}; i++) {
      const max = el.scrollHeight - el.clientHeight;
      if ((direction > 0 && el.scrollTop >= max) || (direction < 0 && el.scrollTop <= 0)) direction = -direction;
      el.scrollTop = Math.max(0, Math.min(max, el.scrollTop + direction * ${stepPx}));
      const now = await frame();
      frameIntervals.push(now - last);
      last = now;
    }
    return { frameIntervals, scrollHeight: el.scrollHeight, rowsInDom: document.querySelectorAll('[data-testid="span-row"]').length };
  })()`;
}

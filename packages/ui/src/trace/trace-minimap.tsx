import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { formatDuration } from '../shared/format.js';
import { serviceColor } from '../shared/service-color.js';
import type { TraceTree } from './model/trace-tree.js';
import type { TimeWindow } from './time-scale.js';

const HEIGHT = 56;

/**
 * Every span of the trace as a thin bar on a canvas (one draw for 100k spans, no DOM per span),
 * with the zoomed window left clear and a drag to pick a new window.
 */
export function TraceMinimap(p: { tree: TraceTree; window: TimeWindow; onWindowChange: (w: TimeWindow) => void }) {
  const { tree } = p;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [drag, setDrag] = useState<{ from: number; to: number } | undefined>();

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const observer = new ResizeObserver(() => setWidth(box.clientWidth));
    observer.observe(box);
    setWidth(box.clientWidth);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width === 0) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(HEIGHT * ratio);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, HEIGHT);
    const n = tree.preorder.length;
    const duration = Math.max(tree.duration, 1);
    const rowHeight = Math.max(HEIGHT / Math.max(n, 1), 1 / ratio);
    // Colours are looked up once per service, not once per span.
    const colours = new Map<string, string>();
    for (let k = 0; k < n; k++) {
      const node = tree.nodes[tree.preorder[k]!]!;
      let colour = colours.get(node.span.serviceName);
      if (!colour) colours.set(node.span.serviceName, (colour = serviceColor(node.span.serviceName)));
      ctx.fillStyle = node.isError ? '#d62728' : colour;
      const x = (node.start / duration) * width;
      ctx.fillRect(x, (k / n) * HEIGHT, Math.max((node.duration / duration) * width, 1), rowHeight);
    }
  }, [tree, width]);

  const fraction = (e: PointerEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return Math.min(1, Math.max(0, (e.clientX - rect.left) / Math.max(rect.width, 1)));
  };
  const duration = tree.duration;
  const zoomed = p.window.start > 0 || p.window.end < duration;
  const shown = drag ? { from: Math.min(drag.from, drag.to), to: Math.max(drag.from, drag.to) } : { from: p.window.start / Math.max(duration, 1), to: p.window.end / Math.max(duration, 1) };

  return (
    <div className="minimap" data-testid="minimap">
      <div
        ref={boxRef}
        className="minimap-box"
        style={{ height: HEIGHT }}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          const f = fraction(e);
          setDrag({ from: f, to: f });
        }}
        onPointerMove={(e) => {
          if (drag) setDrag({ from: drag.from, to: fraction(e) });
        }}
        onPointerUp={(e) => {
          if (!drag) return;
          const a = Math.min(drag.from, fraction(e));
          const b = Math.max(drag.from, fraction(e));
          setDrag(undefined);
          // A click without a drag is not a zoom.
          if ((b - a) * width >= 3) p.onWindowChange({ start: a * duration, end: b * duration });
        }}
        title="Drag to zoom the timeline to a range"
      >
        <canvas ref={canvasRef} style={{ width: '100%', height: HEIGHT }} />
        <div className="minimap-shade" style={{ left: 0, width: `${shown.from * 100}%` }} />
        <div className="minimap-shade" style={{ left: `${shown.to * 100}%`, right: 0 }} />
        <div className="minimap-window" data-testid="minimap-window" style={{ left: `${shown.from * 100}%`, width: `${(shown.to - shown.from) * 100}%` }} />
      </div>
      <div className="minimap-caption">
        {zoomed ? (
          <>
            Showing {formatDuration(p.window.start)} – {formatDuration(p.window.end)} of {formatDuration(duration)}{' '}
            <button type="button" data-testid="zoom-reset" onClick={() => p.onWindowChange({ start: 0, end: duration })}>
              Reset zoom
            </button>
          </>
        ) : (
          <>Drag on the overview to zoom into a time range.</>
        )}
      </div>
    </div>
  );
}

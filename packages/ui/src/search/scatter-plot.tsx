import { useMemo, useRef, useState, type PointerEvent } from 'react';
import { navigate } from '../app/router.js';
import { traceHref } from '../app/link.js';
import type { TraceSummary } from '../shared/api-client.js';
import { formatDuration } from '../shared/format.js';
import { layoutScatter, rangeFromDrag, ticks } from './scatter-scale.js';

const FRAME = { width: 1000, height: 200, left: 64, right: 16, top: 12, bottom: 28 };
/** A press that moves less than this (in plot units) is a click, not a drag. */
const DRAG_THRESHOLD = 4;

const clock = (ms: number): string => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * Duration over time. A click on a point opens its trace; a drag across the plot selects a
 * time range and hands it to `onRange` (the page turns it into start/end and searches again).
 */
export function ScatterPlot(props: { traces: readonly TraceSummary[]; onRange: (range: { start: string; end: string }) => void }) {
  const layout = useMemo(() => layoutScatter(props.traces, FRAME), [props.traces]);
  const svgRef = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ from: number; to: number } | undefined>();
  const dragged = useRef(false);

  // Pointer position in viewBox units (the SVG scales with the page width).
  const plotX = (e: PointerEvent): number => {
    const box = svgRef.current!.getBoundingClientRect();
    return ((e.clientX - box.left) / Math.max(1, box.width)) * FRAME.width;
  };
  const down = (e: PointerEvent<SVGSVGElement>): void => {
    if (e.button !== 0) return;
    dragged.current = false;
    setDrag({ from: plotX(e), to: plotX(e) });
  };
  const move = (e: PointerEvent<SVGSVGElement>): void => {
    if (!drag) return;
    const to = plotX(e);
    if (!dragged.current && Math.abs(to - drag.from) > DRAG_THRESHOLD) {
      dragged.current = true;
      // Only now capture: a plain click must still reach the point under it.
      svgRef.current!.setPointerCapture(e.pointerId);
    }
    setDrag({ from: drag.from, to });
  };
  const up = (): void => {
    if (drag && dragged.current) props.onRange(rangeFromDrag(layout, drag.from, drag.to));
    setDrag(undefined);
  };
  const open = (traceId: string): void => {
    if (dragged.current) return;
    navigate(traceHref(traceId));
  };

  const yTicks = ticks(layout.maxDurationNanos, 2);
  const innerH = FRAME.height - FRAME.top - FRAME.bottom;
  const xTicks = ticks(layout.t1Ms - layout.t0Ms, 4).map((d) => layout.t0Ms + d);
  const innerW = FRAME.width - FRAME.left - FRAME.right;
  return (
    <figure className="scatter" data-testid="scatter">
      <figcaption className="scatter-caption">Duration over time: click a point to open its trace, drag across the plot to narrow the time range.</figcaption>
      <svg
        ref={svgRef}
        viewBox={`0 0 ${FRAME.width} ${FRAME.height}`}
        role="img"
        aria-label={`Scatter plot of ${props.traces.length} traces, duration over start time`}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={() => setDrag(undefined)}
      >
        {yTicks.map((v) => {
          const y = FRAME.top + innerH - (v / layout.maxDurationNanos) * innerH;
          return (
            <g key={`y${v}`} className="tick">
              <line x1={FRAME.left} x2={FRAME.width - FRAME.right} y1={y} y2={y} />
              <text x={FRAME.left - 6} y={y + 4} textAnchor="end">
                {formatDuration(v)}
              </text>
            </g>
          );
        })}
        {xTicks.map((t, i) => (
          <text key={`x${i}`} className="tick" x={FRAME.left + (i / (xTicks.length - 1)) * innerW} y={FRAME.height - 8} textAnchor={i === 0 ? 'start' : i === xTicks.length - 1 ? 'end' : 'middle'}>
            {clock(t)}
          </text>
        ))}
        {layout.points.map((p, i) => {
          const t = props.traces[i]!;
          return (
            <circle
              key={p.traceId}
              data-testid="scatter-point"
              data-trace-id={p.traceId}
              className={p.error ? 'point point-error' : 'point'}
              cx={p.x}
              cy={p.y}
              r={p.r}
              // Reachable by keyboard like the result links: Tab to a point, Enter opens its trace.
              tabIndex={0}
              role="link"
              aria-label={`${t.rootServiceName}: ${t.rootName}, ${formatDuration(t.durationNanos)}`}
              onClick={() => open(p.traceId)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  open(p.traceId);
                }
              }}
            >
              <title>{`${t.rootServiceName}: ${t.rootName} · ${formatDuration(t.durationNanos)} · ${t.spanCount} spans${t.errorCount ? ` · ${t.errorCount} errors` : ''}`}</title>
            </circle>
          );
        })}
        {drag && dragged.current ? <rect className="drag-range" x={Math.min(drag.from, drag.to)} y={FRAME.top} width={Math.abs(drag.to - drag.from)} height={innerH} /> : null}
      </svg>
    </figure>
  );
}

import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { MapEdge, MapEdgeLabel } from './map-edge.js';
import { MapNode } from './map-node.js';
import type { MapSelection } from './map-range.js';
import type { MapView, NodeView } from './map-view.js';
import { fitTransform, panBy, revealBox, transformAttribute, wheelFactor, zoomAt, type Size, type ViewTransform } from './map-viewport.js';

/** A press that moves less than this many pixels is a click, not a drag. */
const DRAG_THRESHOLD = 4;
const ZOOM_STEP = 1.25;
/** Below this scale edge labels and the small lines of node boxes are unreadable: they are hidden until zoomed in. */
const ZOOMED_OUT_BELOW = 0.45;

const isNodeSelected = (s: MapSelection, id: string): boolean => s !== undefined && 'node' in s && s.node === id;
const isEdgeSelected = (s: MapSelection, source: string, target: string): boolean => s !== undefined && 'source' in s && s.source === source && s.target === target;

/**
 * The map drawing: SVG, zoomed with the wheel (around the pointer) or the buttons, panned by
 * dragging, fitted to the screen when it first shows (and on "Fit"). While a node is selected,
 * the edges not touching it fade so its calls stand out.
 */
export function MapCanvas(props: { view: MapView; selection: MapSelection; onSelectNode: (id: string) => void; onSelectEdge: (source: string, target: string) => void }) {
  const { view, selection } = props;
  const wrapRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const [size, setSize] = useState<Size>({ width: 800, height: 560 });
  const [transform, setTransform] = useState<ViewTransform>({ x: 0, y: 0, k: 1 });
  /** Until the user zooms or pans, the map keeps fitting the view (window resizes included). */
  const userMoved = useRef(false);
  const drag = useRef<{ x: number; y: number; from: ViewTransform; pointerId: number } | undefined>(undefined);
  const dragged = useRef(false);

  const measure = (): Size => {
    const el = wrapRef.current;
    return el ? { width: Math.max(1, el.clientWidth), height: Math.max(1, el.clientHeight) } : size;
  };
  const fit = useCallback((): void => {
    userMoved.current = false;
    const s = measure();
    setSize(s);
    setTransform(fitTransform(view.layout, s));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view.layout]);

  useLayoutEffect(fit, [fit]);
  useEffect(() => {
    const el = wrapRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      const s = measure();
      setSize(s);
      if (!userMoved.current) setTransform(fitTransform(view.layout, s));
    });
    observer.observe(el);
    return () => observer.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view.layout]);

  // React's wheel listener is passive, so it could not stop the page from scrolling: a native one.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (e: WheelEvent): void => {
      e.preventDefault();
      const box = svg.getBoundingClientRect();
      userMoved.current = true;
      setTransform((t) => zoomAt(t, wheelFactor(e.deltaY, e.deltaMode), { x: e.clientX - box.left, y: e.clientY - box.top }));
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, []);

  const down = (e: PointerEvent<SVGSVGElement>): void => {
    if (e.button !== 0) return;
    dragged.current = false;
    drag.current = { x: e.clientX, y: e.clientY, from: transform, pointerId: e.pointerId };
  };
  const move = (e: PointerEvent<SVGSVGElement>): void => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!dragged.current) {
      if (Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
      dragged.current = true;
      userMoved.current = true;
      // Only now capture: a plain click must still reach the node or edge under the pointer.
      svgRef.current?.setPointerCapture(d.pointerId);
    }
    setTransform(panBy(d.from, dx, dy));
  };
  const up = (): void => {
    drag.current = undefined;
  };
  const wasDrag = useCallback(() => dragged.current, []);

  const zoomBy = (factor: number): void => {
    userMoved.current = true;
    setTransform((t) => zoomAt(t, factor, { x: size.width / 2, y: size.height / 2 }));
  };
  const keys = (e: KeyboardEvent): void => {
    if (e.target !== e.currentTarget && (e.target as Element).closest('button, a, input, select')) return;
    if (e.key === '+' || e.key === '=') zoomBy(ZOOM_STEP);
    else if (e.key === '-' || e.key === '_') zoomBy(1 / ZOOM_STEP);
    else if (e.key === '0') fit();
    else return;
    e.preventDefault();
  };
  // A node reached with Tab is brought into view.
  const reveal = (node: NodeView): void => setTransform((t) => revealBox(t, node, measure()));

  // While something is selected, what it does not touch fades, so its calls stand out.
  const focusNode = selection && 'node' in selection ? selection.node : undefined;
  const edgeDimmed = (source: string, target: string): boolean =>
    selection === undefined ? false : focusNode !== undefined ? source !== focusNode && target !== focusNode : !isEdgeSelected(selection, source, target);
  const lit = new Set<string>();
  if (selection && 'node' in selection) lit.add(selection.node);
  if (selection && 'source' in selection) lit.add(selection.source).add(selection.target);
  if (focusNode !== undefined) for (const e of view.edges) if (e.edge.source === focusNode || e.edge.target === focusNode) lit.add(e.edge.source).add(e.edge.target);

  return (
    <div className="map-canvas" onKeyDown={keys}>
      <div className="map-controls" role="toolbar" aria-label="Zoom">
        <button type="button" className="icon-button" onClick={() => zoomBy(ZOOM_STEP)} aria-label="Zoom in" title="Zoom in (+)">
          +
        </button>
        <button type="button" className="icon-button" onClick={() => zoomBy(1 / ZOOM_STEP)} aria-label="Zoom out" title="Zoom out (−)">
          −
        </button>
        <button type="button" onClick={fit} data-testid="map-fit" title="Fit the whole map (0)">
          Fit
        </button>
        <span className="map-zoom" aria-live="polite">
          {Math.round(transform.k * 100)}%
        </span>
      </div>
      <div className="map-viewport" ref={wrapRef}>
        <svg
          ref={svgRef}
          className={`map-svg${transform.k < ZOOMED_OUT_BELOW ? ' zoomed-out' : ''}`}
          data-testid="map-svg"
          width={size.width}
          height={size.height}
          onPointerDown={down}
          onPointerMove={move}
          onPointerUp={up}
          onPointerCancel={up}
          role="group"
          aria-label={`Service map: ${view.nodes.length} nodes, ${view.edges.length} calls. Drag to pan, wheel or + and − to zoom, Tab to the nodes, Enter for details.`}
        >
          <g transform={transformAttribute(transform)}>
            <g className="map-edges">
              {view.edges.map((e) => (
                <MapEdge key={e.key} view={e} selected={isEdgeSelected(selection, e.edge.source, e.edge.target)} dimmed={edgeDimmed(e.edge.source, e.edge.target)} onSelect={props.onSelectEdge} wasDrag={wasDrag} />
              ))}
            </g>
            <g className="map-edge-labels">
              {view.edges.map((e) => (
                <MapEdgeLabel key={e.key} view={e} selected={isEdgeSelected(selection, e.edge.source, e.edge.target)} dimmed={edgeDimmed(e.edge.source, e.edge.target)} onSelect={props.onSelectEdge} wasDrag={wasDrag} />
              ))}
            </g>
            <g className="map-nodes">
              {view.nodes.map((n) => (
                <MapNode
                  key={n.node.id}
                  view={n}
                  selected={isNodeSelected(selection, n.node.id)}
                  dimmed={selection !== undefined && !lit.has(n.node.id)}
                  onSelect={props.onSelectNode}
                  onFocusNode={reveal}
                  wasDrag={wasDrag}
                />
              ))}
            </g>
          </g>
        </svg>
      </div>
    </div>
  );
}

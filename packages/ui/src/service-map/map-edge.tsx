import type { MouseEvent } from 'react';
import { EDGE_LABEL } from './map-layout.js';
import type { EdgeView } from './map-view.js';

/**
 * One call edge: a wide invisible stroke to make it easy to click, the line (width by rate,
 * red by errors) and its arrowhead. Keyboard users reach edges from a node's panel instead of
 * tabbing through every line.
 */
export function MapEdge(props: { view: EdgeView; selected: boolean; dimmed: boolean; onSelect: (source: string, target: string) => void; wasDrag: () => boolean }) {
  const { view } = props;
  const click = (e: MouseEvent): void => {
    e.stopPropagation();
    if (!props.wasDrag()) props.onSelect(view.edge.source, view.edge.target);
  };
  return (
    <g
      className={`map-edge${props.selected ? ' selected' : ''}${props.dimmed ? ' dimmed' : ''}`}
      data-testid="map-edge"
      data-source={view.edge.source}
      data-target={view.edge.target}
      data-call-count={view.edge.callCount}
      onClick={click}
    >
      <title>{view.description}</title>
      <path className="edge-hit" d={view.shape.path} strokeWidth={Math.max(14, view.strokeWidth + 10)} />
      {props.selected ? <path className="edge-halo" d={view.shape.path} strokeWidth={view.strokeWidth + 6} /> : null}
      <path className="edge-line" d={view.shape.path} stroke={view.color} strokeWidth={view.strokeWidth} />
      <polygon className="edge-arrow" points={view.shape.arrow} fill={view.color} />
    </g>
  );
}

/** The label of an edge, in the room dagre reserved for it: rate and error rate, then p50/p99. */
export function MapEdgeLabel(props: { view: EdgeView; selected: boolean; dimmed: boolean; onSelect: (source: string, target: string) => void; wasDrag: () => boolean }) {
  const { view } = props;
  const { x, y } = view.labelAt;
  const click = (e: MouseEvent): void => {
    e.stopPropagation();
    if (!props.wasDrag()) props.onSelect(view.edge.source, view.edge.target);
  };
  return (
    <g className={`edge-label${view.errorRate > 0 ? ' has-edge-errors' : ''}${props.selected ? ' selected' : ''}${props.dimmed ? ' dimmed' : ''}`} transform={`translate(${x},${y})`} onClick={click} aria-hidden="true">
      <rect x={-EDGE_LABEL.width / 2} y={-EDGE_LABEL.height / 2} width={EDGE_LABEL.width} height={EDGE_LABEL.height} rx={4} />
      <text className="edge-rate" y={-2} textAnchor="middle">
        {view.rateLine}
      </text>
      <text className="edge-latency" y={11} textAnchor="middle">
        {view.latencyLine}
      </text>
    </g>
  );
}

import type { KeyboardEvent, MouseEvent } from 'react';
import { serviceColor } from '../shared/service-color.js';
import type { NodeView } from './map-view.js';

/** How far the top of a database cylinder curves. */
const CAP = 6;

/** The outline of a node by kind: services are boxes, databases cylinders, external peers dashed pills. */
function NodeShape(props: { view: NodeView }) {
  const { width: w, height: h } = props.view;
  switch (props.view.node.kind) {
    case 'database':
      return (
        <>
          <path className="node-shape" d={`M0,${CAP} A${w / 2},${CAP} 0 0,1 ${w},${CAP} V${h - CAP} A${w / 2},${CAP} 0 0,1 0,${h - CAP} Z`} />
          <path className="node-cap" d={`M0,${CAP} A${w / 2},${CAP} 0 0,0 ${w},${CAP}`} />
        </>
      );
    case 'external':
      return <rect className="node-shape" width={w} height={h} rx={h / 2} />;
    default:
      return (
        <>
          <rect className="node-shape" width={w} height={h} rx={8} />
          <rect className="node-stripe" x={0} y={0} width={6} height={h} rx={3} fill={serviceColor(props.view.node.name)} />
        </>
      );
  }
}

/**
 * One node: a focusable button in the SVG (Tab reaches it, Enter or Space opens its panel). The
 * name, from span data, is React text: never markup.
 */
export function MapNode(props: { view: NodeView; selected: boolean; dimmed: boolean; onSelect: (id: string) => void; onFocusNode: (view: NodeView) => void; wasDrag: () => boolean }) {
  const { view } = props;
  const open = (): void => props.onSelect(view.node.id);
  const click = (e: MouseEvent): void => {
    e.stopPropagation();
    if (!props.wasDrag()) open();
  };
  const key = (e: KeyboardEvent): void => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open();
    }
  };
  const textX = view.node.kind === 'service' ? 16 : view.node.kind === 'external' ? 22 : 12;
  return (
    <g
      className={`map-node map-node-${view.node.kind}${props.selected ? ' selected' : ''}${props.dimmed ? ' dimmed' : ''}${view.errorRate > 0 ? ' has-node-errors' : ''}`}
      data-testid="map-node"
      data-node-id={view.node.id}
      data-kind={view.node.kind}
      transform={`translate(${view.x},${view.y})`}
      tabIndex={0}
      role="button"
      aria-pressed={props.selected}
      aria-label={view.description}
      onClick={click}
      onKeyDown={key}
      onFocus={() => props.onFocusNode(view)}
    >
      <title>{view.description}</title>
      <NodeShape view={view} />
      <text className="node-name" x={textX} y={view.node.kind === 'database' ? 24 : 21}>
        {view.label}
      </text>
      <text className="node-kind" x={textX} y={view.node.kind === 'database' ? 38 : 36}>
        {view.kindLabel}
      </text>
      <text className="node-stats" x={textX} y={view.node.kind === 'database' ? 51 : 50}>
        {view.statsLine}
      </text>
    </g>
  );
}

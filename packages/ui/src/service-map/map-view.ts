import { formatDuration } from '../shared/format.js';
import { edgeShape, type EdgeShape } from './edge-geometry.js';
import { edgeColor, edgeWidth } from './edge-style.js';
import { layoutServiceMap, type LaidEdge, type LaidNode, type MapLayout } from './map-layout.js';
import { errorRate, formatPercent, formatRate, plural, ratePerSecond, windowSeconds, type RateUnit } from './map-metrics.js';
import { edgeKey, type MapNodeJson, type MapOperationJson, type ServiceMapJson } from './service-map-json.js';

/**
 * Everything the map draws, computed once per answer: the layout plus, per node and edge, the
 * numbers and words shown and the edge's stroke. The components only place these in SVG.
 */

export interface NodeView extends LaidNode {
  readonly ratePerSecond: number;
  readonly errorRate: number;
  /** "service", "database", "external". */
  readonly kindLabel: string;
  /** The third line of the box: "0.5/s · 14% err". */
  readonly statsLine: string;
  /** What a screen reader says (and the tooltip): the full name and every number. */
  readonly description: string;
}

export interface EdgeView extends LaidEdge {
  readonly key: string;
  readonly ratePerSecond: number;
  readonly errorRate: number;
  readonly strokeWidth: number;
  readonly color: string;
  readonly shape: EdgeShape;
  /** Two label lines: rate and errors; p50 and p99. */
  readonly rateLine: string;
  readonly latencyLine: string;
  readonly description: string;
}

export interface MapView {
  readonly layout: MapLayout;
  readonly windowSeconds: number;
  /** The unit every rate of this view is written in. */
  readonly rateUnit: RateUnit;
  readonly nodes: readonly NodeView[];
  readonly edges: readonly EdgeView[];
  readonly nodeById: ReadonlyMap<string, NodeView>;
  readonly edgeByKey: ReadonlyMap<string, EdgeView>;
}

const KIND_LABELS: Record<MapNodeJson['kind'], string> = { service: 'service', database: 'database', external: 'external' };

const latency = (p50: string, p99: string): string => `p50 ${formatDuration(p50)} · p99 ${formatDuration(p99)}`;

export function buildMapView(map: ServiceMapJson, rateUnit: RateUnit = 's'): MapView {
  const seconds = windowSeconds(map.start, map.end);
  const layout = layoutServiceMap(map);
  const nodes = layout.nodes.map((n): NodeView => {
    const { count, errors, what } = nodeActivity(n.node, map);
    const rate = ratePerSecond(count, seconds);
    const share = errorRate(errors, count);
    const statsLine = `${formatRate(rate, rateUnit)} · ${formatPercent(share)} err`;
    const description = `${n.node.name} (${KIND_LABELS[n.node.kind]}): ${plural(count, what)}, ${formatRate(rate, rateUnit)}, ${plural(errors, 'error')} (${formatPercent(share)})`;
    return { ...n, ratePerSecond: rate, errorRate: share, kindLabel: KIND_LABELS[n.node.kind], statsLine, description };
  });
  const nodeById = new Map(nodes.map((n) => [n.node.id, n]));
  const maxRate = Math.max(0, ...layout.edges.map((e) => ratePerSecond(e.edge.callCount, seconds)));
  const edges = layout.edges.map((e): EdgeView => {
    const rate = ratePerSecond(e.edge.callCount, seconds);
    const errors = errorRate(e.edge.errorCount, e.edge.callCount);
    const strokeWidth = edgeWidth(rate, maxRate);
    const from = nodeById.get(e.edge.source)?.node.name ?? e.edge.source;
    const to = nodeById.get(e.edge.target)?.node.name ?? e.edge.target;
    return {
      ...e,
      key: edgeKey(e.edge.source, e.edge.target),
      ratePerSecond: rate,
      errorRate: errors,
      strokeWidth,
      color: edgeColor(errors),
      shape: edgeShape(e.points, strokeWidth),
      rateLine: `${formatRate(rate, rateUnit)} · ${formatPercent(errors)} err`,
      latencyLine: latency(e.edge.p50Nanos, e.edge.p99Nanos),
      description: `${from} → ${to}: ${plural(e.edge.callCount, 'call')}, ${formatRate(rate, rateUnit)}, ${plural(e.edge.errorCount, 'error')} (${formatPercent(errors)}), ${latency(e.edge.p50Nanos, e.edge.p99Nanos)}`,
    };
  });
  return { layout, windowSeconds: seconds, rateUnit, nodes, edges, nodeById, edgeByKey: new Map(edges.map((e) => [e.key, e])) };
}

/**
 * What a node's rate and error rate count: its own spans; for a node with none (a database, an
 * external address, a peer named only by `peer.service`), the calls made to it.
 */
export function nodeActivity(node: MapNodeJson, map: Pick<ServiceMapJson, 'edges'>): { count: number; errors: number; what: 'span' | 'call' } {
  if (node.spanCount > 0) return { count: node.spanCount, errors: node.errorCount, what: 'span' };
  let count = 0;
  let errors = 0;
  for (const e of map.edges) {
    if (e.target !== node.id) continue;
    count += e.callCount;
    errors += e.errorCount;
  }
  return { count, errors, what: 'call' };
}

export interface OperationRow {
  readonly operation: MapOperationJson;
  readonly ratePerSecond: number;
  readonly errorRate: number;
}

/** A node's operations for its panel, busiest first (then by name, so the order is stable). */
export function operationRows(node: MapNodeJson, seconds: number): OperationRow[] {
  return [...node.operations]
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.kind < b.kind ? -1 : 1))
    .map((operation) => ({ operation, ratePerSecond: ratePerSecond(operation.count, seconds), errorRate: errorRate(operation.errorCount, operation.count) }));
}

/** The edges into and out of a node, busiest first. */
export function neighbourEdges(view: MapView, nodeId: string): { incoming: EdgeView[]; outgoing: EdgeView[] } {
  const busiest = (a: EdgeView, b: EdgeView): number => b.edge.callCount - a.edge.callCount;
  return {
    incoming: view.edges.filter((e) => e.edge.target === nodeId).sort(busiest),
    outgoing: view.edges.filter((e) => e.edge.source === nodeId).sort(busiest),
  };
}

import dagre from '@dagrejs/dagre';
import type { MapEdgeJson, MapNodeJson, ServiceMapJson } from './service-map-json.js';

/**
 * Where every node box and edge of the map goes: dagre's layered layout, callers left of
 * callees (rankdir LR), edge labels given room of their own so they never sit on a box. Pure
 * (no DOM): sizes are estimated from the text, so it runs and is tested under node.
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface LaidNode {
  readonly node: MapNodeJson;
  /** Top-left corner and size, in map units (CSS pixels at zoom 1). */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** The name as drawn: shortened with "…" when too long for the box (the full name is in the tooltip and panel). */
  readonly label: string;
}

export interface LaidEdge {
  readonly edge: MapEdgeJson;
  /** From the caller's box border to the callee's, through dagre's bend points. */
  readonly points: readonly Point[];
  /** Centre of the room reserved for the edge's label. */
  readonly labelAt: Point;
}

export interface MapLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly LaidNode[];
  readonly edges: readonly LaidEdge[];
}

export const NODE_HEIGHT = 58;
export const NODE_MIN_WIDTH = 150;
export const NODE_MAX_WIDTH = 240;
/** Characters of a name drawn in a box; longer names end in "…". */
export const MAX_LABEL_CHARS = 26;
/** Room for the two lines of an edge label ("1.2/s · 3% err", "p50 3ms · p99 40ms"). */
export const EDGE_LABEL = { width: 144, height: 30 } as const;
/** Roughly the advance of one character of the 13px label font. */
const CHAR_WIDTH = 7.4;
const MARGIN = 24;

/** A name cut to `max` characters (code points, so an emoji is never split), "…" marking the cut. */
export function truncateLabel(name: string, max = MAX_LABEL_CHARS): string {
  const chars = Array.from(name);
  return chars.length <= max ? name : `${chars.slice(0, max - 1).join('')}…`;
}

/** Box width for a label: wide enough for the text, within fixed bounds so columns stay tidy. */
export function nodeWidth(label: string): number {
  return Math.round(Math.min(NODE_MAX_WIDTH, Math.max(NODE_MIN_WIDTH, Array.from(label).length * CHAR_WIDTH + 40)));
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Lays out the map. Input order does not matter: the same map always gets the same picture. */
export function layoutServiceMap(map: Pick<ServiceMapJson, 'nodes' | 'edges'>): MapLayout {
  const g = new dagre.graphlib.Graph({ directed: true, multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 22, ranksep: 70, edgesep: 16, marginx: MARGIN, marginy: MARGIN, ranker: 'network-simplex' });
  g.setDefaultEdgeLabel(() => ({}));

  const nodes = [...map.nodes].sort(byId);
  const known = new Map(nodes.map((n) => [n.id, n]));
  const labels = new Map(nodes.map((n) => [n.id, truncateLabel(n.name)]));
  for (const n of nodes) g.setNode(n.id, { width: nodeWidth(labels.get(n.id)!), height: NODE_HEIGHT });
  const edges = map.edges
    .filter((e) => known.has(e.source) && known.has(e.target))
    .sort((a, b) => byId({ id: `${a.source}\n${a.target}` }, { id: `${b.source}\n${b.target}` }));
  for (const e of edges) g.setEdge(e.source, e.target, { width: EDGE_LABEL.width, height: EDGE_LABEL.height, labelpos: 'c' });

  dagre.layout(g);

  const laidNodes = nodes.map((n): LaidNode => {
    const d = g.node(n.id);
    return { node: n, x: d.x - d.width / 2, y: d.y - d.height / 2, width: d.width, height: d.height, label: labels.get(n.id)! };
  });
  const laidEdges = edges.map((e): LaidEdge => {
    const d = g.edge(e.source, e.target) as unknown as { points: Point[]; x?: number; y?: number };
    const points = d.points.map((p) => ({ x: p.x, y: p.y }));
    const mid = points[Math.floor(points.length / 2)] ?? { x: 0, y: 0 };
    return { edge: e, points, labelAt: { x: d.x ?? mid.x, y: d.y ?? mid.y } };
  });
  const graph = g.graph();
  return { width: Math.max(graph.width ?? 0, 1), height: Math.max(graph.height ?? 0, 1), nodes: laidNodes, edges: laidEdges };
}

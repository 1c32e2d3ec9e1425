/**
 * The answer of `GET /api/skein/service-map` (packages/query/src/skein), and its checked reading.
 * Nanosecond values are decimal strings (they do not fit a JSON number). Names come from span
 * data, so they are untrusted text: the page renders them as text only.
 */

export type MapNodeKind = 'service' | 'database' | 'external';

export interface MapOperationJson {
  readonly name: string;
  /** server, client, producer, consumer, internal (or '' when unknown). */
  readonly kind: string;
  readonly count: number;
  readonly errorCount: number;
  readonly p50Nanos: string;
  readonly p99Nanos: string;
}

export interface MapNodeJson {
  /** `service:{name}`, `database:{db.system}` or `external:{address}`. */
  readonly id: string;
  readonly kind: MapNodeKind;
  readonly name: string;
  readonly spanCount: number;
  readonly errorCount: number;
  readonly operations: readonly MapOperationJson[];
}

export interface MapEdgeJson {
  readonly source: string;
  readonly target: string;
  readonly callCount: number;
  readonly errorCount: number;
  readonly p50Nanos: string;
  readonly p99Nanos: string;
}

export interface ServiceMapJson {
  /** The window the map covers, Unix nanoseconds. */
  readonly start: string;
  readonly end: string;
  readonly nodes: readonly MapNodeJson[];
  readonly edges: readonly MapEdgeJson[];
}

const KINDS: readonly string[] = ['service', 'database', 'external'];
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);
/** A non-negative decimal nanosecond string, '0' when absent or not one. */
const nanos = (v: unknown): string => (typeof v === 'string' && /^\d{1,30}$/.test(v) ? v : typeof v === 'number' && Number.isFinite(v) && v >= 0 ? String(Math.round(v)) : '0');

function readOperation(v: unknown): MapOperationJson | undefined {
  if (!isRecord(v)) return undefined;
  return { name: text(v.name), kind: text(v.kind), count: count(v.count), errorCount: count(v.errorCount), p50Nanos: nanos(v.p50Nanos), p99Nanos: nanos(v.p99Nanos) };
}

function readNode(v: unknown): MapNodeJson | undefined {
  if (!isRecord(v) || typeof v.id !== 'string' || v.id === '') return undefined;
  const kind = typeof v.kind === 'string' && KINDS.includes(v.kind) ? (v.kind as MapNodeKind) : 'service';
  const operations = Array.isArray(v.operations) ? v.operations.flatMap((o) => readOperation(o) ?? []) : [];
  return { id: v.id, kind, name: text(v.name) || v.id, spanCount: count(v.spanCount), errorCount: count(v.errorCount), operations };
}

function readEdge(v: unknown): MapEdgeJson | undefined {
  if (!isRecord(v) || typeof v.source !== 'string' || typeof v.target !== 'string') return undefined;
  return { source: v.source, target: v.target, callCount: count(v.callCount), errorCount: count(v.errorCount), p50Nanos: nanos(v.p50Nanos), p99Nanos: nanos(v.p99Nanos) };
}

/**
 * The API's body → a map the page can draw without further checks: malformed entries are
 * dropped, duplicate node ids keep the first, an edge whose end is not a node gets a plain
 * node of its own (so no edge dangles), and counts are whole, non-negative numbers.
 * Undefined when the body is not a service map at all.
 */
export function readServiceMap(body: unknown): ServiceMapJson | undefined {
  if (!isRecord(body) || !Array.isArray(body.nodes) || !Array.isArray(body.edges)) return undefined;
  const nodes = new Map<string, MapNodeJson>();
  for (const raw of body.nodes) {
    const node = readNode(raw);
    if (node && !nodes.has(node.id)) nodes.set(node.id, node);
  }
  const edges = new Map<string, MapEdgeJson>();
  for (const raw of body.edges) {
    const edge = readEdge(raw);
    if (!edge) continue;
    const key = edgeKey(edge.source, edge.target);
    if (edges.has(key)) continue;
    edges.set(key, edge);
    for (const id of [edge.source, edge.target]) if (!nodes.has(id)) nodes.set(id, placeholderNode(id));
  }
  return { start: nanos(body.start), end: nanos(body.end), nodes: [...nodes.values()], edges: [...edges.values()] };
}

/** A node known only from an edge: its kind and name read from its id's `kind:name` form. */
function placeholderNode(id: string): MapNodeJson {
  const colon = id.indexOf(':');
  const prefix = colon > 0 ? id.slice(0, colon) : '';
  const kind = KINDS.includes(prefix) ? (prefix as MapNodeKind) : 'service';
  return { id, kind, name: colon > 0 && KINDS.includes(prefix) ? id.slice(colon + 1) : id, spanCount: 0, errorCount: 0, operations: [] };
}

/** One string naming an edge (ids may contain any character, so JSON, not a separator). */
export const edgeKey = (source: string, target: string): string => JSON.stringify([source, target]);

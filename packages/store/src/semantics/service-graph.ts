import { spanServiceName, StatusCode, type Span, type SpanKind } from '@skein/model';
import type { ServiceGraph, ServiceGraphEdge, ServiceGraphNode, ServiceGraphNodeKind, ServiceGraphOperation } from '../trace-store.js';
import { parentOf } from './dependency-links.js';
import { inferredPeerOf, serviceNodeId } from './inferred-peer.js';
import { quantileCont, roundNanos } from './quantile.js';

/**
 * The service map's rules (the memory store runs them as written; the DuckDB store computes the
 * same aggregates in SQL, see duckdb/service-graph-sql.ts). A span counts when its start is in
 * the window [start, end).
 *
 * - Nodes: every service with a span in the window, with its span and error counts and, per
 *   (span name, kind), count, errors and p50/p99 duration; plus every edge endpoint.
 * - Service edges: a span of service B whose parent (chosen as in `getDependencies`, Zipkin shared
 *   spans included) belongs to service A ≠ B is one A → B call. Its error and latency are the
 *   CHILD's (the callee's own span): every call has one, whereas a client span on the caller's
 *   side exists only when the caller instrumented its client.
 * - Inferred edges: a CLIENT or PRODUCER span that no span of another service answers (none names
 *   it as parent, and it has no shared server half in another service) is a call to the peer its
 *   attributes name (inferred-peer.ts), with that span's error and latency. A span naming its own
 *   service as peer, or no peer at all, makes no edge. Children are looked for in the whole trace
 *   (the DuckDB store: a day either side of the window), not only in the window.
 */

/** One (service, span name, kind) aggregate, percentiles as doubles (as the database returns them). */
export interface OperationRow {
  readonly service: string;
  readonly name: string;
  readonly kind: SpanKind;
  readonly count: number;
  readonly errorCount: number;
  readonly p50: number;
  readonly p99: number;
}

/** One edge aggregate; `targetKind`/`targetName` describe the target node. */
export interface EdgeRow {
  readonly sourceService: string;
  readonly target: string;
  readonly targetKind: ServiceGraphNodeKind;
  readonly targetName: string;
  readonly callCount: number;
  readonly errorCount: number;
  readonly p50: number;
  readonly p99: number;
}

/** Builds the sorted graph from aggregate rows; both stores end here, so shape and order agree. */
export function assembleServiceGraph(operations: readonly OperationRow[], edgeRows: readonly EdgeRow[]): ServiceGraph {
  const nodes = new Map<string, { id: string; kind: ServiceGraphNodeKind; name: string; spanCount: number; errorCount: number; operations: ServiceGraphOperation[] }>();
  const nodeOf = (id: string, kind: ServiceGraphNodeKind, name: string) => {
    let node = nodes.get(id);
    if (!node) nodes.set(id, (node = { id, kind, name, spanCount: 0, errorCount: 0, operations: [] }));
    // Rows arrive in any order; when odd names make two peers share an id, the least name wins.
    else if (name < node.name) node.name = name;
    return node;
  };
  for (const op of operations) {
    const node = nodeOf(serviceNodeId(op.service), 'service', op.service);
    node.spanCount += op.count;
    node.errorCount += op.errorCount;
    node.operations.push({ name: op.name, spanKind: op.kind, count: op.count, errorCount: op.errorCount, p50Nanos: roundNanos(op.p50), p99Nanos: roundNanos(op.p99) });
  }
  const edges: ServiceGraphEdge[] = [];
  for (const row of edgeRows) {
    const source = nodeOf(serviceNodeId(row.sourceService), 'service', row.sourceService).id;
    const target = nodeOf(row.target, row.targetKind, row.targetName).id;
    edges.push({ source, target, callCount: row.callCount, errorCount: row.errorCount, p50Nanos: roundNanos(row.p50), p99Nanos: roundNanos(row.p99) });
  }
  for (const node of nodes.values()) node.operations.sort((a, b) => compareText(a.name, b.name) || a.spanKind - b.spanKind);
  return {
    nodes: [...nodes.values()].sort((a, b) => compareText(a.id, b.id)) as ServiceGraphNode[],
    edges: edges.sort((a, b) => compareText(a.source, b.source) || compareText(a.target, b.target)),
  };
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Aggregate {
  count: number;
  errorCount: number;
  readonly durations: number[];
}

function add(aggregate: Aggregate, span: Span): void {
  aggregate.count++;
  if (span.status.code === StatusCode.ERROR) aggregate.errorCount++;
  aggregate.durations.push(Number(span.endTimeUnixNano - span.startTimeUnixNano));
}

function percentiles(aggregate: Aggregate): { p50: number; p99: number } {
  const sorted = aggregate.durations.sort((a, b) => a - b);
  return { p50: quantileCont(sorted, 0.5), p99: quantileCont(sorted, 0.99) };
}

/** The service graph of the given traces over [windowStart, windowEnd), by the rules above. */
export function deriveServiceGraph(traces: Iterable<readonly Span[]>, windowStart: bigint, windowEnd: bigint): ServiceGraph {
  const operations = new Map<string, Aggregate & { service: string; name: string; kind: SpanKind }>();
  const edges = new Map<string, Aggregate & { sourceService: string; target: string; targetKind: ServiceGraphNodeKind; targetName: string }>();
  const edgeOf = (sourceService: string, target: string, targetKind: ServiceGraphNodeKind, targetName: string) => {
    const key = JSON.stringify([sourceService, target]);
    let edge = edges.get(key);
    if (!edge) edges.set(key, (edge = { sourceService, target, targetKind, targetName, count: 0, errorCount: 0, durations: [] }));
    // Two peers may share an id only through odd names (a '/' in db.system); the least name wins, as min() in SQL.
    else if (targetName < edge.targetName) edge.targetName = targetName;
    return edge;
  };
  for (const spans of traces) {
    const byId = new Map<string, Span[]>();
    // Services of the spans that name each span id as parent, and of the shared halves reusing it.
    const parentClaims = new Map<string, Set<string>>();
    const sharedClaims = new Map<string, Set<string>>();
    for (const s of spans) {
      const list = byId.get(s.spanId);
      if (list) list.push(s);
      else byId.set(s.spanId, [s]);
      const service = spanServiceName(s);
      if (s.parentSpanId !== '') claim(parentClaims, s.parentSpanId, service);
      if (s.shared) claim(sharedClaims, s.spanId, service);
    }
    for (const span of spans) {
      if (span.startTimeUnixNano < windowStart || span.startTimeUnixNano >= windowEnd) continue;
      const service = spanServiceName(span);
      const opKey = JSON.stringify([service, span.name, span.kind]);
      let op = operations.get(opKey);
      if (!op) operations.set(opKey, (op = { service, name: span.name, kind: span.kind, count: 0, errorCount: 0, durations: [] }));
      add(op, span);

      const parent = parentOf(span, byId);
      if (parent && spanServiceName(parent) !== service) add(edgeOf(spanServiceName(parent), serviceNodeId(service), 'service', service), span);

      if (span.kind !== 3 && span.kind !== 4) continue; // CLIENT, PRODUCER
      const answered = claimedByOther(parentClaims, span.spanId, service) || (!span.shared && claimedByOther(sharedClaims, span.spanId, service));
      if (answered) continue;
      const peer = inferredPeerOf(span.attributes);
      if (!peer || peer.id === serviceNodeId(service)) continue;
      add(edgeOf(service, peer.id, peer.kind, peer.name), span);
    }
  }
  return assembleServiceGraph(
    [...operations.values()].map((o) => ({ service: o.service, name: o.name, kind: o.kind, count: o.count, errorCount: o.errorCount, ...percentiles(o) })),
    [...edges.values()].map((e) => ({ sourceService: e.sourceService, target: e.target, targetKind: e.targetKind, targetName: e.targetName, callCount: e.count, errorCount: e.errorCount, ...percentiles(e) })),
  );
}

function claim(claims: Map<string, Set<string>>, spanId: string, service: string): void {
  const set = claims.get(spanId);
  if (set) set.add(service);
  else claims.set(spanId, new Set([service]));
}

function claimedByOther(claims: ReadonlyMap<string, ReadonlySet<string>>, spanId: string, service: string): boolean {
  const set = claims.get(spanId);
  if (!set) return false;
  for (const s of set) if (s !== service) return true;
  return false;
}

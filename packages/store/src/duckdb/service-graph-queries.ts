import type { SpanKind } from '@skein/model';
import type { ServiceGraph, ServiceGraphNodeKind, ServiceGraphQuery } from '../trace-store.js';
import { dayNumberOfNanos } from '../semantics/partition-day.js';
import { DB_NAMESPACE_KEYS, DB_SYSTEM_KEYS, PEER_ADDRESS_KEYS, PEER_SERVICE_KEYS } from '../semantics/inferred-peer.js';
import { assembleServiceGraph, type EdgeRow, type OperationRow } from '../semantics/service-graph.js';
import type { StoreView } from './catalog-queries.js';
import { ATTR_TYPE, spansTable } from './schema.js';
import { edgesSql, operationStatsSql, type PeerAttributeSql } from './service-graph-sql.js';
import { idList } from './sql-params.js';

/**
 * getServiceGraph for DuckDB: two aggregate queries (operations; edges, both service calls and
 * inferred peer calls) over the window's day tables, run side by side on the read pool; JS only
 * shapes their rows (assembleServiceGraph, shared with the memory store).
 */
export async function serviceGraph(view: StoreView, query: ServiceGraphQuery): Promise<ServiceGraph> {
  const { startTimeNanos: start, endTimeNanos: end } = query;
  if (end <= start) return { nodes: [], edges: [] };
  const firstDay = dayNumberOfNanos(start);
  const lastDay = dayNumberOfNanos(end - 1n);
  const window = view.days.filter((d) => d >= firstDay && d <= lastDay).map(spansTable);
  if (window.length === 0) return { nodes: [], edges: [] };
  // Parents may have started up to a day before the window, children up to a day after it.
  const around = view.days.filter((d) => d >= firstDay - 1 && d <= lastDay + 1).map(spansTable);

  const [operationRows, edgeRows] = await Promise.all([
    view.query(operationStatsSql(window, start, end)),
    view.query(edgesSql(window, around, start, end, peerAttributeSql(view))),
  ]);
  const operations: OperationRow[] = operationRows.map(([service, name, kind, count, errors, p50, p99]) => ({
    service: service as string,
    name: name as string,
    kind: kind as SpanKind,
    count: Number(count),
    errorCount: Number(errors),
    p50: p50 as number,
    p99: p99 as number,
  }));
  const edges: EdgeRow[] = edgeRows.map(([source, kind, target, name, calls, errors, p50, p99]) => ({
    sourceService: source as string,
    target: target as string,
    targetKind: kind as ServiceGraphNodeKind,
    targetName: name as string,
    callCount: Number(calls),
    errorCount: Number(errors),
    p50: p50 as number,
    p99: p99 as number,
  }));
  return assembleServiceGraph(operations, edges);
}

/** The peer attributes as SQL expressions over a span row (see semantics/inferred-peer.ts). */
function peerAttributeSql(view: StoreView): PeerAttributeSql {
  const firstPresent = (keys: readonly string[]): string => {
    const parts = keys.map((k) => lastStringValueSql(view, k)).filter((p): p is string => p !== undefined);
    return parts.length === 0 ? 'NULL::VARCHAR' : parts.length === 1 ? parts[0]! : `coalesce(${parts.join(', ')})`;
  };
  return { dbSystem: firstPresent(DB_SYSTEM_KEYS), dbNamespace: firstPresent(DB_NAMESPACE_KEYS), peerService: firstPresent(PEER_SERVICE_KEYS), address: firstPresent(PEER_ADDRESS_KEYS) };
}

/**
 * The value of the last attribute with `key` (findAttribute's choice) when it is a non-empty
 * string, else NULL: a positional read chosen by shape (no search through the lists); undefined
 * when no stored shape has the key's last occurrence as a string.
 */
function lastStringValueSql(view: StoreView, key: string): string | undefined {
  const id = view.keys.lookup(key);
  if (id === undefined) return undefined;
  const groups = view.shapes.lastPositionsOf(id, ATTR_TYPE.string);
  if (groups.length === 0) return undefined;
  return `NULLIF(CASE ${groups.map((g) => `WHEN shape_id IN (${idList(g.shapeIds)}) THEN str_values[${g.position}]`).join(' ')} END, '')`;
}

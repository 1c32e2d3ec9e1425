import { anyValueToString, type Resource } from '@skein/model';
import type { DependencyLink, DependencyQuery, Operation, OperationQuery } from '../trace-store.js';
import { NANOS_PER_DAY, dayNumberOfNanos } from '../semantics/partition-day.js';
import { REMOTE_SERVICE_KEY } from '../semantics/remote-service.js';
import { decodeAnyValue } from './binary-codec.js';
import { dependencyLinksSql } from './dependency-sql.js';
import type { ResourceRegistry } from './entity-registry.js';
import type { KeyRegistry } from './key-registry.js';
import { ATTR_TYPE, spansTable } from './schema.js';
import type { ShapeRegistry } from './shape-registry.js';
import { idList } from './sql-params.js';
import type { TypeLetter } from './trace-search-sql.js';

/**
 * The catalog side of the DuckDB store: services, operations, remote services, the dependency
 * graph and attribute autocompletion. Distinct values and counts are computed in SQL over the
 * live day tables (so retention removes what it dropped); the small in-memory registries turn
 * names into ids first and ids back into names at the end.
 */
export interface StoreView {
  /** Days that have tables, ascending. */
  readonly days: readonly number[];
  readonly resources: ResourceRegistry;
  readonly keys: KeyRegistry;
  readonly shapes: ShapeRegistry;
  query(sql: string, params?: readonly string[]): Promise<unknown[][]>;
}

const DEFAULT_VALUE_LIMIT = 1000;
const VALUES_COLUMN: Record<TypeLetter, string> = { s: 'str_values', i: 'int_values', d: 'dbl_values', b: 'bool_values', o: 'other_values' };

export async function services(view: StoreView): Promise<string[]> {
  if (view.days.length === 0) return [];
  const ids = view.days.map((d) => `SELECT DISTINCT resource_id FROM ${spansTable(d)}`).join(' UNION ');
  const rows = await view.query(`SELECT DISTINCT r.service FROM (${ids}) s JOIN resources r ON r.id = s.resource_id ORDER BY 1`);
  return rows.map((r) => r[0] as string);
}

export async function operations(view: StoreView, query: OperationQuery): Promise<Operation[]> {
  const ids = view.resources.idsOfService(query.serviceName);
  if (ids.length === 0 || view.days.length === 0) return [];
  const kind = query.spanKind === undefined ? '' : ` AND kind = ${Number(query.spanKind)}`;
  const scan = view.days.map((d) => `SELECT DISTINCT name, kind FROM ${spansTable(d)} WHERE resource_id IN (${idList(ids)})${kind}`).join(' UNION ');
  const rows = await view.query(`SELECT name, kind FROM (${scan}) ORDER BY name, kind`);
  return rows.map(([name, kind]) => ({ name: name as string, spanKind: kind as Operation['spanKind'] }));
}

export async function remoteServices(view: StoreView, serviceName: string): Promise<string[]> {
  const ids = view.resources.idsOfService(serviceName);
  const key = view.keys.lookup(REMOTE_SERVICE_KEY);
  if (ids.length === 0 || key === undefined) return [];
  const values = valuesOfKeySql(view, key, ATTR_TYPE.string, { where: `resource_id IN (${idList(ids)})` });
  if (values === undefined) return [];
  const rows = await view.query(`SELECT DISTINCT v FROM (${values}) WHERE v IS NOT NULL ORDER BY 1`);
  return rows.map((r) => r[0] as string);
}

export async function dependencies(view: StoreView, query: DependencyQuery): Promise<DependencyLink[]> {
  const start = query.endTimeNanos - query.lookbackNanos;
  const end = query.endTimeNanos;
  if (end <= start) return [];
  const firstDay = dayNumberOfNanos(start);
  const lastDay = dayNumberOfNanos(end - 1n);
  if (!view.days.some((d) => d >= firstDay && d <= lastDay)) return [];
  // Parents may have started up to a day before the window.
  const parentFirstDay = dayNumberOfNanos(start - NANOS_PER_DAY);
  const tables = view.days.filter((d) => d >= parentFirstDay && d <= lastDay).map(spansTable);
  const rows = await view.query(dependencyLinksSql(tables, start, end));
  return rows.map(([parent, child, calls, errors]) => ({ parent: parent as string, child: child as string, callCount: Number(calls), errorCount: Number(errors) }));
}

export async function attributeKeys(view: StoreView): Promise<string[]> {
  if (view.days.length === 0) return [];
  const shapeIds = await view.query(view.days.map((d) => `SELECT DISTINCT shape_id FROM ${spansTable(d)}`).join(' UNION '));
  const keys = new Set<string>();
  for (const [id] of shapeIds) for (const keyId of view.shapes.get(id as number).keyIds) keys.add(view.keys.keyOf(keyId));
  for (const resource of await liveResources(view)) for (const a of resource.attributes) keys.add(a.key);
  return [...keys].sort();
}

export async function attributeValues(view: StoreView, key: string, limit = DEFAULT_VALUE_LIMIT): Promise<string[]> {
  const max = Math.max(0, Math.floor(limit));
  if (view.days.length === 0 || max === 0) return [];
  const values = new Set<string>();
  const id = view.keys.lookup(key);
  if (id !== undefined) {
    // Strings, ints and bools have the same text in SQL and JS, so they are sorted and limited
    // in the database; doubles and binary values are formatted in JS (anyValueToString).
    const textual = [
      valuesOfKeySql(view, id, ATTR_TYPE.string),
      valuesOfKeySql(view, id, ATTR_TYPE.int, { cast: '::VARCHAR' }),
      valuesOfKeySql(view, id, ATTR_TYPE.bool, { cast: '::VARCHAR' }),
    ].filter((q): q is string => q !== undefined);
    if (textual.length > 0) {
      for (const [v] of await view.query(`SELECT DISTINCT v FROM (${textual.join(' UNION ALL ')}) ORDER BY v LIMIT ${max}`)) values.add(v as string);
    }
    const doubles = valuesOfKeySql(view, id, ATTR_TYPE.double);
    if (doubles) for (const [v] of await view.query(`SELECT DISTINCT v FROM (${doubles}) LIMIT 100000`)) values.add(anyValueToString({ type: 'double', value: v as number }));
    const others = valuesOfKeySql(view, id, ATTR_TYPE.other);
    if (others) for (const [v] of await view.query(`SELECT DISTINCT v FROM (${others}) LIMIT 100000`)) values.add(anyValueToString(decodeAnyValue(new Uint8Array(v as Uint8Array))));
  }
  for (const resource of await liveResources(view)) for (const a of resource.attributes) if (a.key === key) values.add(anyValueToString(a.value));
  return [...values].sort().slice(0, max);
}

/**
 * A SELECT of every value (column `v`) stored under one key with one type, over all days: one
 * positional read per position the key takes in that type's list (see shape-registry.ts).
 */
function valuesOfKeySql(view: StoreView, keyId: number, type: TypeLetter, options: { where?: string; cast?: string } = {}): string | undefined {
  const groups = view.shapes.positionsOf(keyId, type);
  if (groups.length === 0 || view.days.length === 0) return undefined;
  const column = VALUES_COLUMN[type];
  return view.days
    .flatMap((d) => groups.map((g) => `SELECT ${column}[${g.position}]${options.cast ?? ''} AS v FROM ${spansTable(d)} WHERE shape_id IN (${idList(g.shapeIds)}) AND ${options.where ?? 'TRUE'}`))
    .join(' UNION ALL ');
}

/** Resources some stored span still references (retention may have dropped the rest). */
async function liveResources(view: StoreView): Promise<Resource[]> {
  if (view.days.length === 0) return [];
  const rows = await view.query(view.days.map((d) => `SELECT DISTINCT resource_id FROM ${spansTable(d)}`).join(' UNION '));
  return rows.map((r) => view.resources.get(r[0] as number)).filter((r): r is Resource => r !== undefined);
}

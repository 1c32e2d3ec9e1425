import type { DuckDBConnection } from '@duckdb/node-api';
import { SkeinError } from '@skein/model';
import { dayNameOfNumber } from '../semantics/partition-day.js';

/**
 * The DuckDB layout. Per UTC day D there are two tables, so retention is DROP TABLE:
 *
 * - `spans_YYYYMMDD`: one row per span, columnar. Ids are integers (UHUGEINT/UBIGINT, 24 bytes
 *   instead of 48 hex chars). Attribute values are typed lists (string, int, double, bool), so
 *   `http.response.status_code >= 500` compares BIGINTs; which key each value belongs to, and the
 *   original order, come from `shape_id` (shape-registry.ts). Values with no scalar column (bytes,
 *   arrays, key/value lists, strings with lone surrogates) are kept binary-encoded in
 *   `other_values`. Events and links are binary-encoded blobs, with the event names also kept as
 *   a list for 'event' searches.
 * - `traces_YYYYMMDD`: the trace-id lookup path. One row per (trace, write batch) with the
 *   start-time range of the trace's spans in that day, so getTrace reads only the days a trace
 *   has spans in and, inside a day, only the row groups whose start_ns zone map overlaps.
 *
 * Resources, scopes, attribute keys and attribute shapes repeat on every span of a process, so
 * they are stored once (`resources`, `scopes`, `attribute_keys`, `attribute_shapes`), referenced
 * by id, and held in memory by the store.
 */
export const SPAN_COLUMNS = [
  ['trace_id', 'UHUGEINT'],
  ['span_id', 'UBIGINT'],
  ['parent_id', 'UBIGINT'],
  ['start_ns', 'BIGINT'],
  ['duration_ns', 'BIGINT'],
  ['resource_id', 'UINTEGER'],
  ['scope_id', 'UINTEGER'],
  ['name', 'VARCHAR'],
  ['kind', 'UTINYINT'],
  ['status_code', 'UTINYINT'],
  ['status_message', 'VARCHAR'],
  ['trace_state', 'VARCHAR'],
  ['flags', 'UINTEGER'],
  ['span_bits', 'UTINYINT'],
  ['dropped_attributes', 'UINTEGER'],
  ['dropped_events', 'UINTEGER'],
  ['dropped_links', 'UINTEGER'],
  ['shape_id', 'UINTEGER'],
  ['str_values', 'VARCHAR[]'],
  ['int_values', 'BIGINT[]'],
  ['dbl_values', 'DOUBLE[]'],
  ['bool_values', 'BOOLEAN[]'],
  ['other_values', 'BLOB[]'],
  ['event_names', 'VARCHAR[]'],
  ['events', 'BLOB'],
  ['links', 'BLOB'],
] as const;

export type SpanColumn = (typeof SPAN_COLUMNS)[number][0];

/** `span_bits` flags. */
export const BIT_TRACE_ID_HIGH64_ABSENT = 1;
export const BIT_SHARED = 2;

/** Type letters of an attribute shape, one per attribute in original order. */
export const ATTR_TYPE = { string: 's', int: 'i', double: 'd', bool: 'b', other: 'o' } as const;

export const GLOBAL_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS resources (id UINTEGER NOT NULL, service VARCHAR NOT NULL, encoded BLOB NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS scopes (id UINTEGER NOT NULL, encoded BLOB NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS attribute_keys (id UINTEGER NOT NULL, key VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS attribute_shapes (id UINTEGER NOT NULL, types VARCHAR NOT NULL, key_ids VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS skein_meta (key VARCHAR NOT NULL, value VARCHAR NOT NULL)`,
];

export const SCHEMA_VERSION = '3';

const TABLE_DAY = /^(spans|traces)_(\d{4})(\d{2})(\d{2})$/;

/** 'YYYYMMDD' for a day number, refusing days outside years 1000–9999 (table names stay fixed width). */
function daySuffix(day: number): string {
  const name = dayNameOfNumber(day);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(name) || name < '1000') throw new SkeinError('SKEIN_ERR_STORE_FAILED', `span start time outside the storable range (day ${name})`);
  return name.replaceAll('-', '');
}

export const spansTable = (day: number): string => `spans_${daySuffix(day)}`;
export const tracesTable = (day: number): string => `traces_${daySuffix(day)}`;

/** The day number a `spans_…`/`traces_…` table holds, or undefined for other tables. */
export function dayOfTable(name: string): number | undefined {
  const m = TABLE_DAY.exec(name);
  if (!m) return undefined;
  return Math.floor(Date.UTC(Number(m[2]), Number(m[3]) - 1, Number(m[4])) / 86_400_000);
}

export const createSpansTableSql = (day: number): string =>
  `CREATE TABLE IF NOT EXISTS ${spansTable(day)} (${SPAN_COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ')})`;

export const createTracesTableSql = (day: number): string =>
  `CREATE TABLE IF NOT EXISTS ${tracesTable(day)} (trace_id UHUGEINT NOT NULL, min_start_ns BIGINT NOT NULL, max_start_ns BIGINT NOT NULL)`;

/** Stamps a new database with SCHEMA_VERSION; refuses a database written by another version. */
export async function checkSchemaVersion(c: DuckDBConnection): Promise<void> {
  const rows = (await c.runAndReadAll(`SELECT value FROM skein_meta WHERE key = 'schema_version'`)).getRowsJS() as [string][];
  if (rows.length === 0) {
    await c.run(`INSERT INTO skein_meta VALUES ('schema_version', '${SCHEMA_VERSION}')`);
    return;
  }
  if (rows[0]![0] !== SCHEMA_VERSION) {
    throw new SkeinError('SKEIN_ERR_STORE_FAILED', `the data directory holds schema version ${rows[0]![0]}; this Skein reads version ${SCHEMA_VERSION}`);
  }
}

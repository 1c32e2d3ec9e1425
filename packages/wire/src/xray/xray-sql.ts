import { str, type AnyValue } from '@skein/model';
import { childPath, keepUnmapped, optionalString, type JsonObject } from './xray-json-fields.js';
import { SEMCONV, XRAY_KEYS } from './xray-keys.js';

const SQL_FIELDS: ReadonlySet<string> = new Set(['database_type', 'sanitized_query']);

/**
 * `sql` → database attributes, after the collector's addSQLToSpan (receiver/awsxrayreceiver/
 * internal/translator/sql.go) with its stable-convention names: database_type → db.system.name,
 * sanitized_query → db.query.text, the database name parsed out of `url` → db.namespace.
 * The collector rejects the whole segment when `url` does not parse; Skein keeps the segment
 * without db.namespace. `url`, `user` and the other fields (which the stable conventions have no
 * place for) are kept as `aws.xray.sql.*`.
 */
export function mapSql(sql: JsonObject | undefined, path: string, attrs: Map<string, AnyValue>): void {
  if (!sql) return;
  const p = childPath(path, 'sql');
  const url = optionalString(sql, 'url', p);
  if (url !== undefined) {
    const dbName = databaseNameOf(url);
    if (dbName !== undefined) attrs.set(SEMCONV.dbNamespace, str(dbName));
  }
  const type = optionalString(sql, 'database_type', p);
  if (type !== undefined) attrs.set(SEMCONV.dbSystemName, str(type));
  const query = optionalString(sql, 'sanitized_query', p);
  if (query !== undefined) attrs.set(SEMCONV.dbQueryText, str(query));
  keepUnmapped(sql, SQL_FIELDS, XRAY_KEYS.sqlPrefix, attrs);
}

/**
 * The collector's pattern (sql.go): `protocol+transport://host:port/dbName?query` or
 * `protocol+transport:dbName?query`; the database name is what follows the authority.
 */
const SQL_URL = /^([^/]+:(?:\/\/[^/]+\/)?)([^?]+)\??.*$/s;

export function databaseNameOf(url: string): string | undefined {
  return SQL_URL.exec(url)?.[2];
}

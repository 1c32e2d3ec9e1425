import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import { anyValueToString, isSkeinError, serviceNameOf, SkeinError, type InstrumentationScope, type Resource, type Span } from '@skein/model';
import type {
  DependencyLink,
  DependencyQuery,
  Operation,
  OperationQuery,
  RetentionPolicy,
  RetentionResult,
  StoreStats,
  TraceQuery,
  TraceRef,
  TraceStore,
} from '../trace-store.js';
import { dayNameOfNumber, dayNumberOfNanos, isDayExpired } from '../semantics/partition-day.js';
import { REMOTE_SERVICE_KEY } from '../semantics/remote-service.js';
import { ConnectionPool } from './connection-pool.js';
import { ResourceRegistry, ScopeRegistry, type PendingEntities } from './entity-registry.js';
import { dependencyLinksSql } from './dependency-sql.js';
import { createSpansTableSql, createTracesTableSql, dayOfTable, GLOBAL_SCHEMA, SCHEMA_VERSION, spansTable, tracesTable } from './schema.js';
import { SerialQueue } from './serial-queue.js';
import { insertSpansSql, insertTraceRangesSql, SpanInsertColumns, traceRanges } from './span-insert.js';
import { SPAN_SELECT_LIST, spansFromColumns, traceIdHex } from './span-rows.js';
import { bigintLiteral, idList, SqlParams, uhugeintLiteral } from './sql-params.js';
import { spanConditionSql, traceSortSql } from './trace-search-sql.js';
import { decodeAnyValue } from './binary-codec.js';

export interface DuckDbTraceStoreOptions {
  /** Data directory (created if missing); the database is `<path>/skein.duckdb`. */
  readonly path: string;
  /** Queries that may run at the same time (one DuckDB connection each). Default 4. */
  readonly readConnections?: number;
  /** WAL size at which DuckDB checkpoints into the database file. Default '128MB'. */
  readonly checkpointThreshold?: string;
  /** DuckDB worker threads. Default: DuckDB's (one per core). */
  readonly threads?: number;
  /** DuckDB memory limit, e.g. '2GB'. Default: DuckDB's (80 % of RAM). */
  readonly memoryLimit?: string;
}

export const DATABASE_FILE = 'skein.duckdb';

const DEFAULT_VALUE_LIMIT = 1000;
/** Trace ids travel as 32 lowercase hex chars; anything else cannot be stored, so finds nothing. */
const TRACE_ID = /^[0-9a-f]{32}$/;

/**
 * The embedded TraceStore: one DuckDB file per data directory, one table pair per UTC day (see
 * schema.ts). Writes go through one serial queue on one connection, each batch a single
 * transaction that resolves after COMMIT: DuckDB writes the WAL entry and fsyncs it before
 * COMMIT returns (WriteAheadLog::Flush → Sync, called from DuckTransaction::Commit), so a batch
 * that resolved survives kill -9. Reads run concurrently on a small connection pool.
 */
export class DuckDbTraceStore implements TraceStore {
  private readonly writes = new SerialQueue();
  private readonly resources = new ResourceRegistry();
  private readonly scopes = new ScopeRegistry();
  /** Days that have tables, ascending. */
  private days: number[] = [];
  private readonly prepared = new Map<string, DuckDBPreparedStatement>();
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly readers: ConnectionPool,
    private readonly databaseFile: string,
  ) {}

  static async open(options: DuckDbTraceStoreOptions): Promise<DuckDbTraceStore> {
    mkdirSync(options.path, { recursive: true });
    const file = join(options.path, DATABASE_FILE);
    const config: Record<string, string> = { checkpoint_threshold: options.checkpointThreshold ?? '128MB' };
    if (options.threads !== undefined) config.threads = String(options.threads);
    if (options.memoryLimit !== undefined) config.memory_limit = options.memoryLimit;
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(file, config);
    } catch (err) {
      throw new SkeinError('SKEIN_ERR_STORE_FAILED', `cannot open ${file}: ${(err as Error).message}`);
    }
    const writer = await instance.connect();
    for (const sql of GLOBAL_SCHEMA) await writer.run(sql);
    await checkSchemaVersion(writer);
    const readers = await ConnectionPool.create(instance, options.readConnections ?? 4);
    const store = new DuckDbTraceStore(instance, writer, readers, file);
    await store.load();
    return store;
  }

  private async load(): Promise<void> {
    const resources = await this.writer.runAndReadAll('SELECT id, encoded FROM resources');
    for (const [id, encoded] of resources.getRowsJS() as [number, Uint8Array][]) this.resources.load(id, new Uint8Array(encoded));
    const scopes = await this.writer.runAndReadAll('SELECT id, encoded FROM scopes');
    for (const [id, encoded] of scopes.getRowsJS() as [number, Uint8Array][]) this.scopes.load(id, new Uint8Array(encoded));
    const tables = await this.writer.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'`);
    const days = new Set<number>();
    for (const [name] of tables.getRowsJS() as [string][]) {
      const day = dayOfTable(name);
      if (day !== undefined && name.startsWith('spans_')) days.add(day);
    }
    this.days = [...days].sort((a, b) => a - b);
  }

  // ---------------------------------------------------------------- writes

  writeBatch(spans: readonly Span[]): Promise<void> {
    this.assertOpen();
    if (spans.length === 0) return Promise.resolve();
    return this.writes.run(() => this.writeNow(spans));
  }

  private async writeNow(spans: readonly Span[]): Promise<void> {
    const newResources: PendingEntities<Resource> = new Map();
    const newScopes: PendingEntities<InstrumentationScope> = new Map();
    const byDay = new Map<number, { columns: SpanInsertColumns; spans: Span[] }>();
    for (const span of spans) {
      const day = dayNumberOfNanos(span.startTimeUnixNano);
      let group = byDay.get(day);
      if (!group) byDay.set(day, (group = { columns: new SpanInsertColumns(), spans: [] }));
      group.columns.add(span, this.resources.idOf(span.resource, newResources), this.scopes.idOf(span.scope, newScopes));
      group.spans.push(span);
    }
    const w = this.writer;
    // Tables and statements are made before the batch's transaction: a statement prepared inside
    // a transaction is re-planned on every later execution (with the batch strings as
    // constants), which made inserts ~3× slower. An empty day table left by a failed batch is
    // harmless.
    const statements: Array<{ spans: DuckDBPreparedStatement; ranges: DuckDBPreparedStatement; columns: SpanInsertColumns; daySpans: Span[] }> = [];
    try {
      for (const [day, { columns, spans: daySpans }] of byDay) {
        if (!this.days.includes(day)) await this.createDay(day);
        statements.push({ spans: await this.preparedFor(insertSpansSql(spansTable(day))), ranges: await this.preparedFor(insertTraceRangesSql(tracesTable(day))), columns, daySpans });
      }
    } catch (err) {
      throw new SkeinError('SKEIN_ERR_STORE_FAILED', (err as Error).message);
    }
    await w.run('BEGIN TRANSACTION');
    try {
      if (newResources.size > 0) await insertEntities(w, 'resources', [...newResources.values()].map((e) => [e.id, e.encoded, serviceNameOf(e.entity)]));
      if (newScopes.size > 0) await insertEntities(w, 'scopes', [...newScopes.values()].map((e) => [e.id, e.encoded]));
      for (const { spans: insert, ranges: insertRanges, columns, daySpans } of statements) {
        insert.bind(columns.params());
        const inserted = await insert.run();
        if (inserted.rowsChanged !== columns.count) throw new Error(`inserted ${inserted.rowsChanged} rows for ${columns.count} spans`);
        insertRanges.bind(traceRanges(daySpans).params);
        await insertRanges.run();
      }
      await w.run('COMMIT');
    } catch (err) {
      await w.run('ROLLBACK').catch(() => undefined);
      throw new SkeinError('SKEIN_ERR_STORE_FAILED', (err as Error).message);
    }
    this.resources.commit(newResources);
    this.scopes.commit(newScopes);
  }

  private async createDay(day: number): Promise<void> {
    await this.writer.run('BEGIN TRANSACTION');
    try {
      await this.writer.run(createSpansTableSql(day));
      await this.writer.run(createTracesTableSql(day));
      await this.writer.run('COMMIT');
    } catch (err) {
      await this.writer.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
    this.days = [...this.days, day].sort((a, b) => a - b);
  }

  private async preparedFor(sql: string): Promise<DuckDBPreparedStatement> {
    let p = this.prepared.get(sql);
    if (!p) this.prepared.set(sql, (p = await this.writer.prepare(sql)));
    return p;
  }

  // ---------------------------------------------------------------- traces

  async getTrace(traceId: string): Promise<Span[]> {
    return (await this.readTraces([traceId])).get(traceId.toLowerCase()) ?? [];
  }

  async getTraces(traceIds: readonly string[]): Promise<Span[][]> {
    const found = await this.readTraces(traceIds);
    const out: Span[][] = [];
    for (const id of traceIds) {
      const spans = found.get(id.toLowerCase());
      if (spans && spans.length > 0) out.push(spans);
    }
    return out;
  }

  /**
   * Two steps: the `traces_<day>` lookup finds the days a trace has spans in and their start-time
   * range; then only those day tables are read, with the range so DuckDB's zone maps skip row
   * groups that cannot hold the trace.
   */
  private async readTraces(traceIds: readonly string[]): Promise<Map<string, Span[]>> {
    this.assertOpen();
    const ids = [...new Set(traceIds.map((t) => t.toLowerCase()).filter((t) => TRACE_ID.test(t)))];
    const out = new Map<string, Span[]>();
    if (ids.length === 0 || this.days.length === 0) return out;
    const days = this.days;
    const idSet = ids.map((t) => uhugeintLiteral(BigInt('0x' + t))).join(', ');
    return this.readers.use(async (c) => {
      const lookup = days.map((d) => `SELECT ${d} AS day, min(min_start_ns) AS lo, max(max_start_ns) AS hi FROM ${tracesTable(d)} WHERE trace_id IN (${idSet})`).join(' UNION ALL ');
      const ranges = (await c.runAndReadAll(`SELECT day, lo, hi FROM (${lookup}) WHERE lo IS NOT NULL`)).getRowsJS() as [number, bigint, bigint][];
      if (ranges.length === 0) return out;
      const scan = ranges
        .map(([day, lo, hi]) => `SELECT ${SPAN_SELECT_LIST} FROM ${spansTable(day)} WHERE trace_id IN (${idSet}) AND start_ns BETWEEN ${bigintLiteral(lo)} AND ${bigintLiteral(hi)}`)
        .join(' UNION ALL ');
      const reader = await c.runAndReadAll(`SELECT * FROM (${scan}) ORDER BY trace_id, start_ns, span_id, span_bits & 2`);
      for (const span of spansFromColumns(reader.getColumnsJS(), this.resources, this.scopes)) {
        const list = out.get(span.traceId);
        if (list) list.push(span);
        else out.set(span.traceId, [span]);
      }
      return out;
    });
  }

  // ---------------------------------------------------------------- search

  async findTraceIds(query: TraceQuery): Promise<TraceRef[]> {
    this.assertOpen();
    if (query.limit <= 0) return [];
    const params = new SqlParams();
    const condition = spanConditionSql(query, this.resources, params);
    const days = this.daysBetween(query.startTimeMinNanos, query.startTimeMaxNanos);
    if (condition === undefined || days.length === 0) return [];
    const scan = days.map((d) => `SELECT trace_id, start_ns, duration_ns FROM ${spansTable(d)} WHERE ${condition}`).join(' UNION ALL ');
    const sql = `SELECT trace_id, min(start_ns) AS start_ns, max(duration_ns) AS duration_ns FROM (${scan}) GROUP BY trace_id ORDER BY ${traceSortSql(query.sort ?? 'newest')} LIMIT ${Math.floor(query.limit)}`;
    const rows = await this.query(sql, params.values);
    return (rows as [bigint, bigint, bigint][]).map(([id, start, duration]) => ({ traceId: traceIdHex(id), startTimeUnixNano: start, durationNanos: duration }));
  }

  async findTraces(query: TraceQuery): Promise<Span[][]> {
    const refs = await this.findTraceIds(query);
    return this.getTraces(refs.map((r) => r.traceId));
  }

  // ---------------------------------------------------------------- catalog

  async getServices(): Promise<string[]> {
    this.assertOpen();
    if (this.days.length === 0) return [];
    const ids = this.days.map((d) => `SELECT DISTINCT resource_id FROM ${spansTable(d)}`).join(' UNION ');
    const rows = await this.query(`SELECT DISTINCT r.service FROM (${ids}) s JOIN resources r ON r.id = s.resource_id ORDER BY 1`);
    return rows.map((r) => r[0] as string);
  }

  async getOperations(query: OperationQuery): Promise<Operation[]> {
    this.assertOpen();
    const ids = this.resources.idsOfService(query.serviceName);
    if (ids.length === 0 || this.days.length === 0) return [];
    const kind = query.spanKind === undefined ? '' : ` AND kind = ${Number(query.spanKind)}`;
    const scan = this.days.map((d) => `SELECT DISTINCT name, kind FROM ${spansTable(d)} WHERE resource_id IN (${idList(ids)})${kind}`).join(' UNION ');
    const rows = await this.query(`SELECT name, kind FROM (${scan}) ORDER BY name, kind`);
    return rows.map(([name, kind]) => ({ name: name as string, spanKind: kind as Operation['spanKind'] }));
  }

  async getRemoteServices(serviceName: string): Promise<string[]> {
    this.assertOpen();
    const ids = this.resources.idsOfService(serviceName);
    if (ids.length === 0 || this.days.length === 0) return [];
    const params = new SqlParams();
    const key = params.text(REMOTE_SERVICE_KEY);
    const scan = this.days
      .map((d) => `SELECT unnest(list_filter(str_values, lambda v_, i_: str_keys[i_] = ${key})) AS v FROM ${spansTable(d)} WHERE resource_id IN (${idList(ids)}) AND list_contains(str_keys, ${key})`)
      .join(' UNION ALL ');
    const rows = await this.query(`SELECT DISTINCT v FROM (${scan}) ORDER BY 1`, params.values);
    return rows.map((r) => r[0] as string);
  }

  async getDependencies(query: DependencyQuery): Promise<DependencyLink[]> {
    this.assertOpen();
    const start = query.endTimeNanos - query.lookbackNanos;
    const end = query.endTimeNanos;
    if (end <= start) return [];
    const windowDays = this.daysBetween(start, end - 1n);
    if (windowDays.length === 0) return [];
    const parentDays = this.daysBetween(start - 86_400_000_000_000n, end - 1n);
    const rows = await this.query(dependencyLinksSql(windowDays.map(spansTable), parentDays.map(spansTable), start, end));
    return rows.map(([parent, child, calls, errors]) => ({ parent: parent as string, child: child as string, callCount: Number(calls), errorCount: Number(errors) }));
  }

  async getAttributeKeys(): Promise<string[]> {
    this.assertOpen();
    if (this.days.length === 0) return [];
    const lists = ['str_keys', 'int_keys', 'dbl_keys', 'bool_keys', 'other_keys'];
    const scan = this.days.flatMap((d) => lists.map((l) => `SELECT DISTINCT unnest(${l}) AS k FROM ${spansTable(d)}`)).join(' UNION ');
    const spanKeys = (await this.query(`SELECT k FROM (${scan})`)).map((r) => r[0] as string);
    const keys = new Set(spanKeys);
    for (const resource of await this.liveResources()) for (const a of resource.attributes) keys.add(a.key);
    return [...keys].sort();
  }

  async getAttributeValues(key: string, limit = DEFAULT_VALUE_LIMIT): Promise<string[]> {
    this.assertOpen();
    const max = Math.max(0, Math.floor(limit));
    if (this.days.length === 0 || max === 0) return [];
    const params = new SqlParams();
    const k = params.text(key);
    const pick = (keys: string, values: string, cast: string) =>
      this.days.map((d) => `SELECT unnest(list_filter(${values}, lambda v_, i_: ${keys}[i_] = ${k}))${cast} AS v FROM ${spansTable(d)} WHERE list_contains(${keys}, ${k})`).join(' UNION ALL ');
    // Strings, ints and bools have the same text in SQL and JS, so they are sorted and limited
    // in the database; doubles and binary values are formatted in JS (anyValueToString).
    const textual = `SELECT DISTINCT v FROM (${pick('str_keys', 'str_values', '')} UNION ALL ${pick('int_keys', 'int_values', '::VARCHAR')} UNION ALL ${pick('bool_keys', 'bool_values', '::VARCHAR')}) ORDER BY v LIMIT ${max}`;
    const values = new Set((await this.query(textual, params.values)).map((r) => r[0] as string));
    for (const [v] of await this.query(`SELECT DISTINCT v FROM (${pick('dbl_keys', 'dbl_values', '')}) LIMIT 100000`, params.values)) {
      values.add(anyValueToString({ type: 'double', value: v as number }));
    }
    for (const [v] of await this.query(`SELECT DISTINCT v FROM (${pick('other_keys', 'other_values', '')}) LIMIT 100000`, params.values)) {
      values.add(anyValueToString(decodeAnyValue(new Uint8Array(v as Uint8Array))));
    }
    for (const resource of await this.liveResources()) for (const a of resource.attributes) if (a.key === key) values.add(anyValueToString(a.value));
    return [...values].sort().slice(0, max);
  }

  /** Resources some stored span still references (retention may have dropped the rest). */
  private async liveResources(): Promise<Resource[]> {
    if (this.days.length === 0) return [];
    const rows = await this.query(this.days.map((d) => `SELECT DISTINCT resource_id FROM ${spansTable(d)}`).join(' UNION '));
    return rows.map((r) => this.resources.get(r[0] as number)).filter((r): r is Resource => r !== undefined);
  }

  // ---------------------------------------------------------------- retention & stats

  applyRetention(policy: RetentionPolicy): Promise<RetentionResult> {
    this.assertOpen();
    return this.writes.run(async () => {
      const now = policy.nowNanos ?? BigInt(Date.now()) * 1_000_000n;
      const dropped: string[] = [];
      let droppedSpans = 0;
      if (policy.maxAgeNanos !== undefined) {
        const maxAge = policy.maxAgeNanos;
        for (const day of this.days.filter((d) => isDayExpired(d, maxAge, now))) {
          droppedSpans += await this.dropDay(day);
          dropped.push(dayNameOfNumber(day));
        }
      }
      if (policy.maxBytes !== undefined) {
        if (dropped.length > 0) await this.writer.run('CHECKPOINT');
        while (this.days.length > 0 && (await this.dataBytes()) > policy.maxBytes) {
          const oldest = this.days[0]!;
          droppedSpans += await this.dropDay(oldest);
          dropped.push(dayNameOfNumber(oldest));
          // Frees the dropped day's blocks so the next measurement sees them gone.
          await this.writer.run('CHECKPOINT');
        }
      } else if (dropped.length > 0) {
        await this.writer.run('CHECKPOINT');
      }
      return { droppedPartitions: dropped, droppedSpans };
    });
  }

  private async dropDay(day: number): Promise<number> {
    const spans = spansTable(day);
    const traces = tracesTable(day);
    const w = this.writer;
    const count = Number(((await w.runAndReadAll(`SELECT count(*) FROM ${spans}`)).getRowsJS()[0] as [bigint])[0]);
    await w.run('BEGIN TRANSACTION');
    try {
      await w.run(`DROP TABLE IF EXISTS ${spans}`);
      await w.run(`DROP TABLE IF EXISTS ${traces}`);
      await w.run('COMMIT');
    } catch (err) {
      await w.run('ROLLBACK').catch(() => undefined);
      throw new SkeinError('SKEIN_ERR_STORE_FAILED', `retention could not drop ${dayNameOfNumber(day)}: ${(err as Error).message}`);
    }
    for (const [sql, statement] of this.prepared) {
      if (sql.includes(spans) || sql.includes(traces)) {
        statement.destroySync();
        this.prepared.delete(sql);
      }
    }
    this.days = this.days.filter((d) => d !== day);
    return count;
  }

  /**
   * Bytes of live data: used database blocks plus the WAL. The file itself keeps the blocks of
   * dropped days as free space that new data reuses (DuckDB truncates only free space at its
   * end), so this is what a size cap can control.
   */
  private async dataBytes(): Promise<number> {
    const rows = (await this.writer.runAndReadAll('SELECT used_blocks, block_size FROM pragma_database_size() WHERE database_name = current_database()')).getRowsJS() as [bigint, bigint][];
    const [used, blockSize] = rows[0] ?? [0n, 0n];
    return Number(used) * Number(blockSize) + walBytes(this.databaseFile);
  }

  async getStats(): Promise<StoreStats> {
    this.assertOpen();
    const days = this.days;
    const counts = days.length === 0 ? 0 : Number((await this.query(`SELECT ${days.map((d) => `(SELECT count(*) FROM ${spansTable(d)})`).join(' + ')}`))[0]![0] as bigint);
    const bytes = await this.readers.use(async (c) => {
      const rows = (await c.runAndReadAll('SELECT used_blocks, block_size FROM pragma_database_size() WHERE database_name = current_database()')).getRowsJS() as [bigint, bigint][];
      const [used, blockSize] = rows[0] ?? [0n, 0n];
      return Number(used) * Number(blockSize) + walBytes(this.databaseFile);
    });
    return { spanCount: counts, bytesOnDisk: bytes, partitions: days.map(dayNameOfNumber) };
  }

  /** Writes the WAL into the database file (compressing new data). Used by the bench and tests. */
  checkpoint(): Promise<void> {
    this.assertOpen();
    return this.writes.run(async () => {
      await this.writer.run('CHECKPOINT');
    });
  }

  /** Size of the database file and its WAL, in bytes. */
  fileBytes(): number {
    return fileSize(this.databaseFile) + walBytes(this.databaseFile);
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.writes.idle();
      await this.readers.close();
      for (const statement of this.prepared.values()) statement.destroySync();
      this.prepared.clear();
      this.writer.closeSync();
      this.instance.closeSync();
    })();
    return this.closing;
  }

  // ---------------------------------------------------------------- helpers

  /** Days whose span tables can hold starts in [min, max] (either bound optional). */
  private daysBetween(min: bigint | undefined, max: bigint | undefined): number[] {
    const lo = min === undefined ? -Infinity : dayNumberOfNanos(min);
    const hi = max === undefined ? Infinity : dayNumberOfNanos(max);
    return this.days.filter((d) => d >= lo && d <= hi);
  }

  private async query(sql: string, params: readonly string[] = []): Promise<unknown[][]> {
    try {
      return await this.readers.use(async (c) => (await c.runAndReadAll(sql, params.length > 0 ? [...params] : undefined)).getRowsJS() as unknown[][]);
    } catch (err) {
      if (isSkeinError(err)) throw err;
      const message = (err as Error).message;
      if (/regex|regular expression/i.test(message)) throw new SkeinError('SKEIN_ERR_BAD_QUERY_PARAM', message);
      throw new SkeinError('SKEIN_ERR_INTERNAL', message);
    }
  }

  private assertOpen(): void {
    if (this.closing) throw new SkeinError('SKEIN_ERR_INTERNAL', 'the trace store is closed');
  }
}

async function insertEntities(w: DuckDBConnection, table: 'resources' | 'scopes', rows: Array<[number, Uint8Array, string?]>): Promise<void> {
  const params: string[] = [];
  const values = rows.map(([id, encoded, service]) => {
    params.push(Buffer.from(encoded).toString('base64'));
    const blob = `from_base64($${params.length})`;
    if (table === 'scopes') return `(${id}, ${blob})`;
    params.push(service!);
    return `(${id}, $${params.length}, ${blob})`;
  });
  await w.run(`INSERT INTO ${table} VALUES ${values.join(', ')}`, params);
}

async function checkSchemaVersion(w: DuckDBConnection): Promise<void> {
  const rows = (await w.runAndReadAll(`SELECT value FROM skein_meta WHERE key = 'schema_version'`)).getRowsJS() as [string][];
  if (rows.length === 0) {
    await w.run(`INSERT INTO skein_meta VALUES ('schema_version', '${SCHEMA_VERSION}')`);
    return;
  }
  if (rows[0]![0] !== SCHEMA_VERSION) {
    throw new SkeinError('SKEIN_ERR_STORE_FAILED', `the data directory holds schema version ${rows[0]![0]}; this Skein reads version ${SCHEMA_VERSION}`);
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

const walBytes = (databaseFile: string): number => fileSize(`${databaseFile}.wal`);

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import { isSkeinError, SkeinError, type Span } from '@skein/model';
import type {
  DependencyLink,
  DependencyQuery,
  Operation,
  OperationQuery,
  SpanOutline,
  RetentionPolicy,
  RetentionResult,
  ServiceGraph,
  ServiceGraphQuery,
  StoreStats,
  TraceQuery,
  TraceRef,
  TraceStore,
} from '../trace-store.js';
import { dayNameOfNumber, dayNumberOfNanos, isDayExpired } from '../semantics/partition-day.js';
import { ConnectionPool } from './connection-pool.js';
import { Registries } from './registries.js';
import { fileSize, liveDataBytes, walBytes } from './disk-usage.js';
import { attributeKeys, attributeValues, dependencies, operations, remoteServices, services, type StoreView } from './catalog-queries.js';
import { checkSchemaVersion, createSpansTableSql, createTracesTableSql, dayOfTable, GLOBAL_SCHEMA, spansTable, tracesTable } from './schema.js';
import { SerialQueue } from './serial-queue.js';
import { serviceGraph } from './service-graph-queries.js';
import { insertSpansSql, insertTraceRangesSql, SpanInsertColumns, traceRanges } from './span-insert.js';
import { SPAN_READ_LIST, SPAN_SELECT_LIST, spansFromColumns, traceIdHex } from './span-rows.js';
import { OUTLINE_READ_LIST, OUTLINE_SELECT_LIST, outlinesFromColumns } from './span-outline-rows.js';
import { bigintLiteral, SqlParams, uhugeintLiteral } from './sql-params.js';
import { spanConditionSql, traceSortSql, type SearchLookups } from './trace-search-sql.js';

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

/** Up to this many (trace, day) pairs, getTraces reads each trace with its own time range. */
const PER_TRACE_BRANCHES = 64;
/** Trace ids travel as 32 lowercase hex chars; anything else cannot be stored, so finds nothing. */
const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;

/**
 * The embedded TraceStore: one DuckDB file per data directory, one table pair per UTC day (see
 * schema.ts). Writes go through one serial queue on one connection, each batch a single
 * transaction that resolves after COMMIT: DuckDB writes the WAL entry and fsyncs it before
 * COMMIT returns (WriteAheadLog::Flush → Sync, called from DuckTransaction::Commit), so a batch
 * that resolved survives kill -9. Reads run concurrently on a small connection pool.
 */
export class DuckDbTraceStore implements TraceStore {
  private readonly writes = new SerialQueue();
  private readonly registries = new Registries();
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
    await this.registries.load(this.writer);
    const tables = await this.writer.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'`);
    const days = new Set<number>();
    for (const [name] of tables.getRowsJS() as [string][]) {
      const day = dayOfTable(name);
      if (day !== undefined && name.startsWith('spans_')) days.add(day);
    }
    this.days = [...days].sort((a, b) => a - b);
  }

  // ---------------------------------------------------------------- writes

  async writeBatch(spans: readonly Span[]): Promise<void> {
    this.assertOpen();
    if (spans.length === 0) return;
    return this.writes.run(() => this.writeNow(spans));
  }

  private async writeNow(spans: readonly Span[]): Promise<void> {
    const registry = this.registries.batch();
    // Rows go in trace-id order: a batch mixes spans of many traces (each service exports its
    // own), and putting a trace's spans next to each other lets DuckDB run-length encode the
    // 16-byte trace id and read a trace from one place.
    const ordered = [...spans].sort(byTraceThenStart);
    const byDay = new Map<number, { columns: SpanInsertColumns; spans: Span[] }>();
    for (const span of ordered) {
      const day = dayNumberOfNanos(span.startTimeUnixNano);
      let group = byDay.get(day);
      if (!group) byDay.set(day, (group = { columns: new SpanInsertColumns(), spans: [] }));
      group.columns.add(span, registry.ids);
      group.spans.push(span);
    }
    const w = this.writer;
    // A new day's tables get their own small transaction, and the cached insert statements are
    // prepared outside the batch's transaction, so a rolled-back batch never leaves a statement
    // bound to a table that no longer exists. An empty day table left by a failed batch is
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
      await registry.insert(w);
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
    registry.commit();
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

  async getTraceOutline(traceId: string): Promise<SpanOutline[]> {
    const id = traceId.toLowerCase();
    if (!TRACE_ID.test(id)) return [];
    return this.scanTraces([id], OUTLINE_SELECT_LIST, OUTLINE_READ_LIST, '', (columns) => outlinesFromColumns(columns, this.registries));
  }

  async getSpansById(traceId: string, spanId: string): Promise<Span[]> {
    const id = traceId.toLowerCase();
    const sid = spanId.toLowerCase();
    if (!TRACE_ID.test(id) || !SPAN_ID.test(sid)) return [];
    return this.scanTraces([id], SPAN_SELECT_LIST, SPAN_READ_LIST, ` AND span_id = ${BigInt('0x' + sid)}`, (columns) => spansFromColumns(columns, this.registries));
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

  private async readTraces(traceIds: readonly string[]): Promise<Map<string, Span[]>> {
    const ids = [...new Set(traceIds.map((t) => t.toLowerCase()).filter((t) => TRACE_ID.test(t)))];
    const out = new Map<string, Span[]>();
    for (const span of await this.scanTraces(ids, SPAN_SELECT_LIST, SPAN_READ_LIST, '', (columns) => spansFromColumns(columns, this.registries))) {
      const list = out.get(span.traceId);
      if (list) list.push(span);
      else out.set(span.traceId, [span]);
    }
    return out;
  }

  /**
   * Two steps: the `traces_<day>` lookup finds the days a trace has spans in and their start-time
   * range; then only those day tables are read, with the range so DuckDB's zone maps skip row
   * groups that cannot hold the trace. `selectList` names the stored columns read, `readList`
   * reshapes them, and `convert` turns the result columns into rows, ordered by trace then
   * getTrace order.
   */
  private async scanTraces<T>(ids: readonly string[], selectList: string, readList: string, extraCondition: string, convert: (columns: unknown[][]) => T[]): Promise<T[]> {
    this.assertOpen();
    if (ids.length === 0 || this.days.length === 0) return [];
    const days = this.days;
    const idSet = ids.map((t) => uhugeintLiteral(BigInt('0x' + t))).join(', ');
    return this.readers.use(async (c) => {
      const lookup = days
        .map((d) => `SELECT ${d} AS day, trace_id, min(min_start_ns) AS lo, max(max_start_ns) AS hi FROM ${tracesTable(d)} WHERE trace_id IN (${idSet}) GROUP BY trace_id`)
        .join(' UNION ALL ');
      const ranges = (await c.runAndReadAll(lookup)).getRowsJS() as [number, bigint, bigint, bigint][];
      if (ranges.length === 0) return [];
      // Few traces: one branch per (trace, day) with that trace's own time range, so each branch
      // reads only the row groups that can hold it. Many traces: one branch per day.
      const scan =
        ranges.length <= PER_TRACE_BRANCHES
          ? ranges.map(([day, id, lo, hi]) => `SELECT ${selectList} FROM ${spansTable(day)} WHERE trace_id = ${uhugeintLiteral(id)} AND start_ns BETWEEN ${bigintLiteral(lo)} AND ${bigintLiteral(hi)}${extraCondition}`)
          : [...groupRangesByDay(ranges)].map(([day, [lo, hi]]) => `SELECT ${selectList} FROM ${spansTable(day)} WHERE trace_id IN (${idSet}) AND start_ns BETWEEN ${bigintLiteral(lo)} AND ${bigintLiteral(hi)}${extraCondition}`);
      const reader = await c.runAndReadAll(`SELECT ${readList} FROM (${scan.join(' UNION ALL ')}) ORDER BY trace_id, start_ns, span_id, span_bits & 2`);
      return convert(reader.getColumnsJS());
    });
  }

  // ---------------------------------------------------------------- search

  async findTraceIds(query: TraceQuery): Promise<TraceRef[]> {
    this.assertOpen();
    if (query.limit <= 0) return [];
    const params = new SqlParams();
    const condition = spanConditionSql(query, this.searchLookups(), params);
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

  // ---------------------------------------------------------------- catalog (catalog-queries.ts)

  async getServices(): Promise<string[]> {
    return services(this.view());
  }

  async getOperations(query: OperationQuery): Promise<Operation[]> {
    return operations(this.view(), query);
  }

  async getRemoteServices(serviceName: string): Promise<string[]> {
    return remoteServices(this.view(), serviceName);
  }

  async getDependencies(query: DependencyQuery): Promise<DependencyLink[]> {
    return dependencies(this.view(), query);
  }

  async getServiceGraph(query: ServiceGraphQuery): Promise<ServiceGraph> {
    return serviceGraph(this.view(), query);
  }

  async getAttributeKeys(): Promise<string[]> {
    return attributeKeys(this.view());
  }

  async getAttributeValues(key: string, limit?: number): Promise<string[]> {
    return attributeValues(this.view(), key, limit);
  }

  /** What the catalog queries read: the day list, the in-memory registries, a query runner. */
  private view(): StoreView {
    this.assertOpen();
    const { resources, keys, shapes } = this.registries;
    return { days: this.days, resources, keys, shapes, query: (sql, params) => this.query(sql, params) };
  }

  private searchLookups(): SearchLookups {
    const { resources, keys, shapes } = this.registries;
    return {
      resourcesWhere: (p) => resources.idsWhere(p),
      keyId: (k) => keys.lookup(k),
      keyPositions: (k, t) => shapes.positionsOf(k, t),
      shapesWithKey: (k) => shapes.shapesWithKey(k),
    };
  }

  // ---------------------------------------------------------------- retention & stats

  async applyRetention(policy: RetentionPolicy): Promise<RetentionResult> {
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
        while (this.days.length > 0 && (await liveDataBytes(this.writer, this.databaseFile)) > policy.maxBytes) {
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

  async getStats(): Promise<StoreStats> {
    this.assertOpen();
    const days = this.days;
    const counts = days.length === 0 ? 0 : Number((await this.query(`SELECT ${days.map((d) => `(SELECT count(*) FROM ${spansTable(d)})`).join(' + ')}`))[0]![0] as bigint);
    const bytes = await this.readers.use((c) => liveDataBytes(c, this.databaseFile));
    return { spanCount: counts, bytesOnDisk: bytes, partitions: days.map(dayNameOfNumber) };
  }

  /** Writes the WAL into the database file (compressing new data). Used by the bench and tests. */
  async checkpoint(): Promise<void> {
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

/** The start-time range covering every listed trace, per day. */
function groupRangesByDay(ranges: ReadonlyArray<[number, bigint, bigint, bigint]>): Map<number, [bigint, bigint]> {
  const byDay = new Map<number, [bigint, bigint]>();
  for (const [day, , lo, hi] of ranges) {
    const r = byDay.get(day);
    if (!r) byDay.set(day, [lo, hi]);
    else {
      if (lo < r[0]) r[0] = lo;
      if (hi > r[1]) r[1] = hi;
    }
  }
  return byDay;
}

function byTraceThenStart(a: Span, b: Span): number {
  if (a.traceId !== b.traceId) return a.traceId < b.traceId ? -1 : 1;
  return a.startTimeUnixNano < b.startTimeUnixNano ? -1 : a.startTimeUnixNano > b.startTimeUnixNano ? 1 : 0;
}

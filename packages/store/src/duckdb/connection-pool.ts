import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/**
 * Read connections. A DuckDB connection runs one statement at a time, so concurrent queries each
 * take their own; DuckDB's MVCC gives every query a consistent snapshot while the writer commits.
 */
export class ConnectionPool {
  private readonly idle: DuckDBConnection[] = [];
  private readonly waiting: Array<(c: DuckDBConnection) => void> = [];
  private readonly all: DuckDBConnection[] = [];
  private active = 0;
  private drained: (() => void) | undefined;
  private closed = false;

  private constructor() {}

  static async create(instance: DuckDBInstance, size: number): Promise<ConnectionPool> {
    const pool = new ConnectionPool();
    for (let i = 0; i < size; i++) {
      const c = await instance.connect();
      pool.all.push(c);
      pool.idle.push(c);
    }
    return pool;
  }

  async use<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('the connection pool is closed');
    const c = this.idle.pop() ?? (await new Promise<DuckDBConnection>((resolve) => this.waiting.push(resolve)));
    this.active++;
    try {
      return await fn(c);
    } finally {
      this.active--;
      const next = this.waiting.shift();
      if (next) next(c);
      else {
        this.idle.push(c);
        if (this.active === 0) this.drained?.();
      }
    }
  }

  /** Waits for running queries, then disconnects every connection. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.active > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    for (const c of this.all) c.closeSync();
  }
}

import { statSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';

export function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export const walBytes = (databaseFile: string): number => fileSize(`${databaseFile}.wal`);

/**
 * Bytes of live data: used database blocks plus the WAL. The file itself keeps the blocks of
 * dropped days as free space that new data reuses (DuckDB truncates only free space at its end),
 * so this, not the file size, is what a size cap can control.
 */
export async function liveDataBytes(c: DuckDBConnection, databaseFile: string): Promise<number> {
  const rows = (await c.runAndReadAll('SELECT used_blocks, block_size FROM pragma_database_size() WHERE database_name = current_database()')).getRowsJS() as [bigint, bigint][];
  const [used, blockSize] = rows[0] ?? [0n, 0n];
  return Number(used) * Number(blockSize) + walBytes(databaseFile);
}

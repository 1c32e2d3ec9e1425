import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbTraceStore } from './duckdb-trace-store.js';
import { runTraceStoreContract } from '../contract/trace-store-contract.js';

runTraceStoreContract('DuckDbTraceStore', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'skein-duckdb-'));
  const open = () => DuckDbTraceStore.open({ path: dir, readConnections: 2, threads: 1 });
  return {
    store: await open(),
    reopen: open,
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

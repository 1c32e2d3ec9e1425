import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDbTraceStore } from './duckdb-trace-store.js';
import { crashBatch, crashTraceId, SPANS_PER_TRACE, TRACES_PER_BATCH } from './crash-writer.fixture.js';

const writerScript = fileURLToPath(new URL('./crash-writer.fixture.js', import.meta.url));

/** Starts the writer, waits for `acks` acknowledged batches, SIGKILLs it; returns the last ack. */
async function writeThenKill(dir: string, firstBatch: number, acks: number): Promise<number> {
  const child = spawn(process.execPath, [writerScript, dir, String(firstBatch)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let last = -1;
  let buffered = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) last = Number(line);
      if (last >= firstBatch + acks - 1) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', (code) => {
      if (last < firstBatch + acks - 1) reject(new Error(`writer exited early (${code}): ${stderr}`));
    });
  });
  // Acks printed after our read but before the signal landed count too.
  const signal = await exited;
  for (const line of buffered.split('\n')) if (line !== '') last = Number(line);
  assert.equal(signal, 'SIGKILL');
  return last;
}

async function assertBatchesComplete(store: DuckDbTraceStore, firstBatch: number, lastAcked: number): Promise<void> {
  for (let batch = firstBatch; batch <= lastAcked; batch++) {
    const ids = Array.from({ length: TRACES_PER_BATCH }, (_, t) => crashTraceId(batch, t));
    const traces = await store.getTraces(ids);
    assert.equal(traces.length, TRACES_PER_BATCH, `batch ${batch}: traces`);
    for (const spans of traces) assert.equal(spans.length, SPANS_PER_TRACE, `batch ${batch}: spans of ${spans[0]?.traceId}`);
  }
  const sample = firstBatch + 7;
  assert.deepStrictEqual(await store.getTrace(crashTraceId(sample, 3)), crashBatch(sample).filter((s) => s.traceId === crashTraceId(sample, 3)));
  // The batch in flight when the process died is all there or not there at all.
  const inFlight = await store.getTraces(Array.from({ length: TRACES_PER_BATCH }, (_, t) => crashTraceId(lastAcked + 1, t)));
  assert.ok(inFlight.length === 0 || (inFlight.length === TRACES_PER_BATCH && inFlight.every((t) => t.length === SPANS_PER_TRACE)), 'a batch is atomic');
}

test('kill -9 after acknowledged writes loses nothing, twice in a row', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'skein-crash-'));
  try {
    const firstLast = await writeThenKill(dir, 0, 40);
    let store = await DuckDbTraceStore.open({ path: dir });
    await assertBatchesComplete(store, 0, firstLast);
    await store.close();

    // Crash again on top of the recovered database (WAL replay, then more writes).
    const second = 100_000;
    const secondLast = await writeThenKill(dir, second, 30);
    store = await DuckDbTraceStore.open({ path: dir });
    await assertBatchesComplete(store, 0, firstLast);
    await assertBatchesComplete(store, second, secondLast);
    const stats = await store.getStats();
    assert.ok(stats.spanCount >= (firstLast + 1 + secondLast - second + 1) * TRACES_PER_BATCH * SPANS_PER_TRACE);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

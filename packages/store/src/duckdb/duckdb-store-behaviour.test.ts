import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attr, bool, int, isSkeinError, str, type Span } from '@skein/model';
import { DuckDbTraceStore } from './duckdb-trace-store.js';
import { spanOf, traceIdOf } from '../contract/contract-fixtures.js';

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'skein-duckdb-behaviour-'));
  try {
    await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a batch DuckDB refuses is rolled back whole, reported as SKEIN_ERR_STORE_FAILED, and the store keeps working', () =>
  withDir(async (dir) => {
    const store = await DuckDbTraceStore.open({ path: dir });
    try {
      const good = spanOf({ trace: 1, id: 1, service: 'new-service', name: 'ok', startMs: 0, durationMs: 1, attributes: [attr('new.key', str('v'))] });
      const bad: Span = { ...spanOf({ trace: 2, id: 1, service: 'svc', name: 'bad', startMs: 0, durationMs: 1 }), traceId: 'not-hex-not-hex-not-hex-not-hex!' };
      await assert.rejects(store.writeBatch([good, bad]), (err: unknown) => isSkeinError(err) && err.code === 'SKEIN_ERR_STORE_FAILED');
      assert.deepStrictEqual(await store.getTrace(good.traceId), []);
      assert.equal((await store.getStats()).spanCount, 0);
      assert.deepStrictEqual(await store.getServices(), []);
      // The ids the failed batch had allocated (resource, key, shape) are reused cleanly.
      await store.writeBatch([good]);
      assert.deepStrictEqual(await store.getTrace(good.traceId), [good]);
      assert.deepStrictEqual(await store.findTraceIds({ limit: 5, attributes: [{ key: 'new.key', op: '=', value: 'v' }] }).then((r) => r.map((x) => x.traceId)), [good.traceId]);
    } finally {
      await store.close();
    }
  }));

test('after a reopen, new resources, keys and shapes get fresh ids next to the stored ones', () =>
  withDir(async (dir) => {
    const first = spanOf({ trace: 3, id: 1, service: 'a', name: 'x', startMs: 0, durationMs: 1, attributes: [attr('k1', str('v1')), attr('k2', int(2))] });
    let store = await DuckDbTraceStore.open({ path: dir });
    await store.writeBatch([first]);
    await store.close();
    store = await DuckDbTraceStore.open({ path: dir });
    try {
      const second = spanOf({ trace: 4, id: 1, service: 'b', name: 'y', startMs: 1, durationMs: 1, attributes: [attr('k3', bool(true)), attr('k1', str('w'))] });
      const third = spanOf({ trace: 5, id: 1, service: 'a', name: 'z', startMs: 2, durationMs: 1, attributes: [attr('k1', str('v1')), attr('k2', int(3))] });
      await store.writeBatch([second, third]);
      assert.deepStrictEqual(await store.getTraces([first.traceId, second.traceId, third.traceId]), [[first], [second], [third]]);
      assert.deepStrictEqual(await store.getAttributeKeys(), ['k1', 'k2', 'k3', 'service.name']);
      assert.deepStrictEqual(await store.getAttributeValues('k1'), ['v1', 'w']);
      assert.deepStrictEqual(await store.getServices(), ['a', 'b']);
    } finally {
      await store.close();
    }
  }));

test('reads run while writes commit, and see whole batches', () =>
  withDir(async (dir) => {
    const store = await DuckDbTraceStore.open({ path: dir, readConnections: 3 });
    try {
      const batches = Array.from({ length: 20 }, (_, b) =>
        Array.from({ length: 200 }, (_, i) => spanOf({ trace: 100 + b, id: i + 1, service: `svc-${b % 3}`, name: 'op', startMs: b * 10 + i, durationMs: 1, attributes: [attr('batch', int(b))] })),
      );
      const writes = batches.map((batch) => store.writeBatch(batch));
      const reads: Promise<void>[] = [];
      for (let i = 0; i < 40; i++) {
        reads.push(
          (async () => {
            const b = i % batches.length;
            const spans = await store.getTrace(traceIdOf(100 + b));
            assert.ok(spans.length === 0 || spans.length === 200, `trace of batch ${b} is all or nothing, got ${spans.length}`);
            const found = await store.findTraceIds({ limit: 100, attributes: [{ key: 'batch', op: '>=', value: 0 }] });
            assert.ok(found.length <= batches.length);
          })(),
        );
      }
      await Promise.all([...writes, ...reads]);
      assert.equal((await store.getStats()).spanCount, 4000);
      assert.equal((await store.findTraceIds({ limit: 100 })).length, 20);
    } finally {
      await store.close();
    }
  }));

test('a second process cannot open the same data directory while it is in use', () =>
  withDir(async (dir) => {
    const store = await DuckDbTraceStore.open({ path: dir });
    try {
      const { spawnSync } = await import('node:child_process');
      const script = `import('${new URL('./duckdb-trace-store.js', import.meta.url).href}').then(({ DuckDbTraceStore }) => DuckDbTraceStore.open({ path: ${JSON.stringify(dir)} })).then(() => process.exit(0), (e) => { console.error(e.code, e.message); process.exit(3); })`;
      const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
      assert.equal(child.status, 3, child.stderr);
      assert.match(child.stderr, /SKEIN_ERR_STORE_FAILED/);
    } finally {
      await store.close();
    }
  }));

test('getTraces with more traces than the per-trace query plan handles reads them all, in the asked order', () =>
  withDir(async (dir) => {
    const store = await DuckDbTraceStore.open({ path: dir });
    try {
      const spans = Array.from({ length: 150 }, (_, t) => [0, 1].map((i) => spanOf({ trace: 500 + t, id: i + 1, service: 'svc', name: `op${i}`, startMs: t * 1000 + i, durationMs: 1 }))).flat();
      await store.writeBatch(spans);
      // Spans of one trace on two days as well.
      const late = spanOf({ trace: 500, id: 9, service: 'svc', name: 'next day', startMs: 86_400_000, durationMs: 1 });
      await store.writeBatch([late]);
      const ids = Array.from({ length: 150 }, (_, t) => traceIdOf(500 + 149 - t));
      const traces = await store.getTraces(ids);
      assert.equal(traces.length, 150);
      assert.deepStrictEqual(traces.map((t) => t[0]!.traceId), ids);
      assert.deepStrictEqual(traces[149], [spans[0], spans[1], late]);
      assert.ok(traces.slice(0, 149).every((t) => t.length === 2));
    } finally {
      await store.close();
    }
  }));

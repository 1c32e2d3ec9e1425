import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { version as duckdbVersion } from '@duckdb/node-api';
import { DuckDbTraceStore, type TraceQuery } from '@skein/store';
import { RealisticSpanGenerator } from '../payload/realistic-spans.js';

/**
 * Store-level benchmark (not a test): durable writeBatch throughput, bytes on disk per span,
 * and query latency at N stored spans. Run after building:
 *
 *   node packages/bench/dist/store-only/store-bench.js [--spans 1000000] [--batch 10000] [--dir DIR]
 *
 * Prints what it measured with the machine it ran on; no number here is hard-coded.
 */
const { values: args } = parseArgs({
  options: {
    spans: { type: 'string', default: '1000000' },
    batch: { type: 'string', default: '10000' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    // 'end-time': batches mix the spans of many traces, as exporters send them (each service
    // exports its spans when they end); 'trace': whole traces one after another (kinder).
    order: { type: 'string', default: 'end-time' },
    // Query an existing --dir again without writing (to rerun the query part).
    'skip-write': { type: 'boolean', default: false },
  },
});
const totalSpans = Number(args.spans);
const batchSize = Number(args.batch);
const dir = args.dir ?? mkdtempSync(join(tmpdir(), 'skein-store-bench-'));

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const ms = (x: number): string => `${x.toFixed(2)} ms`;

async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM; node ${process.version}; duckdb ${duckdbVersion()}`);
  console.log(`data dir: ${dir}`);
  const store = await DuckDbTraceStore.open({ path: dir });
  // Spans arrive at ~100k/s: traces start 70 µs apart on average (about 10 spans each).
  const generator = new RealisticSpanGenerator({ seed: 42, startNanos: BigInt(Date.now() - 3_600_000) * 1_000_000n, traceGapNanos: 70_000n });
  let sampleTraceIds: string[] = [];
  let written = 0;
  let writeMs = 0;
  let writeCpuMicros = 0;
  let firstBatchSpansPerSec = 0;
  const batchMs: number[] = [];
  while (!args['skip-write'] && written < totalSpans) {
    const spans = generator.nextSpans(batchSize);
    if (args.order === 'end-time') spans.sort((a, b) => (a.endTimeUnixNano < b.endTimeUnixNano ? -1 : a.endTimeUnixNano > b.endTimeUnixNano ? 1 : 0));
    if (sampleTraceIds.length < 200 && written % (totalSpans / 200 | 1) < batchSize) sampleTraceIds.push(spans[0]!.traceId);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    await store.writeBatch(spans);
    const cpu = process.cpuUsage(cpu0);
    writeCpuMicros += cpu.user + cpu.system;
    const dt = performance.now() - t0;
    writeMs += dt;
    batchMs.push(dt);
    if (written === 0) firstBatchSpansPerSec = spans.length / (dt / 1000);
    written += spans.length;
  }
  if (args['skip-write']) {
    written = (await store.getStats()).spanCount;
    const all = await store.findTraceIds({ limit: 1_000_000, sort: 'oldest' });
    sampleTraceIds = all.filter((_, i) => i % Math.max(1, Math.floor(all.length / 100)) === 0).map((r) => r.traceId);
  } else {
  console.log(`\nwrite: ${written} spans in batches of ~${batchSize} (span order: ${args.order})`);
  console.log(`  first batch (empty store): ${firstBatchSpansPerSec.toFixed(0)} spans/s`);
  console.log(`  sustained (all batches, incl. DuckDB's automatic checkpoints): ${(written / (writeMs / 1000)).toFixed(0)} spans/s`);
  console.log(`  CPU (all threads of this process, JS + DuckDB) per span written: ${(writeCpuMicros / written).toFixed(2)} µs → ${(written / (writeCpuMicros / 1e6)).toFixed(0)} spans per CPU-second`);
  console.log(`  batch latency p50 ${ms(quantile(batchMs, 0.5))}, p95 ${ms(quantile(batchMs, 0.95))}, max ${ms(Math.max(...batchMs))}`);
  }

  const t0 = performance.now();
  await store.checkpoint();
  console.log(`\ncheckpoint: ${ms(performance.now() - t0)}`);
  const stats = await store.getStats();
  const file = store.fileBytes();
  console.log(`size: file ${(file / 2 ** 20).toFixed(1)} MiB = ${(file / written).toFixed(1)} B/span; live blocks ${(stats.bytesOnDisk / written).toFixed(1)} B/span (${stats.spanCount} spans)`);

  const traceMs: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const id of sampleTraceIds) {
      const s = performance.now();
      const spans = await store.getTrace(id);
      traceMs.push(performance.now() - s);
      if (spans.length === 0) throw new Error(`trace ${id} not found`);
    }
  }
  console.log(`\ngetTrace (${traceMs.length} lookups): p50 ${ms(quantile(traceMs, 0.5))}, p95 ${ms(quantile(traceMs, 0.95))}`);

  // Queries are relative to the newest span, so a rerun (--skip-write) asks the same questions.
  const newest = (await store.findTraceIds({ limit: 1 }))[0]?.startTimeUnixNano ?? BigInt(Date.now()) * 1_000_000n;
  const now = newest + 60_000_000_000n;
  const searches: Array<[string, TraceQuery]> = [
    ['service + status_code >= 500 + duration >= 100ms, last 2h', { serviceName: 'payments', attributes: [{ key: 'http.response.status_code', op: '>=', value: 500 }], minDurationNanos: 100_000_000n, startTimeMinNanos: now - 7_200_000_000_000n, startTimeMaxNanos: now, limit: 20 }],
    ['service + http.route = /charge + duration >= 50ms, all time', { serviceName: 'payments', attributes: [{ key: 'http.route', op: '=', value: '/charge' }], minDurationNanos: 50_000_000n, limit: 20 }],
    ['service + enduser.id = user-4242, all time', { serviceName: 'frontend', attributes: [{ key: 'enduser.id', op: '=', value: 'user-4242' }], limit: 20 }],
    ['service only, newest 20', { serviceName: 'cart', limit: 20 }],
  ];
  for (const [label, query] of searches) {
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < 10; i++) {
      const s = performance.now();
      found = (await store.findTraceIds(query)).length;
      times.push(performance.now() - s);
    }
    console.log(`search [${label}]: p50 ${ms(quantile(times, 0.5))}, max ${ms(Math.max(...times))} (${found} traces)`);
  }
  const f0 = performance.now();
  const traces = await store.findTraces(searches[0]![1]);
  console.log(`findTraces (whole traces of the first search, ${traces.length} traces): ${ms(performance.now() - f0)}`);
  for (const [label, fn] of [
    ['getServices', () => store.getServices()],
    ['getOperations(frontend)', () => store.getOperations({ serviceName: 'frontend' })],
    ['getDependencies (last 2h)', () => store.getDependencies({ endTimeNanos: now, lookbackNanos: 7_200_000_000_000n })],
    ['getAttributeKeys', () => store.getAttributeKeys()],
    ['getAttributeValues(http.route)', () => store.getAttributeValues('http.route')],
  ] as const) {
    const s = performance.now();
    await fn();
    console.log(`${label}: ${ms(performance.now() - s)}`);
  }
  console.log(`\npeak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  await store.close();
  if (!args.keep && !args.dir) rmSync(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

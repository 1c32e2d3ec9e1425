/**
 * `npm run bench`: Skein's ingest, storage and query numbers on this machine, measured against the
 * real server binary over real HTTP. See BENCH_HELP (bench-options.ts) for the options; the
 * results are printed and written to packages/bench/results/latest.json.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeOtlpJson, decodeOtlpProtobuf } from '@skein/wire';
import { BENCH_HELP, parseBenchOptions, type BenchOptions } from './bench-options.js';
import { measureDecodeThroughput } from './measure/decode-baseline.js';
import { diskUsage } from './measure/disk-usage.js';
import { describeMachine, machineLine } from './measure/machine.js';
import { PayloadPool } from './payload/payload-pool.js';
import { describeIngest, runIngestPhase } from './phases/ingest-phase.js';
import { runWireDecodePhase, wireDecodeTable } from './phases/wire-decode-phase.js';
import { SEARCH_PARAMS, runQueryPhase, sampleKnownTraces } from './phases/query-phase.js';
import type { BenchResults } from './report/bench-results.js';
import { markdownTable, resultRows } from './report/results-table.js';
import { writeResults } from './report/write-results.js';
import { scrapeStoreGauges } from './server/metrics-scrape.js';
import { SkeinProcess } from './server/skein-process.js';
import { runUiPhase } from './ui/ui-bench-phase.js';
import { uiTable, type UiBenchResults } from './ui/ui-bench-results.js';
import { runSdkPhase } from './sdk/sdk-bench-phase.js';
import { sdkTables, type SdkBenchResults } from './sdk/sdk-bench-results.js';

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const mib = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
/** Enough spans for every format to fill many requests, few enough to encode in a second or two. */
const WIRE_DECODE_SPANS = 20_000;
const step = (n: number, text: string): void => console.log(`\n[${n}/8] ${text}`);

async function runBench(options: BenchOptions): Promise<BenchResults> {
  const benchStarted = performance.now();
  const machine = describeMachine();
  console.log(`Skein benchmark, ${new Date().toISOString()}`);
  console.log(`Machine: ${machineLine(machine)}`);
  console.log(`Plan: ${int(options.spans)} spans over OTLP/protobuf, then ${int(options.jsonSpans)} over OTLP/JSON; requests of ≤ ${options.maxSpansPerRequest} spans (whole traces), ${options.concurrency} in flight`);

  step(1, 'Preparing request bodies (before any timing)');
  let t = performance.now();
  // Spans end a minute ago: recent enough for the default 7-day retention, never in the future.
  const timelineEndNanos = (BigInt(Date.now()) - 60_000n) * 1_000_000n;
  const protobufPool = new PayloadPool({ format: 'protobuf', seed: 1, templateCount: options.templates, maxSpansPerRequest: options.maxSpansPerRequest, spans: options.spans, timelineEndNanos, saltOffset: 0 });
  const jsonPool = new PayloadPool({ format: 'json', seed: 2, templateCount: Math.min(options.templates, 32), maxSpansPerRequest: options.maxSpansPerRequest, spans: options.jsonSpans, timelineEndNanos, saltOffset: protobufPool.sends });
  const meanSpansPerRequest = protobufPool.totalSpans / protobufPool.sends;
  console.log(`    ${protobufPool.templateCount} protobuf and ${jsonPool.templateCount} JSON templates in ${((performance.now() - t) / 1000).toFixed(1)} s; mean ${meanSpansPerRequest.toFixed(0)} spans/request`);
  console.log(`    encoded size: protobuf ${protobufPool.bytesPerSpan.toFixed(0)} B/span, JSON ${jsonPool.bytesPerSpan.toFixed(0)} B/span; every send gets unique trace/span ids and its own time slot`);

  step(2, `Decode-only baseline: the same bodies through @skein/wire's decoders, one core, ${options.decodeSeconds} s each`);
  const decode = {
    protobuf: measureDecodeThroughput(protobufPool.templateBodies(), decodeOtlpProtobuf, options.decodeSeconds),
    json: measureDecodeThroughput(jsonPool.templateBodies(), decodeOtlpJson, options.decodeSeconds),
  };
  console.log(`    decodeOtlpProtobuf: ${int(decode.protobuf.spansPerSecond)} spans/s, ${decode.protobuf.megabytesPerSecond.toFixed(0)} MB/s`);
  console.log(`    decodeOtlpJson:     ${int(decode.json.spansPerSecond)} spans/s, ${decode.json.megabytesPerSecond.toFixed(0)} MB/s`);
  const wireSeconds = Math.min(options.decodeSeconds, 1);
  console.log(`    every receiver's decoder on the same ${int(WIRE_DECODE_SPANS)} realistic spans, framed as each format's clients frame them, ${wireSeconds} s each:`);
  const wireDecode = runWireDecodePhase(WIRE_DECODE_SPANS, options.maxSpansPerRequest, wireSeconds);
  console.log(wireDecodeTable(wireDecode).replace(/^/gm, '    '));

  const dataDir = await mkdtemp(join(tmpdir(), 'skein-bench-'));
  let server: SkeinProcess | undefined;
  try {
    step(3, `Durable ingest into the real server (skein all-in-one, DuckDB in ${dataDir})`);
    server = await SkeinProcess.start(dataDir);
    console.log(`  OTLP/protobuf, ${int(protobufPool.sends)} requests to ${server.urls.otlpHttp}/v1/traces`);
    const protobufRun = await runIngestPhase(server, protobufPool, options.concurrency);
    console.log(describeIngest(protobufRun.measurement));
    console.log(`  OTLP/JSON, ${int(jsonPool.sends)} requests`);
    const jsonRun = await runIngestPhase(server, jsonPool, options.concurrency);
    console.log(describeIngest(jsonRun.measurement));

    step(4, 'Stopping the server (SIGTERM: finishes commits, checkpoints the store) and measuring the data directory');
    const gauges = await scrapeStoreGauges(server.urls.query);
    const { peakRssBytes: serverPeakRssBytes } = await server.memory();
    const stopped = await server.stop();
    server = undefined;
    if (stopped.code !== 0) console.log(`    WARNING: skein exited with ${stopped.code ?? stopped.signal}`);
    const disk = await diskUsage(dataDir);
    const acceptedSpans = protobufRun.measurement.acceptedSpans + jsonRun.measurement.acceptedSpans;
    const storedSpans = gauges.storeSpans;
    if (storedSpans !== undefined && storedSpans !== acceptedSpans) console.log(`    WARNING: the store holds ${int(storedSpans)} spans but ${int(acceptedSpans)} were acknowledged`);
    if (disk.bytes === 0) console.log('    WARNING: the data directory is empty after shutdown: the server did not store anything durably, so neither ingest nor storage numbers are real');
    const bytesPerSpan = disk.bytes / (storedSpans ?? acceptedSpans);
    console.log(`    shutdown took ${(stopped.shutdownMs / 1000).toFixed(1)} s; ${disk.files.length} files, ${mib(disk.bytes)} (${mib(disk.allocatedBytes)} allocated) for ${int(storedSpans ?? acceptedSpans)} spans = ${bytesPerSpan.toFixed(1)} B/span`);
    console.log(`    server peak RSS ${mib(serverPeakRssBytes)}`);

    step(5, 'Query latency after a restart on the same data directory');
    t = performance.now();
    server = await SkeinProcess.start(dataDir);
    console.log(`    restarted in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const known = sampleKnownTraces(protobufPool, protobufRun.acknowledged, 1 + 2 * options.traceLookups, 42);
    const queries = await runQueryPhase(server, known, storedSpans ?? acceptedSpans, options.searchRuns);
    console.log(`    first lookup after restart: ${queries.firstLookupAfterRestartMs.toFixed(1)} ms${queries.firstLookupWrong ? ` (WRONG: ${queries.firstLookupWrong})` : ''}`);
    for (const q of [queries.traceByIdSkein, queries.traceByIdJaeger]) {
      console.log(`    trace by id (${q.api}): median ${q.latency.medianMs.toFixed(2)} ms, p95 ${q.latency.p95Ms.toFixed(2)} ms, max ${q.latency.maxMs.toFixed(2)} ms over ${q.latency.count} ids${q.wrongAnswers ? `; ${q.wrongAnswers} WRONG, e.g. ${q.firstWrongAnswer}` : ', all complete'}`);
    }
    console.log(`    search ${queries.search.path}`);
    console.log(`      first ${queries.search.firstRunMs.toFixed(1)} ms, then median ${queries.search.latency.medianMs.toFixed(1)} ms, p95 ${queries.search.latency.p95Ms.toFixed(1)} ms over ${queries.search.latency.count} runs; ${queries.search.tracesFound} traces found`);
    await server.stop();
    server = undefined;

    step(6, 'UI in headless Chromium: first waterfall paint, JS heap and scroll frames for traces of 1k, 10k and 100k spans');
    const ui: UiBenchResults = options.skipUi ? { status: 'skipped', reason: '--skip-ui was given' } : await runUiPhase((line) => console.log(line));
    if (ui.status === 'skipped') console.log(`    !!! UI BENCHMARK SKIPPED: ${ui.reason} !!!`);
    else console.log(uiTable(ui).replace(/^/gm, '    '));

    step(7, 'SDK: @skein/node vs OpenTelemetry JS (span cost, OTLP encode cost, hello-world HTTP throughput), in child processes');
    const sdk: SdkBenchResults = options.skipSdk ? { status: 'skipped', reason: '--skip-sdk was given' } : await runSdkPhase(options.sdk, (line) => console.log(line));
    if (sdk.status === 'skipped') console.log(`    !!! SDK BENCHMARK SKIPPED: ${sdk.reason} !!!`);
    else console.log(sdkTables(sdk).replace(/^/gm, '    '));

    return {
      generatedAt: new Date().toISOString(),
      machine,
      settings: {
        protobufSpans: options.spans,
        jsonSpans: options.jsonSpans,
        concurrency: options.concurrency,
        maxSpansPerRequest: options.maxSpansPerRequest,
        meanSpansPerRequest,
        templatesPerFormat: options.templates,
        protobufBytesPerSpan: protobufPool.bytesPerSpan,
        jsonBytesPerSpan: jsonPool.bytesPerSpan,
        dataDir,
      },
      decode,
      wireDecode,
      ingest: { protobuf: protobufRun.measurement, json: jsonRun.measurement },
      storage: { acceptedSpans, storedSpans, diskBytes: disk.bytes, allocatedDiskBytes: disk.allocatedBytes, bytesPerSpan, shutdownMs: stopped.shutdownMs },
      memory: { serverPeakRssBytes, benchPeakRssBytes: process.resourceUsage().maxRSS * 1024 },
      queries,
      ui,
      sdk,
      totalSeconds: (performance.now() - benchStarted) / 1000,
    };
  } catch (err) {
    if (server) console.error(`\nserver output (tail):\n${server.log().slice(-4000)}`);
    throw err;
  } finally {
    if (server) await server.stop().catch(() => undefined);
    if (!options.keepData) await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2), process.env);
  if (options === 'help') return console.log(BENCH_HELP);
  const results = await runBench(options);
  const rows = resultRows(results);
  step(8, 'Results');
  console.log(`Machine: ${machineLine(results.machine)}`);
  console.log(markdownTable(rows));
  console.log(`\nDecode throughput per wire format (one core):\n${wireDecodeTable(results.wireDecode)}`);
  console.log(`\nUI (headless Chromium${results.ui?.status === 'measured' ? `, ${results.ui.browser}` : ''}):\n${results.ui ? uiTable(results.ui) : 'not run'}`);
  if (results.ui?.status === 'skipped') console.log(`!!! UI BENCHMARK SKIPPED: ${results.ui.reason} !!!`);
  console.log(`\nSDK, @skein/node vs OpenTelemetry JS (same run, same machine):\n${results.sdk ? sdkTables(results.sdk) : 'not run'}`);
  if (results.sdk?.status === 'skipped') console.log(`!!! SDK BENCHMARK SKIPPED: ${results.sdk.reason} !!!`);
  const path = await writeResults(results, rows);
  console.log(`\nWritten to ${path}. Whole run: ${(results.totalSeconds / 60).toFixed(1)} min.`);
  if (options.spans < 10_000_000) {
    const minutes = (10_000_000 / results.ingest.protobuf.spansPerSecond + 1_000_000 / results.ingest.json.spansPerSecond) / 60;
    console.log(`Queries at the 10M target volume: BENCH_SPANS=10000000 npm run bench   (or: npm run bench -- --spans 10M); ingest alone would take ~${minutes.toFixed(0)} min at these rates.`);
  }
  console.log(`Search used: ${SEARCH_PARAMS.toString()}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});

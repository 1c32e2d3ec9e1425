import { DEFAULT_HTTP_SETTINGS, runHttpThroughput } from './http-throughput.js';
import { DEFAULT_MICRO_SETTINGS, runMicroBenchmarks } from './run-micro-benchmarks.js';
import type { SdkBenchOptions } from './sdk-bench-options.js';
import type { SdkBenchResults } from './sdk-bench-results.js';

/**
 * `npm run bench`'s SDK phase: @skein/node against OpenTelemetry JS, all measured in this run.
 * First the micro-benchmarks (span cost and OTLP encode cost, each run in a fresh child
 * process), then hello-world HTTP throughput bare / @skein/node / OpenTelemetry JS, each server
 * in its own process, exporting to a sink process, loaded by autocannon from this one.
 */
export async function runSdkPhase(options: SdkBenchOptions, log: (line: string) => void = console.log): Promise<SdkBenchResults> {
  const started = performance.now();
  let micro;
  if (options.microRounds > 0) {
    log(`  span cost (start + 3 attributes + end + BatchSpanProcessor, dropping exporter) and OTLP protobuf encode cost; ${options.microRounds} interleaved rounds, one fresh process per measurement, best time kept`);
    micro = await runMicroBenchmarks({ ...DEFAULT_MICRO_SETTINGS, rounds: options.microRounds }, log);
  }
  let http;
  if (options.httpRounds > 0) {
    const s = { ...DEFAULT_HTTP_SETTINGS, apps: options.apps, rounds: options.httpRounds, seconds: options.httpSeconds, connections: options.connections };
    log(`  hello-world HTTP throughput (${s.apps.join(', ')}): bare, @skein/node, OpenTelemetry JS interleaved ${s.rounds}×; autocannon ${s.connections} connections, pipelining ${s.pipelining}, ${s.warmupSeconds} s warm-up + ${s.seconds} s each; OTLP/HTTP protobuf to a sink process`);
    http = await runHttpThroughput(s, log);
  }
  return { status: 'measured', seconds: (performance.now() - started) / 1000, ...(micro ? { micro } : {}), ...(http ? { http } : {}) };
}
